import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeImage, encode565, encodeBgr24, encodeImage, encodeMono, imageByteLength, solidBitmap, splitBlocks, type RgbaBitmap } from './image';
import { stuModel } from './models';

/** A bitmap from rows of pixel colours. */
function bitmap(rows: Array<Array<[number, number, number, number?]>>): RgbaBitmap {
  const height = rows.length;
  const width = rows[0]!.length;
  const data = new Uint8Array(width * height * 4);
  rows.flat().forEach(([r, g, b, a = 255], i) => data.set([r, g, b, a], i * 4));
  return { width, height, data };
}
const K: [number, number, number] = [0, 0, 0];
const W: [number, number, number] = [255, 255, 255];

describe('1-bit', () => {
  it('pads each row to whole bytes, leftmost pixel in the high bit, a cleared bit is ink', () => {
    // 10 pixels wide: 2 bytes a row; the 6 padding bits stay set (white).
    const image = bitmap([
      [K, W, W, W, W, W, W, W, W, K],
      [W, W, W, W, W, W, W, K, K, W],
    ]);
    expect(Array.from(encodeMono(image))).toEqual([0b0111_1111, 0b1011_1111, 0b1111_1110, 0b0111_1111]);
  });

  it('thresholds grey and blends transparency on white', () => {
    const image = bitmap([[[100, 100, 100], [200, 200, 200], [0, 0, 0, 0], [0, 0, 0, 255]]]);
    expect(Array.from(encodeMono(image))).toEqual([0b0110_1111]);
  });
});

describe('565 and 24-bit', () => {
  it('565 is sent high byte first', () => {
    // red F800, green 07E0, blue 001F, (8,4,8) → 0000_1 000001 00001 = 0x0821
    const image = bitmap([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [8, 4, 8]]]);
    expect(Array.from(encode565(image))).toEqual([0xf8, 0x00, 0x07, 0xe0, 0x00, 0x1f, 0x08, 0x21]);
  });

  it('24-bit is sent B, G, R', () => {
    expect(Array.from(encodeBgr24(bitmap([[[1, 2, 3], [0xaa, 0xbb, 0xcc]]])))).toEqual([3, 2, 1, 0xcc, 0xbb, 0xaa]);
  });

  it('refuses a bitmap whose data does not match its size', () => {
    expect(() => encodeBgr24({ width: 2, height: 2, data: new Uint8Array(12) })).toThrow(/RGBA/);
  });
});

describe('blocks', () => {
  it('cuts the image into 253-byte payloads in order', () => {
    const bytes = Uint8Array.from({ length: 600 }, (_, i) => i & 0xff);
    const blocks = splitBlocks(bytes);
    expect(blocks.map((b) => b.length)).toEqual([253, 253, 94]);
    expect(Buffer.concat(blocks)).toEqual(Buffer.from(bytes));
    // STU-430 1-bit: 40 × 200 = 8000 bytes → 32 blocks; STU-540 24-bit: 800×480×3 = 1 152 000 → 4554 blocks.
    expect(splitBlocks(new Uint8Array(imageByteLength('mono', 320, 200))).length).toBe(32);
    expect(splitBlocks(new Uint8Array(imageByteLength('bgr24', 800, 480))).length).toBe(4554);
  });
});

describe('model table', () => {
  it('gives each model the encodings its screen takes', () => {
    expect(stuModel(0xa4)?.encodings).toEqual(['mono']);
    expect(stuModel(0xa2)?.encodings).toEqual(['mono']);
    expect(stuModel(0xa1)?.encodings).toEqual(['mono']);
    expect(stuModel(0xa3)?.encodings).toEqual(['rgb565', 'mono']);
    for (const pid of [0xa5, 0xa7, 0xa8]) expect(stuModel(pid)?.encodings).toEqual(['bgr24', 'rgb565', 'mono']);
    expect(stuModel(0xa9)?.tls).toBe(true);
    expect(stuModel(0xb0)).toBeNull();
  });
});

describe('round trips (property)', () => {
  const opaque = fc.tuple(fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 7 })).chain(([w, h]) =>
    fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })), { minLength: w * h, maxLength: w * h }).map((px) => {
      const data = new Uint8Array(w * h * 4);
      px.forEach(([r, g, b], i) => data.set([r, g, b, 255], i * 4));
      return { width: w, height: h, data } as RgbaBitmap;
    }),
  );

  it('24-bit keeps every pixel', () => {
    fc.assert(fc.property(opaque, (image) => {
        expect(decodeImage(encodeBgr24(image), "bgr24", image.width, image.height)).toEqual(image);
      }));
  });

  it('565 keeps the top 5/6/5 bits of every pixel and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(opaque, (image) => {
        const bytes = encode565(image);
        const back = decodeImage(bytes, 'rgb565', image.width, image.height);
        for (let i = 0; i < image.data.length; i += 4) {
          expect(back.data[i]! >> 3).toBe(image.data[i]! >> 3);
          expect(back.data[i + 1]! >> 2).toBe(image.data[i + 1]! >> 2);
          expect(back.data[i + 2]! >> 3).toBe(image.data[i + 2]! >> 3);
        }
        expect(encode565(back)).toEqual(bytes);
      }),
    );
  });

  it('1-bit of a black-and-white image comes back exactly, also through zlib', () => {
    const bw = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 })).chain(([w, h]) =>
      fc.array(fc.boolean(), { minLength: w * h, maxLength: w * h }).map((ink) => bitmap(Array.from({ length: h }, (_, y) => ink.slice(y * w, y * w + w).map((k) => (k ? K : W))))),
    );
    fc.assert(
      fc.property(bw, (image) => {
        expect(decodeImage(encodeMono(image), 'mono', image.width, image.height)).toEqual(image);
        const zipped = encodeImage(image, 'mono-zlib', (b) => deflateSync(b));
        expect(decodeImage(new Uint8Array(inflateSync(zipped)), 'mono', image.width, image.height)).toEqual(image);
      }),
    );
  });

  it('blocks join back to the image', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(Buffer.concat(splitBlocks(bytes))).toEqual(Buffer.from(bytes));
      }));
  });

  it('a white screen is all set bits in 1-bit', () => {
    expect(encodeMono(solidBitmap(320, 200, [255, 255, 255])).every((b) => b === 0xff)).toBe(true);
  });
});
