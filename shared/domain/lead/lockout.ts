/**
 * Lock-out after wrong PINs, as a pure state machine over explicit times so
 * that tests need no clock. Failures are counted per key (the staff number
 * typed, known or not: the answer must not tell which numbers exist). After
 * `maxFailures` in a row the key is locked for `lockoutMs`; a success clears
 * it; a lock that ran out starts the count again.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockoutMs: number;
}

export type LockState = { locked: false } | { locked: true; retryInMs: number };
export type FailureOutcome = { locked: false; left: number } | { locked: true; retryInMs: number };

interface Entry {
  failures: number;
  lockedUntil: number;
}

export class Lockout {
  private readonly entries = new Map<string, Entry>();

  /** `maxKeys` bounds the memory a stream of made-up staff numbers can take; the oldest entry goes first. */
  constructor(
    private readonly policy: () => LockoutPolicy,
    private readonly maxKeys = 500,
  ) {}

  check(key: string, now: number): LockState {
    const entry = this.entries.get(key);
    if (!entry || entry.lockedUntil <= now) {
      if (entry && entry.lockedUntil !== 0) this.entries.delete(key);
      return { locked: false };
    }
    return { locked: true, retryInMs: entry.lockedUntil - now };
  }

  fail(key: string, now: number): FailureOutcome {
    const { maxFailures, lockoutMs } = this.policy();
    const current = this.check(key, now);
    if (current.locked) return current;
    const entry = this.entries.get(key) ?? { failures: 0, lockedUntil: 0 };
    entry.failures += 1;
    // Re-inserted so that Map order is least-recently-failed first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
    if (entry.failures >= maxFailures) {
      entry.failures = 0;
      entry.lockedUntil = now + lockoutMs;
      return { locked: true, retryInMs: lockoutMs };
    }
    return { locked: false, left: maxFailures - entry.failures };
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }
}

/** Whole minutes to wait, rounded up (a lock of 10 s still says 1 分钟). */
export function minutesToWait(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
