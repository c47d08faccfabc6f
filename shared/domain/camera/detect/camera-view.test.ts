import { describe, expect, it } from 'vitest';
import type { Quad } from '../geometry';
import { mulberry32 } from '../scene/random';
import { A4_SIZE_MM, FOCAL_RANGE, ID_CARD_SIZE_MM, placeDocument } from '../scene/spec';
import { liftedParallelogram, viewDeviationDeg, viewDeviationPx } from './camera-view';

const frame = { width: 1280, height: 720 };

/** A sheet of `mm` turned by `rollDeg` and tilted `tiltDeg` about the frame's x axis, its centre `distance` mm in front of a camera of `focal` px, shifted by (dx, dy) mm. */
function seen(mm: { width: number; height: number }, focal: number, tiltDeg: number, rollDeg = 0, distance = 400, dx = 0, dy = 0): Quad {
  const t = (tiltDeg * Math.PI) / 180;
  const r = (rollDeg * Math.PI) / 180;
  return (
    [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
    ] as const
  ).map(([sx, sy]) => {
    const x0 = (sx * mm.width) / 2;
    const y0 = (sy * mm.height) / 2;
    const x = x0 * Math.cos(r) - y0 * Math.sin(r) + dx;
    const y1 = x0 * Math.sin(r) + y0 * Math.cos(r);
    const y = y1 * Math.cos(t) + dy;
    const z = distance + y1 * Math.sin(t);
    return [frame.width / 2 + (focal * x) / z, frame.height / 2 + (focal * y) / z];
  }) as unknown as Quad;
}

/** Seed 16's unevenLight-01: an A4 page (1280 × 720), and the outline with its bottom across the page above a glare spot. */
const page: Quad = [
  [368, 107],
  [744, 170],
  [659, 703],
  [277, 643],
];
const cutOff: Quad = [page[0], page[1], [680, 570], [278, 645]];
/** Not convex: no parallelogram with every corner in front of the camera. */
const dart: Quad = [
  [300, 200],
  [900, 200],
  [600, 260],
  [600, 600],
];

describe('how far an outline is from a sheet a document camera can see', () => {
  it('reads a sheet lying square to the lens as a right-angled rectangle with no tilt, whatever the focal length', () => {
    const quad = seen(A4_SIZE_MM, 1100, 0, 12);
    for (const focal of [700, 1100, 1800]) {
      const lifted = liftedParallelogram(quad, frame, focal)!;
      expect(lifted.skewDeg).toBeLessThan(1e-6);
      expect(lifted.tiltDeg).toBeLessThan(1e-6);
    }
    expect(viewDeviationDeg(quad, frame)).toBeLessThan(1e-6);
  });

  it('recovers the right angle and the tilt of a sheet seen at the true focal length', () => {
    const quad = seen(A4_SIZE_MM, 1000, 15, 8, 450, 60, -40);
    const lifted = liftedParallelogram(quad, frame, 1000)!;
    expect(lifted.skewDeg).toBeLessThan(1e-6);
    expect(lifted.tiltDeg).toBeCloseTo(15, 6);
  });

  it('finds every page and card the labelled set places (focal 0.75–1.15 of the long side, tilt within 12° each way) within a degree of a sheet on the desk', () => {
    const rng = mulberry32(11);
    for (let i = 0; i < 300; i++) {
      const focal = (FOCAL_RANGE[0] + rng() * (FOCAL_RANGE[1] - FOCAL_RANGE[0])) * frame.width;
      const mm = i % 2 ? A4_SIZE_MM : ID_CARD_SIZE_MM;
      const quad = placeDocument(rng, frame, mm, { fill: 0.1 + 0.7 * rng(), maxRollDeg: 18, maxTiltDeg: 12, focal });
      expect(viewDeviationDeg(quad, frame)).toBeLessThan(1);
    }
  });

  it('gives the same deviation whichever corner comes first and whichever way the corners run', () => {
    const quad = seen(A4_SIZE_MM, 900, 35, 20, 500, -80, 30);
    const expected = viewDeviationDeg(quad, frame);
    expect(expected).toBeGreaterThan(5);
    for (let shift = 0; shift < 4; shift++) {
      const turned = [0, 1, 2, 3].map((k) => quad[(k + shift) % 4]!) as unknown as Quad;
      expect(viewDeviationDeg(turned, frame)).toBeCloseTo(expected, 9);
      expect(viewDeviationDeg([...turned].reverse() as unknown as Quad, frame)).toBeCloseTo(expected, 9);
    }
  });

  it('counts only the tilt beyond 20°, as the shortest focal length reads it (a shorter lens reads a flatter sheet from the same outline)', () => {
    const readTilt = (tiltDeg: number) => (Math.atan((Math.tan((tiltDeg * Math.PI) / 180) * 0.6 * frame.width) / 1000) * 180) / Math.PI;
    expect(viewDeviationDeg(seen(A4_SIZE_MM, 1000, 18), frame)).toBeLessThan(1e-6);
    expect(viewDeviationDeg(seen(A4_SIZE_MM, 1000, 35), frame)).toBeCloseTo(readTilt(35) - 20, 6);
    expect(viewDeviationDeg(seen(A4_SIZE_MM, 1000, 55), frame)).toBeCloseTo(readTilt(55) - 20, 6);
    expect(readTilt(55) - readTilt(35)).toBeGreaterThan(10);
  });

  it('reads a slanted parallelogram as skewed at every focal length: its sides do not converge, so its plane faces the lens', () => {
    // Corner angles of 70° and 110°.
    const slant = 100 * Math.tan((20 * Math.PI) / 180);
    const quad: Quad = [
      [500, 260],
      [800, 260],
      [800 + slant, 360],
      [500 + slant, 360],
    ];
    expect(viewDeviationDeg(quad, frame)).toBeCloseTo(20, 6);
  });

  it('reads a trapezoid cut off a page by a line across it as far from any sheet on the desk', () => {
    expect(viewDeviationDeg(cutOff, frame)).toBeGreaterThan(10);
    expect(viewDeviationDeg(page, frame)).toBeLessThan(2);
  });

  it('gives 90° for an outline no sheet in front of the camera can show', () => {
    expect(viewDeviationDeg(dart, frame)).toBe(90);
    expect(liftedParallelogram(dart, frame, 1000)).toBeNull();
  });

  describe('in pixels: how far the corners would have to move', () => {
    const look = { width: 400, height: 225 };
    const toLook = (q: Quad): Quad => q.map(([x, y]) => [(x * 400) / 1280, (y * 400) / 1280]) as unknown as Quad;

    it('puts a trapezoid cut off a page by a line across it many pixels off, and the page itself within a pixel', () => {
      expect(viewDeviationPx(toLook(cutOff), look)).toBeGreaterThan(8);
      expect(viewDeviationPx(toLook(page), look)).toBeLessThan(0.5);
    });

    it('forgives a narrow strip a corner a pixel and a half out (about 2° off)', () => {
      const strip: Quad = [
        [200, 40],
        [232, 43.5],
        [226.5, 192],
        [194, 190],
      ];
      expect(viewDeviationDeg(strip, look)).toBeGreaterThan(1);
      expect(viewDeviationPx(strip, look)).toBeLessThan(1.5);
    });

    it('is measured in pixels of the frame: the same outline in a frame twice the size is twice as far off', () => {
      const trapezoid: Quad = [
        [115, 33],
        [232, 53],
        [212, 178],
        [87, 201],
      ];
      const twice = trapezoid.map(([x, y]) => [2 * x, 2 * y]) as unknown as Quad;
      const big = { width: 800, height: 450 };
      expect(viewDeviationDeg(twice, big)).toBeCloseTo(viewDeviationDeg(trapezoid, look), 9);
      expect(viewDeviationPx(twice, big) / viewDeviationPx(trapezoid, look)).toBeCloseTo(2, 1);
    });

    it('is within half a pixel for a sheet on the desk, and infinite for an outline no sheet can show', () => {
      expect(viewDeviationPx(seen(A4_SIZE_MM, 1000, 10, 5), frame)).toBeLessThan(0.5);
      expect(viewDeviationPx(dart, frame)).toBe(Infinity);
    });
  });
});
