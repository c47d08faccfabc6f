/**
 * Issue 10, evidence: a signature is written durably before the counter says
 * 已签名. The process that kept it is killed (SIGKILL) right after save()
 * returned, its database still open and its WAL not checkpointed; on reopening,
 * the record is there, whole, and verifies.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../electron/services/privacy/field-cipher';
import { penSamples } from '../../electron/services/signatures/test-kit';
import { SignatureStore, type SavedSignature } from '../../electron/services/signatures/signature-store';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import { tempDir } from '../support/temp-dir';
import { killCrashChildren, runUntilKilled } from '../support/crash-child';
import { writeDecidedCase } from './decided-case';


afterEach(killCrashChildren);

describe('a counter killed right after a signature is kept loses nothing', () => {
  it('kill -9 right after save() returns: the record is there after reopening, and verifies', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('counter-sigcrash-');
    const caseId = writeDecidedCase(dataDir);
    const key = randomBytes(32);

    // Killed the instant the answer is out: nothing after save() returned has had a chance to run.
    const out = await runUntilKilled('test/integration/signature-child.ts', [dataDir, key.toString('hex'), caseId], '\n', 'the child keeps a signature');
    const saved = JSON.parse(/^saved (.*)$/m.exec(out)![1]!) as SavedSignature;

    const db = openDatabase(join(dataDir, DATABASE_FILE));
    try {
      const store = new SignatureStore({ db, cipher: new FieldCipher(key) });
      const stored = store.latestFor(caseId, 'receipt');
      expect(stored).toMatchObject({ id: saved.id, recordSha256: saved.recordSha256, verificationCode: saved.verificationCode, samples: penSamples().map((s) => ({ ...s, hostTime: expect.any(Number) as number })) });
      expect(store.verifyRecord(stored!)).toEqual({ ok: true });
      expect(stored!.png!.subarray(1, 4).toString()).toBe('PNG');
    } finally {
      db.close();
    }
  });
});
