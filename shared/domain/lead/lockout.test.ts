import { describe, expect, it } from 'vitest';
import { AttemptLimiter, GLOBAL_LIMIT, Lockout, MemoryLockoutStore, minutesToWait, type LockoutPolicy } from './lockout';

const policy = (): LockoutPolicy => ({ maxFailures: 3, lockoutMs: 5 * 60_000, windowMs: 24 * 60 * 60_000 });

describe('Lockout', () => {
  it('counts wrong PINs down and locks the staff number at the limit', () => {
    const lock = new Lockout(policy);
    expect(lock.fail('0101', 0)).toEqual({ locked: false, left: 2 });
    expect(lock.fail('0101', 1000)).toEqual({ locked: false, left: 1 });
    expect(lock.check('0101', 1000)).toEqual({ locked: false });
    expect(lock.fail('0101', 2000)).toEqual({ locked: true, retryInMs: 300_000 });
    expect(lock.check('0101', 62_000)).toEqual({ locked: true, retryInMs: 240_000 });
    // A guess while locked changes nothing, not even the time left.
    expect(lock.fail('0101', 62_000)).toEqual({ locked: true, retryInMs: 240_000 });
  });

  it('keeps staff numbers apart, and a success clears the count', () => {
    const lock = new Lockout(policy);
    lock.fail('0101', 0);
    lock.fail('0101', 0);
    expect(lock.fail('0202', 0)).toEqual({ locked: false, left: 2 });
    lock.succeed('0101');
    expect(lock.fail('0101', 0)).toEqual({ locked: false, left: 2 });
  });

  it('opens again when the lock runs out, with a fresh count', () => {
    const lock = new Lockout(policy);
    for (let i = 0; i < 3; i++) lock.fail('0101', 0);
    expect(lock.check('0101', 299_999).locked).toBe(true);
    expect(lock.check('0101', 300_000)).toEqual({ locked: false });
    expect(lock.fail('0101', 300_001)).toEqual({ locked: false, left: 2 });
  });

  it('forgets failures older than its window', () => {
    const lock = new Lockout(() => ({ maxFailures: 3, lockoutMs: 60_000, windowMs: 10_000 }));
    lock.fail('a', 0);
    lock.fail('a', 5_000);
    expect(lock.fail('a', 10_001)).toEqual({ locked: false, left: 2 });
  });

  it('attack: a locked staff number stays locked however many made-up numbers follow (never evicted)', () => {
    const lock = new Lockout(policy, new MemoryLockoutStore(500));
    for (let i = 0; i < 3; i++) lock.fail('0101', 0);
    for (let i = 0; i < 600; i++) lock.fail(`x${i}`, 1000 + i);
    expect(lock.check('0101', 2000)).toMatchObject({ locked: true });
    // Only the unlocked counts went to keep the memory bounded.
    expect(lock.check('x0', 2000)).toEqual({ locked: false });
    expect(lock.fail('x599', 2000)).toEqual({ locked: false, left: 1 });
  });

  it('says whole minutes, at least one', () => {
    expect(minutesToWait(10_000)).toBe(1);
    expect(minutesToWait(60_000)).toBe(1);
    expect(minutesToWait(60_001)).toBe(2);
    expect(minutesToWait(300_000)).toBe(5);
  });
});

describe('AttemptLimiter', () => {
  const staff = policy();

  it('attack: one connection guessing across many staff numbers is stopped by the connection limit', () => {
    const limiter = new AttemptLimiter(new MemoryLockoutStore(), { connection: { maxFailures: 4, windowMs: 60_000, lockoutMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect(limiter.fail({ staff: `staff:lead:${i}`, connection: 'ws:1' }, staff, 0).locked).toBe(false);
    expect(limiter.fail({ staff: 'staff:lead:9', connection: 'ws:1' }, staff, 0)).toMatchObject({ locked: true, by: 'connection' });
    // Any staff number, even a fresh one, is refused on that connection; another connection is not.
    expect(limiter.check({ staff: 'staff:lead:new', connection: 'ws:1' }, staff, 1)).toMatchObject({ locked: true, by: 'connection' });
    expect(limiter.check({ staff: 'staff:lead:new', connection: 'ws:2' }, staff, 1)).toEqual({ locked: false });
  });

  it('attack: a new connection per guess meets the global limit', () => {
    const limiter = new AttemptLimiter(new MemoryLockoutStore());
    let last;
    for (let i = 0; i < GLOBAL_LIMIT.maxFailures; i++) last = limiter.fail({ staff: `staff:clerk:${i}`, connection: `ws:${i}` }, staff, i);
    expect(last).toMatchObject({ locked: true, by: 'global' });
    expect(limiter.check({ staff: 'staff:clerk:0342', connection: 'ws:fresh' }, staff, 100)).toMatchObject({ locked: true, by: 'global' });
  });

  it('a success clears its staff number only', () => {
    const limiter = new AttemptLimiter(new MemoryLockoutStore(), { connection: { maxFailures: 3, windowMs: 60_000, lockoutMs: 60_000 } });
    const keys = { staff: 'staff:lead:0101', connection: 'ws:1' };
    limiter.fail(keys, staff, 0);
    limiter.fail(keys, staff, 0);
    limiter.succeed(keys);
    expect(limiter.fail(keys, staff, 0)).toMatchObject({ locked: true, by: 'connection' });
  });
});
