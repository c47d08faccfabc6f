import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { takeForeignLock, type ForeignLock } from '../../../test/support/foreign-lock';
import { openDatabase, type Db } from './database';
import { retryWhenBusy, waitUntilWritable } from './busy-retry';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('retryWhenBusy', () => {
  it('runs again after SQLITE_BUSY until it succeeds, the event loop running meanwhile', async () => {
    let runs = 0;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    try {
      const result = await retryWhenBusy(() => {
        runs++;
        if (runs < 4) throw busy();
        return 'stored';
      });
      expect(result).toBe('stored');
      expect(runs).toBe(4);
      // The waits were timers, not a blocked loop: the ticker ran between the attempts.
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(ticker);
    }
  });

  it('gives up with the busy error after the deadline', async () => {
    let runs = 0;
    const failing = retryWhenBusy(
      () => {
        runs++;
        throw busy();
      },
      { deadlineMs: 60, delaysMs: [10] },
    );
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(runs).toBeGreaterThan(1);
  });

  it('throws any other error at once, and a busy one the caller may not retry', async () => {
    let runs = 0;
    await expect(
      retryWhenBusy(() => {
        runs++;
        throw new Error('constraint failed');
      }),
    ).rejects.toThrow('constraint failed');
    expect(runs).toBe(1);
    await expect(
      retryWhenBusy(
        () => {
          runs++;
          throw busy();
        },
        { canRetry: () => false },
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(runs).toBe(2);
  });
});

describe('waitUntilWritable', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  const locks: ForeignLock[] = [];
  afterEach(() => {
    for (const lock of locks.splice(0)) lock.kill();
    for (const db of dbs.splice(0)) db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('resolves once another process lets the write lock go, without taking it itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counter-busy-'));
    dirs.push(dir);
    const file = join(dir, 'counter.sqlite');
    const db = openDatabase(file);
    dbs.push(db);
    const lock = await takeForeignLock(file);
    locks.push(lock);
    let writable = false;
    const waiting = waitUntilWritable(db).then(() => (writable = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(writable).toBe(false);
    await lock.release();
    await waiting;
    expect(writable).toBe(true);
    expect(db.inTransaction).toBe(false);
  });
});
