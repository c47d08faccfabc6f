/**
 * 好差评 statistics in SQL, with the definitions of the pure functions of
 * shared/domain/evaluation/stats.ts (the tests hold the two to the same
 * answers). Two aggregate queries per grouping: counts per (group, status,
 * level) over the evaluations of the date range, and the follow-up figures
 * per group; the rates are computed from the counts by the pure `ratesOf`.
 *
 * Speed (a year of a busy window is ~36 000 ratings): each grouping has a
 * covering index that starts with its key (migration 6), so a long range is
 * read in group order without a sort or a table lookup. A short range —
 * less than a fifth of the days on record — is left to the day index.
 */
import type Database from 'better-sqlite3';
import type { EvaluationStats } from '../../../shared/contract';
import {
  emptyCounts,
  groupLabel,
  isBadRating,
  ratesOf,
  RATINGS,
  type EvaluationStatus,
  type FixView,
  type Rating,
  type StatsCounts,
  type StatsDimension,
  type StatsInputRow,
} from '../../../shared/domain/evaluation';
import type { Db } from '../storage/database';
import type { EvaluationRow } from './rows';

const GROUPS: Record<StatsDimension, { key: string; part: string; index: string }> = {
  clerk: { key: 'e.clerk_staff_number', part: 'MIN(e.clerk_name)', index: 'evaluations_by_clerk' },
  window: { key: 'e.window_number', part: "''", index: 'evaluations_by_window' },
  item: { key: 'e.item_code', part: 'MIN(e.item_name)', index: 'evaluations_by_item' },
  day: { key: 'e.day', part: "''", index: 'evaluations_by_day' },
};

interface LevelRow {
  key: string;
  part: string;
  status: EvaluationStatus;
  level: Rating | null;
  n: number;
}

interface FollowRow {
  key: string;
  followUps: number;
  replied: number;
  rectified: number;
  viewed: number;
  satisfiedWithFix: number;
  closed: number;
}

type Range = [string, string];

interface Statements {
  levels: Database.Statement<Range, LevelRow>;
  levelsByKeyIndex: Database.Statement<Range, LevelRow>;
  follow: Database.Statement<Range, FollowRow>;
  followFirst: Database.Statement<Range, FollowRow>;
}

function statements(db: Db, dimension: StatsDimension): Statements {
  const g = GROUPS[dimension];
  const levels = (indexed: boolean) =>
    db.prepare<Range, LevelRow>(
      `SELECT ${g.key} AS key, ${g.part} AS part, e.status AS status, e.level AS level, COUNT(*) AS n
       FROM evaluations e ${indexed ? `INDEXED BY ${g.index}` : ''}
       WHERE e.day BETWEEN ? AND ?
       GROUP BY ${g.key}, e.status, e.level`,
    );
  const follow = (from: string) =>
    db.prepare<Range, FollowRow>(
      `SELECT ${g.key} AS key, COUNT(*) AS followUps,
         SUM(f.callback_at IS NOT NULL) AS replied,
         SUM(f.rectified_at IS NOT NULL) AS rectified,
         SUM(f.fix_view IS NOT NULL) AS viewed,
         SUM(f.fix_view IN ('satisfied', 'basicallySatisfied')) AS satisfiedWithFix,
         SUM(f.status = 'closed') AS closed
       FROM ${from}
       WHERE e.day BETWEEN ? AND ?
       GROUP BY ${g.key}`,
    );
  return {
    levels: levels(false),
    levelsByKeyIndex: levels(true),
    follow: follow('evaluations e JOIN evaluation_follow_ups f ON f.case_id = e.case_id'),
    // Over a long range, the follow-ups (few) are read first — CROSS JOIN keeps that order — and their evaluation looked up.
    followFirst: follow('evaluation_follow_ups f CROSS JOIN evaluations e ON e.case_id = f.case_id'),
  };
}

const cache = new WeakMap<Db, Map<StatsDimension, Statements>>();

function cached(db: Db, dimension: StatsDimension): Statements {
  let byDimension = cache.get(db);
  if (!byDimension) cache.set(db, (byDimension = new Map()));
  let s = byDimension.get(dimension);
  if (!s) byDimension.set(dimension, (s = statements(db, dimension)));
  return s;
}

/** Whether [from, to] covers a large share of the days on record (then the key-ordered index is the faster read). */
function longRange(db: Db, from: string, to: string): boolean {
  // Two statements: SQLite answers a lone MIN() or MAX() from the index end, not both at once.
  const first = db.prepare<[], { day: string | null }>('SELECT MIN(day) AS day FROM evaluations').get()?.day;
  const last = db.prepare<[], { day: string | null }>('SELECT MAX(day) AS day FROM evaluations').get()?.day;
  const span = { first, last };
  if (!span.first || !span.last) return false;
  const start = from > span.first ? from : span.first;
  const end = to < span.last ? to : span.last;
  if (start > end) return false;
  return daysBetween(start, end) * 5 >= daysBetween(span.first, span.last);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Statistics per group of `dimension` for the days [from, to]. */
export function queryStats(db: Db, dimension: StatsDimension, from: string, to: string): EvaluationStats {
  const s = cached(db, dimension);
  const groups = new Map<string, { part: string; counts: StatsCounts }>();
  const group = (key: string, part = '') => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { part, counts: emptyCounts() }));
    return g;
  };
  const long = longRange(db, from, to);
  const levelRows = (long ? s.levelsByKeyIndex : s.levels).all(from, to);
  for (const r of levelRows) {
    const g = group(r.key, r.part);
    if (r.part < g.part) g.part = r.part;
    const c = g.counts;
    c.total += r.n;
    if (r.status === 'requested') c.awaiting += r.n;
    else if (r.status === 'unrated') c.unrated += r.n;
    else if (r.level) {
      c.rated += r.n;
      if (r.status === 'defaulted') c.defaulted += r.n;
      if (r.status === 'pendingReasons') c.pendingReasons += r.n;
      c.levels[r.level] += r.n;
      if (isBadRating(r.level)) c.bad += r.n;
      else c.good += r.n;
    }
  }
  for (const r of (long ? s.followFirst : s.follow).all(from, to)) {
    const c = group(r.key).counts;
    c.followUps += r.followUps;
    c.replied += r.replied;
    c.rectified += r.rectified;
    c.viewed += r.viewed;
    c.satisfiedWithFix += r.satisfiedWithFix;
    c.closed += r.closed;
  }
  const total = emptyCounts();
  const rows = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => {
      add(total, g.counts);
      return { key, label: groupLabel(dimension, key, g.part), ...g.counts, ...ratesOf(g.counts) };
    });
  return { dimension, from, to, rows, total: { key: '', label: '', ...total, ...ratesOf(total) } };
}

function add(into: StatsCounts, c: StatsCounts): void {
  for (const k of Object.keys(c) as Array<keyof StatsCounts>) {
    if (k === 'levels') for (const level of RATINGS) into.levels[level] += c.levels[level];
    else into[k] += c[k];
  }
}

/** The rows the pure statistics take, for the same range (tests, and anyone who wants to recompute). */
export function statsInputRows(db: Db, from: string, to: string): StatsInputRow[] {
  type Joined = EvaluationRow & { f_id: number | null; callback_at: string | null; rectified_at: string | null; fix_view: FixView | null; f_status: string | null };
  return db
    .prepare<[string, string], Joined>(
      `SELECT e.*, f.id AS f_id, f.callback_at, f.rectified_at, f.fix_view, f.status AS f_status
       FROM evaluations e LEFT JOIN evaluation_follow_ups f ON f.case_id = e.case_id WHERE e.day BETWEEN ? AND ?`,
    )
    .all(from, to)
    .map((r) => ({
      day: r.day,
      clerkName: r.clerk_name,
      clerkStaffNumber: r.clerk_staff_number,
      windowNumber: r.window_number,
      itemCode: r.item_code,
      itemName: r.item_name,
      status: r.status,
      level: r.level,
      followUp: r.f_id === null ? null : { replied: r.callback_at !== null, rectified: r.rectified_at !== null, view: r.fix_view, closed: r.f_status === 'closed' },
    }));
}
