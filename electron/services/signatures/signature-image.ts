import { PNG } from 'pngjs';
import type { PadDescription, PenSample } from '../../../shared/domain/signature/pen';

/**
 * The signature as an image for the slip: the strokes of the raw samples
 * (runs of tip-down reports), drawn in black on a transparent background,
 * trimmed to the ink with a small margin, at a size that prints crisp at
 * 300 dpi in the slip's signature line (about 60 × 20 mm). Pure apart from
 * the PNG encoding; the samples, not this image, are the evidence — the
 * image's hash is in the record so that it cannot be swapped either.
 */

/** The signature line's box on paper and the print resolution it is drawn for. */
export const SIGNATURE_BOX_MM = { width: 60, height: 20 } as const;
export const PRINT_DPI = 300;
const PX_PER_MM = PRINT_DPI / 25.4;
/** Largest image: the box at 300 dpi (709 × 236 px). */
export const MAX_WIDTH_PX = Math.round(SIGNATURE_BOX_MM.width * PX_PER_MM);
export const MAX_HEIGHT_PX = Math.round(SIGNATURE_BOX_MM.height * PX_PER_MM);
/** White space kept around the ink (≈ 1 mm). */
const MARGIN_PX = 12;
/** Stroke radius in px: ≈ 0.2 mm at the lightest touch, ≈ 0.55 mm at full pressure. */
const MIN_RADIUS = 1.2;
const MAX_RADIUS = 3.2;
/** Where the pad reports no pressure, a middle weight. */
const NO_PRESSURE = 0.55;

export class EmptySignatureError extends Error {
  override name = 'EmptySignatureError';
}

/** Runs of tip-down samples, in order: each a stroke. */
export function strokesOf(samples: readonly PenSample[]): PenSample[][] {
  const strokes: PenSample[][] = [];
  let current: PenSample[] | null = null;
  for (const s of samples) {
    if (s.tip) {
      if (!current) strokes.push((current = []));
      current.push(s);
    } else current = null;
  }
  return strokes;
}

interface Dot {
  x: number;
  y: number;
  r: number;
}

/** The PNG of a signature; throws EmptySignatureError when no sample has the pen down. */
export function renderSignaturePng(samples: readonly PenSample[], pad: Pick<PadDescription, 'pressure' | 'resolution'>): Buffer {
  const strokes = strokesOf(samples);
  if (strokes.length === 0) throw new EmptySignatureError('no tip-down samples');
  // Device units to a common physical unit, so a pad with other X and Y resolutions is not stretched.
  const ux = pad.resolution ? 1 / pad.resolution.x : 1;
  const uy = pad.resolution ? 1 / pad.resolution.y : 1;
  // A loop, not Math.min(...): a minute of ink at 200 reports/s is more arguments than a call may take.
  let xMin = Infinity;
  let yMin = Infinity;
  let xMax = -Infinity;
  let yMax = -Infinity;
  for (const s of strokes.flat()) {
    xMin = Math.min(xMin, s.x * ux);
    xMax = Math.max(xMax, s.x * ux);
    yMin = Math.min(yMin, s.y * uy);
    yMax = Math.max(yMax, s.y * uy);
  }
  const inkW = xMax - xMin;
  const inkH = yMax - yMin;
  const room = MARGIN_PX + MAX_RADIUS;
  const fitW = (MAX_WIDTH_PX - 2 * room) / (inkW || 1);
  const fitH = (MAX_HEIGHT_PX - 2 * room) / (inkH || 1);
  const scale = Math.min(fitW, fitH);
  const width = Math.max(1, Math.ceil(inkW * scale + 2 * room));
  const height = Math.max(1, Math.ceil(inkH * scale + 2 * room));

  const pressure = pad.pressure;
  const weight = (s: PenSample): number => {
    if (s.pressure === null || !pressure || pressure.max <= pressure.min) return NO_PRESSURE;
    return Math.min(1, Math.max(0, (s.pressure - pressure.min) / (pressure.max - pressure.min)));
  };
  const dotOf = (s: PenSample): Dot => ({
    x: (s.x * ux - xMin) * scale + room,
    y: (s.y * uy - yMin) * scale + room,
    r: MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * weight(s),
  });

  const alpha = new Float32Array(width * height);
  for (const stroke of strokes) {
    const dots = stroke.map(dotOf);
    if (dots.length === 1) capsule(alpha, width, height, dots[0]!, dots[0]!);
    for (let i = 1; i < dots.length; i += 1) capsule(alpha, width, height, dots[i - 1]!, dots[i]!);
  }

  const png = new PNG({ width, height, colorType: 6 });
  for (let i = 0; i < alpha.length; i += 1) {
    // Black ink, its coverage as alpha: anti-aliased edges on any paper colour.
    png.data[i * 4] = 0;
    png.data[i * 4 + 1] = 0;
    png.data[i * 4 + 2] = 0;
    png.data[i * 4 + 3] = Math.round(alpha[i]! * 255);
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** Fills the segment a–b with round ends (radius growing from a's to b's), coverage anti-aliased over one pixel. */
function capsule(alpha: Float32Array, width: number, height: number, a: Dot, b: Dot): void {
  const rMax = Math.max(a.r, b.r) + 1;
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - rMax));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + rMax));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - rMax));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + rMax));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      const px = x + 0.5;
      const py = y + 0.5;
      const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - a.x) * dx + (py - a.y) * dy) / len2));
      const cx = a.x + t * dx;
      const cy = a.y + t * dy;
      const r = a.r + (b.r - a.r) * t;
      const coverage = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(px - cx, py - cy)));
      const i = y * width + x;
      if (coverage > alpha[i]!) alpha[i] = coverage;
    }
  }
}

/** A PNG as a data URL, for the slip's HTML and 办件记录. */
export function pngDataUrl(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}
