/**
 * Seeded randomness for the synthetic camera scenes: the same seed always
 * gives the same frame, on every machine and in the browser, so a labelled
 * set is data, not luck. Each part of a scene draws from its own stream
 * (`streamFor(seed, 'noise')`), so adding a pen to a scene does not move its
 * glare or its noise.
 */

import { mulberry32, type Rng } from '../../seeded-random';

export { mulberry32, type Rng };

/** An independent stream for one part of a scene. */
export function streamFor(seed: number, name: string): Rng {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return mulberry32(hashInt(h));
}

export function hashInt(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.min(items.length - 1, Math.floor(rng() * items.length))]!;
}

/** Standard normal (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = Math.max(1e-12, rng());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * Smooth value noise on a lattice precomputed over a rectangle of (u, v)
 * coordinates: a few table reads per sample, so a full frame of it costs
 * milliseconds. Values in [0, 1].
 */
export interface Lattice {
  (u: number, v: number): number;
}

export function lattice(rng: Rng, range: { uMin: number; uMax: number; vMin: number; vMax: number }, cellU: number, cellV: number): Lattice {
  const nu = Math.ceil((range.uMax - range.uMin) / cellU) + 3;
  const nv = Math.ceil((range.vMax - range.vMin) / cellV) + 3;
  const table = new Float32Array(nu * nv);
  for (let i = 0; i < table.length; i++) table[i] = rng();
  const u0 = range.uMin;
  const v0 = range.vMin;
  return (u: number, v: number) => {
    const fu = Math.min(nu - 2.001, Math.max(0, (u - u0) / cellU));
    const fv = Math.min(nv - 2.001, Math.max(0, (v - v0) / cellV));
    const iu = fu | 0;
    const iv = fv | 0;
    let a = fu - iu;
    let b = fv - iv;
    a = a * a * (3 - 2 * a);
    b = b * b * (3 - 2 * b);
    const k = iv * nu + iu;
    const top = table[k]! + (table[k + 1]! - table[k]!) * a;
    const bottom = table[k + nu]! + (table[k + nu + 1]! - table[k + nu]!) * a;
    return top + (bottom - top) * b;
  };
}

/** Several octaves of lattice noise, each half the cell of the one before; values about [0, 1]. */
export function fractal(rng: Rng, range: { uMin: number; uMax: number; vMin: number; vMax: number }, cellU: number, cellV: number, octaves: number): Lattice {
  const layers: Lattice[] = [];
  for (let o = 0; o < octaves; o++) layers.push(lattice(rng, range, cellU / 2 ** o, cellV / 2 ** o));
  const norm = layers.reduce((s, _, o) => s + 0.5 ** o, 0);
  return (u, v) => {
    let s = 0;
    for (let o = 0; o < layers.length; o++) s += layers[o]!(u, v) * 0.5 ** o;
    return s / norm;
  };
}

/** A table of standard-normal values: sensor noise for a megapixel frame without a logarithm per pixel. */
export function gaussianTable(rng: Rng, size = 8192): Float32Array {
  const t = new Float32Array(size);
  for (let i = 0; i < size; i++) t[i] = gaussian(rng);
  return t;
}
