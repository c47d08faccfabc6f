import { quadProblem, type Point, type Quad } from '../geometry';
import type { RgbaImage } from '../image';

/** How many times the brighter-inside line's inliers the darker-inside line needs to be taken instead (see sideLine). */
const DARKER_WINS = 1.5;

/** A line n·p = c with unit normal n. */
interface Line {
  nx: number;
  ny: number;
  c: number;
}

/** Bilinear RGB at a continuous point (pixel i covers [i, i+1]), clamped to the frame, into out[0..2]. */
function sampleRgb(frame: RgbaImage, x: number, y: number, out: Float64Array): void {
  const w = frame.width;
  const h = frame.height;
  const fx = Math.min(w - 1, Math.max(0, x - 0.5));
  const fy = Math.min(h - 1, Math.max(0, y - 0.5));
  const x0 = Math.min(w - 2, Math.floor(fx));
  const y0 = Math.min(h - 2, Math.floor(fy));
  const ax = fx - x0;
  const ay = fy - y0;
  const d = frame.data;
  const i00 = (y0 * w + x0) * 4;
  const i01 = i00 + 4;
  const i10 = i00 + w * 4;
  const i11 = i10 + 4;
  for (let c = 0; c < 3; c++) {
    const top = d[i00 + c]! + (d[i01 + c]! - d[i00 + c]!) * ax;
    const bottom = d[i10 + c]! + (d[i11 + c]! - d[i10 + c]!) * ax;
    out[c] = top + (bottom - top) * ay;
  }
}

/**
 * Subpixel edge points across one side: at evenly spaced stations along it,
 * the colour profile along the normal (averaged over a short stretch along
 * the side against noise), its derivative's strongest peak near the current
 * line, and a parabola through the peak and its neighbours. Peaks where the
 * page side is the brighter one are kept apart from the others: a card's
 * drop shadow on a light desk has an outer rim as strong as the card's own
 * edge, but the wrong way round.
 */
function edgePoints(frame: RgbaImage, a: Point, b: Point, radius: number): { brighterIn: Point[]; darkerIn: Point[] } {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len < 4) return { brighterIn: [], darkerIn: [] };
  const dx = (b[0] - a[0]) / len;
  const dy = (b[1] - a[1]) / len;
  // Corners run clockwise on screen, so (−dy, dx) points into the page.
  const nx = -dy;
  const ny = dx;
  const stations = Math.max(16, Math.min(64, Math.round(len / 10)));
  const across = Math.max(1, radius / 8);
  const span = 2 * radius + 1;
  const profile = new Float64Array(span * 3);
  const rgb = new Float64Array(3);
  const strength = new Float64Array(span);
  const brighterIn: Point[] = [];
  const darkerIn: Point[] = [];
  const subpixel = (s: number) => {
    const l = strength[s - 1]!;
    const c = strength[s]!;
    const r = strength[s + 1]!;
    const denom = l - 2 * c + r;
    return s - radius + (denom < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / denom)) : 0);
  };
  for (let k = 0; k < stations; k++) {
    const f = 0.06 + (0.88 * (k + 0.5)) / stations;
    const px = a[0] + (b[0] - a[0]) * f;
    const py = a[1] + (b[1] - a[1]) * f;
    profile.fill(0);
    for (let s = 0; s < span; s++) {
      const off = s - radius;
      for (let t = -1; t <= 1; t++) {
        sampleRgb(frame, px + off * nx + t * across * dx, py + off * ny + t * across * dy, rgb);
        profile[s * 3]! += rgb[0]!;
        profile[s * 3 + 1]! += rgb[1]!;
        profile[s * 3 + 2]! += rgb[2]!;
      }
    }
    let bestUp = -1;
    let bestDown = -1;
    let upM = 0;
    let downM = 0;
    for (let s = 1; s < span - 1; s++) {
      let m2 = 0;
      let luma = 0;
      for (let c = 0; c < 3; c++) {
        const d = (profile[(s + 1) * 3 + c]! - profile[(s - 1) * 3 + c]!) / 6; // per px, mean of the three rows
        m2 += d * d;
        luma += d * (c === 0 ? 0.299 : c === 1 ? 0.587 : 0.114);
      }
      const off = (s - radius) / radius;
      const m = Math.sqrt(m2) * (1 - 0.4 * off * off);
      strength[s] = m;
      if (luma >= 0 && m > upM) {
        upM = m;
        bestUp = s;
      } else if (luma < 0 && m > downM) {
        downM = m;
        bestDown = s;
      }
    }
    if (bestUp >= 2 && bestUp <= span - 3 && upM >= 2) {
      const off = subpixel(bestUp);
      brighterIn.push([px + off * nx, py + off * ny]);
    }
    if (bestDown >= 2 && bestDown <= span - 3 && downM >= 2) {
      const off = subpixel(bestDown);
      darkerIn.push([px + off * nx, py + off * ny]);
    }
  }
  return { brighterIn, darkerIn };
}

/**
 * The side's line from its edge points: the brighter-inside edge (paper on a
 * desk) unless the darker-inside points make a clearly better line, by half
 * as many inliers again. A card's drop shadow has an outer rim the wrong way
 * round, as straight as the card's edge, and loses; but a grey card on a
 * bright desk is darker than the desk all along its side, while the
 * brighter-inside peaks there are the desk's own texture, scattered.
 */
function sideLine(points: { brighterIn: Point[]; darkerIn: Point[] }, threshold: number): { line: Line; inliers: number; points: number } | null {
  const bright = robustLine(points.brighterIn, threshold);
  const dark = robustLine(points.darkerIn, threshold);
  if (dark && (!bright || dark.inliers > DARKER_WINS * bright.inliers)) return { ...dark, points: points.darkerIn.length };
  return bright ? { ...bright, points: points.brighterIn.length } : null;
}

function fitTls(points: readonly Point[]): Line | null {
  if (points.length < 2) return null;
  let mx = 0;
  let my = 0;
  for (const [x, y] of points) {
    mx += x;
    my += y;
  }
  mx /= points.length;
  my /= points.length;
  let cxx = 0;
  let cxy = 0;
  let cyy = 0;
  for (const [x, y] of points) {
    cxx += (x - mx) * (x - mx);
    cxy += (x - mx) * (y - my);
    cyy += (y - my) * (y - my);
  }
  // Direction: eigenvector of the larger eigenvalue; the normal is perpendicular.
  const angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
  const nx = -Math.sin(angle);
  const ny = Math.cos(angle);
  return { nx, ny, c: nx * mx + ny * my };
}

/**
 * A robust line through edge points: the pair of points (far enough apart)
 * whose line has the most points within `threshold`, then least squares on
 * those, twice. A finger over the edge or a glare spot gives a run of
 * points off the line; they are outliers here, not a bend in the page.
 */
function robustLine(points: readonly Point[], threshold: number): { line: Line; inliers: number } | null {
  const n = points.length;
  if (n < 6) return null;
  const minGap = Math.max(2, Math.floor(n / 4));
  let bestCount = 0;
  let bestLine: Line | null = null;
  for (let i = 0; i < n; i++) {
    for (let j = i + minGap; j < n; j++) {
      const [x1, y1] = points[i]!;
      const [x2, y2] = points[j]!;
      const len = Math.hypot(x2 - x1, y2 - y1);
      if (len < 1e-6) continue;
      const nx = -(y2 - y1) / len;
      const ny = (x2 - x1) / len;
      const c = nx * x1 + ny * y1;
      let count = 0;
      for (const [x, y] of points) if (Math.abs(nx * x + ny * y - c) <= threshold) count++;
      if (count > bestCount) {
        bestCount = count;
        bestLine = { nx, ny, c };
      }
    }
  }
  if (!bestLine) return null;
  let line: Line = bestLine;
  let inliers: Point[] = [];
  for (let round = 0; round < 2; round++) {
    const l = line;
    inliers = points.filter(([x, y]) => Math.abs(l.nx * x + l.ny * y - l.c) <= threshold);
    const fitted = fitTls(inliers);
    if (!fitted) break;
    line = fitted;
  }
  return { line, inliers: inliers.length };
}

function lineThrough(a: Point, b: Point): Line {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  const nx = -(b[1] - a[1]) / len;
  const ny = (b[0] - a[0]) / len;
  return { nx, ny, c: nx * a[0] + ny * a[1] };
}

function meet(a: Line, b: Line): Point | null {
  const det = a.nx * b.ny - a.ny * b.nx;
  if (Math.abs(det) < 1e-9) return null;
  return [(a.c * b.ny - a.ny * b.c) / det, (a.nx * b.c - a.c * b.nx) / det];
}

function refineOnce(frame: RgbaImage, quad: Quad, radius: number, threshold: number): Quad | null {
  const lines: Line[] = [];
  let fitted = 0;
  for (let s = 0; s < 4; s++) {
    const a = quad[s]!;
    const b = quad[(s + 1) % 4]!;
    const fit = sideLine(edgePoints(frame, a, b, radius), threshold);
    // Too little of the side seen clearly: keep the side where it was.
    // A fit that tilts the side well past the search window at either end has locked onto something else (a finger, a paper beneath).
    const shift = fit ? Math.max(Math.abs(fit.line.nx * a[0] + fit.line.ny * a[1] - fit.line.c), Math.abs(fit.line.nx * b[0] + fit.line.ny * b[1] - fit.line.c)) : Infinity;
    const good = fit !== null && fit.inliers >= Math.max(6, fit.points * 0.35) && shift <= radius;
    if (good) fitted++;
    lines.push(good ? fit.line : lineThrough(a, b));
  }
  if (fitted === 0) return quad;
  const corners: Point[] = [];
  for (let s = 0; s < 4; s++) {
    const p = meet(lines[(s + 3) % 4]!, lines[s]!);
    if (!p) return null;
    corners.push(p);
  }
  return [corners[0]!, corners[1]!, corners[2]!, corners[3]!];
}

/**
 * The outline at full resolution: each side moved onto the subpixel edge
 * nearest it (a wide search first, for an outline found on a frame shrunk
 * about tenfold, then a narrow one), the corners where the fitted sides
 * meet. Returns `approx` unchanged when the result would move a corner
 * implausibly far or not be a valid page outline.
 */
export function refineQuad(frame: RgbaImage, approx: Quad): Quad {
  const longSide = Math.max(frame.width, frame.height);
  const wide = Math.max(6, Math.round((3.5 * longSide) / 400));
  const narrow = Math.max(3, Math.round(longSide / 700));
  if (quadProblem(approx, frame) !== null) return approx;
  let quad: Quad = approx;
  for (const [radius, threshold] of [
    [wide, Math.max(1, wide / 8)],
    [narrow, Math.max(0.7, narrow / 5)],
  ] as const) {
    const next = refineOnce(frame, quad, radius, threshold);
    if (!next) return approx;
    quad = next;
  }
  const limit = 2 * wide + 2;
  if (quad.some((p, i) => Math.hypot(p[0] - approx[i]![0], p[1] - approx[i]![1]) > limit)) return approx;
  if (quadProblem(quad, frame) !== null) return approx;
  return quad;
}
