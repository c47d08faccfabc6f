/**
 * The desk under the documents, painted procedurally: a dark green or black
 * cutting mat with its grid, a light desk barely darker than paper, grey
 * laminate, wood with grain and plank seams. Albedo only: the light comes
 * later (scene.ts). Pure and seeded.
 */
import type { Canvas, Rgb } from './raster';
import { fractal, lattice, pick, uniform, type Rng } from './random';

export type Surface = 'darkMat' | 'blackMat' | 'lightDesk' | 'greyDesk' | 'wood';

export function paintSurface(canvas: Canvas, surface: Surface, rng: Rng): void {
  switch (surface) {
    case 'darkMat':
      return paintMat(canvas, rng, [uniform(rng, 18, 30), uniform(rng, 58, 75), uniform(rng, 45, 58)], [uniform(rng, 95, 130), uniform(rng, 150, 175), uniform(rng, 120, 140)]);
    case 'blackMat':
      return paintMat(canvas, rng, [uniform(rng, 22, 32), uniform(rng, 24, 34), uniform(rng, 26, 36)], [uniform(rng, 120, 150), uniform(rng, 120, 150), uniform(rng, 120, 150)]);
    case 'lightDesk':
      return paintPlain(canvas, rng, uniform(rng, 205, 228), 7, 4);
    case 'greyDesk':
      return paintPlain(canvas, rng, uniform(rng, 120, 165), 10, 9);
    case 'wood':
      return paintWood(canvas, rng);
  }
}

/** Unit of length for a frame: 1 at 720 px on the short side. */
export function unitOf(canvas: { width: number; height: number }): number {
  return Math.min(canvas.width, canvas.height) / 720;
}

/** The (u, v) range of a frame's pixels about its centre, however rotated: its half-diagonal each way. */
function fullRange(canvas: Canvas) {
  const r = Math.hypot(canvas.width, canvas.height) / 2 + 2;
  return { uMin: -r, uMax: r, vMin: -r, vMax: r };
}

/** A cutting mat: base colour with a faint mottle, thin grid lines every cell, thicker every fifth, a few diagonals. */
function paintMat(canvas: Canvas, rng: Rng, base: Rgb, line: Rgb): void {
  const unit = unitOf(canvas);
  const angle = uniform(rng, -0.08, 0.08);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cell = uniform(rng, 20, 34) * unit;
  const offU = rng() * cell * 5;
  const offV = rng() * cell * 5;
  const mottle = fractal(rng, fullRange(canvas), 180 * unit, 180 * unit, 3);
  const grain = lattice(rng, fullRange(canvas), 3 * unit, 3 * unit);
  const thin = 0.45 * unit;
  const thick = 0.9 * unit;
  const lineStrength = uniform(rng, 0.45, 0.75);
  const diagonals = rng() < 0.5;
  const { width, height, rgb } = canvas;
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const u = dx * cos + dy * sin;
      const v = -dx * sin + dy * cos;
      let lines = Math.max(gridLine(u + offU, cell, thin, thick), gridLine(v + offV, cell, thin, thick));
      if (diagonals) {
        const g = (u + v + offU) / (cell * 10 * Math.SQRT2);
        const d = Math.abs(g - Math.round(g)) * cell * 10;
        lines = Math.max(lines, Math.min(1, Math.max(0, thin + 0.5 - d)) * 0.5);
      }
      const m = 0.9 + 0.2 * mottle(u, v) + 0.06 * (grain(u, v) - 0.5);
      const k = lines * lineStrength;
      const o = (y * width + x) * 3;
      rgb[o] = (base[0] + (line[0] - base[0]) * k) * m;
      rgb[o + 1] = (base[1] + (line[1] - base[1]) * k) * m;
      rgb[o + 2] = (base[2] + (line[2] - base[2]) * k) * m;
    }
  }
}

/** How much of a pixel at coordinate p a grid line covers: thin lines every cell, thick every fifth. */
function gridLine(p: number, cell: number, thin: number, thick: number): number {
  const g = p / cell;
  const nearest = Math.round(g);
  const d = Math.abs(g - nearest) * cell;
  const major = nearest % 5 === 0;
  const cover = (major ? thick : thin) + 0.5 - d;
  return cover <= 0 ? 0 : (cover >= 1 ? 1 : cover) * (major ? 1 : 0.6);
}

/** A plain desk: one colour, a slow mottle of ±`mottleAmp` and a fine speckle of ±`speckleAmp`. */
function paintPlain(canvas: Canvas, rng: Rng, level: number, mottleAmp: number, speckleAmp: number): void {
  const unit = unitOf(canvas);
  const tint: Rgb = [uniform(rng, -4, 4), uniform(rng, -2, 2), uniform(rng, -6, 2)];
  const mottle = fractal(rng, fullRange(canvas), 220 * unit, 220 * unit, 3);
  const speckle = lattice(rng, fullRange(canvas), 1.6 * unit, 1.6 * unit);
  const { width, height, rgb } = canvas;
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x + 0.5 - cx;
      const v = y + 0.5 - cy;
      const l = level + mottleAmp * 2 * (mottle(u, v) - 0.5) + speckleAmp * 2 * (speckle(u, v) - 0.5);
      const o = (y * width + x) * 3;
      rgb[o] = l + tint[0];
      rgb[o + 1] = l + tint[1];
      rgb[o + 2] = l + tint[2];
    }
  }
}

const WOODS: readonly { light: Rgb; dark: Rgb }[] = [
  { light: [200, 152, 102], dark: [150, 98, 58] }, // oak
  { light: [128, 84, 54], dark: [78, 48, 30] }, // walnut
  { light: [226, 190, 146], dark: [192, 150, 104] }, // maple
  { light: [170, 104, 70], dark: [118, 62, 40] }, // cherry
];

/** Wood: planks along a random direction, each with its own shade, wavy growth rings and fine fibres, dark seams. */
function paintWood(canvas: Canvas, rng: Rng): void {
  const unit = unitOf(canvas);
  const palette = pick(rng, WOODS);
  const angle = (rng() < 0.5 ? 0 : Math.PI / 2) + uniform(rng, -0.12, 0.12);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const range = fullRange(canvas);
  const plank = uniform(rng, 130, 240) * unit;
  const period = uniform(rng, 14, 30) * unit;
  const warp = fractal(rng, range, 380 * unit, 70 * unit, 3);
  const fibre = lattice(rng, range, 60 * unit, 1.4 * unit);
  const knots = lattice(rng, range, 500 * unit, 500 * unit);
  const plankShade: number[] = [];
  const plankOffset: number[] = [];
  for (let i = 0; i < 64; i++) {
    plankShade.push(uniform(rng, 0.86, 1.1));
    plankOffset.push(uniform(rng, 0, 1000));
  }
  const { width, height, rgb } = canvas;
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const u = dx * cos + dy * sin; // along the grain
      const v = -dx * sin + dy * cos; // across
      const p = (v + 4096 * unit) / plank;
      const index = Math.floor(p);
      const seamDistance = Math.min(p - index, index + 1 - p) * plank;
      const shade = plankShade[((index % 64) + 64) % 64]!;
      const s = (v + plankOffset[((index % 64) + 64) % 64]! * unit) / period + 3.5 * warp(u, v) + 0.6 * knots(u, v);
      const ring = 0.5 + 0.5 * Math.sin(2 * Math.PI * s);
      const t = Math.min(1, 0.55 * ring * ring * ring + 0.45 * fibre(u, v));
      const seam = seamDistance < 1.2 * unit ? 0.55 + 0.45 * (seamDistance / (1.2 * unit)) : 1;
      const k = shade * seam;
      const o = (y * width + x) * 3;
      rgb[o] = (palette.light[0] + (palette.dark[0] - palette.light[0]) * t) * k;
      rgb[o + 1] = (palette.light[1] + (palette.dark[1] - palette.light[1]) * t) * k;
      rgb[o + 2] = (palette.light[2] + (palette.dark[2] - palette.light[2]) * t) * k;
    }
  }
}
