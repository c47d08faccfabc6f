import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRgba, type RgbaImage } from '../image';
import { applyCaptureMode } from './capture-mode';
import { rotateQuarterTurns } from './rotate';

/** Deterministic pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A text page as the camera sees it: lines of glyph-like strokes (2–3 px,
 * as 10 pt text at 300 dpi is, blurred by a pixel), paper 235 and ink 30, under a light that
 * falls from full at the top left to 30 % at the bottom right with a lamp's
 * hot spot, plus sensor noise. Returns the image and the truth (1 = ink).
 */
function litTextPage(width: number, height: number, seed: number, withText = true): { image: RgbaImage; ink: Uint8Array } {
  const next = random(seed);
  const ink = new Uint8Array(width * height);
  if (withText) {
    for (let top = 40; top + 24 < height - 40; top += 36) {
      for (let left = 40; left + 18 < width - 40; left += 20) {
        if (next() < 0.15) continue; // a space between words
        // A glyph: a few horizontal and vertical strokes in an 16 × 22 cell.
        for (let s = 0; s < 3; s++) {
          const thick = 2 + Math.floor(next() * 2);
          if (next() < 0.5) {
            const y = top + Math.floor(next() * (22 - thick));
            for (let yy = y; yy < y + thick; yy++) for (let x = left; x < left + 16; x++) ink[yy * width + x] = 1;
          } else {
            const x = left + Math.floor(next() * (16 - thick));
            for (let y = top; y < top + 22; y++) for (let xx = x; xx < x + thick; xx++) ink[y * width + xx] = 1;
          }
        }
      }
    }
  }
  const image = createRgba(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const fall = 1 - 0.7 * ((x / width + y / height) / 2);
      const spot = 0.25 * Math.exp(-(((x - 0.3 * width) / (0.2 * width)) ** 2 + ((y - 0.25 * height) / (0.2 * height)) ** 2));
      const light = Math.min(1.15, fall + spot);
      // The lens blurs each stroke's edge over a pixel either side.
      let cover = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) cover += ink[Math.min(height - 1, Math.max(0, y + dy)) * width + Math.min(width - 1, Math.max(0, x + dx))]!;
      cover /= 9;
      const value = (235 - 205 * cover) * light + (next() - 0.5) * 12;
      image.data.set([value * 1.02, value, value * 0.95, 255], (y * width + x) * 4);
    }
  }
  return { image, ink };
}

describe('applyCaptureMode', () => {
  it('keeps colour as captured', () => {
    const { image } = litTextPage(120, 90, 1);
    expect(applyCaptureMode(image, 'colour')).toBe(image);
  });

  it('makes black-and-white a clean scan: ≥ 98 % of pixels right under a strong light gradient', () => {
    for (const seed of [1, 2, 3]) {
      const { image, ink } = litTextPage(900, 1200, seed);
      const bw = applyCaptureMode(image, 'bw');
      let right = 0;
      let inkRight = 0;
      let inkTotal = 0;
      let notBw = 0;
      for (let i = 0; i < ink.length; i++) {
        const v = bw.data[i * 4]!;
        if (v !== 0 && v !== 255) notBw++;
        if ((v === 0) === (ink[i] === 1)) right++;
        if (ink[i]) {
          inkTotal++;
          if (v === 0) inkRight++;
        }
      }
      expect(notBw).toBe(0);
      expect(right / ink.length).toBeGreaterThanOrEqual(0.98);
      // And the text is there, not lost to white.
      expect(inkRight / inkTotal).toBeGreaterThan(0.9);
    }
  });

  it('keeps bold strokes and filled areas solid, not hollow', () => {
    const { image } = litTextPage(600, 800, 5, false);
    // A 40 px bar and a 120 px block of ink (a heading stroke, a stamp's fill), under the same light.
    const inBlock = (x: number, y: number) => (y >= 100 && y < 140 && x >= 50 && x < 550) || (y >= 300 && y < 420 && x >= 200 && x < 320);
    for (let y = 0; y < 800; y++) for (let x = 0; x < 600; x++) if (inBlock(x, y)) for (let c = 0; c < 3; c++) image.data[(y * 600 + x) * 4 + c] = Math.round(image.data[(y * 600 + x) * 4 + c]! * 0.15);
    const bw = applyCaptureMode(image, 'bw');
    let white = 0;
    let total = 0;
    for (let y = 0; y < 800; y++) {
      for (let x = 0; x < 600; x++) {
        if (!inBlock(x, y)) continue;
        total++;
        if (bw.data[(y * 600 + x) * 4] === 255) white++;
      }
    }
    expect(white / total).toBeLessThan(0.001);
  });

  it('leaves blank paper white under the same light: no speckle', () => {
    const { image } = litTextPage(600, 800, 4, false);
    const bw = applyCaptureMode(image, 'bw');
    let black = 0;
    for (let i = 0; i < bw.data.length; i += 4) if (bw.data[i] === 0) black++;
    expect(black / (600 * 800)).toBeLessThan(0.0005);
  });

  it('makes grey a gentle stretch: grey pixels, order kept, low contrast widened by at most 1.6×', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 5, max: 55 }), fc.integer(), (low, span, seed) => {
        const next = random(seed);
        const image = createRgba(40, 30);
        for (let i = 0; i < image.data.length; i += 4) {
          const v = low + Math.round(next() * span);
          image.data.set([v, v, v, 255], i);
        }
        const grey = applyCaptureMode(image, 'grey');
        const pairs: Array<[number, number]> = [];
        let notGrey = 0;
        for (let i = 0; i < grey.data.length; i += 4) {
          if (grey.data[i] !== grey.data[i + 1] || grey.data[i] !== grey.data[i + 2] || grey.data[i + 3] !== 255) notGrey++;
          pairs.push([image.data[i]!, grey.data[i]!]);
        }
        expect(notGrey).toBe(0);
        pairs.sort((a, b) => a[0] - b[0]);
        expect(pairs.every((p, k) => k === 0 || p[1] >= pairs[k - 1]![1])).toBe(true);
        const outSpan = pairs[pairs.length - 1]![1] - pairs[0]![1];
        expect(outSpan).toBeGreaterThanOrEqual(span);
        expect(outSpan).toBeLessThanOrEqual(Math.ceil(span * 1.6) + 1);
      }),
    );
  });

  it('stretches a dull page to use the full range', () => {
    const image = createRgba(100, 100);
    for (let i = 0; i < image.data.length; i += 4) {
      const v = i / 4 < 5000 ? 40 : 230;
      image.data.set([v, v, v, 255], i);
    }
    const grey = applyCaptureMode(image, 'grey');
    expect(grey.data[0]).toBe(0);
    expect(grey.data[grey.data.length - 4]).toBe(255);
  });
});

describe('rotateQuarterTurns', () => {
  const numbered = (width: number, height: number) => {
    const image = createRgba(width, height);
    for (let i = 0; i < width * height; i++) image.data.set([i & 255, (i >> 8) & 255, 7, 255], i * 4);
    return image;
  };
  const pixel = (image: RgbaImage, x: number, y: number) => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];

  it('turns clockwise: the top-left corner goes to the top right', () => {
    const image = numbered(5, 3);
    const turned = rotateQuarterTurns(image, 1);
    expect([turned.width, turned.height]).toEqual([3, 5]);
    expect(pixel(turned, 2, 0)).toEqual(pixel(image, 0, 0));
    expect(pixel(turned, 0, 0)).toEqual(pixel(image, 0, 2));
    expect(pixel(turned, 0, 4)).toEqual(pixel(image, 4, 2));
    const upside = rotateQuarterTurns(image, 2);
    expect(pixel(upside, 4, 2)).toEqual(pixel(image, 0, 0));
    const back = rotateQuarterTurns(image, -1);
    expect(pixel(back, 0, 4)).toEqual(pixel(image, 0, 0));
  });

  it('comes back after four turns, and a turn undoes its opposite (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: -9, max: 9 }), (w, h, turns) => {
        const image = numbered(w, h);
        let four: RgbaImage = image;
        for (let k = 0; k < 4; k++) four = rotateQuarterTurns(four, turns);
        expect([...four.data]).toEqual([...image.data]);
        expect([...rotateQuarterTurns(rotateQuarterTurns(image, turns), -turns).data]).toEqual([...image.data]);
      }),
    );
  });

  it('turns a decoder buffer that starts at an odd byte', () => {
    const bytes = new Uint8Array(1 + 2 * 3 * 4).subarray(1);
    bytes.set([...numbered(2, 3).data]);
    const turned = rotateQuarterTurns({ width: 2, height: 3, data: bytes }, 1);
    expect(pixel(turned, 2, 0)).toEqual([0, 0, 7, 255]);
  });
});
