import { type Quad } from '../geometry';
import { resizeRgba, warpPerspective, type RgbaImage } from '../image';
import { pageSizeFor, type PageSize, type PageSizeOptions } from './page-size';

export interface StraightenOptions extends PageSizeOptions {
  /** Pixels per inch of the page as kept (default 300, the archive practice): A4 at 300 dpi is 2480 × 3508. */
  dpi?: number;
  /**
   * At most this many pixels (the preview on screen, e.g. 1600 × 1200): the page is made smaller, same
   * proportions. Absent: the full dpi.
   */
  maxPixels?: number;
  /** The page's size when the caller knows it (the ID card step, a clerk's choice); else pageSizeFor(quad, frame). */
  size?: PageSize;
}

export const ARCHIVE_DPI = 300;
const MM_PER_INCH = 25.4;

/** Pixels of `mm` at `dpi`, at least 1. */
export const mmToPixels = (mm: number, dpi: number) => Math.max(1, Math.round((mm / MM_PER_INCH) * dpi));

/** The pixel size of the straightened page: its true size at the dpi, shrunk to maxPixels when given. */
export function straightenedSize(size: PageSize, options: Pick<StraightenOptions, 'dpi' | 'maxPixels'> = {}): { width: number; height: number } {
  const dpi = options.dpi ?? ARCHIVE_DPI;
  let width = mmToPixels(size.widthMm, dpi);
  let height = mmToPixels(size.heightMm, dpi);
  if (options.maxPixels && width * height > options.maxPixels) {
    const shrink = Math.sqrt(options.maxPixels / (width * height));
    width = Math.max(1, Math.floor(width * shrink));
    height = Math.max(1, Math.floor(height * shrink));
  }
  return { width, height };
}

/** Mean length of the quad's sides along the page's width and height, in source pixels. */
function sourceExtent([tl, tr, br, bl]: Quad): { width: number; height: number } {
  const d = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);
  return { width: (d(tl, tr) + d(bl, br)) / 2, height: (d(tl, bl) + d(tr, br)) / 2 };
}

/**
 * The page inside `quad` (TL, TR, BR, BL in frame pixels) as an upright image
 * at its true proportions and `dpi` (≥ 300 for the archive). A preview much
 * smaller than the page in the frame is warped at twice its size and then
 * area-averaged, so small text does not alias into noise.
 */
export function straightenPage(frame: RgbaImage, quad: Quad, options: StraightenOptions = {}): RgbaImage {
  const size = options.size ?? pageSizeFor(quad, frame, options);
  const { width, height } = straightenedSize(size, options);
  const extent = sourceExtent(quad);
  const shrink = Math.min(extent.width / width, extent.height / height);
  if (shrink < 2) return warpPerspective(frame, quad, width, height);
  return resizeRgba(warpPerspective(frame, quad, width * 2, height * 2), width, height);
}
