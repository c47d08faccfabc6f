import { describe, expect, it } from 'vitest';
import type { InkPoint } from '../../contract/signature';
import { padAspect, sampleToInk, SCREEN_GRID, SCREEN_PAD_ASPECT, SCREEN_PRESSURE_MAX, screenInkToSamples, screenPadDescription } from './ink-scale';
import type { PadDescription, PenSample } from './pen';

/** An STU-540-like pad: 0…9600 × 0…6000, pressure 0…1023, 2540 units per inch both ways. */
const STU: PadDescription = {
  protocol: 'wacom-stu',
  simulated: false,
  vendorId: 0x056a,
  productId: 0xa8,
  model: 'STU-540',
  firmware: '1.0',
  x: { min: 0, max: 9600 },
  y: { min: 0, max: 6000 },
  pressure: { min: 0, max: 1023 },
  resolution: { x: 2540, y: 2540, unit: 'inch' },
};

const sample = (x: number, y: number, pressure: number | null, hostTime = 1000, tip = true): PenSample => ({
  x,
  y,
  pressure,
  tip,
  inRange: true,
  deviceTime: null,
  seq: null,
  hostTime,
});

describe('padAspect: the signing box has the pad’s shape', () => {
  it('is width / height in units when the resolution is the same both ways or unknown', () => {
    expect(padAspect(STU)).toBeCloseTo(1.6);
    expect(padAspect({ ...STU, resolution: null })).toBeCloseTo(1.6);
  });

  it('is in physical length when the pad has more units per length along one axis', () => {
    // 10000 × 10000 units, but 2000 units/inch across and 4000 down: 5 inches by 2.5 inches.
    expect(padAspect({ x: { min: 0, max: 10000 }, y: { min: 0, max: 10000 }, resolution: { x: 2000, y: 4000, unit: 'inch' } })).toBeCloseTo(2);
  });

  it('counts from the ranges’ minimum, not from 0', () => {
    expect(padAspect({ x: { min: 1000, max: 3000 }, y: { min: 500, max: 1500 }, resolution: null })).toBeCloseTo(2);
  });

  it('is 1 for a pad whose ranges say nothing (degenerate or zero resolution)', () => {
    expect(padAspect({ x: { min: 0, max: 0 }, y: { min: 0, max: 100 }, resolution: null })).toBe(1);
    expect(padAspect({ x: { min: 0, max: 100 }, y: { min: 50, max: 10 }, resolution: null })).toBe(1);
    expect(padAspect({ x: { min: 0, max: 100 }, y: { min: 0, max: 50 }, resolution: { x: 0, y: 10, unit: 'cm' } })).toBe(2);
  });
});

describe('sampleToInk: device units → 0…1 in the box', () => {
  it('maps the corners and the middle of the range, pressure included, time from the start', () => {
    expect(sampleToInk(sample(0, 0, 0, 1500), STU, 1000)).toEqual({ x: 0, y: 0, p: 0, t: 500 });
    expect(sampleToInk(sample(9600, 6000, 1023, 1000), STU, 1000)).toEqual({ x: 1, y: 1, p: 1, t: 0 });
    const mid = sampleToInk(sample(4800, 1500, 511.5, 1010), STU, 1000);
    expect(mid.x).toBeCloseTo(0.5);
    expect(mid.y).toBeCloseTo(0.25);
    expect(mid.p).toBeCloseTo(0.5);
    expect(mid.t).toBe(10);
  });

  it('clamps reports outside the range (edge noise) into the box, and a report from before the start to t = 0', () => {
    expect(sampleToInk(sample(-50, 7000, 2000, 900), STU, 1000)).toEqual({ x: 0, y: 1, p: 1, t: 0 });
  });

  it('gives p = null when the pad reports no pressure or the sample carries none', () => {
    expect(sampleToInk(sample(100, 100, 300), { ...STU, pressure: null }, 0).p).toBeNull();
    expect(sampleToInk(sample(100, 100, null), STU, 0).p).toBeNull();
  });

  it('gives 0 on a degenerate axis instead of NaN', () => {
    const point = sampleToInk(sample(5, 5, 5, 0), { x: { min: 5, max: 5 }, y: { min: 0, max: 10 }, pressure: { min: 0, max: 0 } }, 0);
    expect(point).toEqual({ x: 0, y: 0.5, p: 0, t: 0 });
  });

  it('always gives a point the contract accepts, whatever the report', () => {
    for (const x of [-1e9, -1, 0, 1, 4800, 9600, 9601, 1e9, Number.NaN]) {
      for (const p of [null, -5, 0, 512, 1023, 5000]) {
        const point = sampleToInk(sample(x, x, p, 0), STU, 10);
        for (const v of [point.x, point.y, point.p ?? 0]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expect(point.t).toBe(0);
      }
    }
  });
});

describe('the on-screen pad in the record', () => {
  it('is described as 屏幕签名 on a virtual grid of the box’s shape (long side 10000)', () => {
    const wide = screenPadDescription('屏幕签名');
    expect(wide).toMatchObject({ protocol: 'screen', model: '屏幕签名', vendorId: null, productId: null, simulated: false });
    expect(wide.x).toEqual({ min: 0, max: SCREEN_GRID });
    expect(wide.y).toEqual({ min: 0, max: SCREEN_GRID / SCREEN_PAD_ASPECT });
    expect(padAspect(wide)).toBeCloseTo(SCREEN_PAD_ASPECT);
    const tall = screenPadDescription('屏幕签名', 0.5);
    expect(tall.x.max).toBe(5000);
    expect(tall.y.max).toBe(SCREEN_GRID);
  });

  it('turns strokes into tip-down samples with a tip-up at each stroke’s end, times from the start', () => {
    const pad = screenPadDescription('屏幕签名');
    const strokes: InkPoint[][] = [
      [
        { x: 0, y: 0, p: 0.5, t: 0 },
        { x: 1, y: 1, p: 1, t: 16 },
      ],
      [{ x: 0.5, y: 0.25, p: null, t: 40 }],
    ];
    const samples = screenInkToSamples(strokes, pad, 1000);
    expect(samples.map((s) => [s.x, s.y, s.pressure, s.tip, s.hostTime])).toEqual([
      [0, 0, Math.round(SCREEN_PRESSURE_MAX / 2), true, 1000],
      [10000, 4000, SCREEN_PRESSURE_MAX, true, 1016],
      [10000, 4000, 0, false, 1016],
      [5000, 1000, null, true, 1040],
      [5000, 1000, 0, false, 1040],
    ]);
    expect(samples.every((s) => s.inRange && s.deviceTime === null && s.seq === null)).toBe(true);
  });

  it('scales back to the same ink (round trip within a grid unit)', () => {
    const pad = screenPadDescription('屏幕签名');
    const point: InkPoint = { x: 0.3217, y: 0.777, p: 0.42, t: 123 };
    const [down] = screenInkToSamples([[point]], pad, 5000);
    const back = sampleToInk(down!, pad, 5000);
    expect(back.x).toBeCloseTo(point.x, 3);
    expect(back.y).toBeCloseTo(point.y, 3);
    expect(back.p).toBeCloseTo(point.p!, 2);
    expect(back.t).toBe(123);
  });

  it('gives no samples for no ink, and skips empty strokes', () => {
    const pad = screenPadDescription('屏幕签名');
    expect(screenInkToSamples([], pad, 0)).toEqual([]);
    expect(screenInkToSamples([[]], pad, 0)).toEqual([]);
  });
});
