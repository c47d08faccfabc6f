import type { Db } from '../storage/database';
import type { SlipPaper } from '../../../shared/domain/slips/slip-html';
import { strings } from '../../../shared/i18n';
import type { SlipPrinter } from '../../devices/printer/printer';

export type PrintJobStatus = 'queued' | 'printing' | 'done' | 'failed' | 'cancelled';

export interface PrintJob {
  id: number;
  slipId: number;
  printer: string;
  status: PrintJobStatus;
  attempts: number;
  lastError: string;
  nextAttemptAt: string;
}

/** What the queue needs to know of a slip to print it. */
export interface PrintableSlip {
  pdfFile: string;
  paper: SlipPaper;
  title: string;
  /** The slip's HTML (same data, same template as the PDF), for printers that print web pages. */
  html?: () => Promise<string>;
}

export interface PrintQueueOptions {
  db: Db;
  printer: SlipPrinter | null;
  slip: (slipId: number) => PrintableSlip;
  now?: () => Date;
  /** Waits between attempts; the last one repeats until maxAttempts. */
  backoffMs?: readonly number[];
  maxAttempts?: number;
  onChange?: (job: PrintJob, message: string) => void;
}

interface JobRow {
  id: number;
  slip_id: number;
  printer: string;
  status: PrintJobStatus;
  attempts: number;
  last_error: string;
  next_attempt_at: string;
}

const toJob = (r: JobRow): PrintJob => ({
  id: r.id,
  slipId: r.slip_id,
  printer: r.printer,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
});

/**
 * Print jobs live in the database, so a slip is never lost because the
 * printer was offline or the app restarted: a failed attempt waits and is
 * tried again, and after too many the clerk is asked to check the printer
 * and retry. The archived PDF exists before a job is queued.
 */
export class PrintQueue {
  private readonly now: () => Date;
  private readonly backoff: readonly number[];
  private readonly maxAttempts: number;
  private draining: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PrintQueueOptions) {
    this.now = options.now ?? (() => new Date());
    this.backoff = options.backoffMs ?? [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];
    this.maxAttempts = options.maxAttempts ?? 10;
    // A job caught mid-print by a crash is printed again: a duplicate slip is better than none.
    options.db.prepare("UPDATE print_jobs SET status = 'queued' WHERE status = 'printing'").run();
  }

  enqueue(slipId: number, printer: string): PrintJob {
    const at = this.now().toISOString();
    const { lastInsertRowid } = this.options.db
      .prepare(
        "INSERT INTO print_jobs (slip_id, printer, status, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'queued', ?, ?, ?)",
      )
      .run(slipId, printer, at, at, at);
    return this.job(Number(lastInsertRowid))!;
  }

  job(id: number): PrintJob | undefined {
    const row = this.options.db.prepare<[number], JobRow>('SELECT * FROM print_jobs WHERE id = ?').get(id);
    return row && toJob(row);
  }

  /** Jobs not yet printed (queued, printing or failed), oldest first. */
  pending(): PrintJob[] {
    return this.options.db
      .prepare<[], JobRow>("SELECT * FROM print_jobs WHERE status IN ('queued', 'printing', 'failed') ORDER BY id")
      .all()
      .map(toJob);
  }

  /** A failed job goes back to the queue for an attempt now. */
  retry(id: number): boolean {
    const at = this.now().toISOString();
    const changed = this.options.db
      .prepare("UPDATE print_jobs SET status = 'queued', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'failed'")
      .run(at, at, id).changes;
    return changed === 1;
  }

  /** Prints every due job, one at a time. Concurrent calls share one pass. */
  drain(): Promise<void> {
    this.draining ??= this.drainOnce().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  start(intervalMs = 2_000): void {
    this.timer ??= setInterval(() => void this.drain(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.draining;
  }

  private async drainOnce(): Promise<void> {
    for (;;) {
      const row = this.options.db
        .prepare<[string], JobRow>("SELECT * FROM print_jobs WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT 1")
        .get(this.now().toISOString());
      if (!row) return;
      await this.attempt(toJob(row));
    }
  }

  private async attempt(job: PrintJob): Promise<void> {
    const db = this.options.db;
    const slip = this.options.slip(job.slipId);
    db.prepare("UPDATE print_jobs SET status = 'printing', updated_at = ? WHERE id = ?").run(this.now().toISOString(), job.id);
    try {
      if (!this.options.printer) throw new Error(strings.printing.noPrinter);
      await this.options.printer.print(slip.pdfFile, { printer: job.printer, paper: slip.paper, copies: 1, ...(slip.html ? { html: slip.html } : {}) });
      db.prepare("UPDATE print_jobs SET status = 'done', attempts = attempts + 1, last_error = '', updated_at = ? WHERE id = ?").run(
        this.now().toISOString(),
        job.id,
      );
      this.options.onChange?.(this.job(job.id)!, strings.printing.done(slip.title));
    } catch (error) {
      const attempts = job.attempts + 1;
      const giveUp = attempts >= this.maxAttempts;
      const wait = this.backoff[Math.min(attempts - 1, this.backoff.length - 1)]!;
      const next = new Date(this.now().getTime() + wait).toISOString();
      db.prepare('UPDATE print_jobs SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?').run(
        giveUp ? 'failed' : 'queued',
        attempts,
        (error as Error).message,
        next,
        this.now().toISOString(),
        job.id,
      );
      const message = giveUp
        ? strings.printing.gaveUp(slip.title)
        : `${(error as Error).message}；${strings.printing.retrying(job.printer, Math.max(1, Math.ceil(wait / 60_000)))}`;
      this.options.onChange?.(this.job(job.id)!, message);
    }
  }
}
