import { describe, expect, it } from 'vitest';
import { detectAndRefine, refinePage } from '../../shared/domain/camera/detect';
import { jaccardIndex, type Quad } from '../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { detectOnCapture, HINT_MIN_CONFIDENCE, renderPage } from './page-render';

/** A light page on a dark desk, its true outline PAGE. */
function deskFrame(width = 640, height = 480): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const onPage = x >= 160 && x < 480 && y >= 80 && y < 400;
      const v = onPage ? 235 : 40 + ((x * 7 + y * 13) % 11);
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}
const PAGE: Quad = [
  [160, 80],
  [480, 80],
  [480, 400],
  [160, 400],
];
const DOC = { width: 320, height: 320 };
const shifted = (q: Quad, dx: number, dy: number): Quad => q.map(([x, y]) => [x + dx, y + dy] as const) as unknown as Quad;

describe('capture from the live outline (hint)', () => {
  it('a good, confident hint a few pixels off is refined onto the page edges, without the full-frame search', () => {
    const frame = deskFrame();
    const hint = { quad: shifted(PAGE, 3, -2), confidence: 0.95 };
    const found = detectOnCapture(frame, 'page', hint);
    expect(found.reason).toBe('found');
    expect(found.confidence).toBe(0.95);
    expect(found.corners).toEqual(refinePage(frame, hint.quad));
    expect(jaccardIndex(found.corners, PAGE, DOC)).toBeGreaterThan(0.99);
  });

  it('a hint the detector was not sure of is not used: the full frame is searched', () => {
    const frame = deskFrame();
    const found = detectOnCapture(frame, 'page', { quad: shifted(PAGE, 3, -2), confidence: HINT_MIN_CONFIDENCE - 0.01 });
    expect(found).toEqual(detectAndRefine(frame, { expect: 'page' }));
  });

  it('a hint far from any edge (the page moved) cannot be refined: the full frame is searched', () => {
    const frame = deskFrame();
    const found = detectOnCapture(frame, 'page', { quad: shifted(PAGE, -120, 40), confidence: 0.99 });
    expect(found).toEqual(detectAndRefine(frame, { expect: 'page' }));
    expect(jaccardIndex(found.corners, PAGE, DOC)).toBeGreaterThan(0.99);
  });
});

describe('the corner editor’s picture of a captured frame', () => {
  it('is the whole frame area-averaged to the longer side asked for; a smaller frame is copied at its own size', () => {
    const frame = deskFrame(640, 480);
    const frames = new Map([['s1', frame]]);
    const shrunk = renderPage(frames, { kind: 'frame', slot: 's1', longSide: 320 }, 'preview');
    expect([shrunk.width, shrunk.height]).toEqual([320, 240]);
    // Page (235) and desk (about 45) where they are in the frame, halved.
    expect(shrunk.data[(120 * 320 + 160) * 4]).toBe(235);
    expect(shrunk.data[(10 * 320 + 10) * 4]).toBeLessThan(60);
    const same = renderPage(frames, { kind: 'frame', slot: 's1', longSide: 1200 }, 'preview');
    expect([same.width, same.height]).toEqual([640, 480]);
    expect(Buffer.from(same.data.buffer).equals(Buffer.from(frame.data.buffer))).toBe(true);
    expect(same.data === frame.data).toBe(false); // the frame stays the worker's for the page itself
  });

  it('names the frame it lacks', () => {
    expect(() => renderPage(new Map(), { kind: 'frame', slot: 's9', longSide: 100 }, 'preview')).toThrow('no frame s9');
  });
});
