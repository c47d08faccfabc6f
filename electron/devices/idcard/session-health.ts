/**
 * Whether what comes back on a reader's line makes a SAM session. A SAM
 * speaks only when spoken to, one answer per command, with a status that
 * command can have. Frames nobody asked for (SamSession's stray frames) and
 * answers no SAM gives to the command sent (an unknown status code, a find
 * answered with something other than 9F or 80) are signs that the line
 * carries something else: noise that happens to hold well-formed frames,
 * another device, a reader stuck in a vendor mode. A few of them within a
 * short window and the reader is no longer 已连接, however many "answers"
 * keep arriving — polls that happen to get a plausible frame prove nothing.
 *
 * The driver keeps one record per line across connection attempts, so a
 * noisy line is trusted again only after a whole window without such
 * frames (no flapping between 已连接 and 故障); an unplug starts afresh.
 */
import { strings } from '../../../shared/i18n';

const MAX_KEPT = 1000;

export type SessionFaultKind = 'stray' | 'badAnswer';

export interface SessionHealthOptions {
  /** How far back faults count (ms). */
  windowMs?: number;
  /** Faults within the window from which the line is not a SAM session. */
  maxFaults?: number;
  now?: () => number;
}

/** The line did not behave like a SAM (the message is the clerk's and IT's, in Chinese). */
export class InvalidSessionError extends Error {
  override name = 'InvalidSessionError';
}

export class SessionHealth {
  private faults: Array<{ at: number; kind: SessionFaultKind }> = [];
  private readonly windowMs: number;
  private readonly maxFaults: number;
  private readonly now: () => number;

  constructor(options: SessionHealthOptions = {}) {
    this.windowMs = options.windowMs ?? 10_000;
    this.maxFaults = options.maxFaults ?? 3;
    this.now = options.now ?? (() => performance.now());
  }

  record(kind: SessionFaultKind): void {
    this.faults.push({ at: this.now(), kind });
    this.forgetOld();
  }

  /** Null while the line behaves like a SAM; otherwise why not, in Chinese. */
  verdict(): string | null {
    this.forgetOld();
    if (this.faults.length < this.maxFaults) return null;
    // The kinds, not their counts: the reason stays the same while the noise lasts (one status, not one per frame).
    const kinds = new Set(this.faults.map((f) => f.kind));
    const parts = [
      ...(kinds.has('stray') ? [strings.idcardSession.strayFrames] : []),
      ...(kinds.has('badAnswer') ? [strings.idcardSession.badAnswers] : []),
    ];
    return strings.idcardSession.invalidSession(strings.idcardSession.within(Math.round(this.windowMs / 1000), parts.join('、')));
  }

  /** Throws InvalidSessionError when the line does not make a SAM session. */
  assertValid(): void {
    const reason = this.verdict();
    if (reason) throw new InvalidSessionError(reason);
  }

  /** Another reader (after an unplug): its line starts with a clean record. */
  clear(): void {
    this.faults = [];
  }

  private forgetOld(): void {
    const since = this.now() - this.windowMs;
    while (this.faults.length && this.faults[0]!.at < since) this.faults.shift();
    // A flood of noise must not grow memory.
    if (this.faults.length > MAX_KEPT) this.faults.splice(0, this.faults.length - MAX_KEPT);
  }
}
