import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterConfigSchema, DEVICE_KINDS, type ClerkConfig, type DeviceStatus } from '../../../shared/contract';
import { AttemptLimiter, MemoryLockoutStore } from '../../../shared/domain/lead/lockout';
import { strings } from '../../../shared/i18n';
import { CredentialCheck } from '../accounts/credential-check';
import { hashPin } from '../accounts/pin-hash';
import { openDatabase, type Db } from '../storage/database';
import { tempDir } from '../../../test/support/temp-dir';
import { ClerkSignIn } from './clerk-sign-in';
import { ServiceDayService } from './service-day-service';

const c = strings.credentials;
const CHEAP = { N: 1024, r: 8, p: 1 };
const PIN = '13572468';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-new-photo')]);
const OLD_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-the-clerks-own')]);
const A = { connection: 'ws:a', role: 'clerk' as const };

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

async function rig(accounts: ClerkConfig['accounts'] | 'fixture' = 'fixture') {
  const dataDir = tempDir('clerk-sign-in-');
  const db = openDatabase(join(dataDir, 'counter.sqlite'));
  dbs.push(db);
  const list = accounts === 'fixture' ? [{ staffNo: '0342', name: '李四', pinHash: await hashPin(PIN, CHEAP) }] : accounts;
  const config = CounterConfigSchema.parse({ counter: { windowNumber: '12', clerkName: '配置里的人', clerkStaffNumber: '9999' }, clerk: { accounts: list } });
  const devices = (): DeviceStatus[] => DEVICE_KINDS.map((kind) => ({ kind, state: 'simulated', driver: '', reason: '', since: '' }));
  const serviceDay = new ServiceDayService({ db, dataDir, config, devices, now: () => new Date(2026, 11, 1, 8, 50) });
  const audits: string[] = [];
  const credentials = new CredentialCheck({ limiter: new AttemptLimiter(new MemoryLockoutStore()), cost: CHEAP });
  const signIn = new ClerkSignIn({ serviceDay, credentials, config: () => config.clerk, audit: (kind, no) => audits.push(`${kind} ${no}`) });
  return { dataDir, serviceDay, signIn, audits };
}

describe('clerk sign-in with a PIN', () => {
  it('signs in the verified clerk under the name of their account', async () => {
    const r = await rig();
    const result = await r.signIn.signIn(A, { staffNumber: ' 0342 ', pin: PIN });
    expect(result).toMatchObject({ ok: true, message: strings.serviceDay.service.signedIn('李四'), day: { phase: 'checking', session: { clerk: { staffNumber: '0342', name: '李四' } } } });
    expect(r.serviceDay.signedInClerk()).toEqual({ staffNumber: '0342', name: '李四' });
    expect(r.audits).toEqual(['clerk-signed-in 0342']);
  });

  it('attack: a wrong PIN signs nobody in and does not replace the clerk’s photo', async () => {
    const r = await rig();
    mkdirSync(join(r.dataDir, 'clerk-photos'));
    writeFileSync(join(r.dataDir, 'clerk-photos', '0342.png'), OLD_PNG);
    const result = await r.signIn.signIn(A, { staffNumber: '0342', pin: '00000000', photo: { mediaType: 'image/png', base64: PNG.toString('base64') } });
    expect(result).toMatchObject({ ok: false, message: c.clerk.wrong(4), day: { phase: 'signedOut', session: null } });
    expect(readFileSync(join(r.dataDir, 'clerk-photos', '0342.png'))).toEqual(OLD_PNG);
    expect(r.audits).toEqual(['clerk-sign-in-failed 0342']);
    // An unknown staff number is answered the same way, and leaves no photo behind.
    expect(await r.signIn.signIn(A, { staffNumber: '0500', pin: PIN, photo: { mediaType: 'image/png', base64: PNG.toString('base64') } })).toMatchObject({ ok: false, message: c.clerk.wrong(4) });
    expect(existsSync(join(r.dataDir, 'clerk-photos', '0500.png'))).toBe(false);
    // The right PIN: now the photo is the new one.
    expect(await r.signIn.signIn(A, { staffNumber: '0342', pin: PIN, photo: { mediaType: 'image/png', base64: PNG.toString('base64') } })).toMatchObject({ ok: true });
    expect(readFileSync(join(r.dataDir, 'clerk-photos', '0342.png'))).toEqual(PNG);
  });

  it('locks the staff number out after wrong PINs, and says how long to wait', async () => {
    const r = await rig();
    for (let i = 0; i < 4; i++) await r.signIn.signIn(A, { staffNumber: '0342', pin: `1111111${i}` });
    expect(await r.signIn.signIn(A, { staffNumber: '0342', pin: '11111119' })).toMatchObject({ ok: false, message: c.limits.staffLocked(5) });
    expect(r.audits.at(-1)).toBe('clerk-locked-out 0342');
    expect(await r.signIn.signIn(A, { staffNumber: '0342', pin: PIN })).toMatchObject({ ok: false, message: c.limits.staffLocked(5), day: { phase: 'signedOut' } });
  });

  it('refuses every sign-in on a counter without clerk accounts, naming the IT command', async () => {
    const r = await rig([]);
    const result = await r.signIn.signIn(A, { staffNumber: '0001', pin: PIN });
    expect(result).toMatchObject({ ok: false, message: c.clerk.noAccounts, day: { phase: 'signedOut' } });
    expect(result.message).toContain('npm run --silent clerk -- add');
  });

  it('refuses a second sign-in while a clerk is signed in, before looking at the PIN', async () => {
    const r = await rig();
    await r.signIn.signIn(A, { staffNumber: '0342', pin: PIN });
    expect(await r.signIn.signIn(A, { staffNumber: '0342', pin: '00000000' })).toMatchObject({ ok: false, message: strings.serviceDay.service.alreadySignedIn('李四') });
    expect(r.audits).toEqual(['clerk-signed-in 0342']);
  });
});
