/**
 * Plane geometry of the document camera (issue 11): the page outline as a
 * quadrilateral in frame pixels, the homography that straightens it, the
 * checks that keep a degenerate outline from ever reaching the clerk, and the
 * SmartDoc Jaccard index the detector is measured with. Pure; used by the
 * detector, the capture panel, the `camera` command and the tests.
 */

/** x, y in pixels of the frame, y downwards. */
export type Point = readonly [x: number, y: number];

/** A page outline: top-left, top-right, bottom-right, bottom-left as the page is read (clockwise on screen). */
export type Quad = readonly [Point, Point, Point, Point];

/** A 3×3 projective map, row major, with h[8] = 1. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** `size` shrunk (never enlarged), same proportions, so its longer side is at most `longSide`; whole pixels, at least 1. */
export function fitWithin(size: Size, longSide: number): Size {
  const scale = Math.min(1, longSide / Math.max(size.width, size.height));
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/** The axis-aligned rectangle [0,w]×[0,h] as a quad: the page in its own frame. */
export function rectQuad(width: number, height: number): Quad {
  return [
    [0, 0],
    [width, 0],
    [width, height],
    [0, height],
  ];
}

/**
 * The homography mapping src[i] to dst[i] (four point pairs), by solving the
 * 8×8 linear system with partial pivoting. Null when the points are
 * degenerate (three on a line), where no such map exists.
 */
export function solveHomography(src: readonly Point[], dst: readonly Point[]): Homography | null {
  if (src.length !== 4 || dst.length !== 4) return null;
  // Three points on a line on either side: the linear system may still solve, to a singular map.
  if (hasThreeOnALine(src) || hasThreeOnALine(dst)) return null;
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const h = solveLinear(a);
  if (!h) return null;
  return [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1];
}

/** Whether some three of the four points are (numerically) on one line, or two coincide. */
function hasThreeOnALine(points: readonly Point[]): boolean {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const extent = Math.max(...xs) - Math.min(...xs) + Math.max(...ys) - Math.min(...ys);
  if (!(extent > 0)) return true;
  for (let i = 0; i < 4; i++) {
    const [a, b, c] = [points[(i + 1) % 4]!, points[(i + 2) % 4]!, points[(i + 3) % 4]!];
    const twiceArea = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    if (Math.abs(twiceArea) <= 1e-9 * extent * extent) return true;
  }
  return false;
}

/** Gaussian elimination with partial pivoting on an n×(n+1) augmented matrix, in place; null when singular. */
export function solveLinear(m: number[][]): number[] | null {
  const n = m.length;
  let scale = 1e-300;
  for (const row of m) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < scale * 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

export function applyHomography(h: Homography, [x, y]: Point): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

export function invertHomography(h: Homography): Homography | null {
  const [a, b, c, d, e, f, g, k, l] = h;
  const A = e * l - f * k;
  const B = -(d * l - f * g);
  const C = d * k - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-300) return null;
  const inv = [A, -(b * l - c * k), b * f - c * e, B, a * l - c * g, -(a * f - c * d), C, -(a * k - b * g), a * e - b * d];
  const n = inv[8];
  if (Math.abs(n!) < 1e-300) return null;
  return inv.map((v) => v / n!) as unknown as Homography;
}

/** Twice the signed area (shoelace); positive when the points run clockwise on screen (y down). */
export function doubleSignedArea(points: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return s;
}

export function polygonArea(points: readonly Point[]): number {
  return Math.abs(doubleSignedArea(points)) / 2;
}

/**
 * Four points in the order TL, TR, BR, BL: sorted by angle around their
 * centre (clockwise on screen), then turned so that the first is the corner
 * nearest the frame's top-left (smallest x + y). Null unless exactly four
 * finite, distinct points.
 */
export function orderCorners(points: readonly Point[]): Quad | null {
  if (points.length !== 4 || points.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) return null;
  const cx = points.reduce((s, p) => s + p[0], 0) / 4;
  const cy = points.reduce((s, p) => s + p[1], 0) / 4;
  const byAngle = [...points].sort((p, q) => Math.atan2(p[1] - cy, p[0] - cx) - Math.atan2(q[1] - cy, q[0] - cx));
  for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) if (byAngle[i]![0] === byAngle[j]![0] && byAngle[i]![1] === byAngle[j]![1]) return null;
  let first = 0;
  for (let i = 1; i < 4; i++) if (byAngle[i]![0] + byAngle[i]![1] < byAngle[first]![0] + byAngle[first]![1]) first = i;
  const q = [0, 1, 2, 3].map((i) => byAngle[(first + i) % 4]);
  return [q[0]!, q[1]!, q[2]!, q[3]!];
}

/** Why an outline cannot be a page; null when it can. */
export type QuadProblem = 'notFinite' | 'notConvex' | 'tooSmall' | 'tooThin' | 'outsideFrame';

export interface QuadRules {
  /** The outline's area as a share of the frame's, at least (default 1 %). */
  minAreaFraction?: number;
  /** Each interior angle at least this many degrees (default 25°: a page seen at a steep tilt still has more). */
  minAngleDeg?: number;
  /**
   * Each interior angle at most this many degrees (default 160°): a corner that is nearly straight is a point on a
   * side, i.e. a three-point shape that floating point let through the strict-convexity test.
   */
  maxAngleDeg?: number;
  /** How far outside the frame a corner may lie, as a share of the frame's diagonal (default 5 %). */
  outsideTolerance?: number;
}

/**
 * The checks every outline passes before it is shown or used: four finite
 * corners in TL, TR, BR, BL order forming a strictly convex, clockwise
 * quadrilateral (no self-crossing, no three points on a line), of a
 * reasonable area, no needle-thin angle, inside the frame.
 */
export function quadProblem(q: Quad, frame: Size, rules: QuadRules = {}): QuadProblem | null {
  const minArea = (rules.minAreaFraction ?? 0.01) * frame.width * frame.height;
  const minAngle = ((rules.minAngleDeg ?? 25) * Math.PI) / 180;
  const maxAngle = ((rules.maxAngleDeg ?? 160) * Math.PI) / 180;
  const tolerance = (rules.outsideTolerance ?? 0.05) * Math.hypot(frame.width, frame.height);
  if (q.length !== 4 || q.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) return 'notFinite';
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = q[(i + 3) % 4]!;
    const [bx, by] = q[i]!;
    const [cx, cy] = q[(i + 1) % 4]!;
    // Clockwise on screen (y down): every turn has a positive cross product.
    const cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
    if (!(cross > 0)) return 'notConvex';
  }
  if (polygonArea(q) < minArea) return 'tooSmall';
  for (let i = 0; i < 4; i++) {
    const p = q[(i + 3) % 4]!;
    const b = q[i]!;
    const n = q[(i + 1) % 4]!;
    const v1x = p[0] - b[0];
    const v1y = p[1] - b[1];
    const v2x = n[0] - b[0];
    const v2y = n[1] - b[1];
    const cos = (v1x * v2x + v1y * v2y) / (Math.hypot(v1x, v1y) * Math.hypot(v2x, v2y));
    const angle = Math.acos(Math.max(-1, Math.min(1, cos)));
    if (angle < minAngle) return 'tooThin';
    if (angle > maxAngle) return 'notConvex';
  }
  if (q.some(([x, y]) => x < -tolerance || y < -tolerance || x > frame.width + tolerance || y > frame.height + tolerance)) return 'outsideFrame';
  return null;
}

/**
 * Sutherland–Hodgman: the part of `subject` inside the convex polygon `clip`.
 * `subject` may be any simple polygon; `clip` must be convex (either winding).
 */
export function clipPolygon(subject: readonly Point[], clip: readonly Point[]): Point[] {
  const orientation = Math.sign(doubleSignedArea(clip)) || 1;
  const inside = (p: Point, a: Point, b: Point) => orientation * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) >= 0;
  const crossing = (p: Point, q: Point, a: Point, b: Point): Point => {
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    const ex = b[0] - a[0];
    const ey = b[1] - a[1];
    const denom = dx * ey - dy * ex;
    const t = denom === 0 ? 0 : ((a[0] - p[0]) * ey - (a[1] - p[1]) * ex) / denom;
    return [p[0] + t * dx, p[1] + t * dy];
  };
  let output: Point[] = [...subject];
  for (let i = 0; i < clip.length && output.length > 0; i++) {
    const a = clip[i]!;
    const b = clip[(i + 1) % clip.length]!;
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const current = input[j]!;
      const previous = input[(j + input.length - 1) % input.length]!;
      const currentIn = inside(current, a, b);
      if (currentIn) {
        if (!inside(previous, a, b)) output.push(crossing(previous, current, a, b));
        output.push(current);
      } else if (inside(previous, a, b)) {
        output.push(crossing(previous, current, a, b));
      }
    }
  }
  return output;
}

/**
 * The SmartDoc 2015 Jaccard index of a detected outline against the ground
 * truth: both mapped into the document's own frame (the truth becomes the
 * rectangle docSize), then area(intersection) / area(union). 0 when the
 * detection is missing or cannot be mapped (it crosses the horizon of the
 * truth's perspective).
 */
export function jaccardIndex(detected: Quad | null, truth: Quad, docSize: Size): number {
  if (!detected) return 0;
  const doc = rectQuad(docSize.width, docSize.height);
  const toDoc = solveHomography(truth, doc);
  if (!toDoc) return 0;
  const w = (p: Point) => toDoc[6] * p[0] + toDoc[7] * p[1] + toDoc[8];
  // A corner behind the truth's horizon has no image in the document frame.
  const sign = Math.sign(w(truth[0]));
  if (detected.some((p) => Math.sign(w(p)) !== sign)) return 0;
  const mapped = detected.map((p) => applyHomography(toDoc, p));
  const docArea = docSize.width * docSize.height;
  const mappedArea = polygonArea(mapped);
  const intersection = polygonArea(clipPolygon(mapped, doc));
  const union = mappedArea + docArea - intersection;
  return union > 0 ? Math.max(0, Math.min(1, intersection / union)) : 0;
}

/** Mean distance of corresponding corners, in pixels: a second, plainer measure for reports. */
export function meanCornerError(a: Quad, b: Quad): number {
  return a.reduce((s, p, i) => s + Math.hypot(p[0] - b[i]![0], p[1] - b[i]![1]), 0) / 4;
}

/** The quad scaled about the origin, e.g. from a downscaled frame back to the source's pixels. */
export function scaleQuad(q: Quad, sx: number, sy = sx): Quad {
  return q.map(([x, y]) => [x * sx, y * sy] as Point) as unknown as Quad;
}
