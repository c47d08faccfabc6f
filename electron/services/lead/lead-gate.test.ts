import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LeadConfigSchema, type LeadConfig } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { AttemptLimiter, MemoryLockoutStore } from '../../../shared/domain/lead/lockout';
import { CredentialCheck } from '../accounts/credential-check';
import { hashPin } from '../accounts/pin-hash';
import { LeadGate, LeadRequiredError } from './lead-gate';

/** The fixture's hash is cheap (tests only): the decoy and the re-hash use the same cheap cost, explicitly. */
const CHEAP = { N: 1024, r: 8, p: 1 };

const g = strings.lead.gate;
let config: LeadConfig;

beforeAll(async () => {
  config = LeadConfigSchema.parse({
    accounts: [{ staffNo: '0101', name: '王组长', pinHash: await hashPin('246810', CHEAP) }],
    idleMinutes: 10,
    maxFailures: 3,
    lockoutMinutes: 5,
  });
});

function gate() {
  let now = 1_000_000;
  const audit = vi.fn();
  const credentials = new CredentialCheck({ limiter: new AttemptLimiter(new MemoryLockoutStore()), now: () => now, cost: CHEAP });
  const g = new LeadGate({ config: () => config, now: () => now, audit, credentials });
  return { gate: g, audit, advance: (ms: number) => (now += ms) };
}

const A = { connection: 'ws:a', role: 'clerk' as const };
const B = { connection: 'ws:b', role: 'clerk' as const };

describe('LeadGate', () => {
  it('refuses lead methods until a lead unlocks, then only on that connection', async () => {
    const { gate: lead, audit } = gate();
    expect(() => lead.require(A)).toThrow(new LeadRequiredError(g.needsLead));
    expect(lead.session(A)).toEqual({ configured: true, lead: null, idleMinutes: 10 });

    const unlocked = await lead.unlock(A, ' 0101 ', '246810');
    // A 6-digit PIN from before issue 13 still unlocks, with a word to have IT set a longer one.
    expect(unlocked).toEqual({ ok: true, message: g.unlocked('王组长') + strings.credentials.shortPinNote(8), session: { configured: true, lead: { staffNo: '0101', name: '王组长' }, idleMinutes: 10 } });
    expect(lead.require(A)).toMatchObject({ staffNo: '0101' });
    expect(() => lead.require(B)).toThrow(g.needsLead);
    expect(audit).toHaveBeenCalledWith('lead-unlocked', '0101');
  });

  it('never unlocks a caller without a connection (a direct call)', async () => {
    const { gate: lead } = gate();
    expect(await lead.unlock({ connection: '', role: 'clerk' as const }, '0101', '246810')).toMatchObject({ ok: false, message: g.noConnection });
    expect(() => lead.require({ connection: '', role: 'clerk' as const })).toThrow(g.needsLead);
  });

  it('says how many tries are left, then locks the staff number out, even for the right PIN', async () => {
    const { gate: lead, audit, advance } = gate();
    expect(await lead.unlock(A, '0101', '111111')).toMatchObject({ ok: false, message: g.wrong(2) });
    expect(await lead.unlock(A, '0101', '111112')).toMatchObject({ ok: false, message: g.wrong(1) });
    expect(await lead.unlock(A, '0101', '111113')).toMatchObject({ ok: false, message: g.locked(5) });
    expect(audit).toHaveBeenLastCalledWith('lead-locked-out', '0101');
    expect(await lead.unlock(A, '0101', '246810')).toMatchObject({ ok: false, message: g.locked(5) });
    advance(5 * 60_000);
    expect(await lead.unlock(A, '0101', '246810')).toMatchObject({ ok: true });
  });

  it('answers an unknown staff number like a wrong PIN, and counts it too', async () => {
    const { gate: lead } = gate();
    expect(await lead.unlock(A, '9999', '246810')).toMatchObject({ ok: false, message: g.wrong(2) });
  });

  it('parallel guesses are taken one at a time: the fourth of four is already locked out', async () => {
    const { gate: lead } = gate();
    const outcomes = await Promise.all(['1', '2', '3', '4'].map((d) => lead.unlock(A, '0101', `24681${d}`)));
    expect(outcomes.map((o) => o.message)).toEqual([g.wrong(2), g.wrong(1), g.locked(5), g.locked(5)]);
  });

  it('ends after idle minutes without a lead request; a request keeps it alive', async () => {
    const { gate: lead, advance } = gate();
    await lead.unlock(A, '0101', '246810');
    advance(9 * 60_000);
    lead.require(A);
    advance(9 * 60_000);
    lead.require(A);
    advance(10 * 60_000 + 1);
    expect(() => lead.require(A)).toThrow(g.idle(10));
    expect(() => lead.require(A)).toThrow(g.needsLead);
    expect(lead.session(A).lead).toBeNull();
  });

  it('ends on 退出 and when the connection closes', async () => {
    const { gate: lead, audit } = gate();
    await lead.unlock(A, '0101', '246810');
    await lead.unlock(B, '0101', '246810');
    expect(lead.lock(A).lead).toBeNull();
    expect(audit).toHaveBeenLastCalledWith('lead-locked', '0101');
    expect(() => lead.require(A)).toThrow(g.needsLead);
    lead.end(B.connection);
    expect(() => lead.require(B)).toThrow(g.needsLead);
  });

  it('download tickets name one file and die with the lead’s unlock', async () => {
    const { gate: lead, advance } = gate();
    expect(() => lead.issueTicket(A, 'ratings-2026-11-01-2026-11-30.xlsx')).toThrow(g.needsLead);
    await lead.unlock(A, '0101', '246810');
    const ticket = lead.issueTicket(A, 'ratings-2026-11-01-2026-11-30.xlsx');
    expect(ticket).toMatch(/^[\w-]{24}$/);
    expect(lead.redeem(ticket, 'ratings-2026-11-01-2026-11-30.xlsx')).toBe(true);
    expect(lead.redeem(ticket, 'ratings-2026-11-01-2026-11-30.csv')).toBe(false);
    expect(lead.redeem('made-up', 'ratings-2026-11-01-2026-11-30.xlsx')).toBe(false);
    advance(10 * 60_000 + 1);
    // Idle: the lead is gone, so is the link.
    expect(lead.redeem(ticket, 'ratings-2026-11-01-2026-11-30.xlsx')).toBe(false);
    await lead.unlock(A, '0101', '246810');
    const again = lead.issueTicket(A, 'ratings-2026-11-01-2026-11-30.xlsx');
    lead.lock(A);
    expect(lead.redeem(again, 'ratings-2026-11-01-2026-11-30.xlsx')).toBe(false);
  });

  it('a counter without leads says so', () => {
    const none = new LeadGate({ config: () => LeadConfigSchema.parse({}) });
    expect(none.session(A)).toEqual({ configured: false, lead: null, idleMinutes: 10 });
  });
});
