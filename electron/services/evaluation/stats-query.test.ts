/** The SQL statistics against the pure definitions (shared/domain/evaluation/stats.ts), on generated data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStats, FIX_VIEWS, RATINGS, STATS_DIMENSIONS } from '../../../shared/domain/evaluation';
import { openDatabase } from '../storage/database';
import { insertSeedRows, yearOfRatings, type SeedRow } from './seed';
import { queryStats, statsInputRows } from './stats-query';

const seedRow = fc
  .record({
    day: fc.constantFrom('2026-03-01', '2026-03-02', '2026-03-03', '2026-04-01'),
    clerk: fc.constantFrom({ name: '李娜', staffNumber: '0123' }, { name: '王强', staffNumber: '0456' }),
    windowNumber: fc.constantFrom('01', '08'),
    item: fc.constantFrom({ code: 'A', name: '事项甲' }, { code: 'B', name: '事项乙' }),
    status: fc.constantFrom('requested', 'rated', 'pendingReasons', 'unrated', 'defaulted' as const),
    level: fc.constantFrom(...RATINGS),
    followUp: fc.option(fc.record({ replied: fc.boolean(), rectified: fc.boolean(), view: fc.option(fc.constantFrom(...FIX_VIEWS), { nil: null }), closed: fc.boolean() }), { nil: undefined }),
  })
  .map((r): Omit<SeedRow, 'caseId'> => ({ ...r, level: r.status === 'requested' || r.status === 'unrated' ? null : r.level }));

describe('statistics in SQL', () => {
  it('agree with the pure definitions for every dimension and any date range', () => {
    fc.assert(
      fc.property(fc.array(seedRow, { maxLength: 40 }), fc.constantFrom(...STATS_DIMENSIONS), fc.constantFrom(['2026-03-01', '2026-12-31'], ['2026-03-02', '2026-03-02'], ['2026-03-02', '2026-04-01']), (raw, dimension, [from, to]) => {
        const db = openDatabase(':memory:');
        insertSeedRows(db, raw.map((r, i) => ({ ...r, caseId: `C${i}` })));
        const sql = queryStats(db, dimension, from!, to!);
        const pure = computeStats(statsInputRows(db, from!, to!), dimension);
        expect(sql.rows).toEqual(pure.rows);
        expect(sql.total).toEqual(pure.total);
        db.close();
      }),
      { numRuns: 150 },
    );
  });

  it('gives the expected figures on a known year', () => {
    const db = openDatabase(':memory:');
    const rows = yearOfRatings({ days: 365, perDay: 20 });
    insertSeedRows(db, rows);
    const byClerk = queryStats(db, 'clerk', '2025-01-01', '2025-12-31');
    expect(byClerk.rows.map((r) => r.label)).toEqual(['李娜（0123）', '王强（0456）', '赵敏（0789）']);
    expect(byClerk.total.total).toBe(365 * 20);
    const unrated = rows.filter((r) => r.status === 'unrated').length;
    expect(byClerk.total.unrated).toBe(unrated);
    expect(byClerk.total.unratedRate).toBeCloseTo(unrated / rows.length);
    const byDay = queryStats(db, 'day', '2025-02-01', '2025-02-28');
    expect(byDay.rows).toHaveLength(28);
    expect(byDay.rows[0]!.key).toBe('2025-02-01');
  });
});
