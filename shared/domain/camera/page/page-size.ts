import { polygonArea, type Point, type Quad, type Size } from '../geometry';

/**
 * The true size of a captured page, from its outline in the frame: the
 * aspect ratio a perspective view hides (a page seen at a tilt looks shorter
 * than it is), snapped to the formats a counter handles, so a page is kept
 * at its real proportions and a receipt or an ID card is printed at its real
 * size in the material's PDF.
 */

/** Width and height as the page is seen in the frame (TL→TR is the width): a page lying sideways is landscape. */
export interface PageSize {
  kind: 'a4' | 'a5' | 'receipt' | 'idCard' | 'other';
  widthMm: number;
  heightMm: number;
}

export interface PageSizeOptions {
  /**
   * How wide the desk area across the frame is, in mm (the camera's field of view at the desk). Known for a mounted
   * document camera; lets A5 be told from A4 (same proportions) and a receipt from other long pages. Without it, a
   * √2 page is A4.
   */
  viewWidthMm?: number;
}

/** Formats by their long ÷ short side; the receipt (80 mm wide, any length) is recognised by being long and thin. */
const A_RATIO = Math.SQRT2;
export const ID_CARD_MM = { width: 85.6, height: 54 } as const;
const ID_RATIO = ID_CARD_MM.width / ID_CARD_MM.height;
const RECEIPT_WIDTH_MM = 80;
/** A receipt is at least this long for its width (a 受理通知书 slip is far longer); shorter thin pages are 'other'. */
const RECEIPT_MIN_RATIO = 1.75;
/** How far the estimated proportions may be from a format's and still snap to it (relative). */
const SNAP_TOLERANCE = 0.045;
/**
 * The focal length assumed when a view cannot tell it (one pair of sides parallel in the image), as a share of the
 * frame's longer side: a document head sees about 60° across (an A3 desk area from ~40 cm).
 */
const DEFAULT_FOCAL = 0.9;
/** Vanishing points farther than this (in frame sizes from the centre) count as at infinity: the view is fronto-parallel along that axis. */
const FAR_VANISHING = 40;
/**
 * The focal length is estimated only when both pairs of opposite sides visibly converge: by at least this many
 * pixels over their length (a pixel of corner noise makes about two) and towards a vanishing point nearer than
 * FOCAL_VANISHING frame sizes. Otherwise corner noise, not the lens, would decide it.
 */
const FOCAL_SPREAD_PX = 4;
const FOCAL_VANISHING = 20;

type Vec3 = readonly [number, number, number];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** How far side c→d turns away from parallel to side a→b, in pixels over its length. */
function spread(a: Point, b: Point, c: Point, d: Point): number {
  const [ux, uy] = [b[0] - a[0], b[1] - a[1]];
  const [vx, vy] = [d[0] - c[0], d[1] - c[1]];
  return Math.abs(ux * vy - uy * vx) / Math.hypot(ux, uy);
}

/** Width ÷ height of the page as seen, ignoring perspective: the mean of opposite sides. */
function meanSideAspect([tl, tr, br, bl]: Quad): number {
  return (distance(tl, tr) + distance(bl, br)) / (distance(tl, bl) + distance(tr, br));
}

/**
 * Width ÷ height of the rectangle whose image is `quad` (Zhang & He, "Whiteboard
 * scanning and image enhancement", 2007): with the principal point at the frame's
 * centre and square pixels, the two vanishing points give the focal length, and
 * with it the ratio of the rectangle's sides. When a pair of sides is parallel in
 * the image the focal length is not observable and a typical one is assumed; when
 * both are (a view straight from above) perspective plays no part and the mean
 * side lengths are the answer.
 */
export function perspectiveAspect(quad: Quad, frame: Size): number {
  const scale = Math.max(frame.width, frame.height);
  // Centred and scaled coordinates keep the products below well conditioned.
  const m = quad.map(([x, y]) => [(x - frame.width / 2) / scale, (y - frame.height / 2) / scale, 1] as Vec3);
  // Zhang's m1..m4 are the corners (0,0), (w,0), (0,h), (w,h): TL, TR, BL, BR.
  const [m1, m2, m4, m3] = m as [Vec3, Vec3, Vec3, Vec3];
  const k2 = dot(cross(m1, m4), m3) / dot(cross(m2, m4), m3);
  const k3 = dot(cross(m1, m4), m2) / dot(cross(m3, m4), m2);
  const n2: Vec3 = [k2 * m2[0] - m1[0], k2 * m2[1] - m1[1], k2 * m2[2] - m1[2]];
  const n3: Vec3 = [k3 * m3[0] - m1[0], k3 * m3[1] - m1[1], k3 * m3[2] - m1[2]];
  const fallback = meanSideAspect(quad);
  if (![k2, k3, ...n2, ...n3].every(Number.isFinite)) return fallback;
  // n2, n3 point at the vanishing points of the width and height directions; a tiny third component puts one at infinity.
  const farWidth = Math.abs(n2[2]) * FAR_VANISHING <= Math.hypot(n2[0], n2[1]);
  const farHeight = Math.abs(n3[2]) * FAR_VANISHING <= Math.hypot(n3[0], n3[1]);
  if (farWidth && farHeight) return fallback;
  let f2 = DEFAULT_FOCAL * DEFAULT_FOCAL;
  const [tl, tr, br, bl] = quad;
  const converging = (n: Vec3, pixels: number) => pixels >= FOCAL_SPREAD_PX && Math.abs(n[2]) * FOCAL_VANISHING > Math.hypot(n[0], n[1]);
  if (converging(n2, spread(tl, tr, bl, br)) && converging(n3, spread(tl, bl, tr, br))) {
    const estimated = -(n2[0] * n3[0] + n2[1] * n3[1]) / (n2[2] * n3[2]);
    // Only a plausible lens (about 25°–90° across) is believed.
    if (Number.isFinite(estimated) && estimated >= 0.5 * 0.5 && estimated <= 2.2 * 2.2) f2 = estimated;
  }
  const aspect = Math.sqrt((n2[0] ** 2 + n2[1] ** 2 + f2 * n2[2] ** 2) / (n3[0] ** 2 + n3[1] ** 2 + f2 * n3[2] ** 2));
  return Number.isFinite(aspect) && aspect > 0 ? aspect : fallback;
}

const near = (ratio: number, target: number) => Math.abs(ratio / target - 1) <= SNAP_TOLERANCE;
const round1 = (mm: number) => Math.round(mm * 10) / 10;

/** A format of long × short mm, oriented as the page is seen. */
function oriented(kind: PageSize['kind'], longMm: number, shortMm: number, landscape: boolean): PageSize {
  return landscape ? { kind, widthMm: round1(longMm), heightMm: round1(shortMm) } : { kind, widthMm: round1(shortMm), heightMm: round1(longMm) };
}

/**
 * The page's format from its outline: A4 (or A5, when the camera's view width
 * says the page is small), an ID card, an 80 mm receipt of any length, else
 * 'other' with the estimated proportions, sized to fit an A4 sheet (or at its
 * measured size when the view width is known).
 */
export function pageSizeFor(quad: Quad, frame: Size, options: PageSizeOptions = {}): PageSize {
  const aspect = perspectiveAspect(quad, frame);
  const landscape = aspect > 1;
  const ratio = landscape ? aspect : 1 / aspect;
  // The page's long side in mm, when the view's width is known (the page's area in the frame at the desk's scale).
  const mmPerPixel = options.viewWidthMm && options.viewWidthMm > 0 ? options.viewWidthMm / frame.width : null;
  const areaMm2 = mmPerPixel ? polygonArea(quad) * mmPerPixel * mmPerPixel : null;
  const longMm = areaMm2 ? Math.sqrt(areaMm2 * ratio) : null;
  if (near(ratio, ID_RATIO)) return oriented('idCard', ID_CARD_MM.width, ID_CARD_MM.height, landscape);
  if (near(ratio, A_RATIO)) return longMm !== null && longMm < (210 + 297) / 2 ? oriented('a5', 210, 148, landscape) : oriented('a4', 297, 210, landscape);
  const shortMm = longMm === null ? null : longMm / ratio;
  if (ratio >= RECEIPT_MIN_RATIO && (shortMm === null || Math.abs(shortMm / RECEIPT_WIDTH_MM - 1) <= 0.2)) {
    return oriented('receipt', RECEIPT_WIDTH_MM * ratio, RECEIPT_WIDTH_MM, landscape);
  }
  if (longMm !== null) return oriented('other', longMm, longMm / ratio, landscape);
  // Unknown scale: the proportions, as large as fits an A4 sheet.
  const fitLong = Math.min(297, 210 * ratio);
  return oriented('other', fitLong, fitLong / ratio, landscape);
}
