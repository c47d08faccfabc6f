import type { InkPoint } from '../../../shared/contract';

/** A rectangle in CSS pixels. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The signing area inside a box of `width` × `height`: the largest rectangle
 * of the pad's aspect, centred. Drawing and the on-screen pad use the same
 * area, so the ink keeps its shape whatever size the box takes.
 */
export function fitRect(width: number, height: number, aspect: number): Rect {
  if (width <= 0 || height <= 0) return { left: 0, top: 0, width: 0, height: 0 };
  if (width / height > aspect) {
    const w = height * aspect;
    return { left: (width - w) / 2, top: 0, width: w, height };
  }
  const h = width / aspect;
  return { left: 0, top: (height - h) / 2, width, height: h };
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** A position in the box (CSS pixels from its top left) as a point of ink (0…1 in the signing area). */
export function normalize(x: number, y: number, area: Rect): { x: number; y: number } {
  return { x: clamp01((x - area.left) / area.width), y: clamp01((y - area.top) / area.height) };
}

/** Line width in CSS pixels: pressure widens the line; no pressure (a mouse) draws the middle width. */
export function inkWidth(point: InkPoint, area: Rect): number {
  const base = Math.max(1.5, Math.min(area.width, area.height * 3) / 220);
  return point.p === null ? base : base * (0.35 + 1.3 * point.p);
}
