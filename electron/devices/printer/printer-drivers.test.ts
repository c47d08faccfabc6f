import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../../shared/contract';
import { until } from '../../../test/support/until';
import type { DriverContext } from '../driver';
import { CupsPrinter } from './cups-printer';
import { CupsPrinterDriver } from './cups-printer-driver';
import { fakeCups } from './fake-cups';
import { SimulatedPrinter } from './simulated-printer';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function context() {
  const states: { state: DeviceState; reason: string }[] = [];
  const ctx: DriverContext = { setStatus: (state, reason = '') => states.push({ state, reason }), notice: () => {}, report: () => {} };
  return { ctx, states };
}

describe('SimulatedPrinter', () => {
  it('shows as 模拟 and copies each printed slip into its folder', async () => {
    const out = join(tempDir('counter-simprint-'), 'simulated-printer');
    const pdf = join(tempDir('counter-simprint-'), 'receipt.pdf');
    writeFileSync(pdf, '%PDF-1.7 slip');
    const printer = new SimulatedPrinter(out);
    const { ctx, states } = context();
    await expect(printer.print(pdf, { printer: '', paper: 'a4', copies: 1 })).rejects.toThrow(/模拟打印机未启动/);
    await printer.start(ctx);
    expect(states[0]?.state).toBe('simulated');
    expect(states[0]?.reason).toContain(out);
    const receipt = await printer.print(pdf, { printer: '', paper: 'a4', copies: 2 });
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    expect(receipt.copies.sort()).toEqual(files);
    expect(files.every((f) => f.endsWith('receipt.pdf'))).toBe(true);
    expect(readFileSync(join(out, files[0]!), 'utf8')).toBe('%PDF-1.7 slip');
  });

  it('after a crash, finds the whole copies of an attempt by its reference and drops a half-written one', async () => {
    const out = join(tempDir('counter-simprint-'), 'simulated-printer');
    const pdf = join(tempDir('counter-simprint-'), 'receipt.pdf');
    writeFileSync(pdf, '%PDF-1.7 slip');
    const printer = new SimulatedPrinter(out);
    await printer.start(context().ctx);
    await printer.print(pdf, { printer: '', paper: 'a4', copies: 1, jobRef: 'ctr1a1-aaaaaa' });
    expect(await printer.recover('ctr1a1-aaaaaa')).toMatchObject({ state: 'spooled', copies: ['ctr1a1-aaaaaa-1-receipt.pdf'] });
    // Killed while copying: the copy never got its name, so it did not come out.
    writeFileSync(join(out, 'ctr2a1-bbbbbb-1-receipt.pdf.partial'), '%PDF-1.7 sl');
    expect(await printer.recover('ctr2a1-bbbbbb')).toMatchObject({ state: 'absent' });
    expect(readdirSync(out)).toEqual(['ctr1a1-aaaaaa-1-receipt.pdf']);
  });
});

describe('CupsPrinterDriver', () => {
  it('follows the configured printer: connected, disabled, gone', async () => {
    const cups = fakeCups('printer Front is idle.  enabled since x\nsystem default destination: Front\n');
    cleanups.push(() => cups.cleanup());
    const driver = new CupsPrinterDriver(new CupsPrinter(tempDir('counter-print-spool-'), cups.env), 'Front', 20);
    const { ctx, states } = context();
    await driver.start(ctx);
    expect(states.at(-1)).toEqual({ state: 'connected', reason: '' });

    cups.set('printers', 'printer Front disabled since x -\n\tPaused\n');
    await until(() => states.at(-1)?.state === 'disconnected', { label: 'disabled seen' });
    expect(states.at(-1)?.reason).toMatch(/^打印机已停用或暂停/);

    cups.set('printers', 'lpstat: No destinations added.\n');
    await until(() => states.at(-1)?.reason.startsWith('系统中没有') === true, { label: 'gone seen' });
    expect(states.at(-1)).toEqual({ state: 'disconnected', reason: '系统中没有名为“Front”的打印机，请检查打印机是否连接并已添加' });
    await driver.stop();
  });

  it('is 故障 when CUPS is not installed', async () => {
    const driver = new CupsPrinterDriver(new CupsPrinter(tempDir('counter-print-spool-'), { PATH: '/nonexistent' }), 'Front');
    const { ctx, states } = context();
    await driver.start(ctx);
    expect(states.at(-1)?.state).toBe('fault');
    await driver.stop();
  });
});
