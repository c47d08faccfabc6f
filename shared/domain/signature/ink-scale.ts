import type { InkPoint } from '../../contract/signature';
import type { AxisRange, PadDescription, PenSample } from './pen';

/**
 * Between the pad's units and the signing box (issue 10). Pads report in
 * their own units (0…15200 × 0…9500, pressure 0…1023 …); both screens draw
 * in a box of the pad's shape with points in 0…1, so the same signature
 * looks the same on the clerk's screen, the citizen's and the slip. The
 * on-screen pad works the other way: its points become samples on a
 * virtual grid, so the record of a screen signature has the same shape as
 * a pad's. Pure.
 */

/** The on-screen pad's box, width / height: a signature line, wider than high. */
export const SCREEN_PAD_ASPECT = 2.5;
/** The on-screen pad's virtual grid: the box's long side is this many units. */
export const SCREEN_GRID = 10000;
/** Pressure levels the screen's 0…1 is recorded in (Pointer Events give a float). */
export const SCREEN_PRESSURE_MAX = 1023;

const span = (r: AxisRange): number => r.max - r.min;

/** 0…1 along a range; a degenerate range (max ≤ min) gives 0. Out-of-range reports (edge noise) are clamped. */
function unit(value: number, range: AxisRange): number {
  const s = span(range);
  if (!(s > 0) || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, (value - range.min) / s));
}

/**
 * Width / height of the pad's active area. In physical length when the pad
 * says its resolution per axis (a pad may have more units per mm along one
 * axis), else in units; 1 for a pad whose ranges say nothing.
 */
export function padAspect(pad: Pick<PadDescription, 'x' | 'y' | 'resolution'>): number {
  const w = span(pad.x);
  const h = span(pad.y);
  if (!(w > 0) || !(h > 0)) return 1;
  const rx = pad.resolution?.x;
  const ry = pad.resolution?.y;
  const aspect = rx && ry && rx > 0 && ry > 0 ? w / rx / (h / ry) : w / h;
  return Number.isFinite(aspect) && aspect > 0 ? aspect : 1;
}

/** One pen sample as a point of ink in the box; `startedAt` is the host time the signing started. */
export function sampleToInk(sample: PenSample, pad: Pick<PadDescription, 'x' | 'y' | 'pressure'>, startedAt: number): InkPoint {
  const p = sample.pressure === null || pad.pressure === null ? null : unit(sample.pressure, pad.pressure);
  return { x: unit(sample.x, pad.x), y: unit(sample.y, pad.y), p, t: Math.max(0, sample.hostTime - startedAt) };
}

/** The on-screen pad as the record names it: a virtual grid of the box's shape (long side SCREEN_GRID). */
export function screenPadDescription(model: string, aspect = SCREEN_PAD_ASPECT): PadDescription {
  const wide = aspect >= 1;
  return {
    protocol: 'screen',
    simulated: false,
    vendorId: null,
    productId: null,
    model,
    firmware: null,
    x: { min: 0, max: wide ? SCREEN_GRID : Math.round(SCREEN_GRID * aspect) },
    y: { min: 0, max: wide ? Math.round(SCREEN_GRID / aspect) : SCREEN_GRID },
    pressure: { min: 0, max: SCREEN_PRESSURE_MAX },
    resolution: null,
  };
}

/**
 * Screen ink as the samples of the record: each stroke's points with the
 * tip down, then one tip-up sample where the stroke ended, so the strokes
 * can be told apart again the way a pad's are (a run of tip-down samples).
 * `startedAt` (host ms) is added to each point's t, so hostTime is a time
 * like a pad's.
 */
export function screenInkToSamples(strokes: readonly (readonly InkPoint[])[], pad: PadDescription, startedAt: number): PenSample[] {
  const samples: PenSample[] = [];
  const at = (v: number, r: AxisRange) => Math.round(r.min + Math.min(1, Math.max(0, v)) * span(r));
  const pressure = (p: number | null) => (p === null || pad.pressure === null ? null : at(p, pad.pressure));
  for (const stroke of strokes) {
    for (const point of stroke) {
      samples.push({ x: at(point.x, pad.x), y: at(point.y, pad.y), pressure: pressure(point.p), tip: true, inRange: true, deviceTime: null, seq: null, hostTime: startedAt + point.t });
    }
    const last = stroke.at(-1);
    if (last) samples.push({ x: at(last.x, pad.x), y: at(last.y, pad.y), pressure: pad.pressure ? 0 : null, tip: false, inRange: true, deviceTime: null, seq: null, hostTime: startedAt + last.t });
  }
  return samples;
}
