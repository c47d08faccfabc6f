/**
 * Fleet configuration and the things that write config.json (`npm run
 * lead|clerk`, the PIN re-hash after a sign-in): they write this counter's
 * config.json only — never the centre file's values merged into it (that
 * would freeze the centre's values on this counter for good), never the
 * centre file itself — and refuse to change accounts the centre locked.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttemptLimiter, MemoryLockoutStore } from '../../../shared/domain/lead/lockout';
import { strings } from '../../../shared/i18n';
import { tempDir } from '../../../test/support/temp-dir';
import { CENTRE_CONFIG_ENV } from '../config/centre-config';
import { loadConfig } from '../config/config-file';
import { CredentialCheck } from './credential-check';
import { hashPin, verifyPin } from './pin-hash';
import { changeAccounts } from './staff-accounts';

const root = join(__dirname, '..', '..', '..');
const OLD = { N: 1024, r: 8, p: 1 };
const NEW = { N: 2048, r: 8, p: 1 };

function setup(centre: unknown, counter: unknown) {
  const dir = tempDir('counter-centre-writers-');
  const dataDir = join(dir, 'data');
  const centreFile = join(dir, 'centre.json');
  mkdirSync(dataDir);
  writeFileSync(centreFile, JSON.stringify(centre, null, 2));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(counter));
  return { dataDir, centreFile, centreBytes: readFileSync(centreFile), counterFile: join(dataDir, 'config.json') };
}

const savedEnv = process.env[CENTRE_CONFIG_ENV];
afterEach(() => {
  if (savedEnv === undefined) delete process.env[CENTRE_CONFIG_ENV];
  else process.env[CENTRE_CONFIG_ENV] = savedEnv;
});

describe('writers of config.json beside a centre file', { timeout: 60_000 }, () => {
  it('`npm run lead -- add` writes only the counter file: its own values and the new account, nothing of the centre', async () => {
    const { dataDir, centreFile, centreBytes, counterFile } = setup(
      { counter: { centreName: '某某市政务服务中心' }, retention: { cardDays: 2 }, evaluation: { upload: { url: 'https://pj.example.gov.cn/api', token: 'centre-token' } } },
      { counter: { windowNumber: '12' } },
    );
    const ran = spawnSync('npm', ['run', '--silent', 'lead', '--', 'add', '0101', '王组长', '--data-dir', dataDir], {
      cwd: root,
      input: '24681357\n24681357\n',
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, [CENTRE_CONFIG_ENV]: centreFile },
    });
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    const written = JSON.parse(readFileSync(counterFile, 'utf8'));
    expect(Object.keys(written).sort()).toEqual(['counter', 'lead']);
    expect(written.counter).toEqual({ windowNumber: '12' });
    expect(written.lead.accounts.map((a: { staffNo: string }) => a.staffNo)).toEqual(['0101']);
    expect(readFileSync(counterFile, 'utf8')).not.toContain('centre-token');
    expect(readFileSync(centreFile)).toEqual(centreBytes);
    // The counter still runs on the merge: the centre's values, the counter's window and lead.
    const loaded = loadConfig(dataDir, { centreFile });
    expect(loaded.config.counter).toMatchObject({ centreName: '某某市政务服务中心', windowNumber: '12' });
    expect(loaded.config.retention.cardDays).toBe(2);
    expect(await verifyPin('24681357', loaded.config.lead.accounts[0]!.pinHash)).toBe(true);
  });

  it('accounts the centre file locks cannot be changed from this counter: refused, config.json untouched', async () => {
    const centreHash = await hashPin('13572468', OLD);
    const { dataDir, centreFile, centreBytes, counterFile } = setup(
      { locked: ['clerk.accounts'], clerk: { accounts: [{ staffNo: '0342', name: '李四', pinHash: centreHash }] } },
      { counter: { windowNumber: '12' } },
    );
    const before = readFileSync(counterFile);
    const outcome = changeAccounts(dataDir, 'clerk', (accounts) => [...accounts, { staffNo: '0343', name: '王五', pinHash: centreHash }], centreFile);
    expect(outcome).toEqual({ ok: false, message: strings.fleetConfig.accountsLocked('clerk.accounts', centreFile), issues: [] });
    expect(readFileSync(counterFile)).toEqual(before);
    expect(readFileSync(centreFile)).toEqual(centreBytes);
    // A lock on another part of the section leaves the accounts to the counter.
    const { dataDir: other, centreFile: otherCentre, counterFile: otherFile } = setup({ locked: ['clerk.maxFailures'] }, {});
    expect(changeAccounts(other, 'clerk', () => [{ staffNo: '0343', name: '王五', pinHash: centreHash }], otherCentre)).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(otherFile, 'utf8'))).toEqual({ clerk: { accounts: [{ staffNo: '0343', name: '王五', pinHash: centreHash }] } });
  });

  it('a sign-in with a centre account at the old cost writes nothing: no empty list left in config.json to hide the centre accounts', async () => {
    const old = await hashPin('24681357', OLD);
    const account = { staffNo: '0342', name: '李四', pinHash: old };
    const { dataDir, centreFile, centreBytes, counterFile } = setup({ clerk: { accounts: [account] } }, { counter: { windowNumber: '12' } });
    process.env[CENTRE_CONFIG_ENV] = centreFile;
    const before = readFileSync(counterFile);
    const logs: string[] = [];
    const check = new CredentialCheck({ limiter: new AttemptLimiter(new MemoryLockoutStore()), dataDir, cost: NEW, log: (l) => logs.push(l) });
    const accounts = loadConfig(dataDir, { centreFile }).config.clerk.accounts;
    expect(accounts).toEqual([account]);
    const outcome = await check.check({ kind: 'clerk', connection: 'ws:1', staffNo: '0342', pin: '24681357', accounts, policy: { maxFailures: 5, lockoutMinutes: 5 }, wrong: strings.credentials.clerk.wrong });
    expect(outcome).toMatchObject({ ok: true });
    expect(readFileSync(counterFile)).toEqual(before);
    expect(readFileSync(centreFile)).toEqual(centreBytes);
    expect(loadConfig(dataDir, { centreFile }).config.clerk.accounts).toEqual([account]);
  });

  it('a sign-in with the counter’s own account at the old cost re-hashes it into config.json alone, without the centre’s values', async () => {
    const old = await hashPin('24681357', OLD);
    const { dataDir, centreFile, centreBytes, counterFile } = setup(
      { counter: { centreName: '某某市政务服务中心' }, evaluation: { upload: { token: 'centre-token' } } },
      { counter: { windowNumber: '12' }, clerk: { accounts: [{ staffNo: '0342', name: '李四', pinHash: old }] } },
    );
    process.env[CENTRE_CONFIG_ENV] = centreFile;
    const check = new CredentialCheck({ limiter: new AttemptLimiter(new MemoryLockoutStore()), dataDir, cost: NEW });
    const accounts = loadConfig(dataDir, { centreFile }).config.clerk.accounts;
    expect(await check.check({ kind: 'clerk', connection: 'ws:1', staffNo: '0342', pin: '24681357', accounts, policy: { maxFailures: 5, lockoutMinutes: 5 }, wrong: strings.credentials.clerk.wrong })).toMatchObject({ ok: true });
    const written = JSON.parse(readFileSync(counterFile, 'utf8'));
    expect(Object.keys(written).sort()).toEqual(['clerk', 'counter']);
    expect(written.counter).toEqual({ windowNumber: '12' });
    expect(written.clerk.accounts[0].pinHash).not.toBe(old);
    expect(await verifyPin('24681357', written.clerk.accounts[0].pinHash)).toBe(true);
    expect(readFileSync(centreFile)).toEqual(centreBytes);
  });
});
