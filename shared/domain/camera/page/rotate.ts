import { createRgba, type RgbaImage } from '../image';

/**
 * The image turned by `turns` quarter turns clockwise (the panel's 旋转;
 * negative turns go anticlockwise). Exact: pixels are moved, not resampled.
 */
export function rotateQuarterTurns(image: RgbaImage, turns: number): RgbaImage {
  const t = (((Math.trunc(turns) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  if (t === 0) return image;
  const { width: w, height: h, data: src } = image;
  const out = t === 2 ? createRgba(w, h) : createRgba(h, w);
  const dst = out.data;
  // A decoder's Buffer may start at any byte of its pool: words need an aligned start, so such a source is copied.
  const aligned = src.byteOffset % 4 === 0 ? src : new Uint8Array(src);
  const src32 = new Uint32Array(aligned.buffer, aligned.byteOffset, w * h);
  const dst32 = new Uint32Array(dst.buffer, dst.byteOffset, w * h);
  // One 32-bit word per RGBA pixel; the source is walked in order, each pixel written to where it lands.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = src32[y * w + x]!;
      if (t === 1) dst32[x * h + (h - 1 - y)] = p;
      else if (t === 2) dst32[(h - 1 - y) * w + (w - 1 - x)] = p;
      else dst32[(w - 1 - x) * h + y] = p;
    }
  }
  return out;
}
