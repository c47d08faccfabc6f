import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rectQuad, type Point, type Quad } from './geometry';
import { createRgba, resizeGray, resizeRgba, toGray, warpPerspective, type GrayImage, type RgbaImage } from './image';

/** An RGBA image whose channels are f(x, y) at each pixel centre. */
function paint(width: number, height: number, f: (x: number, y: number) => [number, number, number]): RgbaImage {
  const image = createRgba(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = f(x, y);
      image.data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return image;
}

/** Deterministic noise in 0..255 (a small LCG): test images that are not smooth. */
function noiseImage(width: number, height: number, seed: number): RgbaImage {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  };
  return paint(width, height, () => [next(), next(), next()]);
}

/** A smooth pattern: slow waves, so bilinear sampling at a non-integer position is close to the true value. */
const smooth = (x: number, y: number): [number, number, number] => [
  128 + 100 * Math.sin(x / 17) * Math.cos(y / 23),
  128 + 100 * Math.cos((x + y) / 29),
  40 + x / 4,
];

const mean = (image: GrayImage) => image.data.reduce((s, v) => s + v, 0) / image.data.length;

describe('toGray', () => {
  it('uses BT.601 luma weights', () => {
    const image = createRgba(4, 1);
    image.data.set([255, 255, 255, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]);
    expect([...toGray(image).data]).toEqual([255, 76, 149, 28]);
  });
});

describe('warpPerspective', () => {
  it('reproduces the image through the identity quad', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer(), (width, height, seed) => {
        const source = noiseImage(width, height, seed);
        const out = warpPerspective(source, rectQuad(width, height), width, height);
        expect(out.width).toBe(width);
        expect(out.height).toBe(height);
        for (let i = 0; i < out.data.length; i++) expect(Math.abs(out.data[i]! - source.data[i]!)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('turns the image a quarter turn when the quad starts at its top-right corner', () => {
    const width = 37;
    const height = 23;
    const source = noiseImage(width, height, 7);
    // Output TL = source TR, output TR = source BR: the page read with its right edge up, i.e. turned anticlockwise.
    const out = warpPerspective(
      source,
      [
        [width, 0],
        [width, height],
        [0, height],
        [0, 0],
      ],
      height,
      width,
    );
    for (let y = 0; y < width; y++) {
      for (let x = 0; x < height; x++) {
        const o = (y * height + x) * 4;
        const s = (x * width + (width - 1 - y)) * 4;
        for (let c = 0; c < 3; c++) expect(Math.abs(out.data[o + c]! - source.data[s + c]!)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('straightens a page turned by a known angle within tolerance', () => {
    const source = paint(400, 300, smooth);
    for (const deg of [-20, 7, 33]) {
      const a = (deg * Math.PI) / 180;
      const [cx, cy, w, h] = [200, 150, 160, 100];
      // The rectangle w × h turned by a about (cx, cy), read from its own top-left.
      const at = (u: number, v: number): Point => [
        cx + (u - w / 2) * Math.cos(a) - (v - h / 2) * Math.sin(a),
        cy + (u - w / 2) * Math.sin(a) + (v - h / 2) * Math.cos(a),
      ];
      const quad: Quad = [at(0, 0), at(w, 0), at(w, h), at(0, h)];
      const out = warpPerspective(source, quad, w, h);
      let worst = 0;
      for (let v = 0; v < h; v++) {
        for (let u = 0; u < w; u++) {
          const [sx, sy] = at(u + 0.5, v + 0.5);
          const expected = smooth(sx - 0.5, sy - 0.5);
          const o = (v * w + u) * 4;
          for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(out.data[o + c]! - expected[c]!));
        }
      }
      expect(worst).toBeLessThan(4);
    }
  });

  it('paints white where the quad reaches outside the source, and refuses a degenerate quad', () => {
    const source = paint(10, 10, () => [0, 0, 0]);
    const out = warpPerspective(source, rectQuad(20, 10), 20, 10);
    expect([...out.data.subarray(0, 4)]).toEqual([0, 0, 0, 255]);
    expect([...out.data.subarray(19 * 4, 20 * 4)]).toEqual([255, 255, 255, 255]);
    expect(() =>
      warpPerspective(
        source,
        [
          [0, 0],
          [5, 0],
          [10, 0],
          [0, 10],
        ],
        5,
        5,
      ),
    ).toThrow(RangeError);
  });
});

describe('resizeGray', () => {
  it('preserves the mean brightness when shrinking and enlarging', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 120 }),
        fc.integer({ min: 8, max: 120 }),
        fc.integer({ min: 1, max: 160 }),
        fc.integer({ min: 1, max: 160 }),
        fc.integer(),
        (width, height, toWidth, toHeight, seed) => {
          const source = toGray(noiseImage(width, height, seed));
          const out = resizeGray(source, toWidth, toHeight);
          expect(out.width).toBe(toWidth);
          expect(out.height).toBe(toHeight);
          expect(out.data.length).toBe(toWidth * toHeight);
          // Area averaging of noise: the mean moves by little; 1×1 outputs average everything.
          const tolerance = toWidth * toHeight < 16 ? 40 : 12;
          expect(Math.abs(mean(out) - mean(source))).toBeLessThan(tolerance);
        },
      ),
    );
  });

  it('keeps the exact mean for whole-number shrink factors, and a flat image flat', () => {
    const source = toGray(noiseImage(96, 64, 3));
    expect(mean(resizeGray(source, 24, 16))).toBeCloseTo(mean(source), 0);
    const flat: GrayImage = { width: 50, height: 30, data: new Uint8Array(1500).fill(173) };
    for (const [w, h] of [
      [7, 3],
      [50, 30],
      [133, 71],
    ] as const)
      expect(resizeGray(flat, w, h).data.every((v) => v === 173)).toBe(true);
  });
});

describe('resizeRgba', () => {
  it('averages blocks when shrinking', () => {
    const source = paint(4, 2, (x) => (x < 2 ? [0, 100, 200] : [200, 100, 0]));
    const out = resizeRgba(source, 2, 1);
    expect([...out.data]).toEqual([0, 100, 200, 255, 200, 100, 0, 255]);
  });
});
