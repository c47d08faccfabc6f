import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../../../shared/contract';
import type { DriverContext } from '../driver';
import { CupsPrinter } from './cups-printer';
import { CupsPrinterDriver } from './cups-printer-driver';
import { SimulatedPrinter } from './simulated-printer';

function context() {
  const states: { state: DeviceState; reason: string }[] = [];
  const ctx: DriverContext = { setStatus: (state, reason = '') => states.push({ state, reason }), notice: () => {}, report: () => {} };
  return { ctx, states };
}

describe('SimulatedPrinter', () => {
  it('shows as 模拟 and copies each printed slip into its folder', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'counter-simprint-')), 'simulated-printer');
    const pdf = join(mkdtempSync(join(tmpdir(), 'counter-simprint-')), 'receipt.pdf');
    writeFileSync(pdf, '%PDF-1.7 slip');
    const printer = new SimulatedPrinter(out);
    const { ctx, states } = context();
    await expect(printer.print(pdf, { printer: '', paper: 'a4', copies: 1 })).rejects.toThrow(/模拟打印机未启动/);
    await printer.start(ctx);
    expect(states[0]?.state).toBe('simulated');
    expect(states[0]?.reason).toContain(out);
    await printer.print(pdf, { printer: '', paper: 'a4', copies: 2 });
    const files = readdirSync(out);
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('receipt.pdf'))).toBe(true);
    expect(readFileSync(join(out, files[0]!), 'utf8')).toBe('%PDF-1.7 slip');
  });
});

/** A fake lpstat on PATH whose output the test can change between checks. */
function fakeLpstat() {
  const dir = mkdtempSync(join(tmpdir(), 'counter-lpstat-'));
  const output = join(dir, 'out.txt');
  writeFileSync(join(dir, 'lpstat'), `#!/bin/sh\ncat ${output}\n`);
  chmodSync(join(dir, 'lpstat'), 0o755);
  return { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, set: (text: string) => writeFileSync(output, text) };
}

describe('CupsPrinterDriver', () => {
  it('follows the configured printer: connected, disabled, gone', async () => {
    const lp = fakeLpstat();
    lp.set('printer Front is idle.  enabled since x\nsystem default destination: Front\n');
    const driver = new CupsPrinterDriver(new CupsPrinter(lp.env), 'Front', 20);
    const { ctx, states } = context();
    await driver.start(ctx);
    expect(states.at(-1)).toEqual({ state: 'connected', reason: '' });

    lp.set('printer Front disabled since x -\n\tPaused\n');
    await new Promise((r) => setTimeout(r, 120));
    expect(states.at(-1)?.state).toBe('disconnected');
    expect(states.at(-1)?.reason).toMatch(/^打印机已停用或暂停/);

    lp.set('lpstat: No destinations added.\n');
    await new Promise((r) => setTimeout(r, 120));
    expect(states.at(-1)).toEqual({ state: 'disconnected', reason: '系统中没有名为“Front”的打印机，请检查打印机是否连接并已添加' });
    await driver.stop();
  });

  it('is 故障 when CUPS is not installed', async () => {
    const driver = new CupsPrinterDriver(new CupsPrinter({ PATH: '/nonexistent' }), 'Front');
    const { ctx, states } = context();
    await driver.start(ctx);
    expect(states.at(-1)?.state).toBe('fault');
    await driver.stop();
  });
});
