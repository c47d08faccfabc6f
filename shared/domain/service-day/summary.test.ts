import { describe, expect, it } from 'vitest';
import type { ServiceHours } from '../../contract/service-day';
import { liveFlags, staleSessionEnd, summariseDay, type CaseSpan, type PauseRecord, type SessionRecord } from './summary';

/** Local wall-clock times on 2025-11-24 (a Monday), as the injected clock: the tests hold in any time zone. */
const at = (h: number, m: number, day = 24) => new Date(2025, 10, day, h, m);
const iso = (h: number, m: number, day = 24) => at(h, m, day).toISOString();

const hours: ServiceHours = { openingTime: '09:00', closingTime: '17:00', lunchStart: '12:00', lunchEnd: '13:30' };

function session(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    clerk: { staffNumber: '0342', name: '李四' },
    windowNumber: '12',
    signedInAt: iso(8, 50),
    openedAt: iso(8, 55),
    signedOutAt: iso(17, 0),
    autoClosed: false,
    pauses: [],
    exceptions: [],
    ...overrides,
  };
}

function pause(from: [number, number], to: [number, number] | null, reason: PauseRecord['reason'] = 'temporaryLeave'): PauseRecord {
  return {
    reason,
    reasonText: '',
    startedAt: iso(...from),
    endedAt: to ? iso(...to) : null,
    expectedReturnAt: null,
    handover: null,
  };
}

const kase = (from: [number, number], to: [number, number] | null, outcome = 'accept'): CaseSpan => ({
  openedAt: iso(...from),
  closedAt: to ? iso(...to) : null,
  outcome,
});

describe('the day summary', () => {
  it('an ordinary day: duty, pauses, lunch break taken, cases by outcome, no extended service', () => {
    const record = session({
      pauses: [pause([10, 0], [10, 15]), pause([12, 0], [13, 20], 'lunchBreak')],
      exceptions: [{ kind: 'printer', state: 'unconfigured', reason: '打印机缺纸，已报信息科', at: iso(8, 52) }],
    });
    const cases = [kase([9, 0], [9, 20], 'accept'), kase([13, 40], [14, 0], 'abandoned'), kase([9, 30], [9, 40], 'notify'), kase([10, 30], [10, 50], 'accept')];
    const summary = summariseDay(record, cases, hours, at(18, 0));

    expect(summary.until).toBe(iso(17, 0));
    expect(summary.onDutyMinutes).toBe(485 - 15 - 80);
    expect(summary.pausedMinutes).toBe(95);
    expect(summary.pauses.map((p) => [p.reason, p.minutes])).toEqual([
      ['temporaryLeave', 15],
      ['lunchBreak', 80],
    ]);
    expect(summary.cases).toEqual({
      total: 4,
      byOutcome: [
        { outcome: 'accept', count: 2 },
        { outcome: 'notify', count: 1 },
        { outcome: 'abandoned', count: 1 },
      ],
    });
    expect(summary.exceptions).toHaveLength(1);
    expect(summary.extendedService).toEqual({ minutes: 0, cases: 0 });
    // Back from lunch at 13:20: ten minutes of the lunch window were on duty.
    expect(summary.lunchDuty).toEqual({ minutes: 10, cases: 0 });
    expect(summary.autoClosed).toBe(false);
  });

  it('extended service: the time a case was in progress after closing, for cases still open at closing and cases taken after it', () => {
    const record = session({ signedOutAt: iso(17, 50) });
    const cases = [kase([16, 40], [17, 25]), kase([17, 30], [17, 45], 'notify'), kase([15, 0], [15, 30])];
    const summary = summariseDay(record, cases, hours, at(18, 0));
    expect(summary.extendedService).toEqual({ minutes: 25 + 15, cases: 2 });
    expect(summary.cases.total).toBe(3);
  });

  it('extended service leaves out a pause taken after closing', () => {
    const record = session({ signedOutAt: iso(17, 45), pauses: [pause([17, 10], [17, 20], 'systemFault')] });
    const summary = summariseDay(record, [kase([16, 50], [17, 40])], hours, at(18, 0));
    expect(summary.extendedService).toEqual({ minutes: 30, cases: 1 });
  });

  it('a case closed exactly at closing time is not extended service', () => {
    const summary = summariseDay(session({ signedOutAt: iso(17, 30) }), [kase([16, 30], [17, 0])], hours, at(18, 0));
    expect(summary.extendedService).toEqual({ minutes: 0, cases: 0 });
  });

  it('while the day runs, counts up to now, a case still open included', () => {
    const record = session({ signedOutAt: null });
    const summary = summariseDay(record, [kase([16, 55], null, 'open')], hours, at(17, 35));
    expect(summary.until).toBe(iso(17, 35));
    expect(summary.extendedService).toEqual({ minutes: 35, cases: 1 });
    expect(summary.cases.byOutcome).toEqual([{ outcome: 'open', count: 1 }]);
  });

  it('lunch duty: on duty through the lunch window, with the cases served then', () => {
    const record = session({ signedInAt: iso(8, 30), openedAt: iso(8, 35) });
    const summary = summariseDay(record, [kase([12, 10], [12, 30]), kase([11, 50], [12, 5]), kase([14, 0], [14, 20])], hours, at(18, 0));
    expect(summary.lunchDuty).toEqual({ minutes: 90, cases: 2 });
  });

  it('lunch duty stops when the clerk pauses for lunch', () => {
    const record = session({ pauses: [pause([12, 30], [13, 30], 'lunchBreak')] });
    const summary = summariseDay(record, [kase([12, 40], [12, 50])], hours, at(18, 0));
    expect(summary.lunchDuty).toEqual({ minutes: 30, cases: 0 });
  });

  it('signed in but never opened: no duty, no lunch duty', () => {
    const summary = summariseDay(session({ openedAt: null, signedOutAt: iso(13, 0) }), [], hours, at(18, 0));
    expect(summary.onDutyMinutes).toBe(0);
    expect(summary.lunchDuty.minutes).toBe(0);
  });

  it("counts only the cases of the session: one carried over from before sign-in, not those of another clerk's session", () => {
    const record = session({ signedInAt: iso(13, 0), openedAt: iso(13, 5), signedOutAt: iso(17, 0) });
    const cases = [kase([12, 50], [13, 10], 'accept'), kase([9, 0], [9, 30], 'reject'), kase([17, 10], [17, 20], 'notify')];
    const summary = summariseDay(record, cases, hours, at(18, 0));
    expect(summary.cases).toEqual({ total: 1, byOutcome: [{ outcome: 'accept', count: 1 }] });
  });

  it('a pause still running at sign-out ends with the session', () => {
    const record = session({ signedOutAt: iso(16, 0), pauses: [pause([15, 30], null, 'training')] });
    const summary = summariseDay(record, [], hours, at(18, 0));
    expect(summary.pauses[0]!.minutes).toBe(30);
    expect(summary.pauses[0]!.endedAt).toBe(iso(16, 0));
    expect(summary.pausedMinutes).toBe(30);
  });

  it('a clock set back never gives negative times', () => {
    const record = session({ signedInAt: iso(9, 0), openedAt: iso(9, 0), signedOutAt: iso(8, 0) });
    const summary = summariseDay(record, [], hours, at(18, 0));
    expect(summary.onDutyMinutes).toBe(0);
    expect(summary.pausedMinutes).toBe(0);
  });

  it('a case opened and closed in the same instant still counts as a case', () => {
    const summary = summariseDay(session(), [kase([12, 15], [12, 15], 'abandoned')], hours, at(18, 0));
    expect(summary.cases.total).toBe(1);
    expect(summary.lunchDuty.cases).toBe(1);
  });

  it('lists outcomes in the order of the decisions, unknown ones last', () => {
    const cases = ['open', 'mystery', 'reject', 'accept', 'tolerate', 'closed', 'abandoned', 'notify'].map((o, k) => kase([9, k], [9, k + 1], o));
    const summary = summariseDay(session(), cases, hours, at(18, 0));
    expect(summary.cases.byOutcome.map((b) => b.outcome)).toEqual(['accept', 'tolerate', 'notify', 'reject', 'closed', 'abandoned', 'open', 'mystery']);
  });
});

describe('live flags', () => {
  it('extended service only after closing with a case in progress; the lunch window is [start, end)', () => {
    const table: [Date, boolean, { extendedService: boolean; lunchWindow: boolean }][] = [
      [at(16, 59), true, { extendedService: false, lunchWindow: false }],
      [at(17, 0), true, { extendedService: true, lunchWindow: false }],
      [at(17, 0), false, { extendedService: false, lunchWindow: false }],
      [at(11, 59), false, { extendedService: false, lunchWindow: false }],
      [at(12, 0), false, { extendedService: false, lunchWindow: true }],
      [at(13, 29), true, { extendedService: false, lunchWindow: true }],
      [at(13, 30), true, { extendedService: false, lunchWindow: false }],
    ];
    for (const [now, caseOpen, expected] of table) expect(liveFlags(hours, now, caseOpen), `${now.toTimeString()} ${caseOpen}`).toEqual(expected);
  });
});

describe('a session left open overnight', () => {
  const record = { signedInAt: iso(8, 30, 23), pauses: [] as PauseRecord[] };
  it('ends at closing time of its day', () => {
    expect(staleSessionEnd(record, null, hours, at(8, 0))).toBe(iso(17, 0, 23));
  });
  it('or when its last case ended, if later', () => {
    expect(staleSessionEnd(record, iso(18, 20, 23), hours, at(8, 0))).toBe(iso(18, 20, 23));
  });
  it('or when its last pause ended, if later', () => {
    const paused = { signedInAt: iso(8, 30, 23), pauses: [pause([17, 30], null)].map((p) => ({ ...p, startedAt: iso(17, 30, 23) })) };
    expect(staleSessionEnd(paused, null, hours, at(8, 0))).toBe(iso(17, 30, 23));
  });
  it('never after now', () => {
    expect(staleSessionEnd({ signedInAt: iso(16, 0, 24), pauses: [] }, null, hours, at(16, 30))).toBe(iso(16, 30));
  });
});
