/**
 * One synthetic camera frame of documents on a desk (issue 11): the desk,
 * the papers with their soft shadows (the target last, on top), a pen, a
 * finger holding the page, then what the lamp and the camera do — light
 * falling off across the desk, the shadow of the camera arm, a specular spot
 * of glare, lens blur, sensor noise. Everything stochastic comes from the
 * spec's seed, so a spec is a frame. Pure: textures come in as RgbaImage.
 */
import { polygonArea, type Point, type Quad } from '../geometry';
import { createRgba, type RgbaImage } from '../image';
import {
  blurCanvas,
  createCanvas,
  drawCapsule,
  drawCapsuleShadow,
  drawSoftShadow,
  drawTexturedQuad,
  prefilterTexture,
  toRgba,
  type Canvas,
  type Rgb,
} from './raster';
import { gaussianTable, mulberry32, pick, streamFor, uniform, type Rng } from './random';
import { paintSurface, unitOf, type Surface } from './surfaces';

export type BackgroundKind = 'darkMat' | 'lightDesk' | 'wood' | 'clutter' | 'unevenLight' | 'glare';

export const BACKGROUND_KINDS: readonly BackgroundKind[] = ['darkMat', 'lightDesk', 'wood', 'clutter', 'unevenLight', 'glare'];

export interface SceneDocument {
  texture: RgbaImage;
  /** Where the texture's TL, TR, BR, BL land in the frame. */
  corners: Quad;
}

export interface SceneSpec {
  seed: number;
  width: number;
  height: number;
  background: BackgroundKind;
  /** The first is the target page (drawn last, on top); the others are clutter beneath it. */
  documents: SceneDocument[];
  /** Lens blur, Gaussian sigma in px (default 0.8). */
  blur?: number;
  /** Sensor noise, standard deviation in grey levels (default 2). */
  noise?: number;
  /** A specular spot crossing the target's edge. */
  glare?: boolean;
  /** A finger over one edge of the target. */
  finger?: boolean;
  /** Light falling off across the frame: 0 even, 0.7 the far side at 30 %. */
  lightGradient?: number;
  // Additions beyond the interface the helpers agreed (all optional):
  /** The desk itself; by default chosen from the seed to suit `background`. */
  surface?: Surface;
  /** Darkening toward the frame's corners, 0..1 (default 0.1). */
  vignette?: number;
  /** A pen lying on the desk (it may cross a page). */
  pen?: boolean;
  /** The soft shadow of the camera's arm across the frame. */
  armShadow?: boolean;
  /** Overall brightness (default 1). */
  exposure?: number;
  /** Per-channel gain: a warm or cool lamp (default neutral). */
  whiteBalance?: Rgb;
  /** Seed of the sensor noise alone (default `seed`): a video changes its noise every frame, not its desk. */
  noiseSeed?: number;
}

/** The desk a background kind is painted on, when the spec does not say. */
export function surfaceFor(kind: BackgroundKind, rng: Rng): Surface {
  switch (kind) {
    case 'darkMat':
      return rng() < 0.7 ? 'darkMat' : 'blackMat';
    case 'lightDesk':
      return 'lightDesk';
    case 'wood':
      return 'wood';
    case 'clutter':
      return pick(rng, ['wood', 'greyDesk', 'lightDesk', 'darkMat'] as const);
    case 'unevenLight':
      return pick(rng, ['darkMat', 'wood', 'greyDesk', 'lightDesk'] as const);
    case 'glare':
      return pick(rng, ['darkMat', 'blackMat', 'wood', 'greyDesk'] as const);
  }
}

/** Paper under the lamp: not quite white, a little warm or cool per sheet. */
function paperTint(rng: Rng): Rgb {
  const level = uniform(rng, 0.93, 0.99);
  return [246 * level * uniform(rng, 0.99, 1.02), 246 * level, 246 * level * uniform(rng, 0.96, 1.0)];
}

/** The desk painted for (surface, seed, size): kept for the next call, since a video repaints the same desk every frame. */
let surfaceCache: { key: string; rgb: Float32Array } | null = null;

function paintedSurface(spec: SceneSpec, surface: Surface): Canvas {
  const canvas = createCanvas(spec.width, spec.height);
  const key = `${surface}:${spec.seed}:${spec.width}x${spec.height}`;
  if (surfaceCache?.key === key) {
    canvas.rgb.set(surfaceCache.rgb);
    return canvas;
  }
  paintSurface(canvas, surface, streamFor(spec.seed, 'surface'));
  surfaceCache = { key, rgb: canvas.rgb.slice() };
  return canvas;
}

export function renderScene(spec: SceneSpec): RgbaImage {
  const unit = unitOf(spec);
  const surface = spec.surface ?? surfaceFor(spec.background, streamFor(spec.seed, 'surfaceKind'));
  const canvas = paintedSurface(spec, surface);
  const lightRng = streamFor(spec.seed, 'light');
  const lightAngle = uniform(lightRng, 0, 2 * Math.PI);
  const shadowDir: Point = [Math.cos(lightAngle), Math.sin(lightAngle)];

  // Clutter first, the target last: it lies on top.
  const target = spec.documents[0];
  const order = [...spec.documents.slice(1), ...(target ? [target] : [])];
  const paperRng = streamFor(spec.seed, 'paper');
  for (const doc of order) {
    // Paper lies flat: a shadow a few px to the side away from the lamp, soft, never a dark frame all round.
    const lift = uniform(paperRng, 2.5, 5) * unit;
    drawSoftShadow(canvas, doc.corners, [shadowDir[0] * lift, shadowDir[1] * lift], uniform(paperRng, 2, 3.5) * unit, uniform(paperRng, 0.2, 0.35));
    drawTexturedQuad(canvas, prefilterTexture(doc.texture, doc.corners), doc.corners, paperTint(paperRng));
  }

  if (spec.pen) drawPen(canvas, streamFor(spec.seed, 'pen'), target?.corners ?? null, shadowDir, unit);
  if (spec.finger && target) drawFinger(canvas, streamFor(spec.seed, 'finger'), target.corners, shadowDir, unit);
  applyLight(canvas, spec, streamFor(spec.seed, 'lamp'), unit);
  if (spec.glare && target) addGlare(canvas, streamFor(spec.seed, 'glare'), target.corners, unit);
  blurCanvas(canvas, spec.blur ?? 0.8);
  return sensorOutput(canvas, spec.noise ?? 2, spec.noiseSeed ?? spec.seed);
}

/** A point on edge `edge` of the quad at fraction t, and that edge's outward unit normal. */
export function edgePoint(quad: Quad, edge: number, t: number): { point: Point; outward: Point } {
  const a = quad[edge % 4]!;
  const b = quad[(edge + 1) % 4]!;
  const point: Point = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  // TL, TR, BR, BL run clockwise on screen: the outside of each edge is to its left, (dy, -dx).
  return { point, outward: [(b[1] - a[1]) / len, -(b[0] - a[0]) / len] };
}

const SKIN: readonly Rgb[] = [
  [226, 182, 152],
  [208, 158, 124],
  [184, 134, 104],
  [236, 198, 172],
];

/**
 * A finger holding the target down: it comes from outside the page across
 * one edge and its tip (with the nail) rests on the paper.
 */
function drawFinger(canvas: Canvas, rng: Rng, quad: Quad, shadowDir: Point, unit: number): void {
  const skin = pick(rng, SKIN);
  const r = uniform(rng, 16, 23) * unit;
  const { point, outward } = edgePoint(quad, Math.floor(rng() * 4), uniform(rng, 0.25, 0.75));
  const turn = uniform(rng, -0.45, 0.45);
  const dir: Point = [outward[0] * Math.cos(turn) - outward[1] * Math.sin(turn), outward[0] * Math.sin(turn) + outward[1] * Math.cos(turn)];
  const depth = uniform(rng, 0.8, 2.2) * r;
  const tip: Point = [point[0] - dir[0] * depth, point[1] - dir[1] * depth];
  const far: Point = [point[0] + dir[0] * 900 * unit, point[1] + dir[1] * 900 * unit];
  const length = Math.hypot(far[0] - tip[0], far[1] - tip[1]);
  drawCapsuleShadow(canvas, tip, far, r, [shadowDir[0] * 7 * unit, shadowDir[1] * 7 * unit], 7 * unit, 0.4);
  drawCapsule(canvas, tip, far, r, (t, n, across) => {
    const along = t * length;
    const shade = 1 - 0.38 * n * n;
    const nail = ((along - 0.5 * r) / (0.75 * r)) ** 2 + (across / 0.62) ** 2;
    if (nail < 1) {
      // The nail: pinker, with a pale free edge at the tip.
      const pale = along < 0.12 * r ? 1.12 : 1.04;
      return [Math.min(255, (skin[0] + 14) * pale * shade), Math.min(255, skin[1] * 1.02 * pale * shade), Math.min(255, (skin[2] + 8) * pale * shade)];
    }
    // Knuckle creases: faint darker bands.
    const crease = Math.abs(along - 3.2 * r) < 0.15 * r || Math.abs(along - 5.6 * r) < 0.15 * r ? 0.88 : 1;
    return [skin[0] * shade * crease, skin[1] * shade * crease, skin[2] * shade * crease];
  });
}

const PENS: readonly Rgb[] = [
  [30, 40, 90],
  [20, 20, 24],
  [170, 30, 35],
  [235, 235, 235],
];

/** A pen on the desk, centred off the target (it may still lie across a page edge). */
function drawPen(canvas: Canvas, rng: Rng, target: Quad | null, shadowDir: Point, unit: number): void {
  const body = pick(rng, PENS);
  const length = uniform(rng, 230, 320) * unit;
  const r = uniform(rng, 4.5, 6.5) * unit;
  let centre: Point = [0, 0];
  for (let attempt = 0; attempt < 40; attempt++) {
    centre = [uniform(rng, 0, canvas.width), uniform(rng, 0, canvas.height)];
    if (!target || !insideConvex(target, centre, 40 * unit)) break;
  }
  const angle = uniform(rng, 0, Math.PI);
  const d: Point = [(Math.cos(angle) * length) / 2, (Math.sin(angle) * length) / 2];
  const a: Point = [centre[0] - d[0], centre[1] - d[1]];
  const b: Point = [centre[0] + d[0], centre[1] + d[1]];
  drawCapsuleShadow(canvas, a, b, r, [shadowDir[0] * 5 * unit, shadowDir[1] * 5 * unit], 4 * unit, 0.45);
  drawCapsule(canvas, a, b, r, (t, n, across) => {
    const shade = 1 - 0.55 * n * n;
    const highlight = across > -0.6 && across < -0.2 ? 70 : 0;
    if (t < 0.06) return [200 * shade + highlight, 200 * shade + highlight, 205 * shade + highlight]; // metal tip
    if (t > 0.78 && t < 0.8) return [60, 60, 60]; // cap joint
    return [body[0] * shade + highlight, body[1] * shade + highlight, body[2] * shade + highlight];
  });
}

/** Whether p lies inside the convex quad, at least `margin` px from its edges. */
function insideConvex(quad: Quad, p: Point, margin: number): boolean {
  for (let i = 0; i < 4; i++) {
    const { point, outward } = edgePoint(quad, i, 0);
    if ((p[0] - point[0]) * outward[0] + (p[1] - point[1]) * outward[1] > -margin) return false;
  }
  return true;
}

/** The lamp and the lens: a linear fall-off, vignetting, the arm's shadow, white balance and exposure. */
function applyLight(canvas: Canvas, spec: SceneSpec, rng: Rng, unit: number): void {
  const { width, height, rgb } = canvas;
  const gradient = spec.lightGradient ?? 0;
  const vignette = spec.vignette ?? 0.1;
  const exposure = spec.exposure ?? 1;
  const wb = spec.whiteBalance ?? [1, 1, 1];
  const angle = uniform(rng, 0, 2 * Math.PI);
  const gx = Math.cos(angle);
  const gy = Math.sin(angle);
  const cx = width / 2;
  const cy = height / 2;
  const half = Math.abs(gx) * cx + Math.abs(gy) * cy;
  const corner2 = cx * cx + cy * cy;
  // The vignette's centre is off the frame's centre: a lamp is never quite above the middle.
  const vx = cx + uniform(rng, -0.2, 0.2) * width;
  const vy = cy + uniform(rng, -0.2, 0.2) * height;
  const arm = spec.armShadow
    ? { angle: uniform(rng, 0, Math.PI), at: [uniform(rng, 0.2, 0.8) * width, uniform(rng, 0.2, 0.8) * height] as Point, width: uniform(rng, 60, 140) * unit, soft: uniform(rng, 25, 60) * unit, strength: uniform(rng, 0.3, 0.5) }
    : null;
  const an: Point = arm ? [-Math.sin(arm.angle), Math.cos(arm.angle)] : [0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ramp = 0.5 + ((x - cx) * gx + (y - cy) * gy) / (2 * half);
      let light = exposure * (1 - gradient * ramp);
      const vr = ((x - vx) ** 2 + (y - vy) ** 2) / corner2;
      light *= 1 - vignette * Math.min(1.5, vr);
      if (arm) {
        const d = Math.abs((x - arm.at[0]) * an[0] + (y - arm.at[1]) * an[1]) - arm.width / 2;
        const t = Math.min(1, Math.max(0, 0.5 - d / arm.soft));
        light *= 1 - arm.strength * t * t * (3 - 2 * t);
      }
      const o = (y * width + x) * 3;
      rgb[o] = rgb[o]! * light * wb[0];
      rgb[o + 1] = rgb[o + 1]! * light * wb[1];
      rgb[o + 2] = rgb[o + 2]! * light * wb[2];
    }
  }
}

/** A specular spot of the lamp centred on one of the target's edges: the edge is washed out where it passes. */
function addGlare(canvas: Canvas, rng: Rng, quad: Quad, unit: number): void {
  const { width, height, rgb } = canvas;
  const size = Math.sqrt(polygonArea(quad));
  const { point } = edgePoint(quad, Math.floor(rng() * 4), uniform(rng, 0.2, 0.8));
  const rx = Math.max(30 * unit, uniform(rng, 0.12, 0.28) * size);
  const ry = rx * uniform(rng, 0.45, 1);
  const angle = uniform(rng, 0, Math.PI);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const peak = uniform(rng, 1.1, 1.8) * 255;
  const reach = 2.2 * rx;
  const x0 = Math.max(0, Math.floor(point[0] - reach));
  const x1 = Math.min(width, Math.ceil(point[0] + reach));
  const y0 = Math.max(0, Math.floor(point[1] - reach));
  const y1 = Math.min(height, Math.ceil(point[1] + reach));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const dx = x + 0.5 - point[0];
      const dy = y + 0.5 - point[1];
      const u = (dx * cos + dy * sin) / rx;
      const v = (-dx * sin + dy * cos) / ry;
      const g = peak * Math.exp(-2 * (u * u + v * v));
      if (g < 0.5) continue;
      const o = (y * width + x) * 3;
      // Specular light is the lamp's colour, added on top of what the surface reflects.
      rgb[o] = rgb[o]! + g;
      rgb[o + 1] = rgb[o + 1]! + g;
      rgb[o + 2] = rgb[o + 2]! + g * 0.97;
    }
  }
}

/**
 * What the sensor delivers: the light plus noise (luminance noise growing
 * with the signal, weaker chroma noise), clipped and quantised to RGBA.
 */
function sensorOutput(canvas: Canvas, sigma: number, seed: number): RgbaImage {
  if (!(sigma > 0)) return toRgba(canvas);
  const out = createRgba(canvas.width, canvas.height);
  const d = out.data;
  const table = gaussianTable(streamFor(seed, 'noise-table'));
  const mask = table.length - 1;
  const rng = mulberry32(seed ^ 0x5bd1e995);
  const rgb = canvas.rgb;
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    const bits = (rng() * 4294967296) >>> 0;
    const level = (rgb[i]! + rgb[i + 1]! + rgb[i + 2]!) / 765;
    const s = sigma * (0.6 + 0.6 * Math.sqrt(level < 0 ? 0 : level > 1 ? 1 : level));
    const luma = table[bits & mask]! * s;
    const chroma = 0.35 * s;
    d[j] = rgb[i]! + luma + table[(bits >>> 13) & mask]! * chroma;
    d[j + 1] = rgb[i + 1]! + luma;
    d[j + 2] = rgb[i + 2]! + luma + table[(bits >>> 19) & mask]! * chroma;
    d[j + 3] = 255;
  }
  return out;
}
