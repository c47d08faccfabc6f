import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRgba, type RgbaImage } from '../image';
import { composeIdCardSheet, idCardSheetLayout, type Rect } from './id-card-sheet';

const pxOf = (mm: number, dpi: number) => (mm / 25.4) * dpi;

function solid(width: number, height: number, rgb: [number, number, number]): RgbaImage {
  const image = createRgba(width, height);
  for (let i = 0; i < image.data.length; i += 4) image.data.set([...rgb, 255], i);
  return image;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('idCardSheetLayout', () => {
  it('puts both sides at 85.6 × 54 mm on an A4 page, front above back, centred, apart, inside (property over dpi)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 72, max: 1200 }), (dpi) => {
        const { page, front, back } = idCardSheetLayout(dpi);
        expect(Math.abs(page.width - pxOf(210, dpi))).toBeLessThanOrEqual(0.5);
        expect(Math.abs(page.height - pxOf(297, dpi))).toBeLessThanOrEqual(0.5);
        for (const side of [front, back]) {
          expect(Math.abs(side.width - pxOf(85.6, dpi))).toBeLessThanOrEqual(1);
          expect(Math.abs(side.height - pxOf(54, dpi))).toBeLessThanOrEqual(1);
          expect(side.x).toBeGreaterThanOrEqual(0);
          expect(side.y).toBeGreaterThanOrEqual(0);
          expect(side.x + side.width).toBeLessThanOrEqual(page.width);
          expect(side.y + side.height).toBeLessThanOrEqual(page.height);
          // Centred across: the margins left and right differ by at most a pixel.
          expect(Math.abs(side.x - (page.width - side.x - side.width))).toBeLessThanOrEqual(1);
        }
        expect(overlaps(front, back)).toBe(false);
        expect(front.y + front.height).toBeLessThan(back.y);
        // A small gap: enough to cut along, under 2 cm.
        expect(back.y - (front.y + front.height)).toBeGreaterThanOrEqual(pxOf(5, dpi) - 1);
        expect(back.y - (front.y + front.height)).toBeLessThanOrEqual(pxOf(20, dpi) + 1);
      }),
    );
  });

  it('is 2480 × 3508 with 1011 × 638 cards at 300 dpi', () => {
    const { page, front, back } = idCardSheetLayout(300);
    expect(page).toEqual({ width: 2480, height: 3508 });
    expect([front.width, front.height, back.width, back.height]).toEqual([1011, 638, 1011, 638]);
  });
});

describe('composeIdCardSheet', () => {
  it('draws front and back exactly in their rectangles, white elsewhere, whatever the captures’ sizes', () => {
    for (const [dpi, frontSize, backSize] of [
      [150, [2000, 1262], [300, 190]],
      [300, [1011, 638], [1500, 946]],
    ] as const) {
      const sheet = composeIdCardSheet(solid(frontSize[0], frontSize[1], [200, 0, 0]), solid(backSize[0], backSize[1], [0, 0, 200]), dpi);
      const { page, front, back } = idCardSheetLayout(dpi);
      expect([sheet.width, sheet.height]).toEqual([page.width, page.height]);
      const inside = (r: Rect, x: number, y: number) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
      let wrong = 0;
      for (let y = 0; y < sheet.height; y++) {
        for (let x = 0; x < sheet.width; x++) {
          const i = (y * sheet.width + x) * 4;
          const rgba = [sheet.data[i], sheet.data[i + 1], sheet.data[i + 2], sheet.data[i + 3]].join();
          const expected = inside(front, x, y) ? '200,0,0,255' : inside(back, x, y) ? '0,0,200,255' : '255,255,255,255';
          if (rgba !== expected) wrong++;
        }
      }
      expect(wrong).toBe(0);
    }
  });

  it('lays an upright card flat and keeps its content in order', () => {
    // An upright capture, top half green: turned clockwise, the green half is on the right.
    const upright = createRgba(54, 86);
    for (let y = 0; y < 86; y++) for (let x = 0; x < 54; x++) upright.data.set([...(y < 43 ? [0, 200, 0] : [0, 0, 0]), 255], (y * 54 + x) * 4);
    const sheet = composeIdCardSheet(upright, solid(86, 54, [0, 0, 200]), 100);
    const { front } = idCardSheetLayout(100);
    const at = (x: number, y: number) => sheet.data[(y * sheet.width + x) * 4 + 1];
    const mid = front.y + Math.floor(front.height / 2);
    expect(at(front.x + front.width - 5, mid)).toBeGreaterThan(150);
    expect(at(front.x + 5, mid)).toBeLessThan(50);
  });
});
