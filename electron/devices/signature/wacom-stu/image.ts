/**
 * Images for the STU screen (specs/devices.md "Signature pad"), pure:
 * an RGBA bitmap in, the bytes of the model's image mode out, split into
 * the 0x26 data blocks. Compression (1-bit zlib) is handed in by the caller,
 * so this file does no I/O and needs no Node module.
 *
 *  - 1-bit: rows padded to whole bytes, leftmost pixel in the high bit;
 *    a SET bit is white (background), a CLEARED bit is ink.
 *  - 16-bit 565: R 5 bits, G 6, B 5, the high byte first.
 *  - 24-bit: each pixel as B, G, R.
 */

/** Pixels, 4 bytes each (R, G, B, A), row by row from the top left. */
export interface RgbaBitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The image encodings an STU screen can take. */
export type ImageEncoding = 'mono' | 'mono-zlib' | 'rgb565' | 'bgr24';

/** The 0x25 mode byte of each encoding (the bulk variants 0x10/0x12/0x14 need a USB bulk endpoint, which hidraw does not give). */
export const IMAGE_MODE: Record<ImageEncoding, number> = { mono: 0x00, 'mono-zlib': 0x01, rgb565: 0x02, bgr24: 0x04 };

export function encodingOfMode(mode: number): ImageEncoding | null {
  const found = (Object.keys(IMAGE_MODE) as ImageEncoding[]).find((e) => IMAGE_MODE[e] === mode);
  return found ?? null;
}

/** Payload bytes in one 0x26 block. */
export const IMAGE_BLOCK_MAX = 253;

/** Whether a pixel is ink on a 1-bit screen: darker than mid-grey once blended on white. */
function isInk(data: Uint8Array, i: number): boolean {
  const a = data[i + 3]! / 255;
  const r = data[i]! * a + 255 * (1 - a);
  const g = data[i + 1]! * a + 255 * (1 - a);
  const b = data[i + 2]! * a + 255 * (1 - a);
  // Rec. 601 luma: text anti-aliased by Chromium keeps its strokes, not its halo.
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

/** An opaque colour of a pixel, blended on white (the screen's background). */
function rgb(data: Uint8Array, i: number): [number, number, number] {
  const a = data[i + 3]! / 255;
  const on = (c: number) => Math.round(c * a + 255 * (1 - a));
  return [on(data[i]!), on(data[i + 1]!), on(data[i + 2]!)];
}

function checkBitmap(bitmap: RgbaBitmap): void {
  if (!Number.isInteger(bitmap.width) || !Number.isInteger(bitmap.height) || bitmap.width <= 0 || bitmap.height <= 0) {
    throw new Error(`bad image size ${bitmap.width}×${bitmap.height}`);
  }
  if (bitmap.data.length !== bitmap.width * bitmap.height * 4) {
    throw new Error(`image data is ${bitmap.data.length} bytes, ${bitmap.width}×${bitmap.height} RGBA needs ${bitmap.width * bitmap.height * 4}`);
  }
}

export function monoRowBytes(width: number): number {
  return Math.ceil(width / 8);
}

/** 1-bit: a cleared bit is ink; the padding bits of a row stay set (white). */
export function encodeMono(bitmap: RgbaBitmap): Uint8Array {
  checkBitmap(bitmap);
  const rowBytes = monoRowBytes(bitmap.width);
  const out = new Uint8Array(rowBytes * bitmap.height).fill(0xff);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (isInk(bitmap.data, (y * bitmap.width + x) * 4)) out[y * rowBytes + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
  }
  return out;
}

/** 16-bit 565, high byte first. */
export function encode565(bitmap: RgbaBitmap): Uint8Array {
  checkBitmap(bitmap);
  const out = new Uint8Array(bitmap.width * bitmap.height * 2);
  for (let p = 0; p < bitmap.width * bitmap.height; p++) {
    const [r, g, b] = rgb(bitmap.data, p * 4);
    const v = ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3);
    out[p * 2] = v >> 8;
    out[p * 2 + 1] = v & 0xff;
  }
  return out;
}

/** 24-bit, each pixel B, G, R. */
export function encodeBgr24(bitmap: RgbaBitmap): Uint8Array {
  checkBitmap(bitmap);
  const out = new Uint8Array(bitmap.width * bitmap.height * 3);
  for (let p = 0; p < bitmap.width * bitmap.height; p++) {
    const [r, g, b] = rgb(bitmap.data, p * 4);
    out[p * 3] = b;
    out[p * 3 + 1] = g;
    out[p * 3 + 2] = r;
  }
  return out;
}

/** The bytes of an image in an encoding; 1-bit zlib compresses the 1-bit bytes with `compress` (zlib format, node:zlib's deflateSync at the edge). */
export function encodeImage(bitmap: RgbaBitmap, encoding: ImageEncoding, compress?: (bytes: Uint8Array) => Uint8Array): Uint8Array {
  switch (encoding) {
    case 'mono':
      return encodeMono(bitmap);
    case 'mono-zlib':
      if (!compress) throw new Error('1-bit zlib needs a compressor');
      return compress(encodeMono(bitmap));
    case 'rgb565':
      return encode565(bitmap);
    case 'bgr24':
      return encodeBgr24(bitmap);
  }
}

/** Uncompressed image size in bytes of an encoding (for the 1-bit zlib mode: of the 1-bit image once inflated). */
export function imageByteLength(encoding: ImageEncoding, width: number, height: number): number {
  if (encoding === 'rgb565') return width * height * 2;
  if (encoding === 'bgr24') return width * height * 3;
  return monoRowBytes(width) * height;
}

/** Back to RGBA (for tests and the simulator, which keeps what the screen would show). 1-bit decodes to black and white. */
export function decodeImage(bytes: Uint8Array, encoding: Exclude<ImageEncoding, 'mono-zlib'>, width: number, height: number): RgbaBitmap {
  const expected = imageByteLength(encoding, width, height);
  if (bytes.length !== expected) throw new Error(`${encoding} ${width}×${height} needs ${expected} bytes, got ${bytes.length}`);
  const data = new Uint8Array(width * height * 4);
  const rowBytes = monoRowBytes(width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      let r: number, g: number, b: number;
      if (encoding === 'mono') {
        r = g = b = bytes[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0;
      } else if (encoding === 'rgb565') {
        const v = (bytes[p * 2]! << 8) | bytes[p * 2 + 1]!;
        // Expanded by repeating the high bits, so white stays 255 and black 0.
        const r5 = v >> 11, g6 = (v >> 5) & 0x3f, b5 = v & 0x1f;
        r = (r5 << 3) | (r5 >> 2);
        g = (g6 << 2) | (g6 >> 4);
        b = (b5 << 3) | (b5 >> 2);
      } else {
        b = bytes[p * 3]!;
        g = bytes[p * 3 + 1]!;
        r = bytes[p * 3 + 2]!;
      }
      data.set([r, g, b, 255], p * 4);
    }
  }
  return { width, height, data };
}

/** The image bytes cut into 0x26 payloads of at most 253 bytes, in order. */
export function splitBlocks(bytes: Uint8Array, max = IMAGE_BLOCK_MAX): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += max) blocks.push(bytes.subarray(at, Math.min(bytes.length, at + max)));
  return blocks;
}

/** A blank bitmap of one colour (idle screens, tests). */
export function solidBitmap(width: number, height: number, [r, g, b]: readonly [number, number, number]): RgbaBitmap {
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([r, g, b, 255], p * 4);
  return { width, height, data };
}

/** White with a 2-pixel black rectangle outline: the signing box alone, when the prompt could not be drawn. */
export function outlineBitmap(width: number, height: number, box: { left: number; top: number; right: number; bottom: number }): RgbaBitmap {
  const bitmap = solidBitmap(width, height, [255, 255, 255]);
  const ink = (x: number, y: number) => {
    if (x >= 0 && y >= 0 && x < width && y < height) bitmap.data.set([0, 0, 0, 255], (y * width + x) * 4);
  };
  for (let t = 0; t < 2; t++) {
    for (let x = box.left; x <= box.right; x++) {
      ink(x, box.top + t);
      ink(x, box.bottom - t);
    }
    for (let y = box.top; y <= box.bottom; y++) {
      ink(box.left + t, y);
      ink(box.right - t, y);
    }
  }
  return bitmap;
}
