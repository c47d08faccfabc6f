import type { Point } from '../geometry';
import type { EdgeList, GradientField } from './gradient';
import type { ColourPlanes } from './planes';

/**
 * A straight edge in the working frame: points p with nx·x + ny·y = c
 * (unit normal), and how strongly and continuously the gradient supports it
 * at each step along it, so the support of any stretch (a quadrilateral's
 * side between two corners) costs two look-ups.
 */
export interface EdgeLine {
  readonly nx: number;
  readonly ny: number;
  readonly c: number;
  /** Median gradient magnitude of the edge pixels on it. */
  readonly strength: number;
  /** Parameter t (along (−ny, nx)) of the first support sample. */
  readonly t0: number;
  /** support[k] − support[j]: summed support (0..1 per unit step) of samples j..k−1. */
  readonly support: Float64Array;
  /**
   * Samples where the frame is clipped to white on both sides of the line (a
   * glare spot): no evidence either way, so they are left out of the side's
   * share, up to half of it.
   */
  readonly blind: Float64Array;
  /** The same, signed by whether the gradient points along +normal (+) or against it (−). */
  readonly polarity: Float64Array;
  /**
   * Summed colour step across the line (a little way on the +normal side
   * minus the −normal side), R, G, B interleaved, per unit step: a page edge
   * separates two surfaces and keeps one sign along its length, a printed
   * rule or a grid line on a cutting mat has the same surface on both sides
   * and sums to about 0. Colour, because a white card on a pale grey desk
   * differs more in hue than in brightness.
   */
  readonly step: Float64Array;
}

const THETA_BINS = 180;
const VOTE_SPREAD = 3; // ± bins (degrees) an edge pixel votes for around its own gradient direction
const cosTable = Float64Array.from({ length: THETA_BINS }, (_, k) => Math.cos((k * Math.PI) / THETA_BINS));
const sinTable = Float64Array.from({ length: THETA_BINS }, (_, k) => Math.sin((k * Math.PI) / THETA_BINS));

interface Peak {
  theta: number;
  rho: number;
  votes: number;
}

/** Hough peaks of the edge ridges; each ridge pixel votes only near its own gradient direction. */
function houghPeaks(edges: EdgeList, width: number, height: number, minVotes: number, maxPeaks: number, saturation: number): Peak[] {
  const offset = width + 2;
  const rhoBins = 2 * width + height + 5;
  const acc = new Float32Array(THETA_BINS * rhoBins);
  for (let i = 0; i < edges.count; i++) {
    const x = edges.x[i]!;
    const y = edges.y[i]!;
    // Stronger edges count for more (a page against a desk outvotes wood grain), up to a cap.
    const w = Math.min(2, edges.mag[i]! / saturation);
    const k0 = Math.round((edges.angle[i]! * THETA_BINS) / Math.PI);
    for (let dk = -VOTE_SPREAD; dk <= VOTE_SPREAD; dk++) {
      const k = (k0 + dk + THETA_BINS) % THETA_BINS;
      const rho = Math.round(x * cosTable[k]! + y * sinTable[k]!) + offset;
      acc[k * rhoBins + rho]! += w;
    }
  }
  const peaks: Peak[] = [];
  for (let k = 0; k < THETA_BINS; k++) {
    for (let r = 3; r < rhoBins - 3; r++) {
      const v = acc[k * rhoBins + r]!;
      if (v < minVotes) continue;
      let isMax = true;
      for (let dk = -2; dk <= 2 && isMax; dk++) {
        const kk = (k + dk + THETA_BINS) % THETA_BINS;
        for (let dr = -3; dr <= 3; dr++) {
          if (dk === 0 && dr === 0) continue;
          const u = acc[kk * rhoBins + r + dr]!;
          // Ties: the first in scan order wins, so a flat top yields one peak.
          if (u > v || (u === v && (dk < 0 || (dk === 0 && dr < 0)))) {
            isMax = false;
            break;
          }
        }
      }
      if (isMax) peaks.push({ theta: (k * Math.PI) / THETA_BINS, rho: r - offset, votes: v });
    }
  }
  peaks.sort((a, b) => b.votes - a.votes);
  return peaks.slice(0, maxPeaks);
}

/** The angle between two directions of lines, folded into [0, π/2]. */
export function angleGap(a: number, b: number): number {
  const d = Math.abs(a - b) % Math.PI;
  return Math.min(d, Math.PI - d);
}

/**
 * The ridge pixels grouped by direction (one-degree bins), so a line's fit
 * reads only those of about its own direction, and within each bin by their
 * distance from the frame's centre along the bin's own normal (one-pixel
 * buckets), so it reads only those that can lie near the line: a fit used
 * to test every pixel of nineteen bins, about 4 million tests a live frame
 * for 50 thousand picked. Positions and directions are copied in that order
 * too, so a fit reads memory in sequence, not all over the edge list.
 */
export interface ByDirection {
  readonly order: Int32Array;
  /** Pixels of bin b and bucket k: order[start[b * buckets + k]] .. order[start[b * buckets + k + 1] − 1]. */
  readonly start: Int32Array;
  readonly buckets: number;
  /** The centre the buckets are measured from, and the farthest pixel from it. */
  readonly cx: number;
  readonly cy: number;
  readonly radius: number;
  /** x[o], y[o], angle[o]: those of pixel order[o]. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly angle: Float32Array;
}

const binCos = Float64Array.from({ length: THETA_BINS }, (_, b) => Math.cos(((b + 0.5) * Math.PI) / THETA_BINS));
const binSin = Float64Array.from({ length: THETA_BINS }, (_, b) => Math.sin(((b + 0.5) * Math.PI) / THETA_BINS));

export function groupByDirection(edges: EdgeList): ByDirection {
  const bins = THETA_BINS;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < edges.count; i++) {
    minX = Math.min(minX, edges.x[i]!);
    maxX = Math.max(maxX, edges.x[i]!);
    minY = Math.min(minY, edges.y[i]!);
    maxY = Math.max(maxY, edges.y[i]!);
  }
  const cx = edges.count ? (minX + maxX) / 2 : 0;
  const cy = edges.count ? (minY + maxY) / 2 : 0;
  const radius = edges.count ? Math.hypot(maxX - cx, maxY - cy) : 0;
  // Bucket k holds the pixels whose distance along the bin's normal lies in [k − half, k − half + 1).
  const half = Math.ceil(radius) + 1;
  const buckets = 2 * half + 1;
  const slotOf = new Int32Array(edges.count);
  const start = new Int32Array(bins * buckets + 1);
  for (let i = 0; i < edges.count; i++) {
    const b = Math.min(bins - 1, Math.floor((edges.angle[i]! * bins) / Math.PI));
    const k = Math.floor((edges.x[i]! - cx) * binCos[b]! + (edges.y[i]! - cy) * binSin[b]!) + half;
    const slot = b * buckets + k;
    slotOf[i] = slot;
    start[slot + 1]! += 1;
  }
  for (let slot = 0; slot < bins * buckets; slot++) start[slot + 1]! += start[slot]!;
  const fill = start.slice(0, bins * buckets);
  const order = new Int32Array(edges.count);
  for (let i = 0; i < edges.count; i++) order[fill[slotOf[i]!]!++] = i;
  const x = new Float32Array(edges.count);
  const y = new Float32Array(edges.count);
  const angle = new Float32Array(edges.count);
  for (let o = 0; o < edges.count; o++) {
    const i = order[o]!;
    x[o] = edges.x[i]!;
    y[o] = edges.y[i]!;
    angle[o] = edges.angle[i]!;
  }
  return { order, start, buckets, cx, cy, radius, x, y, angle };
}

/**
 * The ridge pixels within maxDist of the line nx·x + ny·y = c whose direction is within maxAngle of its normal's,
 * as indices into the edge list: bin by bin outward from the line's own direction (−reach … +reach), ascending
 * within a bin.
 */
export function ridgePixelsNear(groups: ByDirection, nx: number, ny: number, c: number, maxDist: number, maxAngle: number): number[] {
  let theta = Math.atan2(ny, nx);
  if (theta < 0) theta += Math.PI;
  if (theta >= Math.PI) theta -= Math.PI;
  const picked: number[] = [];
  const centre = Math.floor((theta * THETA_BINS) / Math.PI);
  const reach = Math.ceil((maxAngle * THETA_BINS) / Math.PI) + 1;
  const { buckets, cx, cy, radius } = groups;
  const half = (buckets - 1) / 2;
  // The line's distance from the buckets' centre: pixels on it have nx·(x − cx) + ny·(y − cy) = cc.
  const cc = c - nx * cx - ny * cy;
  for (let db = -reach; db <= reach; db++) {
    const b = (centre + db + THETA_BINS) % THETA_BINS;
    // A pixel within maxDist of the line lies within maxDist + |n − u|·radius of it along the bin's normal u
    // (taken the way that agrees with n): only those buckets are read, one past each end for rounding.
    const u = nx * binCos[b]! + ny * binSin[b]! >= 0 ? 1 : -1;
    const chord = Math.hypot(nx - u * binCos[b]!, ny - u * binSin[b]!);
    const along = u * cc;
    const band = maxDist + chord * radius;
    const from = Math.max(0, Math.floor(along - band) + half - 1);
    const to = Math.min(buckets - 1, Math.floor(along + band) + half + 1);
    if (from > to) continue;
    const inBin: number[] = [];
    for (let o = groups.start[b * buckets + from]!; o < groups.start[b * buckets + to + 1]!; o++) {
      if (Math.abs(nx * groups.x[o]! + ny * groups.y[o]! - c) > maxDist) continue;
      if (angleGap(groups.angle[o]!, theta) > maxAngle) continue;
      inBin.push(groups.order[o]!);
    }
    // In the order of the edge list within a bin, as the fit's sums have always been taken.
    inBin.sort((p, q) => p - q);
    for (const i of inBin) picked.push(i);
  }
  return picked;
}

/** Weighted total least squares through the ridge pixels near a line; null when too few. */
function fitNear(edges: EdgeList, groups: ByDirection, nx: number, ny: number, c: number, maxDist: number, maxAngle: number, minCount: number) {
  const picked = ridgePixelsNear(groups, nx, ny, c, maxDist, maxAngle);
  if (picked.length < minCount) return null;
  return fitPicked(edges, picked, nx, ny);
}

/** Weighted total least squares through the given ridge pixels; the normal keeps the side of (nx, ny). */
function fitPicked(edges: EdgeList, picked: number[], nx: number, ny: number) {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (const i of picked) {
    const w = Math.min(1, edges.mag[i]! / 10);
    sw += w;
    sx += w * edges.x[i]!;
    sy += w * edges.y[i]!;
  }
  const mx = sx / sw;
  const my = sy / sw;
  let cxx = 0;
  let cxy = 0;
  let cyy = 0;
  for (const i of picked) {
    const w = Math.min(1, edges.mag[i]! / 10);
    const dx = edges.x[i]! - mx;
    const dy = edges.y[i]! - my;
    cxx += w * dx * dx;
    cxy += w * dx * dy;
    cyy += w * dy * dy;
  }
  // The normal is the eigenvector of the smaller eigenvalue of the scatter.
  const half = (cxx - cyy) / 2;
  const root = Math.sqrt(half * half + cxy * cxy);
  const lambdaSmall = (cxx + cyy) / 2 - root;
  let ex = cxy;
  let ey = lambdaSmall - cxx;
  if (Math.hypot(ex, ey) < 1e-9) {
    ex = lambdaSmall - cyy;
    ey = cxy;
  }
  const len = Math.hypot(ex, ey);
  if (len < 1e-9) return { nx, ny, c: nx * mx + ny * my, picked, mx, my };
  let fx = ex / len;
  let fy = ey / len;
  // Keep the normal on the side it started (the sign carries polarity later).
  if (fx * nx + fy * ny < 0) {
    fx = -fx;
    fy = -fy;
  }
  return { nx: fx, ny: fy, c: fx * mx + fy * my, picked, mx, my };
}

/** Index of the pixel under a continuous point; −1 outside the frame. */
export function pixelAt(width: number, height: number, x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  if (ix < 0 || iy < 0 || ix >= width || iy >= height) return -1;
  return iy * width + ix;
}

/** How far either side of an edge its colour step is read: past the blur of a shrunk frame's edge. */
export function stepReach(frame: { width: number; height: number }): number {
  return Math.max(2, 0.012 * Math.min(frame.width, frame.height));
}

/** Support samples along a line: at each unit step the best aligned gradient within ±1 px across it. */
export function supportProfile(field: GradientField, planes: ColourPlanes, nx: number, ny: number, c: number, strength: number) {
  const { width, height, gx, gy, mag } = field;
  const dx = -ny;
  const dy = nx;
  // The stretch of the line inside the frame, by clipping t against the four borders.
  let tMin = -Infinity;
  let tMax = Infinity;
  const px = c * nx;
  const py = c * ny;
  const clip = (p: number, d: number, lo: number, hi: number) => {
    if (Math.abs(d) < 1e-12) {
      if (p < lo || p > hi) tMin = Infinity;
      return;
    }
    const a = (lo - p) / d;
    const b = (hi - p) / d;
    tMin = Math.max(tMin, Math.min(a, b));
    tMax = Math.min(tMax, Math.max(a, b));
  };
  clip(px, dx, 0, width);
  clip(py, dy, 0, height);
  const steps = Number.isFinite(tMin) && tMax > tMin ? Math.floor(tMax - tMin) : 0;
  const support = new Float64Array(steps + 1);
  const blind = new Float64Array(steps + 1);
  const polarity = new Float64Array(steps + 1);
  const step = new Float64Array(3 * (steps + 1));
  const reach = stepReach(field);
  const lo = Math.max(1, 0.2 * strength);
  const full = Math.max(lo + 1, 0.5 * strength);
  const minAlign = 0.966; // cos 15°
  const clipped = (i: number) => i >= 0 && planes.r[i]! > 248 && planes.g[i]! > 248 && planes.b[i]! > 248;
  for (let k = 0; k < steps; k++) {
    const t = tMin + k + 0.5;
    const bx = px + t * dx;
    const by = py + t * dy;
    let best = 0;
    let sign = 0;
    for (let s = -1; s <= 1; s++) {
      const ix = Math.floor(bx + s * nx);
      const iy = Math.floor(by + s * ny);
      if (ix < 0 || iy < 0 || ix >= width || iy >= height) continue;
      const i = iy * width + ix;
      const m = mag[i]!;
      if (m <= lo) continue;
      const along = gx[i]! * nx + gy[i]! * ny;
      if (Math.abs(along) < minAlign * m) continue;
      const v = Math.min(1, (m - lo) / (full - lo));
      if (v > best) {
        best = v;
        sign = along > 0 ? 1 : -1;
      }
    }
    support[k + 1] = support[k]! + best;
    polarity[k + 1] = polarity[k]! + best * sign;
    const plus = pixelAt(width, height, bx + reach * nx, by + reach * ny);
    const minus = pixelAt(width, height, bx - reach * nx, by - reach * ny);
    blind[k + 1] = blind[k]! + (best === 0 && clipped(plus) && clipped(minus) ? 1 : 0);
    const seen = plus >= 0 && minus >= 0;
    step[3 * k + 3] = step[3 * k]! + (seen ? planes.r[plus]! - planes.r[minus]! : 0);
    step[3 * k + 4] = step[3 * k + 1]! + (seen ? planes.g[plus]! - planes.g[minus]! : 0);
    step[3 * k + 5] = step[3 * k + 2]! + (seen ? planes.b[plus]! - planes.b[minus]! : 0);
  }
  return { t0: Number.isFinite(tMin) ? tMin : 0, support, blind, polarity, step };
}

/**
 * The line refitted to the longest unbroken run of its pixels, when that
 * run is only part of them: a short edge (a receipt's end, a card's side)
 * lying in line with wood grain or a mat's grid picks up their pixels
 * further along and is tilted by them.
 */
function longestRun(edges: EdgeList, fit: NonNullable<ReturnType<typeof fitPicked>>, minLength: number) {
  const dx = -fit.ny;
  const dy = fit.nx;
  const byT = fit.picked.map((i) => ({ i, t: dx * edges.x[i]! + dy * edges.y[i]! })).sort((a, b) => a.t - b.t);
  if (byT.length < 2) return null;
  let bestFrom = 0;
  let bestTo = 0;
  let from = 0;
  for (let k = 1; k <= byT.length; k++) {
    if (k === byT.length || byT[k]!.t - byT[k - 1]!.t > 3) {
      if (byT[k - 1]!.t - byT[from]!.t > byT[bestTo]!.t - byT[bestFrom]!.t) {
        bestFrom = from;
        bestTo = k - 1;
      }
      from = k;
    }
  }
  const runLength = byT[bestTo]!.t - byT[bestFrom]!.t;
  const total = byT[byT.length - 1]!.t - byT[0]!.t;
  if (runLength < minLength || runLength > 0.75 * total) return null;
  return fitPicked(
    edges,
    byT.slice(bestFrom, bestTo + 1).map((e) => e.i),
    fit.nx,
    fit.ny,
  );
}

/** A pixel this many times the frame's median gradient has a full vote in the second pass (up to two for stronger ones). */
const FAINT_K = 3;
/** Lines per 10° of direction the second pass may add beyond the first pass's cap. */
const FAINT_CAP = 2;

/** The p-quantile of the gradient magnitude over the frame (a histogram in 1/16 levels), the frame's own noise floor. */
function magnitudePercentile(field: GradientField, p: number): number {
  const bins = 1024;
  const hist = new Int32Array(bins);
  const mag = field.mag;
  for (let i = 0; i < mag.length; i++) hist[Math.min(bins - 1, Math.floor(mag[i]! * 16))]! += 1;
  const want = p * mag.length;
  let seen = 0;
  for (let b = 0; b < bins; b++) {
    seen += hist[b]!;
    if (seen >= want) return (b + 0.5) / 16;
  }
  return bins / 16;
}

/**
 * The straight edges of the working frame, strongest first: Hough peaks,
 * each refitted by least squares to its ridge pixels, duplicates merged.
 */
export function findLines(edges: EdgeList, field: GradientField, planes: ColourPlanes, options: { minLength: number; maxLines: number; perDirection: number; /** Further lines the second, faint-edge pass may add. */ faintLines?: number }): EdgeLine[] {
  const lines: EdgeLine[] = [];
  // At most a few lines per 10° of direction: wood grain or a ruled sheet
  // gives dozens of parallel lines that would otherwise crowd out the page's other two sides.
  const perDirection = new Int32Array(18);
  const groups = groupByDirection(edges);
  const maxAngle = (8 * Math.PI) / 180;
  // A peak on a line already taken (a side lobe, or the same edge seen by the second vote) is not fitted again.
  const known = (peak: Peak) => {
    const nx = Math.cos(peak.theta);
    const ny = Math.sin(peak.theta);
    return lines.some((l) => Math.abs(l.nx * nx + l.ny * ny) > 0.9986 && Math.abs(Math.abs(l.c) - Math.abs(peak.rho)) < 1.5 && Math.sign(l.c * peak.rho * (l.nx * nx + l.ny * ny)) >= 0);
  };
  const take = (peaks: Peak[], maxLines: number, cap: number, skipFull: boolean) => {
    for (const peak of peaks) {
      if (lines.length >= maxLines) break;
      if (known(peak)) continue;
      // A direction already full is not fitted at all (the fit keeps the peak's direction within a degree or two).
      if (skipFull && perDirection[Math.floor(peak.theta / (Math.PI / 18)) % 18]! >= cap) continue;
      const first = fitNear(edges, groups, Math.cos(peak.theta), Math.sin(peak.theta), peak.rho, 2.5, maxAngle, options.minLength * 0.5);
      if (!first) continue;
      const whole = fitNear(edges, groups, first.nx, first.ny, first.c, 1.5, maxAngle, options.minLength * 0.5);
      if (!whole) continue;
      for (const fit of [whole, longestRun(edges, whole, options.minLength)]) {
        if (!fit) continue;
        const { nx, ny, c } = fit;
        // The same edge found twice (Hough side lobes): nearly parallel and close where this one's pixels are.
        const duplicate = lines.some((l) => {
          const dot = l.nx * nx + l.ny * ny;
          if (Math.abs(dot) < Math.cos((4 * Math.PI) / 180)) return false;
          return Math.abs(l.nx * fit.mx + l.ny * fit.my - l.c) < 2;
        });
        if (duplicate) continue;
        const direction = Math.floor(((Math.atan2(ny, nx) + 2 * Math.PI) % Math.PI) / (Math.PI / 18)) % 18;
        if (perDirection[direction]! >= cap) continue;
        perDirection[direction]! += 1;
        const mags = fit.picked.map((i) => edges.mag[i]!).sort((a, b) => a - b);
        // An upper quantile: the page's stretch of a line, not the faint texture further along it.
        const strength = mags[Math.floor(mags.length * 0.8)]!;
        lines.push({ nx, ny, c, strength, ...supportProfile(field, planes, nx, ny, c, strength) });
      }
    }
  };
  // Strong edges first: each ridge pixel votes by its magnitude (up to a cap), so a page against a desk outvotes texture.
  take(houghPeaks(edges, field.width, field.height, 0.25 * options.minLength, options.maxLines * 4, 10), options.maxLines, options.perDirection, false);
  // Then faint but long ones: a white card on a near-white desk has a side of only 2 or 3 levels per pixel,
  // which the votes above rank below every line of print. Here a pixel a few times above the frame's own
  // noise floor counts in full, so a long, unbroken faint edge adds up.
  const extra = options.faintLines ?? 0;
  if (extra > 0) {
    const saturation = Math.max(1, FAINT_K * magnitudePercentile(field, 0.5));
    take(houghPeaks(edges, field.width, field.height, options.minLength, options.maxLines * 4, saturation), lines.length + extra, options.perDirection + FAINT_CAP, true);
  }
  return lines;
}

/**
 * Mean support of the stretch t1..t2 of a line (0 for the part outside the
 * frame), its signed share, and the mean colour step across it (R, G, B
 * along +normal) with its luma.
 */
export function stretchSupport(line: EdgeLine, t1: number, t2: number): { support: number; polarity: number; step: [number, number, number]; luma: number } {
  const a = Math.min(t1, t2);
  const b = Math.max(t1, t2);
  const length = b - a;
  if (length <= 0) return { support: 0, polarity: 0, step: [0, 0, 0], luma: 0 };
  const n = line.support.length - 1;
  const ka = Math.max(0, Math.min(n, Math.round(a - line.t0)));
  const kb = Math.max(0, Math.min(n, Math.round(b - line.t0)));
  const sum = line.support[kb]! - line.support[ka]!;
  const signed = line.polarity[kb]! - line.polarity[ka]!;
  const seen = length - Math.min(0.5 * length, line.blind[kb]! - line.blind[ka]!);
  const st = line.step;
  const dr = (st[3 * kb]! - st[3 * ka]!) / seen;
  const dg = (st[3 * kb + 1]! - st[3 * ka + 1]!) / seen;
  const db = (st[3 * kb + 2]! - st[3 * ka + 2]!) / seen;
  return { support: Math.min(1, sum / seen), polarity: sum > 0 ? signed / sum : 0, step: [dr, dg, db], luma: 0.299 * dr + 0.587 * dg + 0.114 * db };
}

/** Just the mean support of the stretch t1..t2 (the cheap first test of a candidate side). */
export function stretchSupportOnly(line: EdgeLine, t1: number, t2: number): number {
  const a = t1 < t2 ? t1 : t2;
  const b = t1 < t2 ? t2 : t1;
  const length = b - a;
  if (!(length > 0)) return 0;
  const n = line.support.length - 1;
  const ka = Math.max(0, Math.min(n, Math.round(a - line.t0)));
  const kb = Math.max(0, Math.min(n, Math.round(b - line.t0)));
  const seen = length - Math.min(0.5 * length, line.blind[kb]! - line.blind[ka]!);
  return Math.min(1, (line.support[kb]! - line.support[ka]!) / seen);
}

/** Where two lines cross; null when they are (nearly) parallel. */
export function crossing(a: Pick<EdgeLine, 'nx' | 'ny' | 'c'>, b: Pick<EdgeLine, 'nx' | 'ny' | 'c'>): Point | null {
  const det = a.nx * b.ny - a.ny * b.nx;
  if (Math.abs(det) < 1e-6) return null;
  return [(a.c * b.ny - a.ny * b.c) / det, (a.nx * b.c - a.c * b.nx) / det];
}

/** The parameter t of point p along `line` (along (−ny, nx)), as its support is indexed. */
export function along(line: EdgeLine, p: Point): number {
  return -line.ny * p[0] + line.nx * p[1];
}
