/**
 * Small synthetic camera frames for the detector's unit tests: a paper
 * with text-like marks placed in perspective on a plain, wood-like or noisy
 * background, with the true outline known. Pure (no fs), deterministic by
 * seed. The accuracy test uses the labelled set (test/camera/dataset.ts);
 * these are for the behaviour tests (blank frame, two papers, a page partly
 * out of view, noise).
 */
import { solveHomography, applyHomography, rectQuad, type Quad } from '../../shared/domain/camera/geometry';
import { createRgba, type RgbaImage } from '../../shared/domain/camera/image';
import { mulberry32, type Rng } from '../../shared/domain/seeded-random';

/** The scenes' generator: the shared mulberry32 (seed 0 would be a weak start: it becomes 1). */
export function rng(seed: number): Rng {
  return mulberry32(seed >>> 0 || 1);
}

/** A white page with grey text lines inside its margins. */
export function paperTexture(width: number, height: number, seed: number, tint: [number, number, number] = [246, 245, 240]): RgbaImage {
  const random = rng(seed);
  const img = createRgba(width, height);
  for (let i = 0; i < width * height; i++) {
    img.data[i * 4] = tint[0];
    img.data[i * 4 + 1] = tint[1];
    img.data[i * 4 + 2] = tint[2];
    img.data[i * 4 + 3] = 255;
  }
  const margin = Math.round(0.09 * Math.min(width, height));
  const lineHeight = Math.max(3, Math.round(height / 40));
  for (let y = margin; y < height - margin - lineHeight; y += lineHeight * 2) {
    let x = margin;
    const end = width - margin - random() * width * 0.3;
    while (x < end) {
      const word = Math.round((0.02 + random() * 0.06) * width);
      for (let yy = y; yy < y + lineHeight; yy++) {
        for (let xx = x; xx < Math.min(end, x + word); xx++) {
          if (random() < 0.55) {
            const o = (yy * width + xx) * 4;
            img.data[o] = img.data[o + 1] = img.data[o + 2] = 40;
          }
        }
      }
      x += word + Math.round(0.015 * width);
    }
  }
  return img;
}

export type DevBackground = 'dark' | 'light' | 'wood' | 'noise' | 'blank';

export function background(kind: DevBackground, width: number, height: number, seed: number): RgbaImage & { data: Uint8ClampedArray } {
  const random = rng(seed);
  const img = createRgba(width, height);
  const phase = random() * 10;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      let r: number;
      let g: number;
      let b: number;
      if (kind === 'dark') {
        r = g = b = 38 + (random() - 0.5) * 10;
      } else if (kind === 'light') {
        const v = 205 + (random() - 0.5) * 8 + (x / width) * 12;
        r = v;
        g = v;
        b = v - 4;
      } else if (kind === 'wood') {
        const grain = Math.sin((y + 6 * Math.sin(x / 57 + phase)) / 3.1) * 0.5 + Math.sin(y / 17 + x / 300) * 0.5;
        r = 150 + 25 * grain + (random() - 0.5) * 8;
        g = 100 + 18 * grain + (random() - 0.5) * 8;
        b = 60 + 10 * grain + (random() - 0.5) * 8;
      } else if (kind === 'noise') {
        r = random() * 255;
        g = random() * 255;
        b = random() * 255;
      } else {
        r = g = b = 128;
      }
      img.data[o] = r;
      img.data[o + 1] = g;
      img.data[o + 2] = b;
      img.data[o + 3] = 255;
    }
  }
  return img;
}

/** Paints `texture` onto `frame` inside `corners` (TL, TR, BR, BL), 2×2 supersampled so the edges are anti-aliased. */
export function placeDocument(frame: RgbaImage & { data: Uint8ClampedArray }, texture: RgbaImage, corners: Quad): void {
  const h = solveHomography(corners, rectQuad(texture.width, texture.height));
  if (!h) throw new RangeError('placeDocument: degenerate corners');
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(frame.width, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(frame.height, Math.ceil(Math.max(...ys)));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      let covered = 0;
      const acc = [0, 0, 0];
      for (const [sx, sy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ] as const) {
        const [u, v] = applyHomography(h, [x + sx, y + sy]);
        if (u < 0 || v < 0 || u >= texture.width || v >= texture.height) continue;
        const t = (Math.floor(v) * texture.width + Math.floor(u)) * 4;
        acc[0]! += texture.data[t]!;
        acc[1]! += texture.data[t + 1]!;
        acc[2]! += texture.data[t + 2]!;
        covered++;
      }
      if (!covered) continue;
      const o = (y * frame.width + x) * 4;
      for (let c = 0; c < 3; c++) frame.data[o + c] = (frame.data[o + c]! * (4 - covered) + acc[c]!) / 4;
    }
  }
}

/** Gaussian-ish noise of the given amplitude on every pixel. */
export function addNoise(frame: RgbaImage & { data: Uint8ClampedArray }, amplitude: number, seed: number): void {
  const random = rng(seed);
  for (let i = 0; i < frame.data.length; i += 4) {
    const n = (random() + random() + random() - 1.5) * amplitude;
    frame.data[i] = frame.data[i]! + n;
    frame.data[i + 1] = frame.data[i + 1]! + n;
    frame.data[i + 2] = frame.data[i + 2]! + n;
  }
}

/**
 * A 1280×720 frame of a page only `step` grey levels lighter than a plain grey desk (200), with noise: in Node
 * the detector finds it but is unsure at 4 levels, and is sure from 6 (detect.test.ts). For the unsure path.
 */
export function faintPageFrame(step: number): { frame: RgbaImage & { data: Uint8ClampedArray }; page: Quad; docSize: { width: number; height: number } } {
  const desk = 200;
  const page: Quad = [
    [420, 90],
    [860, 110],
    [845, 640],
    [405, 620],
  ];
  const docSize = { width: 440, height: 530 };
  const frame = createRgba(1280, 720);
  for (let i = 0; i < frame.data.length; i += 4) frame.data.fill(desk, i, i + 3).fill(255, i + 3, i + 4);
  placeDocument(frame, paperTexture(docSize.width, docSize.height, 7, [desk + step, desk + step, desk + step]), page);
  addNoise(frame, 4, 9);
  return { frame, page, docSize };
}

/** A random page outline: a rectangle of the given aspect, rotated and put in mild perspective, inside the frame. */
export function randomOutline(width: number, height: number, aspect: number, sizeFraction: number, seed: number): Quad {
  const random = rng(seed);
  const ph = sizeFraction * height;
  const pw = ph * aspect;
  const cx = width / 2 + (random() - 0.5) * (width - pw * 1.3) * 0.6;
  const cy = height / 2 + (random() - 0.5) * (height - ph * 1.3) * 0.4;
  const angle = (random() - 0.5) * 0.5;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const base: [number, number][] = [
    [-pw / 2, -ph / 2],
    [pw / 2, -ph / 2],
    [pw / 2, ph / 2],
    [-pw / 2, ph / 2],
  ];
  const jitter = 0.04 * ph;
  return base.map(([x, y]) => [cx + x * cos - y * sin + (random() - 0.5) * jitter, cy + x * sin + y * cos + (random() - 0.5) * jitter]) as unknown as Quad;
}

export interface DevFrame {
  frame: RgbaImage;
  truth: Quad;
  docSize: { width: number; height: number };
}

/** One page on a background, plus optional clutter papers (smaller, placed first so the page lies on top). */
export function devFrame(kind: DevBackground, seed: number, options: { width?: number; height?: number; aspect?: number; size?: number; clutter?: number; noise?: number } = {}): DevFrame {
  const width = options.width ?? 1280;
  const height = options.height ?? 720;
  const aspect = options.aspect ?? 210 / 297;
  const frame = background(kind, width, height, seed);
  const random = rng(seed * 7 + 1);
  for (let i = 0; i < (options.clutter ?? 0); i++) {
    const outline = randomOutline(width, height, 0.6 + random(), 0.25 + random() * 0.2, seed * 13 + i);
    const shifted = outline.map(([x, y]) => [x + (random() < 0.5 ? -1 : 1) * width * 0.33, y]) as unknown as Quad;
    placeDocument(frame, paperTexture(300, 300, seed + i, [225, 228, 232]), shifted);
  }
  const truth = randomOutline(width, height, aspect, options.size ?? 0.8, seed);
  const texture = paperTexture(420, Math.round(420 / aspect), seed);
  placeDocument(frame, texture, truth);
  addNoise(frame, options.noise ?? 6, seed + 99);
  return { frame, truth, docSize: { width: texture.width, height: texture.height } };
}
