import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { findIdNumbers } from '../../../test/support/byte-search';
import { tempDir } from '../../../test/support/temp-dir';
import type { CounterServices } from '../app/types';
import { CaseService } from '../cases/case-service';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { DATABASE_FILE, openDatabase } from '../storage/database';
import { SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import { call, idNumber, start, writeConfig } from './test-kit';

const running: CounterServices[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

/** A database as a version before encryption left it: auto-vacuum off, the cards in plain JSON, one case open and one closed. */
function legacyDatabase(dataDir: string, ids: string[]): void {
  const file = join(dataDir, DATABASE_FILE);
  const raw = new Database(file);
  raw.pragma('auto_vacuum = NONE');
  raw.exec('CREATE TABLE made_by_an_old_version (a); DROP TABLE made_by_an_old_version');
  raw.close();
  const db = openDatabase(file);
  const items = loadDefaultCatalogue().items;
  const cases = new CaseService({ db, windowNumber: '01', items: () => items }); // no cipher: the old way
  for (const [i, id] of ids.entries()) {
    expect(cases.cardRead({ ...SAMPLE_RESIDENT_CARD, idNumber: id }, '旧版读卡器', { photoBmp: Buffer.from(`photo of ${id}`) }).ok).toBe(true);
    if (i < ids.length - 1) expect(cases.act({ type: 'abandon', reason: 'applicantLeft' }).ok).toBe(true);
  }
  db.close();
}

describe('plain personal data a version before encryption left', () => {
  it('is sealed once at start, and the plain copies are gone from every file of the data directory; the open case still reads', async () => {
    const dataDir = tempDir('counter-legacy-');
    const keyDir = tempDir('counter-legacy-key-');
    const ids = [idNumber(31), idNumber(32), idNumber(33)];
    legacyDatabase(dataDir, ids);
    expect(findIdNumbers(dataDir, ids).length).toBeGreaterThan(0); // the attack works on the old database

    await writeConfig(dataDir, { retention: { cardDays: 30 } });
    const { services, logs } = await start(dataDir, join(keyDir, 'keys'));
    running.push(services);
    expect(logs.some((l) => l.includes('已将 3 件旧办件的明文个人信息加密'))).toBe(true);
    expect(findIdNumbers(dataDir, ids)).toEqual([]);
    expect((await call(services, 'revealIdNumber', { whose: 'applicant' })).idNumber).toBe(ids[2]);
    await running.pop()!.close();
    expect(findIdNumbers(dataDir, ids)).toEqual([]);

    const db = openDatabase(join(dataDir, DATABASE_FILE));
    try {
      expect(db.prepare("SELECT detail FROM audit_log WHERE kind = 'privacy-legacy-sealed'").pluck().all()).toEqual(['cases=3']);
      expect(db.prepare("SELECT count(*) FROM cases WHERE state_json NOT LIKE 'enc1:%' OR applicant_json NOT LIKE 'enc1:%'").pluck().get()).toBe(0);
      // Rewritten once for incremental vacuum, so later purges hand pages back cheaply; every connection zeroes what it deletes.
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });
});
