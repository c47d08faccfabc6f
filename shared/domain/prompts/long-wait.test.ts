import { describe, expect, it } from 'vitest';
import { longWaitFor } from './long-wait';

const rule = { thresholdMinutes: 20, idleGapMinutes: 10 };
const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;

describe('longWaitFor', () => {
  it('is long when the previous case ran the threshold or more and this one followed soon after', () => {
    expect(longWaitFor({ caseOpenedAt: at('10:32'), previous: { openedAt: at('10:00'), closedAt: at('10:30') } }, rule)).toEqual({
      source: 'previousCase',
      minutes: 30,
    });
    expect(longWaitFor({ caseOpenedAt: at('10:20'), previous: { openedAt: at('10:00'), closedAt: at('10:20') } }, rule)).toEqual({
      source: 'previousCase',
      minutes: 20,
    });
  });

  it('is not long when the previous case was shorter than the threshold', () => {
    expect(longWaitFor({ caseOpenedAt: at('10:20'), previous: { openedAt: at('10:00'), closedAt: at('10:19') } }, rule)).toBeNull();
  });

  it('is not long when the window stood idle longer than the gap: nobody waited behind that case', () => {
    expect(longWaitFor({ caseOpenedAt: at('10:40'), previous: { openedAt: at('10:00'), closedAt: at('10:30') } }, rule)).toEqual({
      source: 'previousCase',
      minutes: 30,
    });
    expect(longWaitFor({ caseOpenedAt: at('10:41'), previous: { openedAt: at('10:00'), closedAt: at('10:30') } }, rule)).toBeNull();
  });

  it('makes no claim without a previous case or from times out of order or unreadable', () => {
    expect(longWaitFor({ caseOpenedAt: at('10:00'), previous: null }, rule)).toBeNull();
    expect(longWaitFor({ caseOpenedAt: at('10:20'), previous: { openedAt: at('10:00'), closedAt: at('10:30') } }, rule)).toBeNull();
    expect(longWaitFor({ caseOpenedAt: at('10:40'), previous: { openedAt: at('10:30'), closedAt: at('10:00') } }, rule)).toBeNull();
    expect(longWaitFor({ caseOpenedAt: 'soon', previous: { openedAt: at('10:00'), closedAt: at('10:30') } }, rule)).toBeNull();
  });

  it('prefers a known ticket wait, long or not, over the previous case', () => {
    const previous = { openedAt: at('10:00'), closedAt: at('10:30') };
    expect(longWaitFor({ caseOpenedAt: at('10:31'), previous, ticketWaitMinutes: 25.7 }, rule)).toEqual({ source: 'ticket', minutes: 25 });
    expect(longWaitFor({ caseOpenedAt: at('10:31'), previous, ticketWaitMinutes: 5 }, rule)).toBeNull();
    expect(longWaitFor({ caseOpenedAt: at('10:31'), previous, ticketWaitMinutes: null }, rule)).toEqual({ source: 'previousCase', minutes: 30 });
    expect(longWaitFor({ caseOpenedAt: at('10:31'), previous, ticketWaitMinutes: -3 }, rule)).toEqual({ source: 'previousCase', minutes: 30 });
  });

  it('follows the configured threshold', () => {
    const previous = { openedAt: at('10:00'), closedAt: at('10:15') };
    expect(longWaitFor({ caseOpenedAt: at('10:16'), previous }, { thresholdMinutes: 15, idleGapMinutes: 10 })).toEqual({ source: 'previousCase', minutes: 15 });
    expect(longWaitFor({ caseOpenedAt: at('10:16'), previous })).toBeNull();
  });
});
