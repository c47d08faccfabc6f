import type { Quad } from '../geometry';
import type { ColourPlanes } from './planes';

/**
 * The pixels of an outline's margin: `samples` evenly spaced points along
 * each side (away from the corners, where the next side's edge lies), each
 * `depth` working pixels inside the outline. `visit` gets the side (0..3)
 * and the pixel's index in the planes; points off the frame are skipped.
 * What is just inside every side is the document's own margin, so several
 * rules read it: the same surface all round, and a paper-like colour.
 */
export function forEachMarginPixel(corners: Quad, planes: ColourPlanes, depth: number, samples: number, visit: (side: number, pixel: number) => void): void {
  const cx = corners.reduce((s, p) => s + p[0], 0) / 4;
  const cy = corners.reduce((s, p) => s + p[1], 0) / 4;
  for (let side = 0; side < 4; side++) {
    const [ax, ay] = corners[side]!;
    const [bx, by] = corners[(side + 1) % 4]!;
    const len = Math.hypot(bx - ax, by - ay);
    let nx = -(by - ay) / len;
    let ny = (bx - ax) / len;
    if (nx * (cx - ax) + ny * (cy - ay) < 0) {
      nx = -nx;
      ny = -ny;
    }
    for (let k = 0; k < samples; k++) {
      const f = 0.1 + (0.8 * (k + 0.5)) / samples;
      const x = Math.floor(ax + (bx - ax) * f + nx * depth);
      const y = Math.floor(ay + (by - ay) * f + ny * depth);
      if (x < 0 || y < 0 || x >= planes.width || y >= planes.height) continue;
      visit(side, y * planes.width + x);
    }
  }
}
