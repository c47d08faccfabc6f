import { readFileSync } from 'node:fs';

/** A page size in millimetres. */
export interface PageSizeMm {
  width: number;
  height: number;
}

const MM_PER_POINT = 25.4 / 72;

/**
 * The size of the first page of a PDF, from its /MediaBox. A receipt slip is
 * cut to its content when it is drawn, so its archived PDF is what knows how
 * long the paper should be; printers read it here rather than assume a fixed
 * length (which fed a blank 297 mm of roll for every receipt). Chromium's
 * PDFs keep page objects uncompressed, so a text scan of the head suffices;
 * null when no box is found (the caller falls back to its default).
 */
export function pdfPageSize(pdf: Uint8Array): PageSizeMm | null {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const m = /\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/.exec(text);
  if (!m) return null;
  const [x0, y0, x1, y1] = m.slice(1, 5).map(Number) as [number, number, number, number];
  const width = Math.abs(x1 - x0) * MM_PER_POINT;
  const height = Math.abs(y1 - y0) * MM_PER_POINT;
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The same, read from a file (a slip PDF is a few hundred KiB at most); null when unreadable. */
export function pdfFilePageSize(file: string): PageSizeMm | null {
  try {
    return pdfPageSize(readFileSync(file));
  } catch {
    return null;
  }
}
