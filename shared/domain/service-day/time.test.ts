import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atTimeOfDay,
  clip,
  formatTimeOfDay,
  isTimeOfDay,
  localDayKey,
  minutesOfDay,
  subtract,
  toMinutes,
  totalMs,
  union,
  type Interval,
} from './time';

describe('times of day', () => {
  it('accepts 24-hour HH:MM only', () => {
    for (const ok of ['00:00', '09:05', '12:00', '17:30', '23:59']) expect(isTimeOfDay(ok), ok).toBe(true);
    for (const bad of ['9:05', '24:00', '12:60', '12:5', '1230', '12：30', ' 12:30', '']) expect(isTimeOfDay(bad), bad).toBe(false);
  });

  it('converts to minutes and to the instant on a given local day', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('17:30')).toBe(1050);
    expect(() => minutesOfDay('25:00')).toThrow(RangeError);
    const day = new Date(2025, 10, 24, 8, 47, 13);
    const closing = atTimeOfDay(day, '17:30');
    expect([closing.getFullYear(), closing.getMonth(), closing.getDate(), closing.getHours(), closing.getMinutes(), closing.getSeconds()]).toEqual([
      2025, 10, 24, 17, 30, 0,
    ]);
  });

  it('formats the local day and time', () => {
    const t = new Date(2026, 0, 5, 7, 3);
    expect(localDayKey(t)).toBe('2026-01-05');
    expect(formatTimeOfDay(t)).toBe('07:03');
  });
});

describe('interval arithmetic', () => {
  const i = (start: number, end: number): Interval => ({ start, end });

  it('merges overlapping and touching spans and drops empty ones', () => {
    expect(union([i(5, 7), i(0, 2), i(1, 3), i(3, 4), i(9, 9)])).toEqual([i(0, 4), i(5, 7)]);
  });

  it('clips to a window', () => {
    expect(clip([i(0, 10), i(20, 30)], i(5, 25))).toEqual([i(5, 10), i(20, 25)]);
    expect(clip([i(0, 4)], i(5, 25))).toEqual([]);
  });

  it('subtracts holes, splitting spans', () => {
    expect(subtract([i(0, 10)], [i(2, 3), i(5, 7)])).toEqual([i(0, 2), i(3, 5), i(7, 10)]);
    expect(subtract([i(0, 10)], [i(-5, 20)])).toEqual([]);
    expect(subtract([i(0, 10)], [])).toEqual([i(0, 10)]);
  });

  it('rounds to whole minutes, never negative', () => {
    expect(toMinutes(29_999)).toBe(0);
    expect(toMinutes(30_000)).toBe(1);
    expect(toMinutes(90 * 60_000)).toBe(90);
    expect(toMinutes(-5_000)).toBe(0);
  });

  const spans = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 200 })).map(([s, len]) => i(s, s + len)),
    { maxLength: 12 },
  );

  it('union covers exactly the same points (property)', () => {
    fc.assert(
      fc.property(spans, fc.integer({ min: 0, max: 1200 }), (input, point) => {
        const inInput = input.some((s) => point >= s.start && point < s.end);
        const merged = union(input);
        const inMerged = merged.some((s) => point >= s.start && point < s.end);
        expect(inMerged).toBe(inInput);
        for (let k = 1; k < merged.length; k++) expect(merged[k]!.start).toBeGreaterThan(merged[k - 1]!.end);
      }),
    );
  });

  it('what is kept plus what is removed is the whole (property)', () => {
    fc.assert(
      fc.property(spans, spans, (a, holes) => {
        const kept = subtract(a, holes);
        const removed = union(a).flatMap((s) => holes.map((h) => ({ start: Math.max(s.start, h.start), end: Math.min(s.end, h.end) })));
        expect(totalMs(kept) + totalMs(removed)).toBe(totalMs(a));
      }),
    );
  });
});
