import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { until } from '../../../test/support/until';
import { tempDir } from '../../../test/support/temp-dir';
import type { CounterServices } from '../app/types';
import { DATABASE_FILE, openDatabase } from '../storage/database';
import { FileKeyStore, KEY_FILE, defaultKeyDir } from './key-store';
import { openFieldCipher } from './key-setup';
import { call, identifiedCase, idNumber, start, writeConfig } from './test-kit';

const running: CounterServices[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function started(dataDir: string, keyDir: string) {
  const s = await start(dataDir, keyDir);
  running.push(s.services);
  return s;
}

/** What the case rows hold, byte for byte: nothing may change while the key is refused. */
function rows(dataDir: string): unknown[] {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return db.prepare('SELECT id, state_json, applicant_json, agent_json FROM cases ORDER BY id').all();
  } finally {
    db.close();
  }
}

async function problem(services: CounterServices): Promise<string> {
  const snapshot = (await services.handle('getSnapshot', {})) as { ok: true; result: Snapshot };
  return snapshot.result.storage?.problem?.message ?? '';
}

describe('the field key', () => {
  it('is made on first start outside the data directory, readable only through its file, and named in the log', async () => {
    const dataDir = tempDir('counter-key-data-');
    const keyDir = join(tempDir('counter-key-home-'), 'keys');
    await writeConfig(dataDir);
    const { logs } = await started(dataDir, keyDir);
    const keyFile = join(keyDir, KEY_FILE);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(logs.some((l) => l.includes(keyFile))).toBe(true);
    // Nothing key-like in the data directory: its copy opens nothing.
    const key = readFileSync(keyFile, 'utf8').trim();
    const db = readFileSync(join(dataDir, DATABASE_FILE));
    expect(db.includes(Buffer.from(key))).toBe(false);
    expect(db.includes(Buffer.from(key, 'base64'))).toBe(false);
  });

  it('defaults to the OS user configuration folder, overridden by COUNTER_KEY_DIR', () => {
    expect(defaultKeyDir({ XDG_CONFIG_HOME: '/home/c/.config' }, 'linux', '/home/c')).toBe('/home/c/.config/counter-terminal/keys');
    expect(defaultKeyDir({}, 'linux', '/home/c')).toBe('/home/c/.config/counter-terminal/keys');
    expect(defaultKeyDir({ LOCALAPPDATA: 'C:\\Users\\c\\AppData\\Local' }, 'win32', 'C:\\Users\\c')).toContain('counter-terminal');
    expect(defaultKeyDir({ COUNTER_KEY_DIR: '/srv/keys' }, 'linux', '/home/c')).toBe('/srv/keys');
  });

  it('missing while sealed data exists: refused in Chinese, no new key, nothing changed; put back, the counter comes up with the case intact', async () => {
    const dataDir = tempDir('counter-key-data-');
    const keyDir = tempDir('counter-key-home-');
    await writeConfig(dataDir);
    const first = await started(dataDir, keyDir);
    const applicantId = idNumber(1);
    await identifiedCase(first.services, applicantId);
    await running.pop()!.close();
    const before = rows(dataDir);
    expect(JSON.stringify(before)).not.toContain(applicantId);

    const keyFile = join(keyDir, KEY_FILE);
    const aside = join(tempDir('counter-key-aside-'), KEY_FILE);
    renameSync(keyFile, aside); // the attack / the accident: the key file is gone
    const second = await started(dataDir, keyDir);
    await until(() => second.logs.some((l) => l.includes('找不到个人信息加密密钥')));
    expect(await problem(second.services)).toMatch(/找不到个人信息加密密钥.*不会生成新密钥/);
    const refused = await second.services.handle('caseAction', { action: { type: 'abandon', reason: 'other' } }, { connection: 't', role: 'clerk' });
    expect(refused.ok).toBe(false);
    expect(existsSync(keyFile)).toBe(false);
    expect(rows(dataDir)).toEqual(before);

    renameSync(aside, keyFile); // IT restores it from the backup: no restart
    await until(() => second.logs.includes(strings.storageHealth.log.recovered), { timeoutMs: 5000 });
    const revealed = await call(second.services, 'revealIdNumber', { whose: 'applicant' });
    expect(revealed.idNumber).toBe(applicantId);
  });

  it("another counter's key: refused, the key file is not replaced, nothing changed", async () => {
    const dataDir = tempDir('counter-key-data-');
    const keyDir = tempDir('counter-key-home-');
    await writeConfig(dataDir);
    await identifiedCase((await started(dataDir, keyDir)).services, idNumber(2));
    await running.pop()!.close();
    const before = rows(dataDir);
    const foreign = `${randomBytes(32).toString('base64')}\n`;
    writeFileSync(join(keyDir, KEY_FILE), foreign);

    const second = await started(dataDir, keyDir);
    await until(() => second.logs.some((l) => l.includes('不匹配')));
    expect(await problem(second.services)).toMatch(/密钥.*与本机数据库不匹配/);
    expect(readFileSync(join(keyDir, KEY_FILE), 'utf8')).toBe(foreign);
    expect(rows(dataDir)).toEqual(before);
  });

  it('two processes of the account starting at once end up with one key, neither replacing the other', async () => {
    const keyDir = tempDir('counter-key-home-');
    const [a, b] = [openDatabase(join(tempDir('counter-key-a-'), DATABASE_FILE)), openDatabase(join(tempDir('counter-key-b-'), DATABASE_FILE))];
    try {
      const [ca, cb] = await Promise.all([openFieldCipher(a, new FileKeyStore(keyDir), () => {}), openFieldCipher(b, new FileKeyStore(keyDir), () => {})]);
      expect(ca.keyId).toBe(cb.keyId);
      expect(readdirSync(keyDir)).toEqual([KEY_FILE]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('unreadable or damaged: refused with the path, never overwritten', async () => {
    const dataDir = tempDir('counter-key-data-');
    const keyDir = tempDir('counter-key-home-');
    await writeConfig(dataDir);
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    try {
      // A directory where the file should be (root reads any file: this is what refuses a read here).
      mkdirSync(join(keyDir, KEY_FILE));
      await expect(openFieldCipher(db, new FileKeyStore(keyDir), () => {})).rejects.toThrow(/无法读取个人信息加密密钥/);
      rmSync(join(keyDir, KEY_FILE), { recursive: true });
      writeFileSync(join(keyDir, KEY_FILE), 'not a key\n');
      await expect(openFieldCipher(db, new FileKeyStore(keyDir), () => {})).rejects.toThrow(/密钥文件已损坏/);
      expect(readFileSync(join(keyDir, KEY_FILE), 'utf8')).toBe('not a key\n');
    } finally {
      db.close();
    }
  });
});
