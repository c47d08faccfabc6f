import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/database';
import type { DeviceState } from '../../../shared/contract';
import type { SlipPaper } from '../../../shared/domain/slips/slip-html';
import { strings } from '../../../shared/i18n';
import { PrinterError, type PrintReceipt, type SlipPrinter, type SpoolerFinding } from '../../devices/printer/printer';
import { BackgroundWork } from '../errors/background-work';
import { explainError } from '../errors/system-error';
import { recordCopies } from './print-copies';

export type PrintJobStatus = 'queued' | 'printing' | 'done' | 'failed' | 'cancelled';

export interface PrintJob {
  id: number;
  slipId: number;
  printer: string;
  status: PrintJobStatus;
  attempts: number;
  lastError: string;
  nextAttemptAt: string;
  /** The attempt handed to (or being handed to) the spooler; '' when none is open. */
  spoolerRef: string;
  /** The spooler's id of the last copy sent ('' until known). */
  spoolerJobId: string;
}

/** What the queue needs to know of a slip to print it. */
export interface PrintableSlip {
  pdfFile: string;
  paper: SlipPaper;
  title: string;
  /** The slip's number, shown in the spooler's job title so IT can tell jobs apart. */
  number?: string;
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
  /** The log (Chinese, with the spooler's original words). */
  log?: (line: string) => void;
}

interface JobRow {
  id: number;
  slip_id: number;
  printer: string;
  status: PrintJobStatus;
  attempts: number;
  last_error: string;
  next_attempt_at: string;
  spooler: string;
  spooler_ref: string;
  spooler_job_id: string;
}

const toJob = (r: JobRow): PrintJob => ({
  id: r.id,
  slipId: r.slip_id,
  printer: r.printer,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  spoolerRef: r.spooler_ref,
  spoolerJobId: r.spooler_job_id,
});

/** An attempt's result: the write that records it, and what follows once it is written. */
interface Outcome {
  write: () => void;
  after: () => void;
}

/** The queue prints one copy per job; a reprint is a job of its own. */
const COPIES = 1;

/**
 * Print jobs live in the database, so a slip is never lost because the
 * printer was offline or the app restarted: a failed attempt waits and is
 * tried again, and after too many the clerk is asked to check the printer
 * and retry. The archived PDF exists before a job is queued.
 *
 * Nor is a slip printed twice because the app died mid-print. Each attempt
 * is committed ('printing', its attempt count and a unique reference) before
 * the spooler is called, and the spooler's answer is committed with a row
 * per physical copy. A job found 'printing' that this process is not
 * printing was interrupted by a crash: the printer is asked (recover) what
 * became of that reference — CUPS has it → done, copies recorded; lp still
 * running → ask again on the next pass; certainly not sent → print it; no
 * way to know (the Electron printer) → print it and record the possible
 * extra copy as 'uncertain'.
 *
 * The queue works in the background (its timer, a printer that comes back,
 * a slip just recorded): a pass never throws or rejects. One that meets
 * another program's write lock stops where it is and the next tick goes on
 * — every step re-reads the stored jobs, so nothing is lost or sent twice.
 * An attempt whose outcome (printed, or failed) could not be written is kept
 * in memory and written first by the next pass, before anything else is
 * looked at, so this process never asks the spooler about, or resends, a
 * copy it knows came out.
 */
export class PrintQueue {
  private readonly now: () => Date;
  private readonly backoff: readonly number[];
  private readonly maxAttempts: number;
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** Whether the printer was last reported ready; undefined before the first report. */
  private printerReady: boolean | undefined;
  /** A printer came back but the jobs could not be made due yet (a locked database): the next pass does it. */
  private wakePending = false;
  /** Outcomes of this process's attempts not yet written (a locked database), by job: written first by the next pass. */
  private readonly unrecorded = new Map<number, Outcome>();
  private readonly work: BackgroundWork;

  constructor(private readonly options: PrintQueueOptions) {
    this.now = options.now ?? (() => new Date());
    this.backoff = options.backoffMs ?? [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];
    this.maxAttempts = options.maxAttempts ?? 10;
    this.work = new BackgroundWork(strings.backgroundWork.jobs.printQueue, options.log);
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
    const row = this.row(id);
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

  /**
   * The printer's status changed (device manager). A printer that comes
   * back — ready now, not ready before, or ready at its first report —
   * makes every job waiting out its back-off due now, and prints them.
   */
  printerStatusChanged(state: DeviceState): void {
    const ready = state === 'connected' || state === 'simulated';
    const cameBack = ready && this.printerReady !== true;
    this.printerReady = ready;
    if (cameBack) this.wake();
  }

  /**
   * Jobs waiting out a back-off are due now; a pass starts at once. Returns
   * how many were woken (0 when the database is locked: the pass wakes them
   * once it can write). Never throws: the device manager calls it.
   */
  wake(): number {
    this.wakePending = true;
    let woken = 0;
    try {
      woken = this.wakeNow();
    } catch (error) {
      this.work.failed(error);
    }
    void this.drain();
    return woken;
  }

  private wakeNow(): number {
    const at = this.now().toISOString();
    const woken = this.options.db
      .prepare("UPDATE print_jobs SET next_attempt_at = ?, updated_at = ? WHERE status = 'queued' AND next_attempt_at > ?")
      .run(at, at, at).changes;
    this.wakePending = false;
    return woken;
  }

  /**
   * Settles jobs a crash interrupted, then prints every due job, one at a
   * time. Concurrent calls share one pass. Never rejects: a pass that fails
   * (a locked database) is logged and the timer's next tick goes on from
   * what is stored.
   */
  drain(): Promise<void> {
    if (this.draining) {
      // A pass may be past its last look at the queue: it looks once more before it ends.
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        if (!(await this.work.run(() => this.drainOnce()))) break;
      } while (this.again);
    })().finally(() => {
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
    // What this process knows already is written before the spooler is asked anything (a failure here ends the pass).
    for (const [jobId, outcome] of this.unrecorded) {
      outcome.write();
      this.unrecorded.delete(jobId);
      this.tell(outcome);
    }
    if (this.wakePending) this.wakeNow();
    // Only drainOnce prints, one pass at a time: a job 'printing' now was left so by a previous run.
    for (const orphan of this.options.db.prepare<[], JobRow>("SELECT * FROM print_jobs WHERE status = 'printing' ORDER BY id").all()) {
      await this.settle(orphan);
    }
    for (;;) {
      const row = this.options.db
        .prepare<[string], JobRow>("SELECT * FROM print_jobs WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT 1")
        .get(this.now().toISOString());
      if (!row) return;
      // An earlier attempt whose fate is open (lp killed on a timeout) is settled before anything is sent again.
      if (row.spooler_ref && (await this.settle(row)) !== 'resend') continue;
      await this.attempt(this.row(row.id)!);
    }
  }

  /**
   * Asks the printer what became of the job's open attempt and records it.
   * 'settled': the spooler had it (done); 'inFlight': lp still running (left
   * as it is, asked again on the next pass); 'resend': it may be printed.
   */
  private async settle(row: JobRow): Promise<'settled' | 'inFlight' | 'resend'> {
    const db = this.options.db;
    const printer = this.options.printer;
    const finding: SpoolerFinding =
      printer?.recover && row.spooler === printer.name
        ? await printer.recover(row.spooler_ref, { printer: row.printer, copies: COPIES }).catch(
            (error: unknown): SpoolerFinding => ({ state: 'unknown', detail: explainError(error).message }),
          )
        : { state: 'unknown', detail: strings.printRecovery.noSpoolerToAsk };
    if (finding.state === 'inFlight') return 'inFlight';
    const at = this.now().toISOString();
    const title = this.title(row.slip_id);
    this.options.log?.(strings.printRecovery.log.recovered(row.id, finding.state, 'detail' in finding ? finding.detail : ''));
    const base = { jobId: row.id, slipId: row.slip_id, spoolerRef: row.spooler_ref, printer: row.printer, source: 'recovered' as const, at };
    if (finding.state === 'spooled') {
      db.transaction(() => {
        recordCopies(db, finding.copies.map((id) => ({ ...base, spoolerJobId: id, status: 'sent' as const, detail: finding.detail })));
        db.prepare("UPDATE print_jobs SET status = 'done', spooler_job_id = ?, spooler_ref = '', last_error = '', updated_at = ? WHERE id = ?").run(
          finding.copies.at(-1) ?? '',
          at,
          row.id,
        );
      })();
      printer?.release?.(row.spooler_ref);
      this.options.onChange?.(this.job(row.id)!, strings.printRecovery.recoveredDone(title, finding.detail));
      return 'settled';
    }
    // Not in the spooler (or nobody can say): due now. An unknown outcome is recorded as a possible copy.
    const uncertain = finding.state === 'unknown';
    db.transaction(() => {
      if (uncertain) recordCopies(db, [{ ...base, spoolerJobId: '', status: 'uncertain', detail: finding.detail }]);
      db.prepare(
        "UPDATE print_jobs SET status = 'queued', spooler_ref = '', next_attempt_at = ?, last_error = CASE WHEN ? THEN ? ELSE last_error END, updated_at = ? WHERE id = ?",
      ).run(at, uncertain ? 1 : 0, strings.printRecovery.uncertain(title), at, row.id);
    })();
    printer?.release?.(row.spooler_ref);
    if (uncertain) this.options.onChange?.(this.job(row.id)!, strings.printRecovery.uncertain(title));
    return 'resend';
  }

  private async attempt(row: JobRow): Promise<void> {
    const db = this.options.db;
    const slip = this.options.slip(row.slip_id);
    const printer = this.options.printer;
    // Committed before the spooler is called: a crash from here on leaves a job that names its attempt.
    // (A lock here ends the pass before anything is sent.)
    const ref = `ctr${row.id}a${row.attempts + 1}-${randomBytes(3).toString('hex')}`;
    const started = this.now().toISOString();
    db.prepare(
      "UPDATE print_jobs SET status = 'printing', attempts = attempts + 1, spooler = ?, spooler_ref = ?, spooler_job_id = '', updated_at = ? WHERE id = ?",
    ).run(printer?.name ?? '', ref, started, row.id);
    const attempts = row.attempts + 1;
    let receipt: PrintReceipt | void;
    try {
      if (!printer) throw new Error(strings.printing.noPrinter);
      receipt = await printer.print(slip.pdfFile, {
        printer: row.printer,
        paper: slip.paper,
        copies: COPIES,
        jobRef: ref,
        title: [slip.title, slip.number].filter(Boolean).join(' '),
        ...(slip.html ? { html: slip.html } : {}),
      });
    } catch (error) {
      return this.record(row.id, this.failure(row, ref, attempts, slip.title, error));
    }
    // Printed: only the database is left. Kept apart from the printer's failures above, so that a write that fails here is
    // never taken for a failed print (and the slip printed again).
    const ids = receipt?.copies ?? Array.from({ length: COPIES }, () => '');
    const at = this.now().toISOString();
    this.record(row.id, {
      // One transaction: the copies and the job's end.
      write: () =>
        db.transaction(() => {
          recordCopies(
            db,
            ids.map((id) => ({ jobId: row.id, slipId: row.slip_id, spoolerRef: ref, printer: row.printer, spoolerJobId: id, status: 'sent' as const, source: 'print' as const, detail: '', at })),
          );
          db.prepare("UPDATE print_jobs SET status = 'done', spooler_job_id = ?, spooler_ref = '', last_error = '', updated_at = ? WHERE id = ?").run(
            ids.at(-1) ?? '',
            at,
            row.id,
          );
        })(),
      after: () => {
        printer!.release?.(ref);
        this.options.onChange?.(this.job(row.id)!, strings.printing.done(slip.title));
      },
    });
  }

  /**
   * Writes an attempt's outcome now, then tells; when the write fails (a
   * locked database) the outcome is kept and the error ends the pass: the
   * next pass writes it first. Each write is one statement or transaction,
   * rolled back whole on failure, so writing it again later is safe.
   */
  private record(jobId: number, outcome: Outcome): void {
    try {
      outcome.write();
    } catch (error) {
      this.unrecorded.set(jobId, outcome);
      throw error;
    }
    this.tell(outcome);
  }

  /** What follows a written outcome (the spooler's bookkeeping, the clerk's notice): it cannot undo the write, so its failure is only logged. */
  private tell(outcome: Outcome): void {
    try {
      outcome.after();
    } catch (error) {
      this.work.failed(error);
    }
  }

  /** A failed print: queued again after its back-off, or failed for good after too many; logged and told once written. */
  private failure(row: JobRow, ref: string, attempts: number, title: string, error: unknown): Outcome {
    const printer = this.options.printer;
    const explained = explainError(error);
    const original = error instanceof PrinterError ? error.original : explained.original;
    // A slip that may have reached the spooler anyway keeps its reference: the next pass asks before resending.
    const keepRef = error instanceof PrinterError && error.uncertain;
    const giveUp = attempts >= this.maxAttempts;
    const wait = this.backoff[Math.min(attempts - 1, this.backoff.length - 1)]!;
    const next = new Date(this.now().getTime() + wait).toISOString();
    return {
      write: () =>
        void this.options.db
          .prepare('UPDATE print_jobs SET status = ?, spooler_ref = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?')
          .run(giveUp ? 'failed' : 'queued', keepRef ? ref : '', explained.message, next, this.now().toISOString(), row.id),
      after: () => {
        this.options.log?.(strings.printRecovery.log.failed(row.id, explained.message, original));
        if (!keepRef) printer?.release?.(ref);
        const message = giveUp ? strings.printing.gaveUp(title) : `${explained.message}；${strings.printing.retrying(row.printer, Math.max(1, Math.ceil(wait / 60_000)))}`;
        this.options.onChange?.(this.job(row.id)!, message);
      },
    };
  }

  private row(id: number): JobRow | undefined {
    return this.options.db.prepare<[number], JobRow>('SELECT * FROM print_jobs WHERE id = ?').get(id);
  }

  private title(slipId: number): string {
    try {
      return this.options.slip(slipId).title;
    } catch {
      return strings.printRecovery.slipFallback;
    }
  }
}
