import { describe, expect, it } from 'vitest';
import { Lockout, minutesToWait } from './lockout';

const policy = () => ({ maxFailures: 3, lockoutMs: 5 * 60_000 });

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

  it('forgets the oldest staff numbers beyond its bound', () => {
    const lock = new Lockout(policy, 2);
    for (let i = 0; i < 3; i++) lock.fail('a', 0);
    lock.fail('b', 0);
    lock.fail('c', 0);
    // 'a' was dropped to make room: the memory stays bounded whatever is typed.
    expect(lock.check('a', 1)).toEqual({ locked: false });
    expect(lock.fail('b', 0)).toEqual({ locked: false, left: 1 });
  });

  it('says whole minutes, at least one', () => {
    expect(minutesToWait(10_000)).toBe(1);
    expect(minutesToWait(60_000)).toBe(1);
    expect(minutesToWait(60_001)).toBe(2);
    expect(minutesToWait(300_000)).toBe(5);
  });
});
