import { isDatabaseBusy } from '../errors/system-error';
import { checkWritable, type Db } from './database';

/**
 * How long a request keeps trying while another program holds the database's
 * write lock: longer than a typical foreign transaction (a backup, a
 * diagnostic tool), short enough that the clerk is told within seconds.
 */
export const BUSY_RETRY_DEADLINE_MS = 8_000;

/** Pauses between attempts: quick at first (most locks are brief), then a steady few per second. */
const DEFAULT_DELAYS_MS: readonly number[] = [10, 25, 50, 100, 200, 250];

export interface BusyRetryOptions {
  deadlineMs?: number;
  delaysMs?: readonly number[];
  /** Whether this failure may be retried at all (e.g. only when the failed attempt committed nothing). */
  canRetry?: (error: unknown) => boolean;
  /** Told before each wait (for the log). */
  onRetry?: (attempt: number, error: unknown) => void;
  now?: () => number;
}

/**
 * Runs `attempt`; while it fails with SQLITE_BUSY, waits (setTimeout: the
 * event loop, devices and sockets keep running) and runs it again, until it
 * succeeds or the deadline passes, when the last busy error is thrown.
 *
 * Only for work that is safe to run again after a failure: one transaction
 * (rolled back whole by the failure), or steps that each re-read the stored
 * state before they write. Any other error is thrown at once.
 */
export async function retryWhenBusy<T>(attempt: () => T | Promise<T>, options: BusyRetryOptions = {}): Promise<T> {
  const now = options.now ?? (() => performance.now());
  const deadline = now() + (options.deadlineMs ?? BUSY_RETRY_DEADLINE_MS);
  const delays = options.delaysMs ?? DEFAULT_DELAYS_MS;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isDatabaseBusy(error) || (options.canRetry && !options.canRetry(error))) throw error;
      const delay = delays[Math.min(tries, delays.length - 1)] ?? 100;
      if (now() + delay > deadline) throw error;
      options.onRetry?.(tries + 1, error);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * Waits, without blocking the event loop, until the database's write lock
 * can be taken, then lets it go. For work that cannot simply run again
 * (it takes a slip number, renders and archives a PDF before its write):
 * waiting first keeps a lock that is already held from failing it halfway.
 * Throws the busy error after the deadline.
 */
export async function waitUntilWritable(db: Db, options: BusyRetryOptions = {}): Promise<void> {
  await retryWhenBusy(() => {
    // Inside a transaction of ours (never across an await) the lock is ours already.
    if (!db.inTransaction) checkWritable(db);
  }, options);
}
