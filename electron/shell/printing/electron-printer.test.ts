import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceState } from '../../../shared/contract';
import type { DriverContext } from '../../devices/driver';
import { fake, FakeBrowserWindow, type FakePrinter } from '../testing/fake-electron';
import { ElectronPrinter, failureMessage } from './electron-printer';
import { tempDir } from '../../../test/support/temp-dir';

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectronModule);

const printer = (name: string, extra: Partial<FakePrinter> = {}): FakePrinter => ({ name, displayName: name, description: '', options: {}, ...extra });

/** An archived slip PDF whose first page has this size in points: what the slip renderers write. */
function pdfFile(widthPt: number, heightPt: number): string {
  const file = join(tempDir('counter-eprint-'), 'receipt.pdf');
  writeFileSync(file, `%PDF-1.4\n1 0 obj << /Type /Page /MediaBox [0 0 ${widthPt} ${heightPt}] >> endobj\n%%EOF\n`);
  return file;
}

const html = async () => '<p>受理通知书</p>';

function context() {
  const states: { state: DeviceState; reason: string }[] = [];
  const ctx: DriverContext = { setStatus: (state, reason = '') => states.push({ state, reason }), notice: () => {}, report: () => {} };
  return { ctx, states };
}

/** The windows that printed a slip (not the probe that lists printers). */
const slipWindows = () => FakeBrowserWindow.instances.filter((w) => w.loadURL.mock.calls.length > 0);
const printOptions = (n = 0) => slipWindows()[n]!.webContents.print.mock.calls[0]?.[0] as Record<string, unknown>;

beforeEach(() => {
  fake.reset();
  fake.app.ready();
  fake.printers = [printer('Front_Laser', { displayName: 'Front Laser (大厅)' }), printer('Receipt80')];
});

describe('ElectronPrinter printing a slip', () => {
  it('prints the slip silently to the named printer in a hidden sandboxed window, A4, then destroys the window', async () => {
    await new ElectronPrinter('Front_Laser').print(pdfFile(595, 842), { printer: 'Front_Laser', paper: 'a4', copies: 1, html });
    const [win] = slipWindows();
    expect(win!.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    expect(decodeURIComponent(String(win!.loadURL.mock.calls[0]?.[0]))).toBe('data:text/html;charset=utf-8,<p>受理通知书</p>');
    expect(printOptions()).toMatchObject({ silent: true, deviceName: 'Front_Laser', pageSize: 'A4', copies: 1, printBackground: true, margins: { marginType: 'default' } });
    expect(win!.destroy).toHaveBeenCalled();
  });

  it('prints an 80 mm receipt on paper as long as its archived PDF', async () => {
    // 227.04 × 990 pt is what the renderer cut a receipt to: 80 × 349.25 mm.
    await new ElectronPrinter('Receipt80').print(pdfFile(227.04, 990), { printer: 'Receipt80', paper: 'receipt80', copies: 1, html });
    const size = printOptions().pageSize as { width: number; height: number };
    expect(size.width).toBe(80_000);
    expect(size.height).toBe(Math.ceil(((990 * 25.4) / 72) * 1000));
    expect(printOptions().deviceName).toBe('Receipt80');
  });

  it('accepts the name the print dialog shows and prints to the system name', async () => {
    await new ElectronPrinter('Front Laser (大厅)').print(pdfFile(595, 842), { printer: 'Front Laser (大厅)', paper: 'a4', copies: 1, html });
    expect(printOptions().deviceName).toBe('Front_Laser');
  });

  it('prints to the system default when no name is configured', async () => {
    await new ElectronPrinter('').print(pdfFile(595, 842), { printer: '', paper: 'a4', copies: 1, html });
    expect(printOptions()).not.toHaveProperty('deviceName');
    expect(printOptions().silent).toBe(true);
  });

  it('refuses an unknown printer, naming the printers that exist, without opening a slip window', async () => {
    const job = new ElectronPrinter('Back_Office').print(pdfFile(595, 842), { printer: 'Back_Office', paper: 'a4', copies: 1, html });
    await expect(job).rejects.toThrow('系统中没有名为“Back_Office”的打印机。本机的打印机有：Front_Laser、Receipt80');
    expect(slipWindows()).toEqual([]);
  });

  it('says so when the machine has no printer at all', async () => {
    fake.printers = [];
    await expect(new ElectronPrinter('').print(pdfFile(595, 842), { printer: '', paper: 'a4', copies: 1, html })).rejects.toThrow(
      '本机未安装任何打印机，请安装打印机或在配置中指定打印机名称',
    );
  });

  it("turns Electron's failure reason into a Chinese message and still destroys the window", async () => {
    fake.printOutcome = async () => [false, 'Print job failed'];
    const job = new ElectronPrinter('Front_Laser').print(pdfFile(595, 842), { printer: 'Front_Laser', paper: 'a4', copies: 1, html });
    await expect(job).rejects.toThrow('打印机“Front_Laser”打印失败，请检查打印机是否开机、联机，是否缺纸或卡纸');
    expect(slipWindows()[0]!.destroy).toHaveBeenCalled();
  });

  it('maps each reason Electron documents', () => {
    expect(failureMessage('P', 'Print job canceled')).toBe('打印机“P”的打印任务被取消');
    expect(failureMessage('P', 'Invalid printer settings')).toBe('打印机“P”不支持此纸张设置，请检查打印机的纸张规格');
    expect(failureMessage('P', 'Invalid deviceName provided')).toBe('系统中没有名为“P”的打印机，请检查配置中的打印机名称');
    expect(failureMessage('P', '')).toMatch(/^打印机“P”打印失败，请检查/);
    expect(failureMessage('P', 'spooler busy')).toBe('打印机“P”打印失败：spooler busy');
  });

  it('fails plainly without the slip HTML', async () => {
    await expect(new ElectronPrinter('Front_Laser').print(pdfFile(595, 842), { printer: 'Front_Laser', paper: 'a4', copies: 1 })).rejects.toThrow(
      '缺少通知书内容，无法打印',
    );
  });

  it('prints one job at a time: the second slip waits until the first is spooled', async () => {
    const release: (() => void)[] = [];
    fake.printOutcome = () => new Promise((resolve) => release.push(() => resolve([true, ''])));
    const driver = new ElectronPrinter('Front_Laser');
    const first = driver.print(pdfFile(595, 842), { printer: 'Front_Laser', paper: 'a4', copies: 1, html });
    const second = driver.print(pdfFile(595, 842), { printer: 'Front_Laser', paper: 'a4', copies: 1, html: async () => '<p>第二份</p>' });
    await vi.waitFor(() => expect(release).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(slipWindows()).toHaveLength(1);
    release[0]!();
    await first;
    await vi.waitFor(() => expect(release).toHaveLength(2));
    expect(slipWindows()).toHaveLength(2);
    expect(slipWindows()[0]!.destroy).toHaveBeenCalled();
    release[1]!();
    await second;
    expect(slipWindows()[1]!.destroy).toHaveBeenCalled();
  });

  it('a failed job does not block the next one', async () => {
    fake.printOutcome = async () => [false, 'Print job canceled'];
    const driver = new ElectronPrinter('Front_Laser');
    await expect(driver.print(pdfFile(595, 842), { printer: 'Front_Laser', paper: 'a4', copies: 1, html })).rejects.toThrow(/被取消/);
    fake.printOutcome = async () => [true, ''];
    await expect(driver.print(pdfFile(595, 842), { printer: 'Front_Laser', paper: 'a4', copies: 1, html })).resolves.toBeUndefined();
  });
});

describe('ElectronPrinter as a device', () => {
  it('reports connected, stopped and missing as the system printer list changes', async () => {
    const driver = new ElectronPrinter('Receipt80', 20);
    const { ctx, states } = context();
    await driver.start(ctx);
    expect(states.at(-1)).toEqual({ state: 'connected', reason: '' });
    fake.printers = [printer('Front_Laser'), printer('Receipt80', { options: { 'printer-state': '5', 'printer-state-reasons': 'paused' } })];
    await vi.waitFor(() => expect(states.at(-1)?.state).toBe('disconnected'));
    expect(states.at(-1)?.reason).toBe('打印机“Receipt80”已停用或暂停：paused');
    fake.printers = [printer('Front_Laser')];
    await vi.waitFor(() => expect(states.at(-1)?.reason).toBe('系统中没有名为“Receipt80”的打印机。本机的打印机有：Front_Laser'));
    await driver.stop();
    // The hidden window that lists printers goes with the driver.
    expect(FakeBrowserWindow.instances.every((w) => w.destroyed)).toBe(true);
  });

  it('is 故障 when the printer list cannot be read', async () => {
    fake.printersError = new Error('spooler not running');
    const driver = new ElectronPrinter('');
    const { ctx, states } = context();
    await driver.start(ctx);
    expect(states.at(-1)).toEqual({ state: 'fault', reason: '无法读取系统打印机列表：spooler not running' });
    await driver.stop();
  });

  it('waits for Electron to be ready before it opens any window', async () => {
    fake.reset();
    fake.printers = [printer('Front_Laser')];
    const driver = new ElectronPrinter('Front_Laser');
    const { ctx, states } = context();
    const start = driver.start(ctx);
    await new Promise((r) => setTimeout(r, 10));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    fake.app.ready();
    await start;
    expect(states.at(-1)?.state).toBe('connected');
    expect((await driver.list()).map((p) => p.name)).toEqual(['Front_Laser']);
    await driver.stop();
  });
});
