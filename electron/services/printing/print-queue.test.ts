import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../storage/database';
import type { SlipPrinter } from '../../devices/printer/printer';
import { PrintQueue } from './print-queue';

function database(): Db {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'counter-print-')), 'db.sqlite'));
  db.prepare("INSERT INTO cases (id, opened_at, status) VALUES ('C1', '2026-11-23', 'open')").run();
  db.prepare(
    "INSERT INTO slips (case_id, kind, number, issued_at, data_json, paper, pdf_path, sha256) VALUES ('C1', 'receipt', 'N1', '2026-11-23', '{}', 'a4', 'x.pdf', 'h')",
  ).run();
  return db;
}

/** A printer that fails while `offline` is true and records what it printed. */
function fakePrinter() {
  const printed: string[] = [];
  const state = { offline: false };
  const printer: SlipPrinter = {
    name: 'fake',
    list: async () => [],
    print: async (file, { printer }) => {
      if (state.offline) throw new Error(`打印机“${printer}”脱机`);
      printed.push(`${printer}:${file}`);
    },
  };
  return { printer, printed, state };
}

const slip = () => ({ pdfFile: '/archive/x.pdf', paper: 'a4' as const, title: '受理通知书' });

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

  it('prints a queued job and records it done', async () => {
    const { printer, printed } = fakePrinter();
    const messages: string[] = [];
    const queue = new PrintQueue({ db: database(), printer, slip, onChange: (_j, m) => messages.push(m) });
    const job = queue.enqueue(1, '前台激光打印机');
    await queue.drain();
    expect(printed).toEqual(['前台激光打印机:/archive/x.pdf']);
    expect(queue.job(job.id)?.status).toBe('done');
    expect(queue.pending()).toEqual([]);
    expect(messages).toEqual(['受理通知书已打印']);
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

  it('puts a job interrupted mid-print by a crash back in the queue on restart', async () => {
    const db = database();
    const { printer, printed } = fakePrinter();
    new PrintQueue({ db, printer, slip }).enqueue(1, 'P1');
    db.prepare("UPDATE print_jobs SET status = 'printing'").run();
    const restarted = new PrintQueue({ db, printer, slip });
    await restarted.drain();
    expect(printed).toEqual(['P1:/archive/x.pdf']);
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
