import { BrowserWindow, type WebContents } from 'electron';
import { RECEIPT_CONTENT_WIDTH_PX } from '../../services/slips/receipt-page';

/**
 * A hidden, sandboxed window showing one slip, for printToPDF and for
 * silent printing. JavaScript is off: a slip is static HTML and case text
 * must never run. The caller destroys the window when done.
 */
export async function openSlipWindow(html: string, size?: { width: number; height: number }): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    show: false,
    // A page drawn to pixels (rasterize) needs its content area at exactly that size.
    ...(size ? { width: size.width, height: size.height, useContentSize: true } : {}),
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  } catch (error) {
    win.destroy();
    throw error;
  }
  return win;
}

/**
 * Height of the slip laid out for print at the roll's printable width, in
 * CSS px. Asked of the DevTools protocol, because the page itself runs no
 * script; the viewport is kept short so a short slip measures short.
 */
export async function measurePrintHeight(contents: WebContents): Promise<number> {
  const dbg = contents.debugger;
  dbg.attach('1.3');
  try {
    await dbg.sendCommand('Emulation.setDeviceMetricsOverride', { width: RECEIPT_CONTENT_WIDTH_PX, height: 100, deviceScaleFactor: 1, mobile: false });
    await dbg.sendCommand('Emulation.setEmulatedMedia', { media: 'print' });
    const metrics = (await dbg.sendCommand('Page.getLayoutMetrics')) as { cssContentSize?: { height: number }; contentSize?: { height: number } };
    const height = metrics.cssContentSize?.height ?? metrics.contentSize?.height;
    if (typeof height !== 'number' || !(height > 0)) throw new Error(`Page.getLayoutMetrics: ${JSON.stringify(metrics)}`);
    await dbg.sendCommand('Emulation.clearDeviceMetricsOverride');
    return height;
  } finally {
    dbg.detach();
  }
}
