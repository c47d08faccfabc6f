import { describe, expect, it } from 'vitest';
import { SessionStore } from './sessions';

const limits = { codeMs: 1_000, idleMs: 10_000, absoluteMs: 100_000 };

function store() {
  const clock = { now: 0 };
  return { clock, sessions: new SessionStore(limits, () => clock.now) };
}

describe('SessionStore', () => {
  it('trades a code once, for a session id that is not the code', () => {
    const { sessions } = store();
    const code = sessions.mintCode('clerk');
    const traded = sessions.redeem(code);
    expect(traded?.role).toBe('clerk');
    expect(traded?.id).not.toBe(code);
    expect(sessions.redeem(code)).toBeNull();
    expect(sessions.find([code], 'clerk')).toBeNull();
    expect(sessions.find([traded!.id], 'clerk')).not.toBeNull();
  });

  it('spends a code shown too late, so it cannot be tried again either', () => {
    const { clock, sessions } = store();
    const code = sessions.mintCode('citizen');
    clock.now = limits.codeMs;
    expect(sessions.redeem(code)).toBeNull();
    clock.now = 0;
    expect(sessions.redeem(code)).toBeNull();
  });

  it('finds a session only under its own role, and skips values that are not ours', () => {
    const { sessions } = store();
    const { id } = sessions.redeem(sessions.mintCode('citizen'))!;
    expect(sessions.find([id], 'clerk')).toBeNull();
    expect(sessions.find(['%', '', 'x'.repeat(10_000), id], 'citizen')?.role).toBe('citizen');
  });

  it('ends an idle session, but not while a socket is open on it; the idle time counts from the last socket', () => {
    const { clock, sessions } = store();
    const { id } = sessions.redeem(sessions.mintCode('clerk'))!;
    const session = sessions.find([id], 'clerk')!;
    const detach = sessions.attach(session, () => {});
    clock.now = limits.idleMs * 5;
    expect(sessions.find([id], 'clerk')).not.toBeNull();
    detach();
    clock.now += limits.idleMs - 1;
    sessions.sweep();
    expect(sessions.size).toBe(1);
    clock.now += limits.idleMs;
    expect(sessions.find([id], 'clerk')).toBeNull();
    expect(sessions.size).toBe(0);
  });

  it('ends every session at the absolute limit, closing its open sockets', () => {
    const { clock, sessions } = store();
    const { id } = sessions.redeem(sessions.mintCode('clerk'))!;
    const closed: string[] = [];
    sessions.attach(sessions.find([id], 'clerk')!, () => closed.push('socket'));
    clock.now = limits.absoluteMs - 1;
    sessions.sweep();
    expect(closed).toEqual([]);
    clock.now = limits.absoluteMs;
    sessions.sweep();
    expect(closed).toEqual(['socket']);
    expect(sessions.find([id], 'clerk')).toBeNull();
  });
});
