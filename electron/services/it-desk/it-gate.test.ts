import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ItConfigSchema, type ItConfig } from '../../../shared/contract';
import { AttemptLimiter, MemoryLockoutStore } from '../../../shared/domain/lead/lockout';
import { strings } from '../../../shared/i18n';
import { CredentialCheck } from '../accounts/credential-check';
import { hashPin } from '../accounts/pin-hash';
import { ItGate, ItRequiredError } from './it-gate';

/** The fixture's hash is cheap (tests only): the decoy uses the same cheap cost, explicitly. */
const CHEAP = { N: 1024, r: 8, p: 1 };
const g = strings.itDesk.gate;
let config: ItConfig;

beforeAll(async () => {
  config = ItConfigSchema.parse({ accounts: [{ staffNo: 'IT01', name: '赵工', pinHash: await hashPin('13572468', CHEAP) }], idleMinutes: 15, maxFailures: 3, lockoutMinutes: 5 });
});

function gate() {
  let now = 1_000_000;
  const audit = vi.fn();
  const credentials = new CredentialCheck({ limiter: new AttemptLimiter(new MemoryLockoutStore()), now: () => now, cost: CHEAP });
  return { gate: new ItGate({ config: () => config, now: () => now, audit, credentials }), audit, advance: (ms: number) => (now += ms) };
}

const A = { connection: 'ws:a', role: 'clerk' as const };
const B = { connection: 'ws:b', role: 'clerk' as const };

describe('ItGate', () => {
  it('refuses until IT unlocks, then only on that connection', async () => {
    const { gate: it_, audit } = gate();
    expect(it_.refusal(A)).toBe(g.needsIt);
    expect(() => it_.require(A)).toThrow(new ItRequiredError(g.needsIt));
    expect(it_.session(A)).toEqual({ configured: true, it: null, idleMinutes: 15 });
    expect(await it_.unlock(A, ' IT01 ', '13572468')).toEqual({ ok: true, message: g.unlocked('赵工'), session: { configured: true, it: { staffNo: 'IT01', name: '赵工' }, idleMinutes: 15 } });
    expect(it_.refusal(A)).toBeNull();
    expect(it_.require(A)).toMatchObject({ staffNo: 'IT01' });
    expect(it_.refusal(B)).toBe(g.needsIt);
    expect(audit).toHaveBeenCalledWith('it-unlocked', 'IT01');
  });

  it('never unlocks a caller without a connection', async () => {
    const { gate: it_ } = gate();
    const none = { connection: '', role: 'clerk' as const };
    expect(await it_.unlock(none, 'IT01', '13572468')).toMatchObject({ ok: false, message: g.noConnection });
    expect(it_.refusal(none)).toBe(g.needsIt);
  });

  it('counts wrong PINs and locks the staff number out, even for the right PIN, until the lock-out ends', async () => {
    const { gate: it_, audit, advance } = gate();
    expect(await it_.unlock(A, 'IT01', '11111111')).toMatchObject({ ok: false, message: g.wrong(2) });
    expect(await it_.unlock(A, 'IT01', '11111112')).toMatchObject({ ok: false, message: g.wrong(1) });
    expect(await it_.unlock(A, 'IT01', '11111113')).toMatchObject({ ok: false, message: strings.credentials.limits.staffLocked(5) });
    expect(audit).toHaveBeenLastCalledWith('it-locked-out', 'IT01');
    expect(await it_.unlock(A, 'IT01', '13572468')).toMatchObject({ ok: false });
    expect(it_.refusal(A)).toBe(g.needsIt);
    advance(5 * 60_000);
    expect(await it_.unlock(A, 'IT01', '13572468')).toMatchObject({ ok: true });
  });

  it('an unknown staff number is answered like a wrong PIN', async () => {
    const { gate: it_ } = gate();
    expect(await it_.unlock(A, 'XX99', '13572468')).toMatchObject({ ok: false, message: g.wrong(2) });
  });

  it('locks itself after idle minutes without an IT request; a request keeps it alive', async () => {
    const { gate: it_, advance } = gate();
    await it_.unlock(A, 'IT01', '13572468');
    advance(14 * 60_000);
    expect(it_.refusal(A)).toBeNull();
    advance(14 * 60_000);
    expect(it_.isUnlocked(A)).toBe(true);
    advance(60_000 + 1);
    expect(it_.refusal(A)).toBe(g.idle(15));
    expect(it_.refusal(A)).toBe(g.needsIt);
    expect(it_.session(A).it).toBeNull();
  });

  it('ends on 退出 IT 模式 and when the connection closes', async () => {
    const { gate: it_, audit } = gate();
    await it_.unlock(A, 'IT01', '13572468');
    await it_.unlock(B, 'IT01', '13572468');
    expect(it_.lock(A).it).toBeNull();
    expect(audit).toHaveBeenLastCalledWith('it-locked', 'IT01');
    expect(it_.refusal(A)).toBe(g.needsIt);
    it_.end(B.connection);
    expect(it_.isUnlocked(B)).toBe(false);
  });

  it('a counter without IT accounts says so', () => {
    expect(new ItGate({ config: () => ItConfigSchema.parse({}) }).session(A)).toEqual({ configured: false, it: null, idleMinutes: 15 });
  });
});
