import type Database from 'better-sqlite3';

/** Distinct SQL texts kept prepared; the least recently used is dropped beyond this (SQL built on the fly stays bounded). */
export const STATEMENT_CACHE_SIZE = 256;

/**
 * Makes `db.prepare(sql)` hand back the statement already prepared for the
 * same SQL text instead of compiling it again.
 *
 * Why (issue 14, the server's memory rising with every case): the services
 * prepare their statements where they run them, and every prepare compiles
 * the SQL in SQLite's native memory — about 95 % of all native allocations
 * of a case, ~22,000 of them — which stays held until V8 happens to collect
 * the small JS statement object (V8 does not see that memory, so it feels
 * no pressure to). The churn fragmented the process heap, which grew by
 * about 2 MB per 100 cases and was never returned.
 *
 * A shared statement comes back as a fresh one would: plain row objects
 * (pluck/expand/raw switched off). One still being iterated is never shared.
 * bind() and safeIntegers() are used nowhere in the product: on a shared
 * statement they would change it for every later caller.
 */
export function cacheStatements(db: Database.Database): void {
  const prepareFresh = db.prepare.bind(db) as Database.Database['prepare'];
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    const cached = cache.get(sql);
    if (cached && !cached.busy && asFresh(cached)) {
      cache.delete(sql); // most recently used goes last
      cache.set(sql, cached);
      return cached;
    }
    const statement = prepareFresh(sql);
    if (cached?.busy) return statement; // the cached one is mid-iteration: this caller gets its own
    cache.set(sql, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  };
  Object.assign(db, { prepare });
}

/** Back to plain row objects, as a newly prepared statement returns; false when the database is busy and it cannot be reset now. */
function asFresh(statement: Database.Statement): boolean {
  if (!statement.reader) return true;
  try {
    statement.pluck(false).expand(false).raw(false);
    return true;
  } catch {
    return false;
  }
}
