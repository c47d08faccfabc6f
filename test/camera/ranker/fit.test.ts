import { describe, expect, it } from 'vitest';
import { RANKER_FEATURES, RANKER_WEIGHTS_COUNT } from '../../../shared/domain/camera/detect/ranker';
import { compare, fit, type PoolFrame } from './fit';

/** A tiny deterministic random stream (the test must give the same pools every run). */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Made-up pools where the hand-made score (feature 12) is noise and the
 * right candidate is told by feature 3 being below and feature 10 above the others' range, by a
 * margin of 0.1 (with none, a candidate a hair inside the range can tie the right one on these two
 * and lose it on the noise of the other features): a fit must find that, and pick better than the
 * hand-made score on other pools.
 */
function pools(seed: number, count: number): PoolFrame[] {
  const rng = stream(seed);
  return Array.from({ length: count }, (_, n) => {
    const right = Math.floor(rng() * 6);
    const pool = Array.from({ length: 6 }, (_, i) => {
      const f = Array.from({ length: RANKER_FEATURES }, () => rng());
      if (i === right) {
        f[3] = -0.1 - 0.2 * rng();
        f[10] = 1.1 + 0.2 * rng();
      }
      return { f, ji: i === right ? 0.97 : 0.3 * rng() };
    });
    return { seed, name: `frame-${n}`, kind: 'made-up', pool };
  });
}

describe('fitting the learned ranker', () => {
  it('learns which features tell the right candidate, and picks it on pools it was not fitted to', () => {
    const weights = fit(pools(1, 60));
    expect(weights).toHaveLength(RANKER_WEIGHTS_COUNT);
    const check = compare(pools(2, 60), weights);
    expect(check.frames).toBe(60);
    expect(check.learned.below).toBe(0);
    // The hand-made score is noise here: it misses most frames.
    expect(check.hand.below).toBeGreaterThan(30);
    expect(check.best.below).toBe(0);
  });

  it('leaves out frames with no right candidate, and scores an empty pool as a miss', () => {
    const frames = pools(3, 20);
    const hopeless: PoolFrame = { seed: 3, name: 'none', kind: 'made-up', pool: frames[0]!.pool.map((c) => ({ ...c, ji: 0.1 })) };
    const empty: PoolFrame = { seed: 3, name: 'empty', kind: 'made-up', pool: [] };
    const weights = fit([...frames, hopeless, empty]);
    const check = compare([hopeless, empty], weights);
    expect(check.learned.below).toBe(2);
    expect(check.learned.mean).toBeLessThan(0.1);
  });
});
