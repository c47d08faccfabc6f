/**
 * The numbers behind the lead's chart: one stacked bar per statistics row,
 * a segment per level and one for 未评, each a share of the cases that have
 * an outcome (rated + 未评; requests still waiting are left out, as in the
 * rates). Pure, so the drawing (renderer/lead) only places rectangles.
 */
import { RATINGS, type Rating } from '../evaluation/levels';

export type BarPart = Rating | 'unrated';
export const BAR_PARTS: readonly BarPart[] = [...RATINGS, 'unrated'];

export interface BarSegment {
  part: BarPart;
  count: number;
  /** Share of the bar's cases, 0…1. */
  share: number;
  /** Where the segment starts, 0…1 (the sum of the shares before it). */
  offset: number;
}

export interface Bar {
  key: string;
  label: string;
  /** rated + 未评. */
  cases: number;
  /** Segments with a count, in level order; their shares add up to 1 (empty when cases is 0). */
  segments: BarSegment[];
}

export interface BarInput {
  key: string;
  label: string;
  levels: Record<Rating, number>;
  unrated: number;
}

export function barOf(row: BarInput): Bar {
  const counts: Array<[BarPart, number]> = [...RATINGS.map((r): [BarPart, number] => [r, row.levels[r] ?? 0]), ['unrated', row.unrated]];
  const cases = counts.reduce((sum, [, n]) => sum + n, 0);
  const segments: BarSegment[] = [];
  let offset = 0;
  for (const [part, count] of counts) {
    if (count === 0 || cases === 0) continue;
    const share = count / cases;
    segments.push({ part, count, share, offset });
    offset += share;
  }
  return { key: row.key, label: row.label, cases, segments };
}

/** A rate as the lead reads it: one decimal, e.g. 96.7%; null (nothing to divide by) is —. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** The first and last day of the month of `today` (YYYY-MM-DD): the default statistics range. */
export function monthRange(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}
