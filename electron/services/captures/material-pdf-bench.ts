/**
 * The material PDF as the benchmark measures it (npm run bench: "PDF of 10
 * pages ms and bytes"): ten A4 pages at 300 dpi, built exactly as the
 * capture service builds a material's PDF. No timing here: the bench times
 * the call.
 */
import jpeg from 'jpeg-js';
import { buildMaterialPdf } from './material-pdf';

/** A4 at 300 dpi. */
export const A4_300DPI = { width: 2480, height: 3508 };

/**
 * A synthetic straightened page as the capture panel sends it: white paper,
 * a title bar and lines of "text" (dark strokes), a hue per `label`, so that
 * pages are told apart when rendered. Plain JPEG (jpeg-js), quality 85.
 */
export function samplePageJpeg(width: number, height: number, label = 0, quality = 85): Buffer {
  const data = Buffer.alloc(width * height * 4, 255);
  const hue = [
    [200, 40, 40],
    [40, 120, 200],
    [40, 160, 70],
    [180, 120, 20],
    [120, 60, 170],
  ][label % 5]!;
  const margin = Math.round(width * 0.08);
  const line = Math.max(2, Math.round(height / 120));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inside = x >= margin && x < width - margin;
      const title = inside && y >= margin && y < margin + line * 4;
      // Text lines: strokes of varying length, one every 3 line heights, broken into "words".
      const row = Math.floor((y - margin - line * 8) / (line * 3));
      const inLine = y > margin + line * 8 && (y - margin - line * 8) % (line * 3) < line && y < height - margin;
      const lineEnd = width - margin - ((row * 97 + label * 31) % Math.round(width * 0.3));
      const word = Math.floor((x - margin) / (line * 6)) % 5 !== 4;
      // A block of the page's number on the left of the title, large enough to read when rendered.
      const mark = y >= margin + line * 6 && y < margin + line * 6 + (label + 1) * line && x >= margin && x < margin + line * 20;
      if (title || mark) {
        data[i] = hue[0]!;
        data[i + 1] = hue[1]!;
        data[i + 2] = hue[2]!;
      } else if (inside && inLine && x < lineEnd && word) {
        data[i] = data[i + 1] = data[i + 2] = 30;
      }
    }
  }
  return Buffer.from(jpeg.encode({ data, width, height }, quality).data);
}

/** A 10-page material PDF of A4 pages at 300 dpi (one page encoded once, embedded ten times as ten pages). */
export async function buildTenPagePdf(page: Buffer = samplePageJpeg(A4_300DPI.width, A4_300DPI.height)): Promise<{ pdf: Uint8Array; pages: number; bytes: number }> {
  const pages = Array.from({ length: 10 }, () => ({ jpeg: page, kind: 'page' as const, sizeMm: null }));
  const pdf = await buildMaterialPdf(pages, { caseId: '08-20260101-0001', materialName: '示例材料', at: new Date() });
  return { pdf, pages: pages.length, bytes: pdf.length };
}
