/**
 * The learned ranker's fitting (shared/domain/camera/detect/ranker.ts): a
 * model linear in the features, fitted by softmax cross-entropy over each
 * frame's candidates (the target: the candidates that match the true
 * outline best), with a small L2 penalty; and the comparison of the picks
 * it makes with the hand-made score's. Used by train.ts.
 */
import { readFileSync } from 'node:fs';
import { rankerChoice, withProducts } from '../../../shared/domain/camera/detect/ranker';

export interface PoolFrame {
  seed: number;
  name: string;
  kind: string;
  pool: { f: number[]; ji: number }[];
}

export function readPools(file: string): PoolFrame[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as PoolFrame);
}

/** A candidate counts as a right answer within this of the frame's best match. */
const NEAR_BEST = 0.01;
/** The L2 penalty on the weights of the standardised terms: chosen on the development seeds' pools. */
export const DEFAULT_L2 = 1e-3;
const STEPS = 3000;
const RATE = 0.05;

/** Weights on the raw features and their products, as rankerScore takes them (the order among a frame's candidates is all that counts). */
export function fit(frames: readonly PoolFrame[], l2 = DEFAULT_L2): number[] {
  const usable = frames.filter((fr) => fr.pool.some((c) => c.ji >= 0.9));
  const rows = usable.flatMap((fr) => fr.pool.map((c) => withProducts(c.f)));
  const F = rows[0]?.length ?? 0;
  const n = rows.length;
  // Standardised terms, one flat row per candidate; the frames as ranges of rows with their target distribution.
  const mean = new Float64Array(F);
  const std = new Float64Array(F);
  for (const row of rows) for (let k = 0; k < F; k++) mean[k]! += row[k]! / n;
  for (const row of rows) for (let k = 0; k < F; k++) std[k]! += (row[k]! - mean[k]!) ** 2 / n;
  for (let k = 0; k < F; k++) std[k] = Math.sqrt(std[k]!) || 1;
  const x = new Float64Array(n * F);
  rows.forEach((row, r) => row.forEach((v, k) => (x[r * F + k] = (v - mean[k]!) / std[k]!)));
  const q = new Float64Array(n);
  const starts: number[] = [];
  let at = 0;
  for (const fr of usable) {
    starts.push(at);
    const best = Math.max(...fr.pool.map((c) => c.ji));
    const right = fr.pool.filter((c) => c.ji >= best - NEAR_BEST).length;
    fr.pool.forEach((c, i) => (q[at + i] = c.ji >= best - NEAR_BEST ? 1 / right : 0));
    at += fr.pool.length;
  }
  starts.push(at);
  // Adam on the mean cross-entropy.
  const w = new Float64Array(F);
  w[12] = 1; // start from the hand-made score
  const m = new Float64Array(F);
  const v = new Float64Array(F);
  const grad = new Float64Array(F);
  const s = new Float64Array(n);
  for (let step = 1; step <= STEPS; step++) {
    for (let k = 0; k < F; k++) grad[k] = 2 * l2 * w[k]!;
    for (let f = 0; f < usable.length; f++) {
      const from = starts[f]!;
      const to = starts[f + 1]!;
      let top = -Infinity;
      for (let r = from; r < to; r++) {
        let z = 0;
        for (let k = 0, o = r * F; k < F; k++, o++) z += x[o]! * w[k]!;
        s[r] = z;
        top = Math.max(top, z);
      }
      let sum = 0;
      for (let r = from; r < to; r++) sum += (s[r] = Math.exp(s[r]! - top));
      for (let r = from; r < to; r++) {
        const g = (s[r]! / sum - q[r]!) / usable.length;
        if (g === 0) continue;
        for (let k = 0, o = r * F; k < F; k++, o++) grad[k]! += g * x[o]!;
      }
    }
    for (let k = 0; k < F; k++) {
      m[k] = 0.9 * m[k]! + 0.1 * grad[k]!;
      v[k] = 0.999 * v[k]! + 0.001 * grad[k]! ** 2;
      const mh = m[k]! / (1 - 0.9 ** step);
      const vh = v[k]! / (1 - 0.999 ** step);
      w[k]! -= (RATE * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return Array.from(w, (wk, k) => wk / std[k]!);
}

/** The JI of the candidate each ranking picks: the hand-made score's first, and the learned one's. */
export function compare(frames: readonly PoolFrame[], weights: readonly number[]) {
  const picks = frames.map((fr) => {
    if (!fr.pool.length) return { hand: 0, learned: 0, best: 0 };
    const learned = fr.pool[rankerChoice(fr.pool.map((c) => c.f), weights)]!;
    return { hand: fr.pool[0]!.ji, learned: learned.ji, best: Math.max(...fr.pool.map((c) => c.ji)) };
  });
  const summary = (key: 'hand' | 'learned' | 'best') => ({
    mean: picks.reduce((s, p) => s + p[key], 0) / Math.max(1, picks.length),
    below: picks.filter((p) => p[key] < 0.9).length,
  });
  return { frames: picks.length, hand: summary('hand'), learned: summary('learned'), best: summary('best'), picks };
}

