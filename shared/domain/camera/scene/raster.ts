/**
 * The float RGB canvas a synthetic scene is painted on (albedo and light in
 * 0..255 before the sensor clips and quantises), and the few drawing
 * operations scenes need: a textured convex quad through a homography with
 * antialiased edges, a soft shadow, a rounded stroke (finger, pen), a
 * separable blur. Pure.
 */
import { rectQuad, solveHomography, type Point, type Quad } from '../geometry';
import { createRgba, resizeRgba, type RgbaImage } from '../image';

export interface Canvas {
  readonly width: number;
  readonly height: number;
  /** width × height × 3, R G B, 0..255 (may leave that range until `toRgba`). */
  readonly rgb: Float32Array;
}

export function createCanvas(width: number, height: number): Canvas {
  return { width, height, rgb: new Float32Array(width * height * 3) };
}

export type Rgb = readonly [number, number, number];

/** Pixel bounds [x0, x1) × [y0, y1) of points grown by `margin`, clipped to the canvas. */
export function boundsOf(canvas: Canvas, points: readonly Point[], margin: number): { x0: number; y0: number; x1: number; y1: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return {
    x0: Math.max(0, Math.floor(minX - margin)),
    y0: Math.max(0, Math.floor(minY - margin)),
    x1: Math.min(canvas.width, Math.ceil(maxX + margin)),
    y1: Math.min(canvas.height, Math.ceil(maxY + margin)),
  };
}

/**
 * Signed distance to a convex polygon's boundary, positive inside: the
 * smallest distance to an edge's line. Exact inside, a slight
 * underestimate of the distance outside near corners (harmless for shadows).
 */
export function convexDistance(points: readonly Point[]): (x: number, y: number) => number {
  let area = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % points.length]!;
    area += a[0] * b[1] - b[0] * a[1];
  }
  const orientation = area >= 0 ? 1 : -1;
  const edges = points.map((a, i) => {
    const b = points[(i + 1) % points.length]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    // (b - a) × (p - a) / |b - a|, oriented so that inside is positive.
    const nx = (-(b[1] - a[1]) / len) * orientation;
    const ny = ((b[0] - a[0]) / len) * orientation;
    return { nx, ny, c: -(nx * a[0] + ny * a[1]) };
  });
  return (x, y) => {
    let d = Infinity;
    for (const e of edges) {
      const v = e.nx * x + e.ny * y + e.c;
      if (v < d) d = v;
    }
    return d;
  };
}

/**
 * Halvings of a texture (2×2 area averages, colour premultiplied by alpha so
 * the card's transparent corners add no dark fringe), made once per texture:
 * a dataset draws the same few textures hundreds of times.
 */
const mipChains = new WeakMap<RgbaImage, RgbaImage[]>();

function mipChain(texture: RgbaImage): RgbaImage[] {
  let chain = mipChains.get(texture);
  if (chain) return chain;
  let level = premultiply(texture);
  chain = [level];
  while (level.width >= 64 && level.height >= 64) {
    level = resizeRgba(level, Math.floor(level.width / 2), Math.floor(level.height / 2));
    chain.push(level);
  }
  mipChains.set(texture, chain);
  return chain;
}

function premultiply(texture: RgbaImage): RgbaImage {
  const s = texture.data;
  let opaque = true;
  for (let i = 3; i < s.length && opaque; i += 4) opaque = s[i] === 255;
  if (opaque) return texture;
  const out = createRgba(texture.width, texture.height);
  const p = out.data;
  for (let i = 0; i < s.length; i += 4) {
    const a = s[i + 3]! / 255;
    p[i] = s[i]! * a;
    p[i + 1] = s[i + 1]! * a;
    p[i + 2] = s[i + 2]! * a;
    p[i + 3] = s[i + 3]!;
  }
  return out;
}

function unpremultiply(image: RgbaImage & { data: Uint8ClampedArray }): RgbaImage {
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3]!;
    if (a > 0 && a < 255) {
      d[i] = (d[i]! * 255) / a;
      d[i + 1] = (d[i + 1]! * 255) / a;
      d[i + 2] = (d[i + 2]! * 255) / a;
    }
  }
  return image;
}

/**
 * The texture shrunk by area averaging to about the size it covers on
 * screen (never enlarged): bilinear sampling of a much larger texture would
 * alias text into noise no camera makes.
 */
export function prefilterTexture(texture: RgbaImage, quad: Quad): RgbaImage {
  const top = Math.hypot(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]);
  const bottom = Math.hypot(quad[2][0] - quad[3][0], quad[2][1] - quad[3][1]);
  const left = Math.hypot(quad[3][0] - quad[0][0], quad[3][1] - quad[0][1]);
  const right = Math.hypot(quad[2][0] - quad[1][0], quad[2][1] - quad[1][1]);
  const scale = Math.max(Math.max(top, bottom) / texture.width, Math.max(left, right) / texture.height) * 1.3;
  if (scale >= 0.75) return texture;
  const width = Math.max(2, Math.round(texture.width * scale));
  const height = Math.max(2, Math.round(texture.height * scale));
  const chain = mipChain(texture);
  // The smallest halving still at least as large as the wanted size, then one area-average step.
  let source = chain[0]!;
  for (const level of chain) if (level.width >= width && level.height >= height) source = level;
  const small = resizeRgba(source, width, height);
  return chain[0] === texture ? small : unpremultiply(small);
}

/**
 * Draws `texture` (already prefiltered) into `quad`, multiplied by `tint`
 * (paper is not quite white under a lamp), with an antialiased outline and
 * the texture's own alpha.
 */
export function drawTexturedQuad(canvas: Canvas, texture: RgbaImage, quad: Quad, tint: Rgb): void {
  const tw = texture.width;
  const th = texture.height;
  const h = solveHomography(quad, rectQuad(tw, th));
  if (!h) return;
  const inside = convexDistance(quad);
  const { x0, y0, x1, y1 } = boundsOf(canvas, quad, 1);
  const tex = texture.data;
  const rgb = canvas.rgb;
  const kr = tint[0] / 255;
  const kg = tint[1] / 255;
  const kb = tint[2] / 255;
  for (let y = y0; y < y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x < x1; x++) {
      const px = x + 0.5;
      const cover = inside(px, py) + 0.5;
      if (cover <= 0) continue;
      const w = h[6] * px + h[7] * py + h[8];
      const fx = Math.min(tw - 1, Math.max(0, (h[0] * px + h[1] * py + h[2]) / w - 0.5));
      const fy = Math.min(th - 1, Math.max(0, (h[3] * px + h[4] * py + h[5]) / w - 0.5));
      const ix = fx | 0;
      const iy = fy | 0;
      const ax = fx - ix;
      const ay = fy - iy;
      const i00 = (iy * tw + ix) * 4;
      const i01 = ix + 1 < tw ? i00 + 4 : i00;
      const i10 = iy + 1 < th ? i00 + tw * 4 : i00;
      const i11 = ix + 1 < tw ? i10 + 4 : i10;
      const w00 = (1 - ax) * (1 - ay);
      const w01 = ax * (1 - ay);
      const w10 = (1 - ax) * ay;
      const w11 = ax * ay;
      const a = tex[i00 + 3]! * w00 + tex[i01 + 3]! * w01 + tex[i10 + 3]! * w10 + tex[i11 + 3]! * w11;
      const alpha = ((cover < 1 ? cover : 1) * a) / 255;
      if (alpha <= 0) continue;
      const o = (y * canvas.width + x) * 3;
      const r = (tex[i00]! * w00 + tex[i01]! * w01 + tex[i10]! * w10 + tex[i11]! * w11) * kr;
      const g = (tex[i00 + 1]! * w00 + tex[i01 + 1]! * w01 + tex[i10 + 1]! * w10 + tex[i11 + 1]! * w11) * kg;
      const b = (tex[i00 + 2]! * w00 + tex[i01 + 2]! * w01 + tex[i10 + 2]! * w10 + tex[i11 + 2]! * w11) * kb;
      rgb[o] = rgb[o]! + (r - rgb[o]!) * alpha;
      rgb[o + 1] = rgb[o + 1]! + (g - rgb[o + 1]!) * alpha;
      rgb[o + 2] = rgb[o + 2]! + (b - rgb[o + 2]!) * alpha;
    }
  }
}

/** Darkens the canvas under a convex shape moved by `offset`, with a soft edge `softness` px wide. */
export function drawSoftShadow(canvas: Canvas, shape: readonly Point[], offset: Point, softness: number, strength: number): void {
  const moved = shape.map(([x, y]) => [x + offset[0], y + offset[1]] as Point);
  const inside = convexDistance(moved);
  const { x0, y0, x1, y1 } = boundsOf(canvas, moved, softness + 2);
  const rgb = canvas.rgb;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const d = inside(x + 0.5, y + 0.5);
      if (d < -softness) continue;
      const t = Math.min(1, Math.max(0, (d + softness) / (softness * 2)));
      const k = 1 - strength * t * t * (3 - 2 * t);
      const o = (y * canvas.width + x) * 3;
      rgb[o] = rgb[o]! * k;
      rgb[o + 1] = rgb[o + 1]! * k;
      rgb[o + 2] = rgb[o + 2]! * k;
    }
  }
}

/** Distance from (x, y) to the segment a–b, and where along it (0..1) the nearest point lies. */
export function segmentDistance(a: Point, b: Point, x: number, y: number): { d: number; t: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy || 1;
  const t = Math.min(1, Math.max(0, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
  return { d: Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy), t };
}

/**
 * A capsule (segment a–b of radius r): shaded like a cylinder seen from
 * above (darker toward its sides), colour from `colourAt(t, n)` with t along
 * the segment and n ∈ [0, 1] from the axis to the side.
 */
export function drawCapsule(canvas: Canvas, a: Point, b: Point, r: number, colourAt: (t: number, n: number, across: number) => Rgb): void {
  const { x0, y0, x1, y1 } = boundsOf(canvas, [a, b], r + 2);
  const rgb = canvas.rgb;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy) || 1;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const { d, t } = segmentDistance(a, b, px, py);
      const cover = Math.min(1, Math.max(0, r - d + 0.5));
      if (cover <= 0) continue;
      // Signed side of the axis: lets a pen have a highlight on one side only.
      const across = ((px - a[0]) * -dy + (py - a[1]) * dx) / len / r;
      const c = colourAt(t, Math.min(1, d / r), across);
      const o = (y * canvas.width + x) * 3;
      rgb[o] = rgb[o]! + (c[0] - rgb[o]!) * cover;
      rgb[o + 1] = rgb[o + 1]! + (c[1] - rgb[o + 1]!) * cover;
      rgb[o + 2] = rgb[o + 2]! + (c[2] - rgb[o + 2]!) * cover;
    }
  }
}

/** Darkens the canvas under a capsule moved by `offset` (the shadow of a finger or a pen). */
export function drawCapsuleShadow(canvas: Canvas, a: Point, b: Point, r: number, offset: Point, softness: number, strength: number): void {
  const a2: Point = [a[0] + offset[0], a[1] + offset[1]];
  const b2: Point = [b[0] + offset[0], b[1] + offset[1]];
  const { x0, y0, x1, y1 } = boundsOf(canvas, [a2, b2], r + softness * 2 + 2);
  const rgb = canvas.rgb;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const { d } = segmentDistance(a2, b2, x + 0.5, y + 0.5);
      const t = Math.min(1, Math.max(0, (r + softness - d) / (softness * 2)));
      if (t <= 0) continue;
      const k = 1 - strength * t * t * (3 - 2 * t);
      const o = (y * canvas.width + x) * 3;
      rgb[o] = rgb[o]! * k;
      rgb[o + 1] = rgb[o + 1]! * k;
      rgb[o + 2] = rgb[o + 2]! * k;
    }
  }
}

/**
 * Box radii whose passes approximate a Gaussian of `sigma` px (radius 0: a
 * [¼ ½ ¼] pass instead). Two passes: a tent-like kernel is as soft as a
 * lens at these sizes, and each pass costs a tenth of a frame's rendering.
 */
function boxRadii(sigma: number): number[] {
  const passes = 2;
  const ideal = Math.sqrt((12 * sigma * sigma) / passes + 1);
  let wl = Math.floor(ideal);
  if (wl % 2 === 0) wl--;
  const wu = wl + 2;
  const m = Math.round((12 * sigma * sigma - passes * wl * wl - 4 * passes * wl - 3 * passes) / (-4 * wl - 4));
  return Array.from({ length: passes }, (_, i) => Math.max(0, ((i < m ? wl : wu) - 1) / 2));
}

/** Gaussian-like blur (box passes each way, edges clamped): lens softness. Row-major passes, so a large frame stays in cache. */
export function blurCanvas(canvas: Canvas, sigma: number): void {
  if (!(sigma >= 0.3)) return;
  const { width, height, rgb } = canvas;
  const tmp = new Float32Array(rgb.length);
  for (const r of boxRadii(sigma)) {
    horizontalPass(rgb, tmp, width, height, r);
    verticalPass(tmp, rgb, width, height, r);
  }
}

function horizontalPass(src: Float32Array, dst: Float32Array, width: number, height: number, r: number): void {
  const last = width - 1;
  const scale = 1 / (2 * r + 1);
  for (let y = 0; y < height; y++) {
    const base = y * width * 3;
    for (let c = 0; c < 3; c++) {
      const b = base + c;
      if (r === 0) {
        for (let x = 0; x < width; x++) {
          const p = x > 0 ? x - 1 : 0;
          const q = x < last ? x + 1 : last;
          dst[b + x * 3] = 0.25 * src[b + p * 3]! + 0.5 * src[b + x * 3]! + 0.25 * src[b + q * 3]!;
        }
        continue;
      }
      let sum = src[b]! * (r + 1);
      for (let i = 1; i <= r; i++) sum += src[b + Math.min(i, last) * 3]!;
      for (let x = 0; x < width; x++) {
        dst[b + x * 3] = sum * scale;
        const add = x + r + 1 < last ? x + r + 1 : last;
        const sub = x - r > 0 ? x - r : 0;
        sum += src[b + add * 3]! - src[b + sub * 3]!;
      }
    }
  }
}

function verticalPass(src: Float32Array, dst: Float32Array, width: number, height: number, r: number): void {
  const row = width * 3;
  const last = height - 1;
  if (r === 0) {
    for (let y = 0; y < height; y++) {
      const p = (y > 0 ? y - 1 : 0) * row;
      const o = y * row;
      const q = (y < last ? y + 1 : last) * row;
      for (let i = 0; i < row; i++) dst[o + i] = 0.25 * src[p + i]! + 0.5 * src[o + i]! + 0.25 * src[q + i]!;
    }
    return;
  }
  const scale = 1 / (2 * r + 1);
  const sum = new Float32Array(row);
  for (let k = -r; k <= r; k++) {
    const o = Math.min(last, Math.max(0, k)) * row;
    for (let i = 0; i < row; i++) sum[i] = sum[i]! + src[o + i]!;
  }
  for (let y = 0; y < height; y++) {
    const o = y * row;
    const add = Math.min(last, y + r + 1) * row;
    const sub = Math.max(0, y - r) * row;
    for (let i = 0; i < row; i++) {
      dst[o + i] = sum[i]! * scale;
      sum[i] = sum[i]! + src[add + i]! - src[sub + i]!;
    }
  }
}

/** Clips and quantises to an opaque RGBA image. */
export function toRgba(canvas: Canvas): RgbaImage & { data: Uint8ClampedArray } {
  const out = createRgba(canvas.width, canvas.height);
  const d = out.data;
  const rgb = canvas.rgb;
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    d[j] = rgb[i]!;
    d[j + 1] = rgb[i + 1]!;
    d[j + 2] = rgb[i + 2]!;
    d[j + 3] = 255;
  }
  return out;
}
