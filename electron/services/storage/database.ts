import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { strings } from '../../../shared/i18n';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;

/** One database file per terminal. */
export const DATABASE_FILE = 'counter.sqlite';

export class StorageError extends Error {
  override name = 'StorageError';
}

/**
 * Opens (creating if needed) the terminal's database in WAL mode and brings
 * its schema up to date. WAL keeps a crash mid-write from corrupting the file
 * and lets a diagnostic reader look while the app writes.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = defaultMigrations): Db {
  let db: Db;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new StorageError(strings.storage.openFailed((error as Error).message));
  }
  try {
    applyMigrations(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
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
        db.pragma(`user_version = ${migration.version}`);
      })();
    } catch (error) {
      throw new StorageError(strings.storage.migrationFailed(migration.version, (error as Error).message));
    }
  }
  return pending.length;
}
