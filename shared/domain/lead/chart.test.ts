import { describe, expect, it } from 'vitest';
import { emptyStatsRow } from '../evaluation';
import { barOf, formatRate, monthRange } from './chart';

describe('barOf', () => {
  it('stacks the levels and 未评 as shares of the cases that have an outcome', () => {
    const row = { ...emptyStatsRow('0342', '李四'), levels: { verySatisfied: 6, satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, veryDissatisfied: 0 }, unrated: 2, awaiting: 5 };
    const bar = barOf(row);
    expect(bar.cases).toBe(10);
    expect(bar.segments.map((s) => [s.part, s.count, s.share])).toEqual([
      ['verySatisfied', 6, 0.6],
      ['satisfied', 1, 0.1],
      ['dissatisfied', 1, 0.1],
      ['unrated', 2, 0.2],
    ]);
    [0, 0.6, 0.7, 0.8].forEach((offset, i) => expect(bar.segments[i]!.offset).toBeCloseTo(offset, 12));
    const end = bar.segments.at(-1)!;
    expect(end.offset + end.share).toBeCloseTo(1, 12);
  });

  it('draws nothing for a row without outcomes (only requests waiting)', () => {
    const waiting = { ...emptyStatsRow('x', 'x'), awaiting: 3 };
    const bar = barOf(waiting);
    expect(bar).toEqual({ key: 'x', label: 'x', cases: 0, segments: [] });
  });
});

describe('formatRate', () => {
  it('one decimal, rounded half up; null is a dash', () => {
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(2 / 3)).toBe('66.7%');
    expect(formatRate(0.0005)).toBe('0.1%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('monthRange', () => {
  it('gives the first and last day of the month, leap years included', () => {
    expect(monthRange('2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
