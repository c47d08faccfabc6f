import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { CaseService } from '../cases/case-service';
import { checkAllMaterials, FOOD } from '../cases/test-kit';
import { defaultConfig } from '../config/config-file';
import { PrintQueue } from '../printing/print-queue';
import type { SlipPrinter } from '../../devices/printer/printer';
import { openDatabase, type Db } from '../storage/database';
import type { BusyRetryOptions } from '../storage/busy-retry';
import { tempDir } from '../../../test/support/temp-dir';
import { until } from '../../../test/support/until';
import type { PdfRenderer } from './pdf-renderer';
import { SlipArchive } from './slip-archive';
import { SlipNumbers } from './slip-numbers';
import { SlipService } from './slip-service';

const catalogue = loadDefaultCatalogue();
const NO1 = '示例政务〔2026〕受字第000001号';
const NO2 = '示例政务〔2026〕受字第000002号';

/** Records the HTML it was given and returns a PDF-looking buffer; can be told to fail, to hang (a crash mid-render) or to do something while it draws. */
class FakeRenderer implements PdfRenderer {
  html: string[] = [];
  calls = 0;
  fail = false;
  hang = false;
  during: (() => void) | null = null;
  async render(html: string): Promise<Buffer> {
    this.calls++;
    if (this.fail) throw new Error('Chromium 崩溃');
    if (this.hang) return new Promise<Buffer>(() => {});
    this.during?.();
    this.html.push(html);
    return Buffer.from(`%PDF-1.7 ${this.html.length}`);
  }
  async close(): Promise<void> {}
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** Removed by the setup file after this file's afterEach has closed the databases in it. */
const slipDir = () => tempDir('counter-slipsvc-');

function open(file: string): Db {
  const db = openDatabase(file);
  cleanups.push(() => {
    db.close();
  });
  return db;
}

const now = () => new Date(2026, 10, 23, 9, 30);

/** A slip service over a data directory, as counter-services builds it; a second call on the same directory is a restart. */
function service(
  dir: string,
  options: {
    withPrinter?: boolean;
    renderer?: FakeRenderer;
    logs?: string[];
    waitForWritable?: () => Promise<void>;
    busyRetry?: BusyRetryOptions;
    clerk?: () => { name: string; staffNumber: string } | null;
  } = {},
) {
  const withPrinter = options.withPrinter ?? true;
  const db = open(join(dir, 'db.sqlite'));
  const cases = new CaseService({ db, windowNumber: '08', items: () => catalogue.items, now });
  const renderer = options.renderer ?? new FakeRenderer();
  const printed: string[] = [];
  const power = { off: false };
  const printer: SlipPrinter = {
    name: 'fake',
    list: async () => [],
    print: async (file) => {
      if (power.off) throw new Error('打印机离线');
      printed.push(file);
    },
  };
  const config = defaultConfig();
  config.slips.issuerShortName = '示例政务';
  // These tests are about numbers, archiving and printing: the slips they issue need no signature
  // (signing is tested in signatures/signed-slips.test.ts).
  config.slips.signatureRequired = { receipt: false, oneTimeNotice: false, rejection: false };

  const queue: PrintQueue | null = withPrinter ? new PrintQueue({ db, printer, slip: (id) => slips.printable(id), now }) : null;
  // Before the database closes (cleanups run last-in first-out): a drain the service started may still run.
  if (queue) cleanups.push(() => queue.stop());
  const archive = new SlipArchive(join(dir, 'archive'));
  const logs = options.logs ?? [];
  const slips: SlipService = new SlipService({
    db,
    cases,
    renderer,
    archive,
    queue,
    printerName: withPrinter ? 'P1' : '',
    config,
    clerk: options.clerk ?? (() => ({ name: '王芳', staffNumber: '0342' })),
    now,
    log: (line) => logs.push(line),
    ...(options.waitForWritable ? { waitForWritable: options.waitForWritable } : {}),
    // A lock a test holds throughout fails the service's own retries within a fraction of a second (the terminal: seconds).
    busyRetry: options.busyRetry ?? { deadlineMs: 150 },
  });
  return { db, cases, renderer, slips, queue, printed, archive, power, dir, logs };
}

function setup(withPrinter = true) {
  return service(slipDir(), { withPrinter });
}

function decideAccept(cases: CaseService) {
  checkAllMaterials(cases, 'r');
  expect(cases.act({ type: 'accept' }).ok).toBe(true);
}

describe('SlipService', () => {
  it('names the clerk signed in (the verified session) as the officer, not the clerk of config.json', async () => {
    const { cases, slips, renderer } = service(slipDir(), { clerk: () => ({ name: '赵签到', staffNumber: '0777' }) });
    decideAccept(cases);
    cases.act({ type: 'setDelivery', delivery: { method: 'window' } });
    cases.act({ type: 'setContactPhone', phone: '13800138000' });
    expect(await slips.issue()).toMatchObject({ ok: true });
    expect(renderer.html[0]).toContain('赵签到');
    expect(renderer.html[0]).toContain('0777');
    expect(renderer.html[0]).not.toContain('示例工作人员');
  });

  it('issues no slip, and takes no number, while nobody is signed in', async () => {
    const { cases, slips, db, renderer } = service(slipDir(), { clerk: () => null });
    decideAccept(cases);
    cases.act({ type: 'setDelivery', delivery: { method: 'window' } });
    cases.act({ type: 'setContactPhone', phone: '13800138000' });
    expect(await slips.issue()).toEqual({ ok: false, message: '请先上岗签到，再出具通知书（通知书须注明经办人）。', slip: null });
    expect(db.prepare('SELECT count(*) FROM slip_numbers').pluck().get()).toBe(0);
    expect(renderer.calls).toBe(0);
    expect(cases.current()!.state.phase).toBe('decided');
  });

  it('will not use a number for a receipt the case cannot yet have (no delivery or phone)', async () => {
    const { cases, slips, db } = setup();
    decideAccept(cases);
    const outcome = await slips.issue();
    expect(outcome.ok).toBe(false);
    expect(db.prepare('SELECT count(*) FROM sequences').pluck().get()).toBe(0);
    expect(cases.current()!.state.phase).toBe('decided');
  });

  it('numbers, draws, archives and queues the receipt, then records it in the case', async () => {
    const { cases, slips, renderer, printed, archive, queue } = setup();
    decideAccept(cases);
    cases.act({ type: 'setDelivery', delivery: { method: 'window' } });
    cases.act({ type: 'setContactPhone', phone: '13800138000' });
    const outcome = await slips.issue();
    expect(outcome.ok).toBe(true);
    expect(outcome.slip).toMatchObject({ kind: 'receipt', number: '示例政务〔2026〕受字第000001号', copy: 1, paper: 'a4' });
    expect(cases.current()!.state).toMatchObject({ phase: 'slipPrinted', slip: { number: '示例政务〔2026〕受字第000001号' } });

    const html = renderer.html[0]!;
    expect(html).toContain('受理通知书');
    expect(html).toContain('110101********3511');
    expect(html).not.toContain(SAMPLE_RESIDENT_CARD.idNumber);
    expect(html).toContain('138****8000');
    expect(html).not.toContain('13800138000');

    await queue!.drain();
    expect(printed).toHaveLength(1);
    expect(readFileSync(printed[0]!, 'utf8')).toBe('%PDF-1.7 1');
    expect(slips.slipsOf(cases.current()!.id)[0]?.print).toEqual({ status: 'done', message: '已打印（送出 1 份）' });
    expect(existsSync(archive.pathOf(join('2026', '11', cases.current()!.id, 'receipt.pdf')))).toBe(true);
  });

  it('keeps the case decided and says why when the PDF cannot be drawn', async () => {
    const { cases, slips, renderer } = setup();
    decideAccept(cases);
    cases.act({ type: 'setDelivery', delivery: { method: 'window' } });
    cases.act({ type: 'setContactPhone', phone: '13800138000' });
    renderer.fail = true;
    const outcome = await slips.issue();
    expect(outcome).toMatchObject({ ok: false, message: `通知书生成失败：Chromium 崩溃。办件已保留，可稍后重试。（编号 ${NO1} 已登记作废，重试时使用新编号）` });
    expect(cases.current()!.state.phase).toBe('decided');
    renderer.fail = false;
    expect(await slips.issue()).toMatchObject({ ok: true, slip: { number: NO2 } });
    // The number the failed attempt took is recorded void with the reason, not skipped.
    expect(slips.voidNumbers().numbers).toEqual([
      expect.objectContaining({ number: NO1, kind: 'receipt', caseId: cases.current()!.id, reason: '通知书生成失败：Chromium 崩溃。办件已保留，可稍后重试。', pdfSetAside: null }),
    ]);
  });

  it('issues the one-time notice with its own number sequence and archives it without a printer', async () => {
    const { cases, slips, renderer } = setup(false);
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    cases.act({ type: 'chooseItem', itemCode: FOOD });
    const state = cases.current()!.state;
    if (state.phase !== 'materialCheck') throw new Error(state.phase);
    for (const m of state.item.materials)
      cases.act({ type: 'checkMaterial', materialId: m.id, result: { status: m.id === 'layout' ? 'missing' : m.required ? 'received' : 'notApplicable' } });
    expect(cases.act({ type: 'notifyOnce' }).ok).toBe(true);
    const outcome = await slips.issue();
    expect(outcome.slip).toMatchObject({ kind: 'oneTimeNotice', number: '示例政务〔2026〕补字第000001号', print: { status: 'none' } });
    expect(renderer.html[0]).toContain('一次性告知书');
    expect(renderer.html[0]).toContain('2026年11月30日');
  });

  it('reprints the same PDF as a further recorded copy', async () => {
    const { cases, slips, archive } = setup(false);
    decideAccept(cases);
    cases.act({ type: 'setDelivery', delivery: { method: 'locker' } });
    cases.act({ type: 'setContactPhone', phone: '13800138000' });
    await slips.issue();
    const again = await slips.reprint();
    expect(again.ok).toBe(true);
    expect(again.slip).toMatchObject({ copy: 2, number: '示例政务〔2026〕受字第000001号#2' });
    const state = cases.current()!.state;
    expect(state.phase === 'slipPrinted' && state.slip.reprints).toHaveLength(1);
    const id = cases.current()!.id;
    expect(readFileSync(archive.pathOf(join('2026', '11', id, 'receipt-2.pdf')))).toEqual(readFileSync(archive.pathOf(join('2026', '11', id, 'receipt.pdf'))));
  });

  it('records a print through the browser: the first marks the slip printed and withdraws its queued job, a later one is a recorded copy', async () => {
    const { cases, slips, queue, printed, db, power } = setup();
    power.off = true;
    decideAccept(cases);
    cases.act({ type: 'setDelivery', delivery: { method: 'window' } });
    cases.act({ type: 'setContactPhone', phone: '13800138000' });
    const issued = await slips.issue();
    await queue!.drain();
    expect(issued.slip && slips.slipsOf(cases.current()!.id)[0]!.print.status).toBe('queued');
    // The printer is off and the job waits; the clerk prints from the browser. Even once the printer is back, it is not printed twice.
    power.off = false;
    const first = await slips.printedInBrowser(issued.slip!.id);
    expect(first).toMatchObject({ ok: true, message: '已记录在浏览器中打印', slip: { id: issued.slip!.id, copy: 1, print: { status: 'done' } } });
    await queue!.drain();
    expect(printed).toEqual([]);
    expect(db.prepare('SELECT printer, status FROM print_jobs ORDER BY id').all()).toEqual([
      { printer: 'P1', status: 'cancelled' },
      { printer: '浏览器打印', status: 'done' },
    ]);
    const state = cases.current()!.state;
    expect(state.phase === 'slipPrinted' && state.slip.reprints).toHaveLength(0);

    const second = await slips.printedInBrowser(issued.slip!.id);
    expect(second).toMatchObject({ ok: true, message: '已记录在浏览器中补打（第 2 份）', slip: { copy: 2, number: '示例政务〔2026〕受字第000001号#2', print: { status: 'done' } } });
    const after = cases.current()!.state;
    expect(after.phase === 'slipPrinted' && after.slip.reprints).toHaveLength(1);
    await queue!.drain();
    expect(printed).toEqual([]);
    // The page the browser prints is the slip's own template, from the data stored with it.
    expect(await slips.htmlOf(second.slip!.id)).toContain('示例政务〔2026〕受字第000001号');
    expect(await slips.htmlOf(9999)).toBeNull();
    expect(await slips.printedInBrowser(9999)).toMatchObject({ ok: false, message: '未找到该通知书' });
  });
});

/** A decided case ready for its receipt (delivery and phone chosen). */
function readyReceipt(cases: CaseService): string {
  decideAccept(cases);
  cases.act({ type: 'setDelivery', delivery: { method: 'window' } });
  cases.act({ type: 'setContactPhone', phone: '13800138000' });
  return cases.current()!.id;
}

function numberRows(db: Db) {
  return db.prepare('SELECT seq, number, status, reason, case_id AS caseId, kind FROM slip_numbers ORDER BY seq').all() as {
    seq: number;
    number: string;
    status: string;
    reason: string;
    caseId: string | null;
    kind: string | null;
  }[];
}

function caseFolder(archive: SlipArchive, caseId: string): string {
  return archive.pathOf(join('2026', '11', caseId));
}

/** Another program holding the write lock, as a second connection with BEGIN IMMEDIATE does. */
function foreignWriter(dir: string) {
  const other = new Database(join(dir, 'db.sqlite'));
  cleanups.push(() => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
  });
  return {
    lock: () => other.exec('BEGIN IMMEDIATE'),
    release: () => other.exec('ROLLBACK'),
  };
}

describe('a slip number is issued or recorded void, never lost (issue 14)', () => {
  it('a foreign write lock while the slip renders: the issue fails in Chinese, and once the lock is gone the next number goes out and the failed one is void', async () => {
    const { db, cases, slips, renderer, archive, dir } = setup(false);
    // Lowered for this test only: the failing writes wait this long for the lock.
    db.pragma('busy_timeout = 50');
    const caseId = readyReceipt(cases);
    const writer = foreignWriter(dir);
    renderer.during = () => writer.lock();

    const failed = await slips.issue();
    expect(failed.ok).toBe(false);
    expect(failed.message).toContain('数据库正被其他程序占用');
    expect(failed.message).not.toMatch(/database is locked/i);
    expect(failed.message).toContain(`编号 ${NO1} 作废，待数据库可写时自动登记`);
    expect(cases.current()!.state.phase).toBe('decided');
    // Not yet written: the lock is still held. The number waits reserved, with its reason kept for the next attempt.
    expect(numberRows(db)).toEqual([expect.objectContaining({ seq: 1, status: 'reserved' })]);

    // Tried again while the lock is still held: refused in Chinese before a number is taken (the lock, not the archive, is named).
    renderer.during = null;
    const stillLocked = await slips.issue();
    expect(stillLocked).toMatchObject({ ok: false, message: expect.stringMatching(/^通知书未出具：数据库正被其他程序占用.*未使用编号/) });
    expect(renderer.calls).toBe(1);
    expect(db.prepare('SELECT value FROM sequences').pluck().get()).toBe(1);

    writer.release();
    const issued = await slips.issue();
    expect(issued).toMatchObject({ ok: true, slip: { number: NO2 } });
    expect(cases.current()!.state).toMatchObject({ phase: 'slipPrinted', slip: { number: NO2 } });
    expect(numberRows(db)).toEqual([
      expect.objectContaining({ seq: 1, status: 'void', caseId, kind: 'receipt', reason: expect.stringContaining('数据库正被其他程序占用') }),
      expect.objectContaining({ seq: 2, status: 'issued', caseId, kind: 'receipt', reason: '' }),
    ]);
    // The first attempt's PDF (number 1) was archived before the database refused: moved aside, never deleted or overwritten.
    expect(readdirSync(caseFolder(archive, caseId)).sort()).toEqual(['receipt.pdf', 'receipt.void-000001.pdf']);
    expect(readFileSync(join(caseFolder(archive, caseId), 'receipt.void-000001.pdf'), 'utf8')).toBe('%PDF-1.7 1');
    expect(readFileSync(join(caseFolder(archive, caseId), 'receipt.pdf'), 'utf8')).toBe('%PDF-1.7 2');
    expect(slips.voidNumbers()).toEqual({
      total: 1,
      numbers: [expect.objectContaining({ number: NO1, caseId, kind: 'receipt', pdfSetAside: join('2026', '11', caseId, 'receipt.void-000001.pdf') })],
    });
    expect(db.prepare("SELECT detail FROM audit_log WHERE kind = 'slip-number-void'").pluck().all()).toEqual([expect.stringContaining(NO1)]);
  });

  it('a foreign lock released while the service waits to record: the slip goes out under its number, nothing void', async () => {
    const dir = slipDir();
    let writer: ReturnType<typeof foreignWriter> | null = null;
    let waited = 0;
    // As the storage gate waits (busy-retry.ts): here the other program finishes while it waits.
    const { db, cases, slips, renderer } = service(dir, {
      withPrinter: false,
      waitForWritable: async () => {
        waited++;
        writer?.release();
      },
    });
    db.pragma('busy_timeout = 50');
    readyReceipt(cases);
    writer = foreignWriter(dir);
    renderer.during = () => writer!.lock();
    expect(await slips.issue()).toMatchObject({ ok: true, slip: { number: NO1 } });
    expect(waited).toBe(1);
    expect(numberRows(db).map((r) => [r.seq, r.status])).toEqual([[1, 'issued']]);
  });

  it('a write lock held before 出具通知书: nothing is drawn and no number is taken', async () => {
    const { db, cases, slips, renderer, dir } = setup(false);
    db.pragma('busy_timeout = 50');
    readyReceipt(cases);
    const writer = foreignWriter(dir);
    writer.lock();
    const refused = await slips.issue();
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^通知书未出具：数据库正被其他程序占用.*未使用编号/) });
    expect(renderer.calls).toBe(0);
    writer.release();
    expect(db.prepare('SELECT count(*) FROM sequences').pluck().get()).toBe(0);
    expect(await slips.issue()).toMatchObject({ ok: true, slip: { number: NO1 } });
  });

  it('an archive that cannot be written leaves a void record; once it can, the next number goes out', async () => {
    const { db, cases, slips, dir } = setup(false);
    const caseId = readyReceipt(cases);
    // The archive folder is a file: nothing can be written under it (as a read-only or missing disk).
    writeFileSync(join(dir, 'archive'), '');

    const failed = await slips.issue();
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/^通知书归档失败：/);
    expect(failed.message).not.toMatch(/ENOTDIR:|EEXIST:/);
    expect(numberRows(db)).toEqual([expect.objectContaining({ seq: 1, status: 'void', caseId, reason: expect.stringMatching(/^通知书归档失败：/) })]);

    rmSync(join(dir, 'archive'));
    expect(await slips.issue()).toMatchObject({ ok: true, slip: { number: NO2 } });
    expect(numberRows(db).map((r) => r.status)).toEqual(['void', 'issued']);
  });

  it('a crash while rendering: the next start voids the number (程序中断，未出具) and the next slip succeeds', async () => {
    const dir = slipDir();
    const first = service(dir, { withPrinter: false });
    const caseId = readyReceipt(first.cases);
    first.renderer.hang = true;
    void first.slips.issue();
    await until(() => first.renderer.calls === 1, { label: 'rendering started' });
    expect(numberRows(first.db)).toEqual([expect.objectContaining({ seq: 1, status: 'reserved' })]);

    // The process is gone (its render never returns); the counter starts again on the same data directory.
    const logs: string[] = [];
    const again = service(dir, { withPrinter: false, logs });
    expect(numberRows(again.db)).toEqual([expect.objectContaining({ seq: 1, status: 'void', caseId, reason: '程序中断，未出具' })]);
    expect(logs.join('\n')).toContain(NO1);
    expect(await again.slips.issue()).toMatchObject({ ok: true, slip: { number: NO2 } });
    expect(again.slips.voidNumbers().numbers.map((n) => [n.number, n.reason])).toEqual([[NO1, '程序中断，未出具']]);
  });

  it('a crash after archiving, before the slip row: the PDF is moved aside under its void number and the retry archives under the same name', async () => {
    const dir = slipDir();
    const first = service(dir, { withPrinter: false });
    const caseId = readyReceipt(first.cases);
    // What the crashed process left: its number reserved, its PDF archived (and a .tmp of nothing), no slip row.
    const pdfPath = first.archive.relativePathOf(caseId, 'receipt', now());
    new SlipNumbers(first.db).reserve({ nature: '受', year: 2026, caseId, kind: 'receipt', pdfPath, at: now().toISOString(), format: () => NO1 });
    first.archive.store(caseId, 'receipt', now(), Buffer.from('%PDF crashed attempt'));
    writeFileSync(`${first.archive.pathOf(pdfPath)}.tmp`, '%PDF half');

    const again = service(dir, { withPrinter: false });
    expect(numberRows(again.db)).toEqual([expect.objectContaining({ seq: 1, status: 'void', reason: '程序中断，未出具' })]);
    const folder = caseFolder(again.archive, caseId);
    expect(readdirSync(folder).sort()).toEqual(['receipt.void-000001.pdf']);
    expect(await again.slips.issue()).toMatchObject({ ok: true, slip: { number: NO2 } });
    expect(readdirSync(folder).sort()).toEqual(['receipt.pdf', 'receipt.void-000001.pdf']);
    expect(readFileSync(join(folder, 'receipt.void-000001.pdf'), 'utf8')).toBe('%PDF crashed attempt');
  });

  it('a case stuck before the upgrade (receipt.pdf archived, no row, the sequence at 5): its numbers are recorded void and its slip goes out', async () => {
    const dir = slipDir();
    const before = service(dir, { withPrinter: false });
    const caseId = readyReceipt(before.cases);
    // The state issue 14 found: five attempts, each a number, none recorded; the first attempt's PDF and a .tmp in the way.
    before.db.prepare("INSERT INTO sequences (name, year, value) VALUES ('受', 2026, 5)").run();
    const folder = caseFolder(before.archive, caseId);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'receipt.pdf'), '%PDF first attempt');
    writeFileSync(join(folder, 'receipt.pdf.tmp'), '%PDF fifth attempt');

    const after = service(dir, { withPrinter: false });
    const issued = await after.slips.issue();
    expect(issued).toMatchObject({ ok: true, slip: { number: '示例政务〔2026〕受字第000006号' } });
    const rows = numberRows(after.db);
    expect(rows.map((r) => [r.seq, r.status])).toEqual([1, 2, 3, 4, 5, 6].map((seq) => [seq, seq < 6 ? 'void' : 'issued']));
    expect(rows[0]).toMatchObject({ reason: '升级前已取用，未找到以此编号出具的通知书', kind: 'receipt', caseId: null });
    // The unrecorded PDF is kept, under a name that says it is no slip.
    expect(readdirSync(folder).sort()).toEqual(['receipt.orphan.pdf', 'receipt.pdf']);
    expect(readFileSync(join(folder, 'receipt.orphan.pdf'), 'utf8')).toBe('%PDF first attempt');
    expect(after.db.prepare("SELECT count(*) FROM audit_log WHERE kind = 'slip-pdf-orphan'").pluck().get()).toBe(1);
    expect(after.slips.voidNumbers().total).toBe(5);
  });

  it('a slip whose PDF is gone is logged and audited once at start (it cannot be repaired)', async () => {
    const dir = slipDir();
    const first = service(dir, { withPrinter: false });
    const caseId = readyReceipt(first.cases);
    await first.slips.issue();
    rmSync(join(caseFolder(first.archive, caseId), 'receipt.pdf'));

    const logs: string[] = [];
    service(dir, { withPrinter: false, logs });
    service(dir, { withPrinter: false, logs });
    expect(logs.filter((l) => l.includes('归档 PDF 缺失'))).toHaveLength(2);
    expect(first.db.prepare("SELECT detail FROM audit_log WHERE kind = 'slip-pdf-missing'").pluck().all()).toEqual([expect.stringContaining(NO1)]);
  });

  it('a reprint whose record fails (a foreign lock) goes through on retry: the same copy, the same bytes accepted', async () => {
    const { db, cases, slips, archive, dir } = setup(false);
    const caseId = readyReceipt(cases);
    await slips.issue();
    db.pragma('busy_timeout = 50');
    const writer = foreignWriter(dir);
    writer.lock();
    const failed = await slips.reprint();
    expect(failed.ok).toBe(false);
    expect(failed.message).toContain('数据库正被其他程序占用');
    expect(existsSync(join(caseFolder(archive, caseId), 'receipt-2.pdf'))).toBe(true);

    writer.release();
    expect(await slips.reprint()).toMatchObject({ ok: true, slip: { copy: 2, number: `${NO1}#2` } });
  });

  it('a lock taken after the wait for writability and let go within the retries: the slip goes out under its number, nothing void', async () => {
    const dir = slipDir();
    let writer: ReturnType<typeof foreignWriter> | null = null;
    let released = false;
    const { db, cases, slips } = service(dir, {
      withPrinter: false,
      busyRetry: { deadlineMs: 5_000 },
      // The database was writable when asked; another program takes the lock right after and keeps it 150 ms.
      waitForWritable: async () => {
        writer!.lock();
        setTimeout(() => {
          writer!.release();
          released = true;
        }, 150);
      },
    });
    db.pragma('busy_timeout = 20');
    readyReceipt(cases);
    writer = foreignWriter(dir);
    expect(await slips.issue()).toMatchObject({ ok: true, slip: { number: NO1 } });
    // Recorded after the lock went, not through it.
    expect(released).toBe(true);
    expect(numberRows(db).map((r) => [r.seq, r.status])).toEqual([[1, 'issued']]);
    expect(cases.current()!.state).toMatchObject({ phase: 'slipPrinted', slip: { number: NO1 } });
  });

  it('a lock held as the number is taken and let go within the retries: one number taken, the slip issued', async () => {
    const { db, cases, slips, dir, renderer } = service(slipDir(), { withPrinter: false, busyRetry: { deadlineMs: 5_000 } });
    db.pragma('busy_timeout = 20');
    readyReceipt(cases);
    const writer = foreignWriter(dir);
    writer.lock();
    let released = false;
    setTimeout(() => {
      writer.release();
      released = true;
    }, 150);
    expect(await slips.issue()).toMatchObject({ ok: true, slip: { number: NO1 } });
    expect(released).toBe(true);
    expect(renderer.calls).toBe(1);
    expect(db.prepare('SELECT value FROM sequences').pluck().get()).toBe(1);
    expect(numberRows(db).map((r) => [r.seq, r.status])).toEqual([[1, 'issued']]);
  });

  it('a void that met the lock is written in the background once the lock goes, without waiting for the next slip', async () => {
    const logs: string[] = [];
    const { db, cases, slips, renderer, dir } = service(slipDir(), { withPrinter: false, logs, busyRetry: { deadlineMs: 2_000 } });
    db.pragma('busy_timeout = 20');
    readyReceipt(cases);
    const writer = foreignWriter(dir);
    // A render that crashes while another program takes the lock: the number must be voided, and cannot be yet.
    renderer.during = () => {
      writer.lock();
      throw new Error('Chromium 崩溃');
    };
    const failed = await slips.issue();
    expect(failed).toMatchObject({ ok: false, message: expect.stringContaining(`编号 ${NO1} 作废，待数据库可写时自动登记`) });
    expect(numberRows(db)).toEqual([expect.objectContaining({ seq: 1, status: 'reserved' })]);

    writer.release();
    await until(() => numberRows(db)[0]?.status === 'void', { timeoutMs: 3_000, label: 'the void written in the background' });
    expect(numberRows(db)).toEqual([expect.objectContaining({ seq: 1, status: 'void', reason: expect.stringContaining('Chromium 崩溃') })]);
    expect(slips.voidNumbers().total).toBe(1);
  });

  it('two clicks on 出具通知书 at once take one number', async () => {
    const { db, cases, slips } = setup(false);
    readyReceipt(cases);
    const [a, b] = await Promise.all([slips.issue(), slips.issue()]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(numberRows(db).map((r) => [r.seq, r.status])).toEqual([[1, 'issued']]);
  });
});
