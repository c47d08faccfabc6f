/**
 * Issue 10, evidence: a signature is written durably before the counter says
 * 已签名. The process that kept it is killed (SIGKILL) right after save()
 * returned, its database still open and its WAL not checkpointed; on reopening,
 * the record is there, whole, and verifies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../electron/services/privacy/field-cipher';
import { penSamples } from '../../electron/services/signatures/test-kit';
import { SignatureStore, type SavedSignature } from '../../electron/services/signatures/signature-store';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';
import { writeDecidedCase } from './decided-case';

const root = join(__dirname, '..', '..');

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

describe('a counter killed right after a signature is kept loses nothing', () => {
  it('kill -9 right after save() returns: the record is there after reopening, and verifies', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('counter-sigcrash-');
    const caseId = writeDecidedCase(dataDir);
    const key = randomBytes(32);

    // node itself with tsx's loader, not the tsx CLI: the CLI runs node as a child, and SIGKILL would not reach it.
    child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/integration/signature-child.ts'), dataDir, key.toString('hex'), caseId], {
      cwd: root,
      env: { ...process.env, TMPDIR: tempDir('counter-sigchild-tmp-') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    let gone = false;
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child!.once('exit', (_code, signal) => {
        gone = true;
        resolve(signal);
      }),
    );
    await until(() => out.includes('\n') || gone, { timeoutMs: 30_000, label: 'the child keeps a signature' });
    expect(gone).toBe(false);
    // The instant the answer is out: nothing after save() returned has had a chance to run.
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    child = undefined;
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
