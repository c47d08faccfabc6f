/** Made-up detector inputs for the detector's unit tests. */
import type { EdgeLine } from './lines';

/** An axis-aligned line (normal (nx, ny), nx·x + ny·y = c) backed by edges on the stretch from..to of its parameter t only. */
export function edgeLine(nx: number, ny: number, c: number, from: number, to: number): EdgeLine {
  const t0 = -500;
  const n = 1000;
  const support = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) support[k + 1] = support[k]! + (t0 + k + 0.5 >= from && t0 + k + 0.5 <= to ? 1 : 0);
  return { nx, ny, c, strength: 20, t0, support, blind: new Float64Array(n + 1), polarity: support.slice(), step: new Float64Array(3 * (n + 1)) };
}
