import { strings } from '../../../shared/i18n';
import type { DeviceEvent } from '../../devices/driver';
import { explainError, isDatabaseBusy } from '../errors/system-error';
import { retryWhenBusy } from '../storage/busy-retry';

type RatingEvent = Extract<DeviceEvent, { type: 'rating' }>;

/**
 * How long a keypad's rating that met another program's write lock is
 * tried again: as long as a rating still counts after the clerk ended the
 * case (EvaluationService's late grace, a minute). Longer than the keypad's
 * own repeats (five, 200 ms apart: docs/evaluator-serial-protocol.md), which a lock easily
 * outlasts — the press must not be lost with them.
 */
export const KEYPAD_RATING_RETRY_MS = 60_000;

export interface KeypadRatingsOptions {
  /** Stores the rating (EvaluationService.keyPressed): one transaction, committed before anyone is told. */
  store: (event: RatingEvent) => unknown;
  log: (line: string) => void;
  /** A rating that could not be stored after all: the clerk is told (Chinese). */
  notify: (message: string) => void;
  retryMs?: number;
}

/**
 * A key pressed on the evaluator, from the driver's callback: stored at
 * once, or — when another program holds the database — stored in the
 * background as soon as the lock is gone, off the driver's callback so that
 * devices and sockets go on meanwhile.
 *
 * Either way the driver learns whether the rating is stored *now*: while it
 * is not, this throws, and the serial driver does not acknowledge (protocol:
 * ACK only after the rating is stored), so the keypad repeats the press; a
 * repeat that arrives after the background store is acknowledged as the
 * duplicate it is. Storing again is safe: EvaluationService.rate is one
 * transaction read afresh from the stored rating, rolled back whole by a
 * lock, and one rating per case (a second is ignored).
 */
export class KeypadRatings {
  /** Presses being stored in the background (case and level): a repeat does not start another. */
  private readonly pending = new Set<string>();

  constructor(private readonly options: KeypadRatingsOptions) {}

  /** Throws while the rating is not stored (see above); never leaves a promise unhandled. */
  pressed(event: RatingEvent): void {
    const key = `${event.caseId}\u0000${event.level}`;
    if (this.pending.has(key)) throw new RatingPendingError();
    try {
      this.options.store(event);
    } catch (error) {
      if (!isDatabaseBusy(error)) {
        this.lost(error);
        throw error;
      }
      this.pending.add(key);
      this.options.log(strings.storageHealth.log.busyRetry(strings.backgroundWork.jobs.keypadRating));
      void retryWhenBusy(() => this.options.store(event), { deadlineMs: this.options.retryMs ?? KEYPAD_RATING_RETRY_MS })
        .then(
          () => undefined,
          (failure: unknown) => this.lost(failure),
        )
        .finally(() => this.pending.delete(key));
      throw error;
    }
  }

  /** Not stored, for good: the log has the original, the clerk a Chinese notice (the citizen may rate again). */
  private lost(error: unknown): void {
    try {
      const explained = explainError(error);
      this.options.log(`评价保存失败：${explained.original}`);
      this.options.notify(strings.evaluation.service.saveFailed(explained.message));
    } catch {
      // Telling failed as well: nothing more can be done from a device callback.
    }
  }
}

/** A repeat of a press that is being stored in the background: not acknowledged yet. */
export class RatingPendingError extends Error {
  override name = 'RatingPendingError';
  constructor() {
    super(strings.storageHealth.log.busyRetry(strings.backgroundWork.jobs.keypadRating));
  }
}
