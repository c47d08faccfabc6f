import { z } from 'zod';
import { RATINGS } from '../case/vocabulary';

/**
 * The five national levels of 好差评, one internal enum (RATINGS, best
 * first) and explicit code mappings at every boundary: GB/T 39046 A.8 counts
 * 1 = 非常满意 … 5 = 非常不满意, some provincial reporting interfaces the
 * other way round. Nothing outside this file turns a level into a number.
 */

export type Rating = (typeof RATINGS)[number];
export { RATINGS };

/** 差评: 不满意 and 非常不满意. The rest are 好评. */
export const BAD_RATINGS: readonly Rating[] = ['dissatisfied', 'veryDissatisfied'];

export function isBadRating(level: Rating): boolean {
  return BAD_RATINGS.includes(level);
}

/** national: GB/T 39046 A.8 (1 = 非常满意); provincial: 1 = 非常不满意. */
export const CODE_DIRECTIONS = ['national', 'provincial'] as const;
export const CodeDirectionSchema = z.enum(CODE_DIRECTIONS);
export type CodeDirection = z.infer<typeof CodeDirectionSchema>;

/** The level code of `level` in the given direction (1–5). */
export function levelCode(level: Rating, direction: CodeDirection): number {
  const i = RATINGS.indexOf(level);
  if (i < 0) throw new RangeError(`unknown level: ${String(level)}`);
  return direction === 'national' ? i + 1 : RATINGS.length - i;
}

/** The level a code stands for in the given direction, or null for a code outside 1–5. */
export function levelFromCode(code: number, direction: CodeDirection): Rating | null {
  if (!Number.isInteger(code) || code < 1 || code > RATINGS.length) return null;
  return RATINGS[direction === 'national' ? code - 1 : RATINGS.length - code]!;
}
