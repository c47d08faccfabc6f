import type { ColourPlanes } from './planes';

/**
 * Per-pixel gradient of the working frame: for each pixel the colour
 * channel with the strongest Sobel response (a page edge that is faint in
 * luma is often clear in one channel), in intensity levels per pixel.
 */
export interface GradientField {
  readonly width: number;
  readonly height: number;
  readonly gx: Float32Array;
  readonly gy: Float32Array;
  readonly mag: Float32Array;
}

/** Edge pixels after non-maximum suppression: thin, one pixel wide ridges of the gradient. */
export interface EdgeList {
  readonly count: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Gradient direction folded into [0, π). */
  readonly angle: Float32Array;
  readonly mag: Float32Array;
}

/** [1 2 1]/4 in both directions, edges clamped: takes the sensor noise off before differentiating. */
function smooth(src: Float32Array, width: number, height: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = x > 0 ? x - 1 : x;
      const r = x < width - 1 ? x + 1 : x;
      tmp[row + x] = (src[row + l]! + 2 * src[row + x]! + src[row + r]!) * 0.25;
    }
  }
  for (let y = 0; y < height; y++) {
    const up = (y > 0 ? y - 1 : y) * width;
    const row = y * width;
    const down = (y < height - 1 ? y + 1 : y) * width;
    for (let x = 0; x < width; x++) out[row + x] = (tmp[up + x]! + 2 * tmp[row + x]! + tmp[down + x]!) * 0.25;
  }
  return out;
}

export function colourGradient(planes: ColourPlanes): GradientField {
  const { width, height } = planes;
  const n = width * height;
  const gx = new Float32Array(n);
  const gy = new Float32Array(n);
  const mag = new Float32Array(n);
  const best = new Float32Array(n);
  for (const plane of [planes.r, planes.g, planes.b]) {
    const s = smooth(plane, width, height);
    for (let y = 1; y < height - 1; y++) {
      for (let x = 1; x < width - 1; x++) {
        const i = y * width + x;
        const a = s[i - width - 1]!;
        const b = s[i - width]!;
        const c = s[i - width + 1]!;
        const d = s[i - 1]!;
        const f = s[i + 1]!;
        const g = s[i + width - 1]!;
        const h = s[i + width]!;
        const k = s[i + width + 1]!;
        const dx = (c + 2 * f + k - a - 2 * d - g) * 0.125;
        const dy = (g + 2 * h + k - a - 2 * b - c) * 0.125;
        const m2 = dx * dx + dy * dy;
        if (m2 > best[i]!) {
          best[i] = m2;
          gx[i] = dx;
          gy[i] = dy;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) mag[i] = Math.sqrt(best[i]!);
  return { width, height, gx, gy, mag };
}

/**
 * Ridge pixels of the gradient magnitude (Canny's non-maximum suppression,
 * directions quantised to four), at least `minMag` strong. Coordinates are
 * pixel centres in the continuous frame (pixel i covers [i, i+1]).
 */
export function edgeRidges(field: GradientField, minMag: number): EdgeList {
  const { width, height, gx, gy, mag } = field;
  const xs: number[] = [];
  const ys: number[] = [];
  const as: number[] = [];
  const ms: number[] = [];
  const tan22 = 0.41421356;
  for (let y = 2; y < height - 2; y++) {
    for (let x = 2; x < width - 2; x++) {
      const i = y * width + x;
      const m = mag[i]!;
      if (m < minMag) continue;
      const dx = gx[i]!;
      const dy = gy[i]!;
      const ax = Math.abs(dx);
      const ay = Math.abs(dy);
      let o: number;
      if (ay <= ax * tan22) o = 1;
      else if (ax <= ay * tan22) o = width;
      else o = dx * dy > 0 ? width + 1 : width - 1;
      if (m < mag[i - o]! || m < mag[i + o]!) continue;
      let angle = Math.atan2(dy, dx);
      if (angle < 0) angle += Math.PI;
      if (angle >= Math.PI) angle -= Math.PI;
      xs.push(x + 0.5);
      ys.push(y + 0.5);
      as.push(angle);
      ms.push(m);
    }
  }
  return { count: xs.length, x: Float32Array.from(xs), y: Float32Array.from(ys), angle: Float32Array.from(as), mag: Float32Array.from(ms) };
}
