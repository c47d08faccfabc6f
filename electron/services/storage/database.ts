import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { strings } from '../../../shared/i18n';
import { migrations as defaultMigrations, type Migration } from './migrations';
import { cacheStatements } from './statement-cache';

export type Db = Database.Database;

/** One database file per terminal. */
export const DATABASE_FILE = 'counter.sqlite';

export class StorageError extends Error {
  override name = 'StorageError';
}

/**
 * How long one statement waits for another connection's lock. better-sqlite3
 * is synchronous: the wait blocks the event loop (devices, sockets, the
 * citizen screen), so it is kept short and a request whose write met a lock
 * is retried asynchronously instead (storage/busy-retry.ts).
 */
export const BUSY_TIMEOUT_MS = 25;

/**
 * The WAL is cut back to this size each time it is reset after a checkpoint,
 * so a burst of writes does not leave a large file behind for good (the
 * periodic TRUNCATE checkpoint of wal-maintenance.ts empties it when idle).
 */
export const WAL_SIZE_LIMIT_BYTES = 1024 * 1024;

/**
 * SQLite's page cache, in KiB: SQLite's own default of 2 MB. better-sqlite3
 * builds SQLite with 16 MB, which the cache fills page by page as the
 * database grows — the terminal's memory rose by the database's growth
 * (≈ 1.5 MB per 100 cases) for its first thousand-odd cases and was never
 * given back (issue 14). The counter's queries touch recent rows and
 * indexes; the rest comes from the OS's file cache as fast (the history
 * bench over 100 000 cases is unchanged).
 */
export const PAGE_CACHE_KIB = 2000;

/**
 * Opens (creating if needed) the terminal's database in WAL mode and brings
 * its schema up to date. WAL keeps a crash mid-write from corrupting the file
 * and lets a diagnostic reader look while the app writes, and readers are
 * never blocked by a writer.
 *
 * Errors are StorageErrors in Chinese with the SQLite (or errno) error as
 * their cause, so callers can tell a lock or a read-only disk from the rest.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = defaultMigrations): Db {
  let db: Db | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    cacheStatements(db); // one compiled statement per SQL text, not one per call (issue 14: memory per case)
    // First, so that every later statement (WAL switch, migrations) waits only briefly for a foreign lock.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // A new database hands its free pages back to the file system on demand (privacy/reclaim.ts); an older one
    // is switched by the one VACUUM after its plain personal data is sealed. No effect once tables exist.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    // What a statement deletes or overwrites is zeroed in the file, not left in free space: purged and
    // re-sealed personal data must not be readable from the database file (privacy/retention.ts).
    db.pragma('secure_delete = ON');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db?.close();
    throw new StorageError(strings.storage.openFailed((error as Error).message), { cause: error });
  }
  try {
    applyMigrations(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Takes the write lock and lets it go at once: proves the database can be
 * written now (not locked by another program, not read-only). Throws the
 * SQLite error (SQLITE_BUSY, SQLITE_READONLY …) when it cannot.
 */
export function checkWritable(db: Db): void {
  db.exec('BEGIN IMMEDIATE');
  db.exec('ROLLBACK');
}

export interface CheckpointResult {
  /** Another connection kept the checkpoint from finishing (it is simply tried again later). */
  busy: boolean;
  /** Frames in the WAL before the checkpoint. */
  walFrames: number;
}

/**
 * Copies the WAL into the database and truncates the WAL file to zero bytes.
 * Waits no longer than the busy timeout for readers or a writer of another
 * program: then it reports busy and leaves the WAL as it is.
 */
export function checkpointWal(db: Db): CheckpointResult {
  const row = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number; log: number; checkpointed: number } | undefined;
  return { busy: (row?.busy ?? 0) !== 0, walFrames: Math.max(0, row?.log ?? 0) };
}

/** Closes the database after a last checkpoint, so the WAL does not outlive the terminal (best effort). */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    checkpointWal(db);
  } catch {
    // A lock or a read-only disk: SQLite checkpoints at the next open.
  }
  db.close();
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each pending migration in its own transaction, in order. */
export function applyMigrations(db: Db, migrations: readonly Migration[]): number {
  const known = migrations.length === 0 ? 0 : Math.max(...migrations.map((m) => m.version));
  const current = schemaVersion(db);
  if (current > known) throw new StorageError(strings.storage.newerThanApp(current, known));

  const pending = [...migrations].filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const migration of pending) {
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        migration.after?.(db);
        db.pragma(`user_version = ${migration.version}`);
      })();
    } catch (error) {
      throw new StorageError(strings.storage.migrationFailed(migration.version, (error as Error).message), { cause: error });
    }
  }
  return pending.length;
}
