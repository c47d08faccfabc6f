import { BrowserWindow } from 'electron';
import type { SlipPaper } from '../../shared/domain/slips/slip-html';
import type { PdfRenderer } from '../services/slips/pdf-renderer';

/** 80 mm by one A4 length, in inches as printToPDF wants them; a long slip continues on a second length. */
const RECEIPT_PAGE = { width: 80 / 25.4, height: 297 / 25.4 };

/**
 * Slips to PDF with Electron's own Chromium, so a Windows counter needs no
 * separate browser. Each slip gets a hidden, sandboxed window with
 * JavaScript off: a slip is static HTML and case text must never run.
 */
export class ElectronPdfRenderer implements PdfRenderer {
  async render(html: string, paper: SlipPaper): Promise<Buffer> {
    const win = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
    });
    try {
      await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      const options = paper === 'a4' ? { preferCSSPageSize: true, printBackground: true } : { pageSize: RECEIPT_PAGE, printBackground: true };
      return await win.webContents.printToPDF(options);
    } finally {
      win.destroy();
    }
  }

  async close(): Promise<void> {}
}
