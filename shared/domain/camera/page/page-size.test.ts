import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisSlopes, projectPage, type PageView } from '../../../../test/camera/perspective-view';
import { type Quad } from '../geometry';
import { pageSizeFor, perspectiveAspect } from './page-size';

const FRAME = { width: 1280, height: 720 };
const EIGHT_MP = { width: 3264, height: 2448 };

/** Tilts a document camera or a hand-held capture gives: straight, one axis, both, with the page turned on the desk. */
const TILTS: Array<Pick<PageView, 'tiltXDeg' | 'tiltYDeg' | 'spinDeg' | 'shiftMm'>> = [
  {},
  { spinDeg: 12 },
  { tiltXDeg: 18 },
  { tiltYDeg: -22 },
  { tiltXDeg: 25, tiltYDeg: 15, spinDeg: 8 },
  { tiltXDeg: -30, tiltYDeg: 20, spinDeg: -15, shiftMm: [40, -20] },
  { tiltXDeg: 35, tiltYDeg: -25, spinDeg: 20, shiftMm: [-30, 30] },
];

const view = (widthMm: number, heightMm: number, extra: Partial<PageView> = {}): Quad =>
  projectPage({ widthMm, heightMm, frame: FRAME, focal: 0.9, ...extra });

describe('pageSizeFor', () => {
  it('recovers A4 portrait at various tilts and focal lengths', () => {
    for (const tilt of TILTS) {
      for (const focal of [0.7, 0.9, 1.3]) {
        // Where one pair of sides stays parallel the focal length is unobservable: those views are checked at the usual lens only.
        if ((!tilt.tiltXDeg || !tilt.tiltYDeg) && focal !== 0.9 && (tilt.tiltXDeg || tilt.tiltYDeg)) continue;
        const quad = view(210, 297, { ...tilt, focal });
        expect(pageSizeFor(quad, FRAME), JSON.stringify({ tilt, focal })).toEqual({ kind: 'a4', widthMm: 210, heightMm: 297 });
      }
    }
  });

  it('says landscape when the page lies sideways', () => {
    for (const tilt of TILTS) expect(pageSizeFor(view(297, 210, tilt), FRAME)).toEqual({ kind: 'a4', widthMm: 297, heightMm: 210 });
  });

  it('recovers an ID card, landscape or upright, in a large frame', () => {
    for (const tilt of TILTS) {
      expect(pageSizeFor(projectPage({ widthMm: 85.6, heightMm: 54, frame: EIGHT_MP, focal: 0.9, fill: 0.3, ...tilt }), EIGHT_MP)).toEqual({
        kind: 'idCard',
        widthMm: 85.6,
        heightMm: 54,
      });
      expect(pageSizeFor(view(54, 85.6, tilt), FRAME)).toEqual({ kind: 'idCard', widthMm: 54, heightMm: 85.6 });
    }
  });

  it('recovers an 80 mm receipt with its length', () => {
    for (const length of [180, 300, 450]) {
      for (const tilt of TILTS) {
        const size = pageSizeFor(view(80, length, tilt), FRAME);
        expect(size.kind).toBe('receipt');
        expect(size.widthMm).toBe(80);
        expect(Math.abs(size.heightMm / length - 1)).toBeLessThan(0.04);
      }
    }
  });

  it("says 'other' for a square, with its proportions, sized to fit A4", () => {
    for (const tilt of TILTS) {
      const size = pageSizeFor(view(150, 150, tilt), FRAME);
      expect(size.kind).toBe('other');
      expect(Math.abs(size.widthMm / size.heightMm - 1)).toBeLessThan(0.03);
      expect(Math.max(size.widthMm, size.heightMm)).toBeLessThanOrEqual(210);
    }
  });

  it('tells A5 from A4 when the view width is known', () => {
    // The frame's width at the desk: what the page's distance and the lens give.
    const fill = 0.6;
    const viewWidthMm = (297 / (fill * FRAME.height)) * FRAME.width;
    expect(pageSizeFor(view(148, 210, { fill: (fill * 210) / 297 }), FRAME, { viewWidthMm }).kind).toBe('a5');
    expect(pageSizeFor(view(210, 297, { fill }), FRAME, { viewWidthMm }).kind).toBe('a4');
    expect(pageSizeFor(view(148, 210, { fill: (fill * 210) / 297 }), FRAME).kind).toBe('a4');
  });

  it('estimates the proportions of any rectangle within 3 % when the view shows the lens (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          aspect: fc.double({ min: 0.3, max: 3, noNaN: true }),
          // The focal length is observable only when both pairs of sides converge visibly: both tilts at least 12°…
          tiltX: fc.tuple(fc.double({ min: 12, max: 30, noNaN: true }), fc.boolean()).map(([d, up]) => (up ? d : -d)),
          tiltY: fc.tuple(fc.double({ min: 12, max: 30, noNaN: true }), fc.boolean()).map(([d, up]) => (up ? d : -d)),
          spin: fc.double({ min: -20, max: 20, noNaN: true }),
          focal: fc.double({ min: 0.7, max: 1.4, noNaN: true }),
        }),
        ({ aspect, tiltX, tiltY, spin, focal }) => {
          const pose: PageView = { widthMm: 200 * aspect, heightMm: 200, frame: FRAME, focal, tiltXDeg: tiltX, tiltYDeg: tiltY, spinDeg: spin };
          // Tilt and spin can cancel for one axis (its sides stay parallel): then the lens is unobservable, as below.
          const slopes = axisSlopes(pose);
          fc.pre(Math.min(slopes.width, slopes.height) > 0.2);
          const quad = projectPage(pose);
          expect(Math.abs(perspectiveAspect(quad, FRAME) / aspect - 1)).toBeLessThan(0.03);
        },
      ),
    );
  });

  it('still says A4 with a pixel of detection noise on each corner (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: -15, max: 15, noNaN: true }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (tiltX, tiltY, spin, noise) => {
          const exact = view(210, 297, { tiltXDeg: tiltX, tiltYDeg: tiltY, spinDeg: spin });
          const noisy = exact.map(([x, y], i) => [x + noise[2 * i]!, y + noise[2 * i + 1]!]) as unknown as Quad;
          expect(pageSizeFor(noisy, FRAME).kind).toBe('a4');
        },
      ),
    );
  });

  it('is close at the assumed lens when only one pair of sides converges, and exact seen straight on', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 3, noNaN: true }), fc.double({ min: -35, max: 35, noNaN: true }), fc.boolean(), (aspect, tilt, aboutX) => {
        const quad = projectPage({ widthMm: 200 * aspect, heightMm: 200, frame: FRAME, focal: 0.9, ...(aboutX ? { tiltXDeg: tilt } : { tiltYDeg: tilt }) });
        expect(Math.abs(perspectiveAspect(quad, FRAME) / aspect - 1)).toBeLessThan(0.02);
      }),
    );
    expect(perspectiveAspect(view(210, 297), FRAME)).toBeCloseTo(210 / 297, 9);
  });
});
