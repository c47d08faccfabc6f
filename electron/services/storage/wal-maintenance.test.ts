import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { takeForeignLock, type ForeignLock } from '../../../test/support/foreign-lock';
import { until } from '../../../test/support/until';
import { BUSY_TIMEOUT_MS, checkpointWal, checkWritable, closeDatabase, openDatabase, WAL_SIZE_LIMIT_BYTES, type Db } from './database';
import { startWalMaintenance } from './wal-maintenance';

const dirs: string[] = [];
const open: Db[] = [];
const locks: ForeignLock[] = [];

afterEach(() => {
  for (const lock of locks.splice(0)) lock.kill();
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): { db: Db; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'counter-wal-'));
  dirs.push(dir);
  const file = join(dir, 'counter.sqlite');
  const db = openDatabase(file);
  open.push(db);
  return { db, file };
}

/** A burst of writes, as a busy morning leaves: a few MB of WAL. */
function writeBurst(db: Db): void {
  const insert = db.prepare("INSERT INTO device_events (at, kind, state, reason) VALUES ('2026-01-05T09:00:00Z', 'test', 'ok', ?)");
  for (let i = 0; i < 40; i++) db.transaction(() => insert.run('x'.repeat(50_000)))();
}

const walSize = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

describe('the database under contention', () => {
  it('waits only briefly for a lock and limits the WAL it keeps', () => {
    const { db } = tempDb();
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(BUSY_TIMEOUT_MS).toBeLessThan(100);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(WAL_SIZE_LIMIT_BYTES);
  });

  it('checkWritable fails with SQLITE_BUSY while another process holds the write lock, and passes once it is gone', async () => {
    const { db, file } = tempDb();
    const lock = await takeForeignLock(file);
    locks.push(lock);
    expect(() => checkWritable(db)).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    // Reads go on: WAL readers are not blocked by a writer.
    expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    await lock.release();
    expect(() => checkWritable(db)).not.toThrow();
    expect(db.inTransaction).toBe(false);
  });
});

describe('WAL truncation', () => {
  it('a TRUNCATE checkpoint empties the WAL after a burst of writes', () => {
    const { db, file } = tempDb();
    writeBurst(db);
    expect(walSize(file)).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
    const result = checkpointWal(db);
    expect(result.busy).toBe(false);
    expect(walSize(file)).toBe(0);
    // The data is in the database file.
    expect(db.prepare("SELECT count(*) FROM device_events WHERE kind = 'test'").pluck().get()).toBe(40);
  });

  it('reports busy and leaves the WAL while another process writes, and truncates once it is gone', async () => {
    const { db, file } = tempDb();
    writeBurst(db);
    const lock = await takeForeignLock(file);
    locks.push(lock);
    expect(checkpointWal(db).busy).toBe(true);
    expect(walSize(file)).toBeGreaterThan(0);
    await lock.release();
    expect(checkpointWal(db).busy).toBe(false);
    expect(walSize(file)).toBe(0);
  });

  it('the maintenance truncates on a look that finds the counter idle, not while it writes', async () => {
    const { db, file } = tempDb();
    const logs: string[] = [];
    const maintenance = startWalMaintenance({ db, intervalMs: 20, log: (l) => logs.push(l) });
    try {
      // Writing at every look: never idle, the WAL stays.
      const insert = db.prepare("INSERT INTO device_events (at, kind, state, reason) VALUES ('2026-01-05T09:00:00Z', 'busy', 'ok', ?)");
      const writer = setInterval(() => insert.run('y'.repeat(20_000)), 2);
      await until(() => walSize(file) > 200_000, { timeoutMs: 5000, label: 'the WAL grows while the counter writes' });
      clearInterval(writer);
      // Idle: the next look but one finds no new write and empties the file.
      await until(() => walSize(file) === 0, { timeoutMs: 5000, label: `the WAL truncated when idle (now ${walSize(file)} bytes)` });
      expect(logs).toEqual([]);
    } finally {
      maintenance.stop();
    }
  });

  it('closing the database leaves no WAL behind', () => {
    const { db, file } = tempDb();
    writeBurst(db);
    closeDatabase(db);
    expect(db.open).toBe(false);
    expect(walSize(file)).toBe(0);
  });
});
