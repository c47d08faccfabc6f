/**
 * The lock-out entries kept in the database (migration 12), so that
 * restarting the counter does not clear a lock or a failure count.
 *
 * Memory is authoritative while the counter runs: every entry is read once
 * at start, and each change is written through. A write that fails (another
 * program holds the database) is logged and written with the next change;
 * the attempt itself is still counted in memory, never let through.
 *
 * Connection entries are not kept across a restart: connection names are
 * reused by the next process (the global limit covers a guesser who
 * reconnects). Entries that are neither locked nor recent are dropped at
 * start, so the table stays small; locked ones are never dropped.
 */
import type { LockoutEntry, LockoutStore } from '../../../shared/domain/lead/lockout';
import { STAFF_WINDOW_MS } from '../../../shared/domain/lead/lockout';
import { explainError } from '../errors/system-error';
import type { Db } from '../storage/database';

const MAX_KEPT = 2000;

interface Row {
  key: string;
  failures: number;
  first_failure_at: number;
  locked_until: number;
}

export class PersistedLockoutStore implements LockoutStore {
  private readonly entries = new Map<string, LockoutEntry>();
  /** Keys whose latest change is not in the database yet (null: deleted). */
  private readonly unwritten = new Map<string, LockoutEntry | null>();

  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void = () => {},
    now = Date.now(),
  ) {
    try {
      db.prepare("DELETE FROM credential_lockouts WHERE key LIKE 'conn:%' OR (locked_until <= ? AND first_failure_at < ?)").run(now, now - STAFF_WINDOW_MS);
    } catch (error) {
      this.log(`验证锁定记录清理失败（下次启动再清理）：${explainError(error).original}`);
    }
    for (const row of db.prepare('SELECT key, failures, first_failure_at, locked_until FROM credential_lockouts').all() as Row[]) {
      if (row.key.startsWith('conn:')) continue;
      this.entries.set(row.key, { failures: row.failures, firstFailureAt: row.first_failure_at, lockedUntil: row.locked_until });
    }
  }

  get(key: string): LockoutEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: LockoutEntry, now: number): void {
    this.entries.set(key, entry);
    this.write(key, entry);
    // Bounded however long the counter runs: old counts that locked nothing go, locks stay.
    if (this.entries.size <= MAX_KEPT) return;
    for (const [k, e] of this.entries) if (e.lockedUntil <= now && e.firstFailureAt < now - STAFF_WINDOW_MS) this.delete(k);
  }

  delete(key: string): void {
    if (!this.entries.delete(key) && !this.unwritten.has(key)) return;
    this.write(key, null);
  }

  private write(key: string, entry: LockoutEntry | null): void {
    this.unwritten.set(key, entry);
    if (key.startsWith('conn:')) {
      this.unwritten.delete(key);
      return;
    }
    try {
      const upsert = this.db.prepare(
        'INSERT INTO credential_lockouts (key, failures, first_failure_at, locked_until) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, first_failure_at = excluded.first_failure_at, locked_until = excluded.locked_until',
      );
      const remove = this.db.prepare('DELETE FROM credential_lockouts WHERE key = ?');
      this.db.transaction(() => {
        for (const [k, e] of this.unwritten) {
          if (e) upsert.run(k, e.failures, e.firstFailureAt, e.lockedUntil);
          else remove.run(k);
        }
      })();
      this.unwritten.clear();
    } catch (error) {
      this.log(`验证失败计数未能写入数据库（已在内存中计数，下次变更时再写）：${explainError(error).original}`);
    }
  }
}
