import type { SlipPaper } from '../../../shared/domain/slips/slip-html';

/**
 * Turns a standalone HTML document into PDF bytes. The Electron shell
 * provides one over webContents.printToPDF; elsewhere headless Chromium does
 * it (chromium-pdf-renderer.ts). Either way the slip's own CSS @page rules
 * decide the paper.
 */
export interface PdfRenderer {
  render(html: string, paper: SlipPaper): Promise<Buffer>;
  /**
   * The same kind of page drawn to pixels: a PNG of exactly width × height
   * CSS px at scale 1, JavaScript off (the signature pad's screen prompt).
   * Optional: renderers that only print (test stand-ins) leave it out.
   */
  rasterize?(html: string, width: number, height: number): Promise<Buffer>;
  close(): Promise<void>;
}
