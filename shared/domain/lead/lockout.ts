/**
 * Lock-out after wrong PINs (window leads and clerks), as a pure state
 * machine over explicit times so that tests need no clock. Where the
 * entries are kept is the store's business (memory in tests, the database
 * in the counter, so that a restart does not clear a lock).
 *
 * Three limits stand side by side (AttemptLimiter):
 * - per staff number (the one typed, known or not: the answer must not tell
 *   which numbers exist): `maxFailures` in a row lock it for `lockoutMs`;
 * - per connection: one socket or window guessing across many staff numbers;
 * - global: every connection together (a new socket per guess, or guesses
 *   spread over lead unlock and clerk sign-in).
 * A locked entry is never evicted: no stream of made-up staff numbers can
 * push a lock out. A success clears only its staff number's count.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockoutMs: number;
  /** Failures older than this are forgotten (the count starts again). */
  windowMs: number;
}

export type LockState = { locked: false } | { locked: true; retryInMs: number };
export type FailureOutcome = { locked: false; left: number } | { locked: true; retryInMs: number };

export interface LockoutEntry {
  failures: number;
  firstFailureAt: number;
  /** 0 when not locked. */
  lockedUntil: number;
}

/** Where entries live. `set` and `delete` may fail to persist: the store keeps its memory authoritative. */
export interface LockoutStore {
  get(key: string): LockoutEntry | undefined;
  set(key: string, entry: LockoutEntry, now: number): void;
  delete(key: string): void;
}

/**
 * Entries in memory, bounded: beyond `maxKeys` the oldest entries that are
 * not locked are dropped; locked ones stay whatever comes after them.
 */
export class MemoryLockoutStore implements LockoutStore {
  protected readonly entries = new Map<string, LockoutEntry>();

  constructor(private readonly maxKeys = 500) {}

  get(key: string): LockoutEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: LockoutEntry, now: number): void {
    // Re-inserted so that Map order is least-recently-failed first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size <= this.maxKeys) return;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxKeys) break;
      if (e.lockedUntil <= now) this.entries.delete(k);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

export class Lockout {
  constructor(
    private readonly policy: () => LockoutPolicy,
    private readonly store: LockoutStore = new MemoryLockoutStore(),
  ) {}

  check(key: string, now: number): LockState {
    const entry = this.store.get(key);
    if (!entry || entry.lockedUntil <= now) return { locked: false };
    return { locked: true, retryInMs: entry.lockedUntil - now };
  }

  fail(key: string, now: number): FailureOutcome {
    const { maxFailures, lockoutMs, windowMs } = this.policy();
    const current = this.check(key, now);
    if (current.locked) return current;
    const stored = this.store.get(key);
    // A lock that ran out, or failures older than the window, start the count again.
    const fresh = !stored || stored.lockedUntil !== 0 || now - stored.firstFailureAt > windowMs;
    const entry: LockoutEntry = fresh ? { failures: 0, firstFailureAt: now, lockedUntil: 0 } : { ...stored };
    entry.failures += 1;
    if (entry.failures >= maxFailures) {
      entry.lockedUntil = now + lockoutMs;
      this.store.set(key, entry, now);
      return { locked: true, retryInMs: lockoutMs };
    }
    this.store.set(key, entry, now);
    return { locked: false, left: maxFailures - entry.failures };
  }

  succeed(key: string): void {
    this.store.delete(key);
  }
}

/** Which limit refused: the staff number's, the connection's, or the counter's as a whole. */
export type LimitScope = 'staff' | 'connection' | 'global';

export type AttemptState = { locked: false } | { locked: true; retryInMs: number; by: LimitScope };
export type AttemptOutcome = { locked: false; left: number } | { locked: true; retryInMs: number; by: LimitScope };

/** One connection: a flood from one socket or window stops here, whatever staff numbers it types. */
export const CONNECTION_LIMIT: LockoutPolicy = { maxFailures: 10, windowMs: 15 * 60_000, lockoutMs: 15 * 60_000 };
/** The whole counter: a new socket per guess still meets this (a clerk and a lead mistyping together stay far below). */
export const GLOBAL_LIMIT: LockoutPolicy = { maxFailures: 30, windowMs: 15 * 60_000, lockoutMs: 15 * 60_000 };
/** A staff number's failures in a row are forgotten after a day without a lock. */
export const STAFF_WINDOW_MS = 24 * 60 * 60_000;

export interface AttemptKeys {
  /** The account kind and staff number typed, e.g. staff:lead:0101. */
  staff: string;
  /** The connection asking (web-shell socket, Electron window). */
  connection: string;
}

export interface AttemptLimits {
  connection: LockoutPolicy;
  global: LockoutPolicy;
}

export const GLOBAL_KEY = 'global';
export const connectionKey = (connection: string) => `conn:${connection}`;
export const staffKey = (kind: string, staffNo: string) => `staff:${kind}:${staffNo}`;

/**
 * The three limits over one store. `staffPolicy` comes with each attempt
 * (leads and clerks each have their own maxFailures/lockoutMinutes).
 */
export class AttemptLimiter {
  private readonly limits: AttemptLimits;

  constructor(
    private readonly store: LockoutStore,
    limits: Partial<AttemptLimits> = {},
  ) {
    this.limits = { connection: CONNECTION_LIMIT, global: GLOBAL_LIMIT, ...limits };
  }

  private lockouts(staffPolicy: LockoutPolicy): Array<{ by: LimitScope; lockout: Lockout; key: (keys: AttemptKeys) => string }> {
    return [
      { by: 'staff', lockout: new Lockout(() => staffPolicy, this.store), key: (k) => k.staff },
      { by: 'connection', lockout: new Lockout(() => this.limits.connection, this.store), key: (k) => connectionKey(k.connection) },
      { by: 'global', lockout: new Lockout(() => this.limits.global, this.store), key: () => GLOBAL_KEY },
    ];
  }

  /** Locked by any of the three: the attempt is refused before the PIN is even looked at. */
  check(keys: AttemptKeys, staffPolicy: LockoutPolicy, now: number): AttemptState {
    let worst: AttemptState = { locked: false };
    for (const { by, lockout, key } of this.lockouts(staffPolicy)) {
      const state = lockout.check(key(keys), now);
      if (state.locked && (!worst.locked || state.retryInMs > worst.retryInMs)) worst = { locked: true, retryInMs: state.retryInMs, by };
    }
    return worst;
  }

  /** A wrong PIN (or an unknown staff number): counted against all three; tries left are the staff number's. */
  fail(keys: AttemptKeys, staffPolicy: LockoutPolicy, now: number): AttemptOutcome {
    let left = Infinity;
    let worst: AttemptOutcome | null = null;
    for (const { by, lockout, key } of this.lockouts(staffPolicy)) {
      const outcome = lockout.fail(key(keys), now);
      if (outcome.locked) {
        if (!worst || !worst.locked || outcome.retryInMs > worst.retryInMs) worst = { locked: true, retryInMs: outcome.retryInMs, by };
      } else if (by === 'staff') {
        left = outcome.left;
      }
    }
    return worst ?? { locked: false, left };
  }

  /** The right PIN: that staff number's count starts again (the connection's and the counter's do not). */
  succeed(keys: AttemptKeys): void {
    this.store.delete(keys.staff);
  }
}

/** Whole minutes to wait, rounded up (a lock of 10 s still says 1 分钟). */
export function minutesToWait(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
