import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow } from './testing/fake-electron';
import { ElectronPdfRenderer } from './slip-pdf';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

beforeEach(() => fake.reset());

describe('ElectronPdfRenderer', () => {
  it('draws the slip in a hidden sandboxed window with JavaScript off and destroys it', async () => {
    const pdf = await new ElectronPdfRenderer().render('<p>受理通知书 &lt;b&gt;</p>', 'a4');
    expect(pdf.toString()).toBe('%PDF-fake');
    const win = FakeBrowserWindow.instances.at(-1)!;
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    });
    expect(decodeURIComponent(String(win.loadURL.mock.calls[0]?.[0]))).toBe('data:text/html;charset=utf-8,<p>受理通知书 &lt;b&gt;</p>');
    expect(win.webContents.printToPDF).toHaveBeenCalledWith({ preferCSSPageSize: true, printBackground: true });
    expect(win.destroy).toHaveBeenCalled();
  });

  it('uses an 80 mm page for receipt rolls', async () => {
    await new ElectronPdfRenderer().render('<p>x</p>', 'receipt80');
    const options = FakeBrowserWindow.instances.at(-1)!.webContents.printToPDF.mock.calls[0]?.[0] as { pageSize: { width: number } };
    expect(options.pageSize.width).toBeCloseTo(80 / 25.4, 5);
  });

  it('destroys the window even when printing fails', async () => {
    const renderer = new ElectronPdfRenderer();
    const pending = renderer.render('<p>x</p>', 'a4');
    const win = FakeBrowserWindow.instances.at(-1)!;
    win.webContents.printToPDF.mockRejectedValueOnce(new Error('打印失败'));
    await expect(pending).rejects.toThrow('打印失败');
    expect(win.destroy).toHaveBeenCalled();
  });
});

describe('ElectronPdfRenderer on 80 mm receipt paper', () => {
  it('cuts the page to the content measured at the roll width in print media, and leaves A4 to the CSS', async () => {
    const pageHeight = async (contentPx: number) => {
      fake.contentHeightPx = contentPx;
      await new ElectronPdfRenderer().render('<p>x</p>', 'receipt80');
      const win = FakeBrowserWindow.instances.at(-1)!;
      const commands = win.webContents.debugger.sendCommand.mock.calls.map((c) => c[0]);
      expect(commands).toEqual(['Emulation.setDeviceMetricsOverride', 'Emulation.setEmulatedMedia', 'Page.getLayoutMetrics', 'Emulation.clearDeviceMetricsOverride']);
      expect(win.webContents.debugger.sendCommand.mock.calls[0]?.[1]).toMatchObject({ width: 279 });
      expect(win.webContents.debugger.sendCommand.mock.calls[1]?.[1]).toEqual({ media: 'print' });
      expect(win.webContents.debugger.isAttached()).toBe(false);
      expect(win.destroy).toHaveBeenCalled();
      const options = win.webContents.printToPDF.mock.calls[0]?.[0] as { pageSize: { width: number; height: number }; margins: object };
      expect(options.margins).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
      return options.pageSize.height;
    };
    const short = await pageHeight(600);
    const long = await pageHeight(1500);
    // Content + 64 px (the 4 mm margins and a little slack), in inches: the roll stops after the last line.
    expect(short).toBeCloseTo((600 + 64) / 96, 5);
    expect(long).toBeCloseTo((1500 + 64) / 96, 5);
    await new ElectronPdfRenderer().render('<p>x</p>', 'a4');
    expect(FakeBrowserWindow.instances.at(-1)!.webContents.debugger.attach).not.toHaveBeenCalled();
  });

  it('draws a page to a PNG of the asked size in a hidden window of that content size (the signature pad prompt)', async () => {
    const png = await new ElectronPdfRenderer().rasterize('<p>请在框内签名</p>', 320, 200);
    expect(png.toString()).toBe('PNG 320x200');
    const win = FakeBrowserWindow.instances.at(-1)!;
    expect(win.options).toMatchObject({ show: false, width: 320, height: 200, useContentSize: true, webPreferences: { javascript: false } });
    expect(win.webContents.capturePage).toHaveBeenCalledWith({ x: 0, y: 0, width: 320, height: 200 });
    expect(win.destroy).toHaveBeenCalled();
  });
});
