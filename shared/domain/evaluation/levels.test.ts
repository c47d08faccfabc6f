import { describe, expect, it } from 'vitest';
import { RATINGS } from '../case/vocabulary';
import { isBadRating, levelCode, levelFromCode } from './levels';

describe('level codes', () => {
  it('national (GB/T 39046 A.8): 1 = 非常满意 … 5 = 非常不满意; provincial the other way round', () => {
    expect(RATINGS.map((r) => levelCode(r, 'national'))).toEqual([1, 2, 3, 4, 5]);
    expect(RATINGS.map((r) => levelCode(r, 'provincial'))).toEqual([5, 4, 3, 2, 1]);
    expect(levelCode('verySatisfied', 'national')).toBe(1);
    expect(levelCode('verySatisfied', 'provincial')).toBe(5);
    expect(levelCode('veryDissatisfied', 'provincial')).toBe(1);
  });

  it('maps back, and refuses codes outside 1–5', () => {
    for (const direction of ['national', 'provincial'] as const) {
      for (const r of RATINGS) expect(levelFromCode(levelCode(r, direction), direction)).toBe(r);
      expect(levelFromCode(0, direction)).toBeNull();
      expect(levelFromCode(6, direction)).toBeNull();
      expect(levelFromCode(2.5, direction)).toBeNull();
    }
    expect(levelFromCode(1, 'provincial')).toBe('veryDissatisfied');
  });

  it('差评 is 不满意 and 非常不满意 only', () => {
    expect(RATINGS.filter(isBadRating)).toEqual(['dissatisfied', 'veryDissatisfied']);
  });
});
