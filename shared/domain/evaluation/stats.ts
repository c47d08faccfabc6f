import { isBadRating, RATINGS, type Rating } from './levels';

/**
 * 好差评 statistics as pure functions over rows, so that the SQL of the
 * service (electron/services/evaluation/stats-query.ts) can be checked
 * against them. Definitions:
 *
 * - rated: a level is on record (rated, 差评 awaiting reasons, or the
 *   configured default applied after N days); `defaulted` counts the last.
 * - 未评 (unrated): skipped, or not rated within the configured period.
 *   Requests still waiting (`awaiting`) are in neither and in no rate.
 * - 好评率 = 好评 / rated, 差评率 = 差评 / rated, 未评率 = unrated / (rated + unrated).
 * - follow-up (every 差评 has one): 差评回复率 = called back / 差评,
 *   回访整改率 = rectified / 差评, 回访整改满意率 = citizen satisfied or
 *   basically satisfied with the fix / follow-ups where the citizen's view
 *   was recorded.
 * A rate with a zero denominator is null (not 0 %, not 100 %).
 */

export const EVALUATION_STATUSES = ['requested', 'rated', 'pendingReasons', 'unrated', 'defaulted'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const STATS_DIMENSIONS = ['clerk', 'window', 'item', 'day'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

/** The citizen's view of the rectification, asked on the call back. */
export const FIX_VIEWS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export type FixView = (typeof FIX_VIEWS)[number];

export interface StatsInputRow {
  day: string;
  clerkName: string;
  clerkStaffNumber: string;
  windowNumber: string;
  itemCode: string;
  itemName: string;
  status: EvaluationStatus;
  level: Rating | null;
  followUp: { replied: boolean; rectified: boolean; view: FixView | null; closed: boolean } | null;
}

export interface StatsCounts {
  total: number;
  awaiting: number;
  rated: number;
  unrated: number;
  defaulted: number;
  pendingReasons: number;
  levels: Record<Rating, number>;
  good: number;
  bad: number;
  followUps: number;
  replied: number;
  rectified: number;
  viewed: number;
  satisfiedWithFix: number;
  closed: number;
}

export interface StatsRates {
  goodRate: number | null;
  badRate: number | null;
  unratedRate: number | null;
  replyRate: number | null;
  rectificationRate: number | null;
  fixSatisfactionRate: number | null;
}

export interface StatsRow extends StatsCounts, StatsRates {
  key: string;
  label: string;
}

export function emptyCounts(): StatsCounts {
  return {
    total: 0,
    awaiting: 0,
    rated: 0,
    unrated: 0,
    defaulted: 0,
    pendingReasons: 0,
    levels: Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>,
    good: 0,
    bad: 0,
    followUps: 0,
    replied: 0,
    rectified: 0,
    viewed: 0,
    satisfiedWithFix: 0,
    closed: 0,
  };
}

/** A statistics row with nothing counted (an empty range; test doubles). */
export function emptyStatsRow(key = '', label = ''): StatsRow {
  const counts = emptyCounts();
  return { key, label, ...counts, ...ratesOf(counts) };
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export function ratesOf(c: StatsCounts): StatsRates {
  return {
    goodRate: ratio(c.good, c.rated),
    badRate: ratio(c.bad, c.rated),
    unratedRate: ratio(c.unrated, c.rated + c.unrated),
    replyRate: ratio(c.replied, c.bad),
    rectificationRate: ratio(c.rectified, c.bad),
    fixSatisfactionRate: ratio(c.satisfiedWithFix, c.viewed),
  };
}

/**
 * The group of a row: its key, and the part of the label that may vary
 * between rows of one key (a clerk's name, an item's name) — the smallest
 * is taken, as SQL's MIN() does.
 */
export function groupOf(row: Pick<StatsInputRow, 'day' | 'clerkName' | 'clerkStaffNumber' | 'windowNumber' | 'itemCode' | 'itemName'>, dimension: StatsDimension): { key: string; part: string } {
  switch (dimension) {
    case 'clerk':
      return { key: row.clerkStaffNumber, part: row.clerkName };
    case 'window':
      return { key: row.windowNumber, part: '' };
    case 'item':
      return { key: row.itemCode, part: row.itemName };
    case 'day':
      return { key: row.day, part: '' };
  }
}

/** The label shown for a group. */
export function groupLabel(dimension: StatsDimension, key: string, part: string): string {
  switch (dimension) {
    case 'clerk':
      return `${part}（${key}）`;
    case 'item':
      return part;
    default:
      return key;
  }
}

/** Adds one row to running counts. */
export function addRow(c: StatsCounts, row: StatsInputRow): void {
  c.total++;
  if (row.status === 'requested') c.awaiting++;
  else if (row.status === 'unrated') c.unrated++;
  else if (row.level) {
    c.rated++;
    if (row.status === 'defaulted') c.defaulted++;
    if (row.status === 'pendingReasons') c.pendingReasons++;
    c.levels[row.level]++;
    if (isBadRating(row.level)) c.bad++;
    else c.good++;
  }
  const f = row.followUp;
  if (f) {
    c.followUps++;
    if (f.replied) c.replied++;
    if (f.rectified) c.rectified++;
    if (f.view) c.viewed++;
    if (f.view === 'satisfied' || f.view === 'basicallySatisfied') c.satisfiedWithFix++;
    if (f.closed) c.closed++;
  }
}

/** Statistics per group of `dimension` (ordered by key) and over all rows. */
export function computeStats(rows: readonly StatsInputRow[], dimension: StatsDimension): { rows: StatsRow[]; total: StatsRow } {
  const groups = new Map<string, { part: string; counts: StatsCounts }>();
  const all = emptyCounts();
  for (const row of rows) {
    const { key, part } = groupOf(row, dimension);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { part, counts: emptyCounts() }));
    // One key, several names (a renamed item, a corrected name): the smallest, as SQL's MIN() picks it.
    else if (part < g.part) g.part = part;
    addRow(g.counts, row);
    addRow(all, row);
  }
  const out = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({ key, label: groupLabel(dimension, key, g.part), ...g.counts, ...ratesOf(g.counts) }));
  return { rows: out, total: { key: '', label: '', ...all, ...ratesOf(all) } };
}
