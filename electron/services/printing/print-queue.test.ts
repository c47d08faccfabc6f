import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../../test/support/until';
import { defaultConfig } from '../config/config-file';
import { openDatabase, type Db } from '../storage/database';
import { CupsPrinter } from '../../devices/printer/cups-printer';
import { CupsPrinterDriver } from '../../devices/printer/cups-printer-driver';
import { fakeCups } from '../../devices/printer/fake-cups';
import { DeviceManager } from '../../devices/manager';
import { PrinterError, type PrintReceipt, type SlipPrinter, type SpoolerFinding } from '../../devices/printer/printer';
import { copiesOfSlip, slipPrintStatus } from './print-copies';
import { PrintQueue } from './print-queue';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'counter-print-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function database(): Db {
  const db = openDatabase(join(tempDir(), 'db.sqlite'));
  cleanups.push(() => {
    db.close();
  });
  db.prepare("INSERT INTO cases (id, opened_at, status) VALUES ('C1', '2026-11-23', 'open')").run();
  db.prepare(
    "INSERT INTO slips (case_id, kind, number, issued_at, data_json, paper, pdf_path, sha256) VALUES ('C1', 'receipt', 'N1', '2026-11-23', '{}', 'a4', 'x.pdf', 'h')",
  ).run();
  return db;
}

/**
 * A printer that fails while `offline` is true and records what it printed,
 * with a spooler of its own (`spool`: reference → id) that recover() asks,
 * like CUPS; `canRecover: false` makes it a printer nobody can ask (Electron).
 */
function fakePrinter(options: { canRecover?: boolean } = {}) {
  const printed: string[] = [];
  const spool = new Map<string, string>();
  const state = { offline: false, inFlight: new Set<string>(), uncertainFailure: false };
  const printer: SlipPrinter = {
    name: 'fake',
    list: async () => [],
    print: async (file, { printer, jobRef }): Promise<PrintReceipt> => {
      if (state.uncertainFailure) throw new PrinterError('打印服务没有答复', 'lp timed out', true);
      if (state.offline) throw new Error(`打印机“${printer}”脱机`);
      printed.push(`${printer}:${file}`);
      const id = `${printer}-${printed.length}`;
      spool.set(jobRef!, id);
      return { copies: [id] };
    },
    ...(options.canRecover === false
      ? {}
      : {
          recover: async (ref): Promise<SpoolerFinding> => {
            if (state.inFlight.has(ref)) return { state: 'inFlight' };
            const id = spool.get(ref);
            return id ? { state: 'spooled', copies: [id], detail: '打印服务已打印完成' } : { state: 'absent', detail: '程序退出时尚未交给打印服务' };
          },
        }),
  };
  return { printer, printed, state, spool };
}

const slip = () => ({ pdfFile: '/archive/x.pdf', paper: 'a4' as const, title: '受理通知书' });

/** A job left 'printing' by a crash after the spooler took (or did not take) attempt `ref`. */
function crashedMidPrint(db: Db, ref: string, spooler = 'fake'): number {
  const at = '2026-11-23T09:00:00.000Z';
  const { lastInsertRowid } = db
    .prepare(
      "INSERT INTO print_jobs (slip_id, printer, status, attempts, next_attempt_at, created_at, updated_at, spooler, spooler_ref) VALUES (1, 'P1', 'printing', 1, ?, ?, ?, ?, ?)",
    )
    .run(at, at, at, spooler, ref);
  return Number(lastInsertRowid);
}

describe('PrintQueue', () => {
  it('hands the printer the slip HTML along with the PDF and the paper (the Electron printer prints the page)', async () => {
    const seen: { paper: string; html: string | null }[] = [];
    const printer: SlipPrinter = {
      name: 'page printer',
      list: async () => [],
      print: async (_file, options) => void seen.push({ paper: options.paper, html: options.html ? await options.html() : null }),
    };
    const queue = new PrintQueue({ db: database(), printer, slip: () => ({ ...slip(), paper: 'receipt80', html: async () => '<p>受理通知书</p>' }) });
    queue.enqueue(1, '');
    await queue.drain();
    expect(seen).toEqual([{ paper: 'receipt80', html: '<p>受理通知书</p>' }]);
  });

  it('prints a queued job, records it done and records the copy with the spooler’s id', async () => {
    const { printer, printed } = fakePrinter();
    const messages: string[] = [];
    const db = database();
    const queue = new PrintQueue({ db, printer, slip, onChange: (_j, m) => messages.push(m) });
    const job = queue.enqueue(1, '前台激光打印机');
    await queue.drain();
    expect(printed).toEqual(['前台激光打印机:/archive/x.pdf']);
    expect(queue.job(job.id)).toMatchObject({ status: 'done', attempts: 1, spoolerJobId: '前台激光打印机-1', spoolerRef: '' });
    expect(queue.pending()).toEqual([]);
    expect(messages).toEqual(['受理通知书已打印']);
    expect(copiesOfSlip(db, 1)).toMatchObject([{ jobId: job.id, copy: 1, spoolerJobId: '前台激光打印机-1', status: 'sent', source: 'print' }]);
    expect(slipPrintStatus(db, 1)).toEqual({ status: 'done', message: '已打印（送出 1 份，打印任务 前台激光打印机-1）' });
  });

  it('commits the attempt (printing, its count, its reference) before the spooler is called', async () => {
    const db = database();
    let seenDuringPrint: unknown;
    const printer: SlipPrinter = {
      name: 'fake',
      list: async () => [],
      print: async (_file, { jobRef }) => {
        // Another connection sees only what was committed.
        const other = openDatabase(db.name);
        seenDuringPrint = { ...other.prepare('SELECT status, attempts, spooler, spooler_ref FROM print_jobs').get()!, jobRef };
        other.close();
        return { copies: ['P-1'] };
      },
    };
    const queue = new PrintQueue({ db, printer, slip });
    queue.enqueue(1, 'P');
    await queue.drain();
    const ref = (seenDuringPrint as { jobRef: string }).jobRef;
    expect(ref).toMatch(/^ctr1a1-[0-9a-f]{6}$/);
    expect(seenDuringPrint).toEqual({ status: 'printing', attempts: 1, spooler: 'fake', spooler_ref: ref, jobRef: ref });
  });

  it('keeps a job through an offline printer, backs off, and prints when it is back', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const { printer, printed, state } = fakePrinter();
    const messages: string[] = [];
    const queue = new PrintQueue({ db: database(), printer, slip, now: () => now, backoffMs: [5_000, 60_000], onChange: (_j, m) => messages.push(m) });
    state.offline = true;
    const job = queue.enqueue(1, 'P1');
    await queue.drain();
    expect(queue.job(job.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: '打印机“P1”脱机', nextAttemptAt: '2026-11-23T09:00:05.000Z' });
    expect(messages[0]).toBe('打印机“P1”脱机；打印机“P1”暂不可用，1 分钟内自动重试');

    await queue.drain(); // not due yet
    expect(queue.job(job.id)?.attempts).toBe(1);

    now = new Date('2026-11-23T09:00:06Z');
    await queue.drain();
    expect(queue.job(job.id)).toMatchObject({ attempts: 2, nextAttemptAt: '2026-11-23T09:01:06.000Z' });

    state.offline = false;
    now = new Date('2026-11-23T09:02:00Z');
    await queue.drain();
    expect(printed).toEqual(['P1:/archive/x.pdf']);
    expect(queue.job(job.id)?.status).toBe('done');
  });

  it('gives up after the maximum attempts, tells the clerk, and retries on request', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const { printer, state, printed } = fakePrinter();
    const messages: string[] = [];
    const queue = new PrintQueue({ db: database(), printer, slip, now: () => now, backoffMs: [0], maxAttempts: 3, onChange: (_j, m) => messages.push(m) });
    state.offline = true;
    const job = queue.enqueue(1, 'P1');
    await queue.drain();
    expect(queue.job(job.id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(messages.at(-1)).toBe('受理通知书多次打印失败，请检查打印机后点“重新打印”');
    expect(queue.pending().map((j) => j.id)).toEqual([job.id]);

    state.offline = false;
    now = new Date('2026-11-23T09:10:00Z');
    expect(queue.retry(job.id)).toBe(true);
    expect(queue.retry(job.id)).toBe(false);
    await queue.drain();
    expect(printed).toHaveLength(1);
  });

  it('with no printer configured keeps the job queued with a plain reason', async () => {
    const queue = new PrintQueue({ db: database(), printer: null, slip });
    const job = queue.enqueue(1, '');
    await queue.drain();
    expect(queue.job(job.id)).toMatchObject({ status: 'queued', lastError: '未配置打印机，通知书已归档为 PDF，可稍后打印。' });
  });

  it('runs one pass at a time when drained concurrently', async () => {
    const { printer, printed } = fakePrinter();
    const queue = new PrintQueue({ db: database(), printer, slip });
    queue.enqueue(1, 'P1');
    queue.enqueue(1, 'P2');
    await Promise.all([queue.drain(), queue.drain(), queue.drain()]);
    expect(printed).toEqual(['P1:/archive/x.pdf', 'P2:/archive/x.pdf']);
  });
});

describe('PrintQueue after a crash mid-print', () => {
  it('does not print again a job the spooler had taken: done, its copy recorded once', async () => {
    const db = database();
    const { printer, printed, spool } = fakePrinter();
    spool.set('ctr1a1-aaaaaa', 'P1-7'); // the spooler took it; the terminal died before recording it
    const job = crashedMidPrint(db, 'ctr1a1-aaaaaa');
    const messages: string[] = [];
    const queue = new PrintQueue({ db, printer, slip, onChange: (_j, m) => messages.push(m) });
    await queue.drain();
    await queue.drain();
    expect(printed).toEqual([]);
    expect(queue.job(job)).toMatchObject({ status: 'done', attempts: 1, spoolerJobId: 'P1-7' });
    expect(copiesOfSlip(db, 1)).toMatchObject([{ jobId: job, spoolerJobId: 'P1-7', status: 'sent', source: 'recovered' }]);
    expect(messages).toEqual(['受理通知书在程序退出前已交给打印机，不再重复打印（打印服务已打印完成）']);
  });

  it('waits for a hand-over still under way, then records it without printing', async () => {
    const db = database();
    const { printer, printed, spool, state } = fakePrinter();
    state.inFlight.add('ctr1a1-bbbbbb');
    const job = crashedMidPrint(db, 'ctr1a1-bbbbbb');
    const queue = new PrintQueue({ db, printer, slip });
    await queue.drain();
    expect(queue.job(job)?.status).toBe('printing');
    state.inFlight.delete('ctr1a1-bbbbbb');
    spool.set('ctr1a1-bbbbbb', 'P1-8');
    await queue.drain();
    expect(printed).toEqual([]);
    expect(queue.job(job)?.status).toBe('done');
    expect(copiesOfSlip(db, 1)).toHaveLength(1);
  });

  it('prints once a job that never reached the spooler', async () => {
    const db = database();
    const { printer, printed } = fakePrinter();
    const job = crashedMidPrint(db, 'ctr1a1-cccccc');
    const queue = new PrintQueue({ db, printer, slip });
    await queue.drain();
    await queue.drain();
    expect(printed).toEqual(['P1:/archive/x.pdf']);
    expect(queue.job(job)).toMatchObject({ status: 'done', attempts: 2 });
    expect(copiesOfSlip(db, 1)).toMatchObject([{ status: 'sent', source: 'print' }]);
  });

  it('with a printer nobody can ask, prints again and records the possible extra copy', async () => {
    const db = database();
    const { printer, printed } = fakePrinter({ canRecover: false });
    const job = crashedMidPrint(db, 'ctr1a1-dddddd');
    const messages: string[] = [];
    const queue = new PrintQueue({ db, printer, slip, onChange: (_j, m) => messages.push(m) });
    await queue.drain();
    expect(printed).toEqual(['P1:/archive/x.pdf']);
    expect(queue.job(job)?.status).toBe('done');
    expect(copiesOfSlip(db, 1).map((c) => [c.status, c.source])).toEqual([
      ['uncertain', 'recovered'],
      ['sent', 'print'],
    ]);
    expect(messages[0]).toBe('受理通知书打印时程序意外退出，无法确认是否已打出，已重新打印，可能多出一份');
    expect(slipPrintStatus(db, 1)?.message).toBe('已打印（送出 1 份，打印任务 P1-1）；另有 1 份可能已打出（打印中程序意外退出，无法确认）');
  });

  it('asks the spooler before resending an attempt whose outcome was left open (lp killed on a timeout)', async () => {
    let now = new Date('2026-11-23T09:00:00Z');
    const db = database();
    const { printer, printed, spool, state } = fakePrinter();
    const queue = new PrintQueue({ db, printer, slip, now: () => now, backoffMs: [5_000] });
    state.uncertainFailure = true;
    const job = queue.enqueue(1, 'P1');
    await queue.drain();
    const open = queue.job(job.id)!;
    expect(open).toMatchObject({ status: 'queued', attempts: 1, lastError: '打印服务没有答复' });
    expect(open.spoolerRef).toMatch(/^ctr\d+a1-/);
    spool.set(open.spoolerRef, 'P1-3'); // CUPS had taken it after all
    state.uncertainFailure = false;
    now = new Date('2026-11-23T09:00:10Z');
    await queue.drain();
    expect(printed).toEqual([]);
    expect(queue.job(job.id)).toMatchObject({ status: 'done', spoolerJobId: 'P1-3' });
  });
});

describe('PrintQueue with CUPS when lp dies without answering', () => {
  it('finds the slip CUPS took among its waiting jobs by title, and does not send it again', async () => {
    const cups = fakeCups();
    cleanups.push(() => cups.cleanup());
    cups.set('keep-pending');
    cups.set('die-after-submit'); // CUPS files the job, lp is killed before it prints the request id
    let now = new Date('2026-11-23T09:00:00Z');
    const db = database();
    const queue = new PrintQueue({ db, printer: new CupsPrinter(tempDir(), cups.env), slip, now: () => now, backoffMs: [5_000] });
    const job = queue.enqueue(1, 'Front_Laser');
    await queue.drain();
    expect(queue.job(job.id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(queue.job(job.id)?.spoolerRef).not.toBe('');

    cups.unset('die-after-submit');
    now = new Date('2026-11-23T09:00:10Z');
    await queue.drain();
    expect(cups.lpCalls()).toHaveLength(1);
    expect(queue.job(job.id)).toMatchObject({ status: 'done', spoolerJobId: 'Front_Laser-1' });
    expect(copiesOfSlip(db, 1)).toMatchObject([{ spoolerJobId: 'Front_Laser-1', status: 'sent', source: 'recovered' }]);
  });
});

describe('PrintQueue and a printer that comes back', () => {
  it('prints a job waiting out its back-off as soon as the printer is back, not minutes later', async () => {
    const now = new Date('2026-11-23T09:00:00Z'); // the clock stands still: only the wake-up can make it due
    const { printer, printed, state } = fakePrinter();
    const queue = new PrintQueue({ db: database(), printer, slip, now: () => now, backoffMs: [300_000] });
    cleanups.push(() => queue.stop()); // before the database closes: a pass the wake-up started has ended
    queue.printerStatusChanged('connected');
    state.offline = true;
    const job = queue.enqueue(1, 'P1');
    await queue.drain();
    expect(queue.job(job.id)).toMatchObject({ status: 'queued', nextAttemptAt: '2026-11-23T09:05:00.000Z' });
    queue.printerStatusChanged('disconnected');
    state.offline = false;
    await queue.drain();
    expect(printed).toEqual([]); // still backing off
    queue.printerStatusChanged('connected');
    await until(() => printed.length === 1, { label: 'printed after the printer came back' });
    await queue.drain();
    expect(queue.job(job.id)?.status).toBe('done');
  });

  it('through the CUPS driver’s status poll: lpstat says the printer is back, the slip goes to lp at once', async () => {
    const cups = fakeCups('printer Front disabled since x -\n\tPaused\n');
    cleanups.push(() => cups.cleanup());
    const spoolDir = tempDir();
    const cupsPrinter = new CupsPrinter(spoolDir, cups.env);
    const db = database();
    const logs: string[] = [];
    const queue = new PrintQueue({ db, printer: cupsPrinter, slip, backoffMs: [300_000], log: (line) => logs.push(line) });
    cleanups.push(() => queue.stop());
    // Wired as counter-services wires them: the printer's status changes reach the queue.
    const devices = new DeviceManager({
      settings: { ...defaultConfig().devices, idcard: { mode: 'disabled' }, evaluator: { mode: 'disabled' }, printer: { mode: 'hardware', port: 'Front' } },
      registry: { printer: { hardware: () => new CupsPrinterDriver(cupsPrinter, 'Front', 20) } },
      onStatusChange: (_all, changed) => {
        if (changed.kind === 'printer') queue.printerStatusChanged(changed.state);
      },
    });
    cleanups.push(() => devices.stop());
    await devices.start();
    expect(devices.list().find((d) => d.kind === 'printer')?.state).toBe('disconnected');

    cups.set('fail', 'lp: Destination "Front" is not accepting jobs.\n');
    const job = queue.enqueue(1, 'Front');
    await queue.drain();
    expect(queue.job(job.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: '打印机“Front”打印失败：打印机当前不接受打印任务（已暂停或停用）' });
    // The clerk reads Chinese; the log keeps lp's own words.
    expect(logs).toEqual([`打印任务 ${job.id} 失败：打印机“Front”打印失败：打印机当前不接受打印任务（已暂停或停用）（原文：lp: Destination "Front" is not accepting jobs.）`]);

    cups.unset('fail');
    cups.set('printers', 'printer Front is idle.  enabled since x\n');
    await until(() => queue.job(job.id)?.status === 'done', { label: 'printed once the printer was back' });
    expect(cups.jobs()).toHaveLength(1);
    expect(copiesOfSlip(db, 1)).toMatchObject([{ spoolerJobId: 'Front-1', status: 'sent' }]);
  });
});

/** Another program holding the write lock, as a second connection inside BEGIN IMMEDIATE does; the queue's statements wait 20 ms for it. */
function foreignWriter(db: Db) {
  db.pragma('busy_timeout = 20');
  const other = new Database(db.name);
  cleanups.push(() => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
  });
  return { lock: () => other.exec('BEGIN IMMEDIATE'), release: () => other.exec('ROLLBACK') };
}

describe('PrintQueue under another program’s write lock (issue 14)', () => {
  it('a pass that meets the lock neither throws nor rejects; the job prints once the lock is gone', async () => {
    const db = database();
    const { printer, printed } = fakePrinter();
    const logs: string[] = [];
    const queue = new PrintQueue({ db, printer, slip, log: (line) => logs.push(line) });
    cleanups.push(() => queue.stop());
    const job = queue.enqueue(1, 'P1');
    const writer = foreignWriter(db);
    writer.lock();
    await expect(queue.drain()).resolves.toBeUndefined();
    expect(printed).toEqual([]);
    expect(queue.job(job.id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(logs).toEqual(['数据库被占用：打印队列 暂缓，稍后自动重试']);

    writer.release();
    await queue.drain();
    expect(printed).toHaveLength(1);
    expect(queue.job(job.id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(logs.at(-1)).toBe('打印队列 已恢复正常');
  });

  it('printed while another program takes the lock: the copy is recorded once the lock goes, and never printed again', async () => {
    const db = database();
    // A printer nobody can ask (Electron): were the outcome forgotten, the next pass would have to print again.
    const { printer, printed } = fakePrinter({ canRecover: false });
    const writer = foreignWriter(db);
    const print = printer.print.bind(printer);
    printer.print = async (file, options) => {
      const receipt = await print(file, options);
      writer.lock();
      return receipt;
    };
    const messages: string[] = [];
    const queue = new PrintQueue({ db, printer, slip, onChange: (_j, m) => messages.push(m) });
    cleanups.push(() => queue.stop());
    const job = queue.enqueue(1, 'P1');
    await expect(queue.drain()).resolves.toBeUndefined();
    expect(printed).toHaveLength(1);
    // Stored as under way; the outcome waits in memory.
    expect(queue.job(job.id)).toMatchObject({ status: 'printing', attempts: 1 });
    expect(messages).toEqual([]);

    writer.release();
    await queue.drain();
    await queue.drain();
    expect(printed).toHaveLength(1);
    expect(queue.job(job.id)).toMatchObject({ status: 'done', attempts: 1, spoolerJobId: 'P1-1' });
    expect(copiesOfSlip(db, 1)).toMatchObject([{ jobId: job.id, spoolerJobId: 'P1-1', status: 'sent', source: 'print' }]);
    expect(messages).toEqual(['受理通知书已打印']);
  });

  it('a printer that comes back during the lock: the wake-up is kept, not thrown into the device manager, and done once the lock goes', async () => {
    const now = new Date('2026-11-23T09:00:00Z'); // the clock stands still: only the wake-up can make the job due
    const db = database();
    const { printer, printed, state } = fakePrinter();
    const queue = new PrintQueue({ db, printer, slip, now: () => now, backoffMs: [300_000] });
    cleanups.push(() => queue.stop());
    queue.printerStatusChanged('connected');
    state.offline = true;
    const job = queue.enqueue(1, 'P1');
    await queue.drain();
    queue.printerStatusChanged('disconnected');
    state.offline = false;

    const writer = foreignWriter(db);
    writer.lock();
    expect(() => queue.printerStatusChanged('connected')).not.toThrow();
    await queue.drain();
    expect(printed).toEqual([]);
    expect(queue.job(job.id)).toMatchObject({ status: 'queued', nextAttemptAt: '2026-11-23T09:05:00.000Z' });

    writer.release();
    await queue.drain();
    expect(printed).toHaveLength(1);
    expect(queue.job(job.id)?.status).toBe('done');
  });

  it('a failed print whose record meets the lock is recorded once the lock goes, with its reason', async () => {
    const db = database();
    const { printer, printed, state } = fakePrinter();
    const writer = foreignWriter(db);
    const print = printer.print.bind(printer);
    printer.print = async (file, options) => {
      writer.lock();
      return print(file, options);
    };
    state.offline = true;
    const queue = new PrintQueue({ db, printer, slip, backoffMs: [300_000] });
    cleanups.push(() => queue.stop());
    const job = queue.enqueue(1, 'P1');
    await expect(queue.drain()).resolves.toBeUndefined();
    expect(queue.job(job.id)).toMatchObject({ status: 'printing' });

    writer.release();
    printer.print = print;
    await queue.drain();
    expect(printed).toEqual([]);
    expect(queue.job(job.id)).toMatchObject({ status: 'queued', attempts: 1, spoolerRef: '', lastError: '打印机“P1”脱机' });
  });
});
