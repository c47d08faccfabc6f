/**
 * The day summary shown at sign-out, and the arithmetic behind it: time on
 * duty, pauses, extended service after closing time (Guandu 7.1, Zhumadian
 * 28) and lunch duty (Guandu 7.3). Pure: "now" is passed in.
 */
import type { CheckException, DaySummary, PauseView, ServiceHours } from '../../contract/service-day';
import { atTimeOfDay, clip, interval, overlaps, subtract, toMinutes, totalMs, union, type Interval } from './time';

export interface PauseRecord extends PauseView {
  endedAt: string | null;
}

/** One sign-in to sign-out of a clerk at this window. */
export interface SessionRecord {
  clerk: { staffNumber: string; name: string };
  windowNumber: string;
  signedInAt: string;
  openedAt: string | null;
  signedOutAt: string | null;
  autoClosed: boolean;
  pauses: readonly PauseRecord[];
  exceptions: readonly CheckException[];
}

/** A case as the summary sees it: when it ran and how it ended (outcome, or status while it has none). */
export interface CaseSpan {
  openedAt: string;
  closedAt: string | null;
  outcome: string;
}

/** The order outcomes are listed in; anything else follows alphabetically. */
export const OUTCOME_ORDER = ['accept', 'tolerate', 'notify', 'reject', 'closed', 'abandoned', 'open'] as const;

export interface DayArithmetic {
  session: Interval;
  /** Window open and not paused. */
  onDuty: Interval[];
  paused: Interval[];
  /** A case in progress after closing time, pauses excluded. */
  extended: Interval[];
  /** On duty inside the lunch window. */
  lunchDuty: Interval[];
  /** Cases of the session (overlapping it), with their spans clipped to it. */
  cases: { span: Interval; outcome: string }[];
  closingAt: number;
  lunch: Interval;
}

/** The spans of the day; `until` is the sign-out or, while the day runs, now. */
export function dayArithmetic(
  record: SessionRecord,
  cases: readonly CaseSpan[],
  hours: Pick<ServiceHours, 'closingTime' | 'lunchStart' | 'lunchEnd'>,
  now: Date,
): DayArithmetic {
  const until = record.signedOutAt ?? now.toISOString();
  const session = interval(record.signedInAt, until);
  // A session that ends before it starts (clock set back) counts as empty rather than negative.
  if (session.end < session.start) session.end = session.start;
  const day = new Date(record.signedInAt);

  const paused = clip(
    record.pauses.map((p) => interval(p.startedAt, p.endedAt ?? until)),
    session,
  );
  const onDuty = record.openedAt ? subtract(clip([interval(record.openedAt, until)], session), paused) : [];

  const sessionCases = cases
    .map((c) => ({ raw: interval(c.openedAt, c.closedAt ?? until), outcome: c.outcome }))
    .filter(({ raw }) => overlapsInclusive(raw, session))
    .map(({ raw, outcome }) => ({ span: { start: Math.max(raw.start, session.start), end: Math.min(raw.end, session.end) }, outcome }));

  const closingAt = atTimeOfDay(day, hours.closingTime).getTime();
  const afterClosing = { start: closingAt, end: Math.max(closingAt, session.end) };
  const extended = subtract(
    clip(
      union(sessionCases.map((c) => c.span)),
      afterClosing,
    ),
    paused,
  );

  const lunch = interval(atTimeOfDay(day, hours.lunchStart), atTimeOfDay(day, hours.lunchEnd));
  const lunchDuty = clip(onDuty, lunch);

  return { session, onDuty, paused, extended, lunchDuty, cases: sessionCases, closingAt, lunch };
}

/** The summary of a session, as of `now` while it runs. */
export function summariseDay(
  record: SessionRecord,
  cases: readonly CaseSpan[],
  hours: Pick<ServiceHours, 'closingTime' | 'lunchStart' | 'lunchEnd'>,
  now: Date,
): DaySummary {
  const a = dayArithmetic(record, cases, hours, now);
  const until = record.signedOutAt ?? now.toISOString();

  const counts = new Map<string, number>();
  for (const c of a.cases) counts.set(c.outcome, (counts.get(c.outcome) ?? 0) + 1);
  const rank = (outcome: string) => {
    const i = (OUTCOME_ORDER as readonly string[]).indexOf(outcome);
    return i === -1 ? OUTCOME_ORDER.length : i;
  };
  const byOutcome = [...counts.entries()]
    .sort(([x], [y]) => rank(x) - rank(y) || x.localeCompare(y))
    .map(([outcome, count]) => ({ outcome, count }));

  const extendedCases = a.cases.filter((c) => a.extended.some((e) => overlaps(c.span, e))).length;
  const lunchCases = a.cases.filter((c) => a.lunchDuty.some((l) => overlapsInclusive(c.span, l))).length;

  return {
    clerk: { staffNumber: record.clerk.staffNumber, name: record.clerk.name },
    windowNumber: record.windowNumber,
    signedInAt: record.signedInAt,
    openedAt: record.openedAt,
    until,
    autoClosed: record.autoClosed,
    cases: { total: a.cases.length, byOutcome },
    pauses: [...record.pauses]
      .sort((x, y) => x.startedAt.localeCompare(y.startedAt))
      .map((p) => {
        const span = clip([interval(p.startedAt, p.endedAt ?? until)], a.session);
        // A pause still running at sign-out ends with the session; while the day runs it stays open.
        return { ...p, endedAt: p.endedAt ?? record.signedOutAt, minutes: toMinutes(totalMs(span)) };
      }),
    pausedMinutes: toMinutes(totalMs(a.paused)),
    exceptions: [...record.exceptions].sort((x, y) => x.at.localeCompare(y.at)),
    onDutyMinutes: toMinutes(totalMs(a.onDuty)),
    extendedService: { minutes: toMinutes(totalMs(a.extended)), cases: extendedCases },
    lunchDuty: { minutes: toMinutes(totalMs(a.lunchDuty)), cases: lunchCases },
  };
}

/** Overlap that also counts a zero-length span (a case opened and closed in the same instant) lying inside. */
function overlapsInclusive(a: Interval, b: Interval): boolean {
  if (a.start === a.end) return a.start >= b.start && a.start <= b.end;
  return overlaps(a, b);
}

/** Right now: is the clerk serving after closing time with a case in progress (延时服务), or inside the lunch window? */
export function liveFlags(
  hours: Pick<ServiceHours, 'closingTime' | 'lunchStart' | 'lunchEnd'>,
  now: Date,
  caseInProgress: boolean,
): { extendedService: boolean; lunchWindow: boolean } {
  const t = now.getTime();
  const closing = atTimeOfDay(now, hours.closingTime).getTime();
  const lunch = interval(atTimeOfDay(now, hours.lunchStart), atTimeOfDay(now, hours.lunchEnd));
  return { extendedService: caseInProgress && t >= closing, lunchWindow: t >= lunch.start && t < lunch.end };
}

/**
 * Where a session left open past midnight is closed: at closing time of its
 * day, or later if a case of the session ran longer, never after `now`.
 */
export function staleSessionEnd(
  record: Pick<SessionRecord, 'signedInAt' | 'pauses'>,
  lastCaseActivity: string | null,
  hours: Pick<ServiceHours, 'closingTime'>,
  now: Date,
): string {
  const signedIn = new Date(record.signedInAt).getTime();
  const candidates = [atTimeOfDay(new Date(record.signedInAt), hours.closingTime).getTime(), signedIn];
  if (lastCaseActivity) candidates.push(new Date(lastCaseActivity).getTime());
  for (const p of record.pauses) candidates.push(new Date(p.endedAt ?? p.startedAt).getTime());
  return new Date(Math.min(Math.max(...candidates), now.getTime())).toISOString();
}
