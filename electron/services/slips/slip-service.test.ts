import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { CaseService } from '../cases/case-service';
import { defaultConfig } from '../config/config-file';
import { PrintQueue } from '../printing/print-queue';
import type { SlipPrinter } from '../../devices/printer/printer';
import { openDatabase } from '../storage/database';
import type { PdfRenderer } from './pdf-renderer';
import { SlipArchive } from './slip-archive';
import { SlipService } from './slip-service';

const FOOD = '0100230001-419900-001';
const catalogue = loadDefaultCatalogue();

/** Records the HTML it was given and returns a PDF-looking buffer; can be told to fail. */
class FakeRenderer implements PdfRenderer {
  html: string[] = [];
  fail = false;
  async render(html: string): Promise<Buffer> {
    if (this.fail) throw new Error('Chromium 崩溃');
    this.html.push(html);
    return Buffer.from(`%PDF-1.7 ${this.html.length}`);
  }
  async close(): Promise<void> {}
}

function setup(withPrinter = true) {
  const dir = mkdtempSync(join(tmpdir(), 'counter-slipsvc-'));
  const db = openDatabase(join(dir, 'db.sqlite'));
  const now = () => new Date(2026, 10, 23, 9, 30);
  const cases = new CaseService({ db, windowNumber: '08', items: () => catalogue.items, now });
  const renderer = new FakeRenderer();
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

  const queue: PrintQueue | null = withPrinter ? new PrintQueue({ db, printer, slip: (id) => slips.printable(id), now }) : null;
  const archive = new SlipArchive(join(dir, 'archive'));
  const slips: SlipService = new SlipService({ db, cases, renderer, archive, queue, printerName: withPrinter ? 'P1' : '', config, now });
  return { db, cases, renderer, slips, queue, printed, archive, power };
}

function decideAccept(cases: CaseService) {
  cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
  cases.act({ type: 'chooseItem', itemCode: FOOD });
  const state = cases.current()!.state;
  if (state.phase !== 'materialCheck') throw new Error(state.phase);
  for (const m of state.item.materials) cases.act({ type: 'checkMaterial', materialId: m.id, result: { status: m.required ? 'received' : 'notApplicable' } });
  expect(cases.act({ type: 'accept' }).ok).toBe(true);
}

describe('SlipService', () => {
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
    expect(slips.slipsOf(cases.current()!.id)[0]?.print).toEqual({ status: 'done', message: '已打印' });
    expect(existsSync(archive.pathOf(join('2026', '11', cases.current()!.id, 'receipt.pdf')))).toBe(true);
  });

  it('keeps the case decided and says why when the PDF cannot be drawn', async () => {
    const { cases, slips, renderer } = setup();
    decideAccept(cases);
    cases.act({ type: 'setDelivery', delivery: { method: 'window' } });
    cases.act({ type: 'setContactPhone', phone: '13800138000' });
    renderer.fail = true;
    const outcome = await slips.issue();
    expect(outcome).toMatchObject({ ok: false, message: '通知书生成失败：Chromium 崩溃。办件已保留，可稍后重试。' });
    expect(cases.current()!.state.phase).toBe('decided');
    renderer.fail = false;
    expect((await slips.issue()).ok).toBe(true);
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
