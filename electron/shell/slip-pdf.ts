import type { SlipPaper } from '../../shared/domain/slips/slip-html';
import type { PdfRenderer } from '../services/slips/pdf-renderer';
import { RECEIPT_WIDTH_IN, receiptPageHeightPx } from '../services/slips/receipt-page';
import { measurePrintHeight, openSlipWindow } from './printing/slip-window';

/**
 * Slips to PDF with Electron's own Chromium, so a Windows counter needs no
 * separate browser. Each slip gets a hidden, sandboxed window with
 * JavaScript off (printing/slip-window.ts). A4 follows the slip's @page
 * rule; an 80 mm receipt is cut to its content, so the roll feeds no blank
 * paper after the last line.
 */
export class ElectronPdfRenderer implements PdfRenderer {
  async render(html: string, paper: SlipPaper): Promise<Buffer> {
    const win = await openSlipWindow(html);
    try {
      if (paper === 'a4') return await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true });
      const heightPx = receiptPageHeightPx(await measurePrintHeight(win.webContents));
      // Zero margins here: the slip's @page rule sets the receipt's own (4 mm × 3 mm), as in the headless renderer.
      return await win.webContents.printToPDF({
        pageSize: { width: RECEIPT_WIDTH_IN, height: heightPx / 96 },
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
        printBackground: true,
      });
    } finally {
      win.destroy();
    }
  }

  /** The page drawn to a PNG of exactly width × height (the signature pad's prompt), by capturePage. */
  async rasterize(html: string, width: number, height: number): Promise<Buffer> {
    const win = await openSlipWindow(html, { width, height });
    try {
      const image = await win.webContents.capturePage({ x: 0, y: 0, width, height });
      // capturePage gives device pixels; a HiDPI display doubles them, the pad's screen wants CSS px.
      const size = image.getSize();
      return (size.width === width && size.height === height ? image : image.resize({ width, height, quality: 'best' })).toPNG();
    } finally {
      win.destroy();
    }
  }

  async close(): Promise<void> {}
}
