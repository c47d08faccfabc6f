import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterConfigSchema, type StaffAccount } from '../../../shared/contract';
import { AttemptLimiter, CONNECTION_LIMIT, GLOBAL_LIMIT, MemoryLockoutStore, type AttemptLimits } from '../../../shared/domain/lead/lockout';
import { strings } from '../../../shared/i18n';
import { openDatabase, type Db } from '../storage/database';
import { tempDir } from '../../../test/support/temp-dir';
import { CredentialCheck, type CheckRequest } from './credential-check';
import { PersistedLockoutStore } from './persisted-lockouts';
import { hashPin, parsePinHash, verifyPin } from './pin-hash';

const c = strings.credentials;
/** The fixtures hash cheaply (tests only); the check is told the same cheap cost explicitly. */
const CHEAP = { N: 1024, r: 8, p: 1 };
const PIN = '24681357';

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

function openDb(dir: string): Db {
  const db = openDatabase(join(dir, 'counter.sqlite'));
  dbs.push(db);
  return db;
}

let account: StaffAccount;
async function lead(): Promise<StaffAccount> {
  account ??= { staffNo: '0101', name: '王组长', pinHash: await hashPin(PIN, CHEAP) };
  return account;
}

/** A check over the database of `dir`, as counter-services builds it (a second call on the same dir is a restart). */
function checker(dir: string, clock: { now: number }, limits: Partial<AttemptLimits> = {}) {
  const db = openDb(dir);
  const check = new CredentialCheck({ limiter: new AttemptLimiter(new PersistedLockoutStore(db, () => {}, clock.now), limits), now: () => clock.now, cost: CHEAP });
  return { db, check };
}

async function request(staffNo: string, pin: string, connection = 'ws:1'): Promise<CheckRequest> {
  return { kind: 'lead', connection, staffNo, pin, accounts: [await lead()], policy: { maxFailures: 5, lockoutMinutes: 5 }, wrong: c.clerk.wrong };
}

async function lockOut(check: CredentialCheck, staffNo = '0101') {
  for (let i = 0; i < 5; i++) await check.check(await request(staffNo, `1111111${i}`, `ws:lock-${i}`));
}

describe('CredentialCheck: lock-outs that hold', () => {
  it('attack: 600 made-up staff numbers, then the right PIN inside the lock, is refused', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const { check } = checker(tempDir('cred-600-'), clock);
    await lockOut(check);
    for (let i = 0; i < 600; i++) await check.check(await request(`9${String(i).padStart(4, '0')}`, '00000000', `ws:made-up-${i}`));
    clock.now += 60_000;
    const outcome = await check.check(await request('0101', PIN, 'ws:fresh'));
    expect(outcome).toMatchObject({ ok: false });
    expect(outcome.ok).toBe(false);
  });

  it('attack: the same, with the connection and counter limits out of the way: the staff number’s own lock is never evicted', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const wide = { maxFailures: 100_000, windowMs: 60_000, lockoutMs: 60_000 };
    const { check } = checker(tempDir('cred-600-wide-'), clock, { connection: wide, global: wide });
    await lockOut(check);
    for (let i = 0; i < 600; i++) {
      const made = await check.check(await request(`9${String(i).padStart(4, '0')}`, '00000000', 'ws:1'));
      expect(made).toMatchObject({ ok: false, message: c.clerk.wrong(4) });
    }
    expect(await check.check(await request('0101', PIN))).toEqual({ ok: false, message: c.limits.staffLocked(5), lockedOut: false, by: 'staff' });
  });

  it('attack: a restart (new services on the same data directory) keeps the lock', async () => {
    const dir = tempDir('cred-restart-');
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const first = checker(dir, clock);
    await lockOut(first.check);
    first.db.close();

    clock.now += 2 * 60_000;
    const second = checker(dir, clock);
    expect(await second.check.check(await request('0101', PIN, 'ws:after-restart'))).toMatchObject({ ok: false, message: c.limits.staffLocked(3), by: 'staff' });
    clock.now += 3 * 60_000;
    expect(await second.check.check(await request('0101', PIN, 'ws:after-restart'))).toMatchObject({ ok: true, account: { staffNo: '0101' } });
  });

  it('attack: a flood from one connection is stopped there, whatever staff numbers it types; another screen still signs in', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const { check } = checker(tempDir('cred-flood-'), clock);
    const flood = await Promise.all(Array.from({ length: 40 }, async (_, i) => check.check(await request(`7${i}`, '00000000', 'ws:attacker'))));
    const refusedByConnection = flood.filter((o) => !o.ok && o.by === 'connection');
    expect(refusedByConnection).toHaveLength(40 - CONNECTION_LIMIT.maxFailures + 1);
    expect(refusedByConnection[0]).toMatchObject({ message: c.limits.connectionLocked(15) });
    // Even the right PIN, on that connection.
    expect(await check.check(await request('0101', PIN, 'ws:attacker'))).toMatchObject({ ok: false, by: 'connection' });
    expect(await check.check(await request('0101', PIN, 'ws:counter'))).toMatchObject({ ok: true });
  });

  it('attack: a new connection per guess meets the counter-wide limit', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const { check } = checker(tempDir('cred-global-'), clock);
    for (let i = 0; i < GLOBAL_LIMIT.maxFailures; i++) await check.check(await request(`8${i}`, '00000000', `ws:${i}`));
    expect(await check.check(await request('0101', PIN, 'ws:new'))).toMatchObject({ ok: false, message: c.limits.globalLocked(15), by: 'global' });
  });

  it('keeps a failure counted in memory when the database cannot take it', async () => {
    const clock = { now: Date.UTC(2026, 11, 1, 9) };
    const dir = tempDir('cred-busy-');
    const db = openDb(dir);
    const logs: string[] = [];
    const check = new CredentialCheck({ limiter: new AttemptLimiter(new PersistedLockoutStore(db, (l) => logs.push(l), clock.now)), now: () => clock.now, cost: CHEAP });
    db.exec('DROP TABLE credential_lockouts');
    await lockOut(check);
    expect(await check.check(await request('0101', PIN, 'ws:x'))).toMatchObject({ ok: false, by: 'staff' });
    expect(logs.some((l) => l.startsWith('验证失败计数未能写入数据库'))).toBe(true);
  });
});

describe('CredentialCheck: PINs at the old cost', () => {
  it('verifies a hash at the cost before issue 13, re-hashes it at the current cost into config.json once, audited', async () => {
    const dir = tempDir('cred-rehash-');
    const old = await hashPin('246810', { N: 16384, r: 8, p: 1 });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ counter: { windowNumber: '12' }, clerk: { accounts: [{ staffNo: '0342', name: '李四', pinHash: old }] } }));
    const audits: string[] = [];
    const logs: string[] = [];
    // The product's own cost: what the hash is upgraded to.
    const check = new CredentialCheck({ limiter: new AttemptLimiter(new MemoryLockoutStore()), dataDir: dir, audit: (kind, detail) => audits.push(`${kind} ${detail}`), log: (l) => logs.push(l) });
    const accounts = [{ staffNo: '0342', name: '李四', pinHash: old }];
    const ask = (pin: string): CheckRequest => ({ kind: 'clerk', connection: 'ws:1', staffNo: '0342', pin, accounts, policy: { maxFailures: 5, lockoutMinutes: 5 }, wrong: c.clerk.wrong });

    expect(await check.check(ask('246811'))).toMatchObject({ ok: false });
    expect(CounterConfigSchema.parse(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).clerk.accounts[0]!.pinHash).toBe(old);

    expect(await check.check(ask('246810'))).toEqual({ ok: true, account: accounts[0], note: c.shortPinNote(8) });
    const written = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(written.counter).toEqual({ windowNumber: '12' });
    const upgraded = written.clerk.accounts[0].pinHash as string;
    expect(parsePinHash(upgraded)).toMatchObject({ N: 131072, r: 8, p: 1 });
    expect(await verifyPin('246810', upgraded)).toBe(true);
    expect(audits).toEqual(['pin-rehashed clerk 0342']);
    expect(JSON.stringify(audits) + logs.join('')).not.toContain('246810');

    // The loaded configuration still holds the old hash: the new one is used, not upgraded again.
    expect(await check.check(ask('246810'))).toMatchObject({ ok: true });
    expect(audits).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).clerk.accounts[0].pinHash).toBe(upgraded);
  });
});
