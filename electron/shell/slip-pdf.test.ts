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
