import { strings } from '../../../shared/i18n';
import { explainError, isDatabaseBusy } from './system-error';

const t = strings.backgroundWork.log;

/**
 * The failures of one piece of background work (a timer's tick, a device
 * callback, the print queue's passes) as IT reads them in the log. Nothing
 * outside a request may throw into the event loop: an exception in a timer
 * or a rejected promise nobody awaits ends the process. So such work reports
 * here instead and is simply run again later — a locked database
 * (SQLITE_BUSY) at its next tick, anything else likewise, logged in Chinese
 * with the system's original words.
 *
 * A failure that repeats (a lock held for a minute, a read-only disk) is
 * logged once, not at every tick; the first success after it says so.
 */
export class BackgroundWork {
  private lastLine = '';

  constructor(
    /** The job's name as the log quotes it (strings.backgroundWork.jobs). */
    private readonly job: string,
    private readonly log?: (line: string) => void,
  ) {}

  /** A run went through: a later failure is logged again. */
  succeeded(): void {
    if (!this.lastLine) return;
    this.lastLine = '';
    this.write(t.recovered(this.job));
  }

  /** A run failed: logged (once per run of the same failure); the caller's next run is the retry. */
  failed(error: unknown): void {
    const explained = explainError(error);
    const line = isDatabaseBusy(error) ? t.busy(this.job) : t.failed(this.job, explained.message, explained.original);
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.write(line);
  }

  /**
   * Runs `work` now, for a timer or a callback: its exception or rejection
   * is reported here, never thrown. Returns a promise that always resolves
   * (true when the work went through), for callers that want to wait.
   */
  run(work: () => unknown): Promise<boolean> {
    let result: unknown;
    try {
      result = work();
    } catch (error) {
      this.failed(error);
      return Promise.resolve(false);
    }
    return Promise.resolve(result).then(
      () => {
        this.succeeded();
        return true;
      },
      (error: unknown) => {
        this.failed(error);
        return false;
      },
    );
  }

  private write(line: string): void {
    try {
      this.log?.(line);
    } catch {
      // The log itself failed (a full disk): nothing else to tell, and the work must go on.
    }
  }
}
