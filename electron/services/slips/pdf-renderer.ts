import type { SlipPaper } from '../../../shared/domain/slips/slip-html';

/**
 * Turns a standalone HTML document into PDF bytes. The Electron shell
 * provides one over webContents.printToPDF; elsewhere headless Chromium does
 * it (chromium-pdf-renderer.ts). Either way the slip's own CSS @page rules
 * decide the paper.
 */
export interface PdfRenderer {
  render(html: string, paper: SlipPaper): Promise<Buffer>;
  close(): Promise<void>;
}
