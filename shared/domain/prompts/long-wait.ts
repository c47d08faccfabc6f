import { MINUTE_MS } from '../service-day/time';

/**
 * "The citizen waited long" (很抱歉,让您久等了). Pure.
 *
 * What counts as long: the window has no queue system wired in, so the
 * terminal judges from what it sees. The citizen now at the counter waited
 * at least as long as the case before theirs ran, if they were already
 * queueing when it started. So the wait is long when
 *  - the previous case at this window ran `thresholdMinutes` or more
 *    (default 20: twice a routine case, the point at which people in the
 *    hall notice the queue standing still), and
 *  - this case opened at most `idleGapMinutes` after it ended (default 10):
 *    after a longer gap the window stood idle, and nobody waited behind it;
 * or, where a queue ticket's wait is known (issued → called), when that
 * wait alone reached the threshold. The ticket is the direct measure, so it
 * is preferred when known.
 */

export interface LongWaitRule {
  thresholdMinutes: number;
  idleGapMinutes: number;
}

export const DEFAULT_LONG_WAIT: LongWaitRule = { thresholdMinutes: 20, idleGapMinutes: 10 };

export interface LongWaitFacts {
  /** When the current case opened (ISO). */
  caseOpenedAt: string;
  /** The last case at this window that ended before this one opened, if any. */
  previous: { openedAt: string; closedAt: string } | null;
  /** Minutes from the queue ticket to the call, when a queue system tells it. */
  ticketWaitMinutes?: number | null;
}

export type LongWait = { source: 'previousCase' | 'ticket'; minutes: number };

export function longWaitFor(facts: LongWaitFacts, rule: LongWaitRule = DEFAULT_LONG_WAIT): LongWait | null {
  const ticket = facts.ticketWaitMinutes;
  if (typeof ticket === 'number' && Number.isFinite(ticket) && ticket >= 0) {
    return ticket >= rule.thresholdMinutes ? { source: 'ticket', minutes: Math.floor(ticket) } : null;
  }
  if (!facts.previous) return null;
  const opened = Date.parse(facts.previous.openedAt);
  const closed = Date.parse(facts.previous.closedAt);
  const now = Date.parse(facts.caseOpenedAt);
  if ([opened, closed, now].some(Number.isNaN)) return null;
  const ran = closed - opened;
  const gap = now - closed;
  // A previous case that ended after this one opened is not "before" it (a clock set back): no claim.
  if (ran < 0 || gap < 0) return null;
  if (ran < rule.thresholdMinutes * MINUTE_MS || gap > rule.idleGapMinutes * MINUTE_MS) return null;
  return { source: 'previousCase', minutes: Math.floor(ran / MINUTE_MS) };
}
