/**
 * One seeded generator for everything that must come out the same on every
 * run and machine (synthetic camera scenes, seeded ratings for tests and the
 * benchmark): the same seed gives the same numbers, in Node and the browser.
 */

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: small, fast, good enough for pictures and test data (not for secrets). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
