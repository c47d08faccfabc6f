import { describe, expect, it } from 'vitest';
import { projectPage } from '../../../../test/camera/perspective-view';
import { applyHomography, rectQuad, solveHomography, type Point, type Quad } from '../geometry';
import { createRgba, resizeRgba, warpPerspective, type RgbaImage } from '../image';
import { straightenedSize, straightenPage } from './straighten';

const FRAME = { width: 1280, height: 960 };

/**
 * A page texture (2 px per mm of A4) with content at known places: a black
 * block near the top left, a red block near the bottom right, grey text-like
 * lines, white paper.
 */
function pageTexture(): RgbaImage {
  const width = 420;
  const height = 594;
  const page = createRgba(width, height);
  page.data.fill(255);
  const fill = (x0: number, y0: number, x1: number, y1: number, rgb: [number, number, number]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) page.data.set([...rgb, 255], (y * width + x) * 4);
  };
  fill(40, 40, 160, 120, [0, 0, 0]);
  fill(300, 480, 380, 560, [220, 30, 30]);
  for (let line = 0; line < 12; line++) fill(40, 160 + line * 24, 380 - (line % 3) * 60, 170 + line * 24, [90, 90, 90]);
  return page;
}

/** A camera frame showing `texture` with its corners at `quad`, on a dark desk. */
function frameShowing(texture: RgbaImage, quad: Quad): RgbaImage {
  const toTexture = solveHomography(quad, rectQuad(texture.width, texture.height))!;
  const frameCorners = rectQuad(FRAME.width, FRAME.height).map((p) => applyHomography(toTexture, p)) as unknown as Quad;
  // The frame's corners in the texture's coordinates: warping the texture by them renders the frame (white off the page)…
  const frame = warpPerspective(texture, frameCorners, FRAME.width, FRAME.height);
  // …then the desk outside the page is darkened, so nothing outside the outline can pass for paper.
  const inside = (p: Point) => {
    const [u, v] = applyHomography(toTexture, p);
    return u >= 0 && v >= 0 && u <= texture.width && v <= texture.height;
  };
  for (let y = 0; y < FRAME.height; y++) {
    for (let x = 0; x < FRAME.width; x++) if (!inside([x + 0.5, y + 0.5])) frame.data.set([40, 60, 50, 255], (y * FRAME.width + x) * 4);
  }
  return frame;
}

/** Mean absolute difference per channel between two images of one size, ignoring a border of `margin` pixels. */
function meanDifference(a: RgbaImage, b: RgbaImage, margin: number): number {
  let sum = 0;
  let n = 0;
  for (let y = margin; y < a.height - margin; y++) {
    for (let x = margin; x < a.width - margin; x++) {
      for (let c = 0; c < 3; c++) sum += Math.abs(a.data[(y * a.width + x) * 4 + c]! - b.data[(y * b.width + x) * 4 + c]!);
      n += 3;
    }
  }
  return sum / n;
}

describe('straightenPage', () => {
  const texture = pageTexture();

  it('gives A4 at 300 dpi as 2480 × 3508, landscape as seen, an ID card at true size', () => {
    expect(straightenedSize({ kind: 'a4', widthMm: 210, heightMm: 297 })).toEqual({ width: 2480, height: 3508 });
    expect(straightenedSize({ kind: 'a4', widthMm: 297, heightMm: 210 }, { dpi: 300 })).toEqual({ width: 3508, height: 2480 });
    expect(straightenedSize({ kind: 'idCard', widthMm: 85.6, heightMm: 54 }, { dpi: 600 })).toEqual({ width: 2022, height: 1276 });
    const preview = straightenedSize({ kind: 'a4', widthMm: 210, heightMm: 297 }, { maxPixels: 1280 * 720 });
    expect(preview.width * preview.height).toBeLessThanOrEqual(1280 * 720);
    expect(preview.width * preview.height).toBeGreaterThan(0.98 * 1280 * 720);
    expect(Math.abs(preview.height / preview.width - 3508 / 2480)).toBeLessThan(0.005);
  });

  it('straightens a page seen at a tilt: A4 size, the content where it belongs', () => {
    for (const tilt of [
      { tiltXDeg: 0, tiltYDeg: 0, spinDeg: 8 },
      { tiltXDeg: 20, tiltYDeg: -15, spinDeg: -10 },
      { tiltXDeg: -25, tiltYDeg: 18, spinDeg: 5 },
    ]) {
      const quad = projectPage({ widthMm: 210, heightMm: 297, frame: FRAME, focal: 0.9, fill: 0.8, ...tilt });
      const frame = frameShowing(texture, quad);
      const page = straightenPage(frame, quad, { dpi: 100 });
      expect({ width: page.width, height: page.height }).toEqual({ width: 827, height: 1169 });
      const back = resizeRgba(page, texture.width, texture.height);
      // Blocks and lines in place: the page matches its texture except for the blur of two resamplings.
      expect(meanDifference(back, texture, 4)).toBeLessThan(12);
      const at = (x: number, y: number) => [...back.data.subarray((y * back.width + x) * 4, (y * back.width + x) * 4 + 3)];
      expect(Math.max(...at(100, 80))).toBeLessThan(40);
      const red = at(340, 520);
      expect(red[0]).toBeGreaterThan(180);
      expect(red[1]).toBeLessThan(70);
      expect(Math.min(...at(390, 40))).toBeGreaterThan(230);
    }
  });

  it('straightens at 300 dpi and as a screen-size preview', () => {
    const quad = projectPage({ widthMm: 210, heightMm: 297, frame: FRAME, focal: 0.9, fill: 0.8, tiltXDeg: 10, spinDeg: 4 });
    const frame = frameShowing(texture, quad);
    const full = straightenPage(frame, quad);
    expect({ width: full.width, height: full.height }).toEqual({ width: 2480, height: 3508 });
    const preview = straightenPage(frame, quad, { maxPixels: 300 * 400 });
    expect(preview.width * preview.height).toBeLessThanOrEqual(300 * 400);
    expect(meanDifference(resizeRgba(preview, 210, 297), resizeRgba(texture, 210, 297), 3)).toBeLessThan(12);
  });

  it('keeps an ID card at its true size, from the size given or the one found', () => {
    const quad = projectPage({ widthMm: 85.6, heightMm: 54, frame: FRAME, focal: 0.9, fill: 0.4, tiltXDeg: 12 });
    const frame = frameShowing(texture, quad);
    const found = straightenPage(frame, quad, { dpi: 300 });
    expect({ width: found.width, height: found.height }).toEqual({ width: 1011, height: 638 });
    const given = straightenPage(frame, quad, { dpi: 300, size: { kind: 'other', widthMm: 100, heightMm: 50 } });
    expect({ width: given.width, height: given.height }).toEqual({ width: 1181, height: 591 });
  });
});
