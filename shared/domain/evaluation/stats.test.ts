import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RATINGS } from './levels';
import { computeStats, type StatsInputRow } from './stats';

const row = (over: Partial<StatsInputRow>): StatsInputRow => ({
  day: '2026-03-02',
  clerkName: '李娜',
  clerkStaffNumber: '0123',
  windowNumber: '08',
  itemCode: 'A',
  itemName: '事项甲',
  status: 'rated',
  level: 'verySatisfied',
  followUp: null,
  ...over,
});

describe('好差评 statistics (pure)', () => {
  it('counts levels and the rates by their definitions', () => {
    const rows = [
      row({ level: 'verySatisfied' }),
      row({ level: 'satisfied' }),
      row({ status: 'defaulted', level: 'basicallySatisfied' }),
      row({ level: 'dissatisfied', followUp: { replied: true, rectified: true, view: 'satisfied', closed: true } }),
      row({ status: 'pendingReasons', level: 'veryDissatisfied', followUp: { replied: false, rectified: false, view: null, closed: false } }),
      row({ status: 'unrated', level: null }),
      row({ status: 'requested', level: null }),
    ];
    const { total } = computeStats(rows, 'clerk');
    expect(total).toMatchObject({ total: 7, rated: 5, unrated: 1, awaiting: 1, defaulted: 1, pendingReasons: 1, good: 3, bad: 2, followUps: 2, replied: 1, rectified: 1, viewed: 1, satisfiedWithFix: 1, closed: 1 });
    expect(total.levels).toEqual({ verySatisfied: 1, satisfied: 1, basicallySatisfied: 1, dissatisfied: 1, veryDissatisfied: 1 });
    expect(total.goodRate).toBeCloseTo(3 / 5);
    expect(total.badRate).toBeCloseTo(2 / 5);
    expect(total.unratedRate).toBeCloseTo(1 / 6); // awaiting requests are in no rate
    expect(total.replyRate).toBe(0.5);
    expect(total.rectificationRate).toBe(0.5);
    expect(total.fixSatisfactionRate).toBe(1);
  });

  it('a rate with nothing to divide by is null, not 0 % or 100 %', () => {
    const { total } = computeStats([row({ status: 'requested', level: null })], 'day');
    expect(total.goodRate).toBeNull();
    expect(total.unratedRate).toBeNull();
    expect(total.replyRate).toBeNull();
  });

  it('groups by clerk, window, item and day, ordered by key; groups add up to the total', () => {
    const arb = fc.array(
      fc.record({
        day: fc.constantFrom('2026-03-02', '2026-03-03', '2026-04-01'),
        clerkStaffNumber: fc.constantFrom('0001', '0002'),
        windowNumber: fc.constantFrom('01', '08'),
        itemCode: fc.constantFrom('A', 'B', 'C'),
        status: fc.constantFrom('requested', 'rated', 'pendingReasons', 'unrated', 'defaulted' as const),
        level: fc.constantFrom(...RATINGS),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom('clerk', 'window', 'item', 'day' as const), (raw, dimension) => {
        const rows = raw.map((r) => row({ ...r, status: r.status, level: r.status === 'requested' || r.status === 'unrated' ? null : r.level }));
        const { rows: groups, total } = computeStats(rows, dimension);
        expect(groups.map((g) => g.key)).toEqual([...groups.map((g) => g.key)].sort());
        expect(groups.reduce((n, g) => n + g.total, 0)).toBe(total.total);
        expect(groups.reduce((n, g) => n + g.bad, 0)).toBe(total.bad);
        for (const g of groups) expect(g.good + g.bad).toBe(g.rated);
      }),
      { numRuns: 300 },
    );
  });
});
