import type { Quad } from '../geometry';
import type { RgbaImage } from '../image';

/**
 * Whether every side of an outline lies on a visible edge of the frame: at
 * points along each side, the surface just inside differs from the surface
 * just outside. Cheap (a few hundred samples at full size), so a capture can
 * check the outline it was handed (the live outline, refined) before
 * trusting it instead of searching the whole frame again. A low-contrast
 * edge fails the check: the caller then searches, which is only slower.
 */
export function outlineOnEdges(frame: RgbaImage, quad: Quad, options: { samples?: number; step?: number; minStep?: number; minShare?: number } = {}): boolean {
  const samples = options.samples ?? 40;
  const minStep = options.minStep ?? 8;
  const minShare = options.minShare ?? 0.6;
  const diagonal = Math.hypot(frame.width, frame.height);
  const step = options.step ?? Math.max(2, diagonal / 600);
  // Clockwise outline (TL, TR, BR, BL on screen, y down): the inward normal of side a→b is (-dy, dx) / length.
  for (let side = 0; side < 4; side++) {
    const [ax, ay] = quad[side]!;
    const [bx, by] = quad[(side + 1) % 4]!;
    const length = Math.hypot(bx - ax, by - ay);
    if (!(length > 0)) return false;
    const nx = -(by - ay) / length;
    const ny = (bx - ax) / length;
    let backed = 0;
    let seen = 0;
    for (let i = 0; i < samples; i++) {
      // Keep away from the corners, where the other side's edge would answer.
      const t = 0.1 + (0.8 * (i + 0.5)) / samples;
      const px = ax + (bx - ax) * t;
      const py = ay + (by - ay) * t;
      const inside = luma(frame, px + nx * step, py + ny * step);
      const outside = luma(frame, px - nx * step, py - ny * step);
      if (inside === null || outside === null) continue;
      seen++;
      if (Math.abs(inside - outside) >= minStep) backed++;
    }
    if (seen === 0 || backed / seen < minShare) return false;
  }
  return true;
}

function luma(frame: RgbaImage, x: number, y: number): number | null {
  const ix = Math.round(x);
  const iy = Math.round(y);
  if (ix < 0 || iy < 0 || ix >= frame.width || iy >= frame.height) return null;
  const j = (iy * frame.width + ix) * 4;
  return (frame.data[j]! * 77 + frame.data[j + 1]! * 150 + frame.data[j + 2]! * 29) >> 8;
}
