/**
 * Sends bytes no faster than a serial line would. A pty ignores the baud
 * rate, so without pacing a 1295-byte read response would arrive in one
 * piece at once and every timing figure would be fiction. 8N1 puts 10 bits
 * on the wire per byte.
 *
 * Byte i of a transmission is released no earlier than
 *   start + (i + 1) × byteTime,
 * where `start` is when the line is free and the reader has had the whole
 * command (the host side of a pty delivers it instantly; on a real line it
 * would have taken its own wire time to arrive).
 */

export interface PacingOptions {
  /** 0 = no pacing (as fast as the pty takes it). */
  baudRate: number;
  /** Write in pieces of 1–8 bytes with short pauses (a USB-serial chip's habit) to exercise reassembly. */
  splitWrites?: boolean;
  now?: () => number;
}

/** Wire time of `bytes` at `baud`, 8N1, in ms. */
export function wireTimeMs(bytes: number, baud: number): number {
  return baud > 0 ? (bytes * 10 * 1000) / baud : 0;
}

interface Job {
  bytes: Uint8Array;
  /** Earliest time the first bit may go out. */
  notBefore: number;
  /** Called once the last byte has been handed to the sink. */
  onSent?: () => void;
}

export class PacedWriter {
  private queue: Job[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lineFreeAt = 0;
  private job: { bytes: Uint8Array; start: number; sent: number; onSent?: () => void } | null = null;
  private readonly now: () => number;

  constructor(
    private readonly sink: (bytes: Uint8Array) => void,
    private options: PacingOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  setBaudRate(baudRate: number): void {
    this.options = { ...this.options, baudRate };
  }

  /** Queues `bytes`; they start no earlier than `delayMs` from now. `onSent` runs when the last byte has gone to the sink. */
  send(bytes: Uint8Array, delayMs = 0, onSent?: () => void): void {
    this.queue.push({ bytes, notBefore: this.now() + delayMs, onSent });
    this.pump();
  }

  /** Drops everything not yet sent (unplug). */
  clear(): void {
    this.queue = [];
    this.job = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get idle(): boolean {
    return !this.job && this.queue.length === 0;
  }

  private pump(): void {
    if (this.timer) return;
    const now = this.now();
    if (!this.job) {
      const next = this.queue.shift();
      if (!next) return;
      this.job = { bytes: next.bytes, start: Math.max(now, next.notBefore, this.lineFreeAt), sent: 0, onSent: next.onSent };
    }
    const job = this.job;
    const byteTime = wireTimeMs(1, this.options.baudRate);
    const due = byteTime === 0 ? job.bytes.length : Math.min(job.bytes.length, Math.floor((now - job.start) / byteTime));
    let count = due - job.sent;
    if (this.options.splitWrites && count > 0) count = Math.min(count, 1 + Math.floor(Math.random() * 8));
    if (count > 0) {
      this.sink(job.bytes.slice(job.sent, job.sent + count));
      job.sent += count;
    }
    if (job.sent >= job.bytes.length) {
      this.lineFreeAt = job.start + job.bytes.length * byteTime;
      this.job = null;
      job.onSent?.();
      if (this.queue.length === 0) return;
    }
    // Wake when the next piece is due: at least 16 bytes' worth (or the end), to keep timers few.
    let wait = 0;
    if (this.job) {
      const target = Math.min(this.job.bytes.length, this.job.sent + 16);
      wait = this.job.start + target * byteTime - this.now();
      if (this.options.splitWrites) wait = Math.max(wait, 1);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, Math.max(0, wait));
  }
}
