import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../../test/support/until';
import { CupsPrinter, parseJobIds, parseLpq, parseLpstat, parseRequestId } from './cups-printer';
import { fakeCups, LPSTAT_PRINTERS, type FakeCups } from './fake-cups';
import { PrinterError } from './printer';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup(): { cups: FakeCups; printer: CupsPrinter; spoolDir: string } {
  const cups = fakeCups();
  const spoolDir = mkdtempSync(join(tmpdir(), 'counter-print-spool-'));
  cleanups.push(() => cups.cleanup(), () => rmSync(spoolDir, { recursive: true, force: true }));
  return { cups, printer: new CupsPrinter(spoolDir, cups.env), spoolDir };
}

describe('parseLpstat', () => {
  it('reads printers, the default and disabled ones', () => {
    expect(parseLpstat(LPSTAT_PRINTERS)).toEqual([
      { name: 'Front_Laser', isDefault: true, ready: true, detail: expect.stringContaining('idle') },
      { name: 'Receipt80', isDefault: false, ready: false, detail: expect.stringContaining('disabled') },
    ]);
  });
  it('reads nothing from an empty system', () => {
    expect(parseLpstat('lpstat: No destinations added.\n')).toEqual([]);
  });
});

describe('CUPS answers', () => {
  it('reads the request id lp prints, the job ids lpstat lists and the titles lpq shows', () => {
    expect(parseRequestId('request id is Front_Laser-123 (1 file(s))\n')).toBe('Front_Laser-123');
    expect(parseRequestId('lp: The printer or class does not exist.\n')).toBeNull();
    expect(parseJobIds('Front_Laser-7            li             1024   Mon 23 Nov 2026\nFront_Laser-12           li  2048   x\n')).toEqual([
      'Front_Laser-7',
      'Front_Laser-12',
    ]);
    expect(
      parseLpq(
        'Front_Laser is ready\nRank    Owner   Job     File(s)                         Total Size\nactive  li      12      ctr3a1-0a1b2c 受理通知书        1024 bytes\n',
      ),
    ).toEqual([{ job: 12, titleWord: 'ctr3a1-0a1b2c' }]);
  });
});

describe('CupsPrinter', () => {
  it('lists printers through lpstat', async () => {
    const { printer } = setup();
    expect((await printer.list()).map((p) => p.name)).toEqual(['Front_Laser', 'Receipt80']);
  });

  it('sends the PDF to lp with the printer, copies, title and paper, and returns CUPS’ id for each copy', async () => {
    const { printer, cups } = setup();
    const receipt = await printer.print('/archive/2026/11/x/receipt.pdf', { printer: 'Front_Laser', paper: 'a4', copies: 2, jobRef: 'ctr1a1-abcdef', title: '受理通知书' });
    expect(cups.lpCalls()).toEqual(['-d Front_Laser -n 2 -t ctr1a1-abcdef 受理通知书 -o media=A4 -o fit-to-page -- /archive/2026/11/x/receipt.pdf']);
    expect(receipt).toEqual({ copies: ['Front_Laser-1', 'Front_Laser-1'] });
    expect(cups.jobs()).toEqual([{ id: 'Front_Laser-1', title: 'ctr1a1-abcdef 受理通知书', copies: 2, state: 'completed' }]);
  });

  it('feeds a receipt roll only as far as the archived slip is long', async () => {
    const { printer, cups, spoolDir } = setup();
    const pdf = join(spoolDir, 'receipt.pdf');
    // 227.04 × 990 pt: an 80 × 349.25 mm receipt as the renderer cut it.
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Page /MediaBox [0 0 227.04 990] >> endobj\n');
    await printer.print(pdf, { printer: 'Receipt80', paper: 'receipt80', copies: 1 });
    expect(cups.lpCalls()[0]).toContain('-o media=Custom.80x350mm');
  });

  it('says an lp failure in Chinese, naming the printer, and keeps lp’s own words for the log', async () => {
    const { printer, cups } = setup();
    cups.set('fail', 'lp: The printer or class does not exist.\n');
    const failure = await printer.print('/x.pdf', { printer: 'Gone', paper: 'a4', copies: 1, jobRef: 'ctr1a1-000000' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PrinterError);
    expect((failure as PrinterError).message).toBe('打印机“Gone”打印失败：系统中没有这台打印机');
    expect((failure as PrinterError).original).toBe('lp: The printer or class does not exist.');
    expect((failure as PrinterError).uncertain).toBe(false);
  });

  it('says plainly when CUPS is not installed', async () => {
    const spoolDir = mkdtempSync(join(tmpdir(), 'counter-print-spool-'));
    cleanups.push(() => rmSync(spoolDir, { recursive: true, force: true }));
    const printer = new CupsPrinter(spoolDir, { PATH: '/nonexistent' });
    await expect(printer.list()).rejects.toThrow(/本机未安装 CUPS 打印服务/);
    await expect(printer.print('/x.pdf', { printer: 'P', paper: 'a4', copies: 1 })).rejects.toThrow(/本机未安装 CUPS 打印服务/);
  });

  it('reports lpstat’s complaints in Chinese instead of an empty printer list', async () => {
    const { cups, printer } = setup();
    writeFileSync(join(cups.dir, 'bin', 'lpstat'), '#!/bin/sh\necho "lpstat: Scheduler is not running." >&2\nexit 1\n');
    const failure = await printer.list().catch((e: unknown) => e);
    expect((failure as PrinterError).message).toBe('打印服务（CUPS）未运行');
    expect((failure as PrinterError).original).toBe('lpstat: Scheduler is not running.');
  });
});

describe('CupsPrinter.recover: what became of an attempt a crash interrupted', () => {
  const job = { printer: 'Front_Laser', copies: 1 };

  it('an lp that answered: CUPS has the job (done or waiting), with its id', async () => {
    const { printer, cups } = setup();
    await printer.print('/x.pdf', { printer: 'Front_Laser', paper: 'a4', copies: 1, jobRef: 'ctr1a1-aaaaaa' });
    expect(await printer.recover('ctr1a1-aaaaaa', job)).toEqual({ state: 'spooled', copies: ['Front_Laser-1'], detail: '打印服务已打印完成' });
    cups.set('keep-pending');
    await printer.print('/x.pdf', { printer: 'Front_Laser', paper: 'a4', copies: 1, jobRef: 'ctr2a1-bbbbbb' });
    expect(await printer.recover('ctr2a1-bbbbbb', job)).toEqual({ state: 'spooled', copies: ['Front_Laser-2'], detail: '打印服务已收下，正在等待打印' });
  });

  it('an lp still running with our title: in flight, then spooled once it answers', async () => {
    const { printer, cups } = setup();
    cups.set('hold');
    const printing = printer.print('/x.pdf', { printer: 'Front_Laser', paper: 'a4', copies: 1, jobRef: 'ctr1a1-cccccc' });
    await until(() => cups.held().length === 1, { label: 'lp held' });
    expect(await printer.recover('ctr1a1-cccccc', job)).toEqual({ state: 'inFlight' });
    expect(await printer.recover('ctr9a1-cccccc', job)).toMatchObject({ state: 'absent' }); // another attempt's reference is not it
    cups.set('release');
    await printing;
    expect(await printer.recover('ctr1a1-cccccc', job)).toMatchObject({ state: 'spooled', copies: ['Front_Laser-1'] });
  });

  it('an lp killed after CUPS took the job but before it answered: found by its title among the waiting jobs', async () => {
    const { printer, cups } = setup();
    cups.set('keep-pending');
    cups.set('die-after-submit');
    const failure = await printer.print('/x.pdf', { printer: 'Front_Laser', paper: 'a4', copies: 1, jobRef: 'ctr1a1-dddddd', title: '受理通知书' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PrinterError);
    expect((failure as PrinterError).uncertain).toBe(true); // the queue will ask before sending it again
    expect(await printer.recover('ctr1a1-dddddd', job)).toEqual({ state: 'spooled', copies: ['Front_Laser-1'], detail: '打印服务已收下，正在等待打印' });
  });

  it('an lp that failed, or never started, did not reach CUPS; one that vanished without a word is unknown', async () => {
    const { printer, cups, spoolDir } = setup();
    cups.set('fail', 'lp: The printer or class does not exist.\n');
    await expect(printer.print('/x.pdf', { printer: 'Gone', paper: 'a4', copies: 1, jobRef: 'ctr1a1-eeeeee' })).rejects.toThrow();
    expect(await printer.recover('ctr1a1-eeeeee', job)).toEqual({ state: 'absent', detail: 'lp: The printer or class does not exist.' });
    expect(await printer.recover('ctr2a1-ffffff', job)).toEqual({ state: 'absent', detail: '程序退出时尚未交给打印服务' });
    writeFileSync(join(spoolDir, 'ctr3a1-999999.lp.txt'), ''); // lp started, killed before it submitted anything
    expect(await printer.recover('ctr3a1-999999', job)).toMatchObject({ state: 'unknown' });
  });

  it('forgets an attempt once it is released', async () => {
    const { printer, spoolDir } = setup();
    await printer.print('/x.pdf', { printer: 'Front_Laser', paper: 'a4', copies: 1, jobRef: 'ctr1a1-121212' });
    expect(readdirSync(spoolDir)).toEqual(['ctr1a1-121212.lp.txt']);
    printer.release('ctr1a1-121212');
    expect(readdirSync(spoolDir)).toEqual([]);
  });
});
