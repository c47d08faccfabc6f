/**
 * Finding 3 of issue 14, the work nobody asked for: with the database's busy
 * timeout at 25 ms, background work (timers, device callbacks, the print
 * queue) that writes while another program holds the write lock gets
 * SQLITE_BUSY. Written as the fault: the real services run, a second process
 * holds BEGIN IMMEDIATE for 3 s while a print job is under way, the
 * evaluation sweep and the service-day check come due and the printer comes
 * back. The process must survive it (no exception out of a timer, no
 * rejected promise left unhandled), and every piece of work must be done once
 * the lock is gone — the slip printed once, the other job printed, the
 * request 未评, the night's session closed, the printer's status recorded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { strings } from '../../shared/i18n';
import type { DeviceDriver, DriverContext } from '../../electron/devices/driver';
import type { PrintReceipt, SlipPrinter, SlipPrintOptions, SpoolerFinding } from '../../electron/devices/printer/printer';
import { startCounterServices } from '../../electron/services/app/counter-services';
import type { CounterServices } from '../../electron/services/app/types';
import type { PdfRenderer } from '../../electron/services/slips/pdf-renderer';
import { DATABASE_FILE } from '../../electron/services/storage/database';
import { takeForeignLock } from '../support/foreign-lock';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';
import { openServiceDay } from './web-shell-harness';
import { withClerk } from './clerk-fixture';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LOCK_HELD_MS = 3_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * The counter's system printer (devices.printer in hardware mode), as the
 * test drives it: its status is set by the test, each print is recorded by
 * its reference, and a print can be held until the test lets it finish.
 */
class TestPrinter implements DeviceDriver, SlipPrinter {
  readonly kind = 'printer' as const;
  readonly name = '测试打印机';
  readonly printed: Array<{ ref: string; title: string }> = [];
  /** The next print waits for `finish()`. */
  holdNext = false;
  private held: Array<() => void> = [];
  private context: DriverContext | null = null;

  async start(context: DriverContext): Promise<void> {
    this.context = context;
    context.setStatus('connected', '');
  }
  async stop(): Promise<void> {
    this.context = null;
  }
  setReady(ready: boolean): void {
    this.context?.setStatus(ready ? 'connected' : 'disconnected', ready ? '' : '测试：打印机脱机');
  }
  async list() {
    return [{ name: this.name, isDefault: true, ready: this.context !== null, detail: '' }];
  }
  get waiting(): number {
    return this.held.length;
  }
  finish(): void {
    for (const go of this.held.splice(0)) go();
  }
  async print(_pdf: string, options: SlipPrintOptions): Promise<PrintReceipt> {
    const title = options.title ?? '';
    if (this.holdNext) {
      this.holdNext = false;
      await new Promise<void>((resolve) => this.held.push(resolve));
    }
    this.printed.push({ ref: options.jobRef ?? '', title });
    return { copies: [`测试-${this.printed.length}`] };
  }
  async recover(ref: string): Promise<SpoolerFinding> {
    const copy = this.printed.findIndex((p) => p.ref === ref);
    return copy >= 0 ? { state: 'spooled', copies: [`测试-${copy + 1}`], detail: '测试打印机已打印' } : { state: 'absent', detail: '测试打印机没有这份' };
  }
}

const renderer: PdfRenderer = { render: async () => Buffer.from('%PDF-1.7'), close: async () => {} };

/** What escaped into the event loop while the test ran: the process would have ended on it. */
function escapes(): unknown[] {
  const seen: unknown[] = [];
  const rejection = (reason: unknown) => seen.push(reason);
  const exception = (error: unknown) => seen.push(error);
  process.on('unhandledRejection', rejection);
  process.on('uncaughtException', exception);
  cleanups.push(() => {
    process.off('unhandledRejection', rejection);
    process.off('uncaughtException', exception);
  });
  return seen;
}

describe('background work while another program holds the database (issue 14, finding 3)', () => {
  it('survives a 3 s foreign lock met by the print queue, the evaluation sweep, the service-day check and a printer coming back, and does all of it after', async () => {
    const escaped = escapes();
    const dataDir = tempDir('counter-background-');
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify(await withClerk({ devices: { idcard: { mode: 'disabled' }, evaluator: { mode: 'disabled' }, printer: { mode: 'hardware', port: '测试打印机' } } })),
    );
    const printer = new TestPrinter();
    let clockOffset = 0;
    const logs: string[] = [];
    const services: CounterServices = await startCounterServices({
      shell: 'web',
      dataDir,
      log: (line) => logs.push(line),
      pdfRenderer: renderer,
      hardwarePrinter: () => printer,
      intervals: { evaluationSweepMs: 50, serviceDayCheckMs: 50, printQueueMs: 50 },
      clock: () => new Date(Date.now() + clockOffset),
    });
    cleanups.push(() => services.close());
    await openServiceDay(services);

    // What the background has to do, stored as the terminal would have left it: a rating requested from a citizen, a slip
    // with a job printing now and one waiting out its back-off.
    const file = join(dataDir, DATABASE_FILE);
    const db = new Database(file);
    cleanups.push(() => db.close());
    const now = new Date().toISOString();
    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    db.prepare("INSERT INTO cases (id, opened_at, closed_at, status, phase, outcome) VALUES ('01-T-0001', ?, ?, 'closed', 'closed', 'accept')").run(now, now);
    db.prepare("INSERT INTO evaluations (case_id, status, day, requested_at, updated_at) VALUES ('01-T-0001', 'requested', ?, ?, ?)").run(now.slice(0, 10), now, now);
    const slipId = Number(
      db
        .prepare("INSERT INTO slips (case_id, kind, number, issued_at, data_json, paper, pdf_path, sha256) VALUES ('01-T-0001', 'receipt', 'T-1', ?, '{}', 'a4', 'x.pdf', 'h')")
        .run(now).lastInsertRowid,
    );
    // Held at the printer: the lock is taken while it prints, so its outcome has to wait for the lock.
    printer.holdNext = true;
    const insertJob = db.prepare("INSERT INTO print_jobs (slip_id, printer, status, next_attempt_at, created_at, updated_at) VALUES (?, '测试打印机', 'queued', ?, ?, ?)");
    const waitingJob = Number(insertJob.run(slipId, later, now, now).lastInsertRowid);
    const printingJob = Number(insertJob.run(slipId, now, now, now).lastInsertRowid);
    const jobStatus = (id: number) => db.prepare('SELECT status FROM print_jobs WHERE id = ?').pluck().get(id);
    await until(() => printer.waiting === 1, { label: 'the due job at the printer' });
    expect(jobStatus(printingJob)).toBe('printing');
    printer.setReady(false);

    const lock = await takeForeignLock(file);
    cleanups.push(() => lock.kill());
    const lockedAt = performance.now();
    // Under the lock: the slip comes out of the printer, the printer comes back, a day passes (the request runs out, the
    // clerk's session is left from yesterday).
    printer.finish();
    printer.setReady(true);
    clockOffset = DAY_MS;
    const busy = strings.backgroundWork.log.busy;
    const jobs = strings.backgroundWork.jobs;
    await until(() => [jobs.printQueue, jobs.evaluationSweep, jobs.serviceDayCheck].every((job) => logs.includes(busy(job))), {
      timeoutMs: LOCK_HELD_MS,
      label: () => `each background job meeting the lock; the log: ${logs.slice(-8).join(' | ')}`,
    });
    // Still answering while locked.
    expect((await services.handle('getServiceDay', {})).ok).toBe(true);
    // Nothing written through the lock, nothing printed twice.
    expect(jobStatus(printingJob)).toBe('printing');
    expect(jobStatus(waitingJob)).toBe('queued');
    expect(printer.printed.map((p) => p.title)).toEqual(['受理通知书 T-1']);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, LOCK_HELD_MS - (performance.now() - lockedAt))));
    await lock.release();

    await until(() => jobStatus(printingJob) === 'done' && jobStatus(waitingJob) === 'done', {
      timeoutMs: 5_000,
      label: () => `both jobs printed: ${jobStatus(printingJob)}, ${jobStatus(waitingJob)}`,
    });
    // One copy each: the one printed under the lock was recorded, not sent again.
    expect(printer.printed).toHaveLength(2);
    expect(db.prepare('SELECT job_id, source FROM print_copies ORDER BY job_id').all()).toEqual([
      { job_id: waitingJob, source: 'print' },
      { job_id: printingJob, source: 'print' },
    ]);
    await until(() => db.prepare("SELECT status FROM evaluations WHERE case_id = '01-T-0001'").pluck().get() === 'unrated', { label: 'the request run out' });
    expect(db.prepare("SELECT unrated_reason FROM evaluations WHERE case_id = '01-T-0001'").pluck().get()).toBe('timeout');
    await until(() => db.prepare('SELECT auto_closed FROM service_days').pluck().get() === 1, { label: 'yesterday’s session closed' });
    // The printer's status changes were recorded too, the one met by the lock included.
    await until(() => db.prepare("SELECT count(*) FROM device_events WHERE kind = 'printer' AND state = 'connected'").pluck().get() === 2, {
      label: 'the printer’s return recorded',
    });
    expect(escaped).toEqual([]);
  });
});
