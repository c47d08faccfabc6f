import type { RgbaImage } from '../image';

/**
 * A frame as three float colour planes at the detector's working size. The
 * detector looks at colour, not only luma: a white page on a light-grey or
 * beige desk can differ from it more in one channel than in brightness.
 */
export interface ColourPlanes {
  readonly width: number;
  readonly height: number;
  readonly r: Float32Array;
  readonly g: Float32Array;
  readonly b: Float32Array;
}

/**
 * Area-average shrink of an RGBA frame into colour planes, in one pass over
 * the source. Each output pixel averages the source pixels it covers; for a
 * large shrink (an 8 MP capture) only every `stride`-th source row and column
 * is read, which still averages a dozen or more pixels per output pixel (so
 * noise and fine text are smoothed) at a fraction of the cost.
 */
export function shrinkToPlanes(frame: RgbaImage, width: number, height: number): ColourPlanes {
  const sw = frame.width;
  const sh = frame.height;
  const factor = Math.min(sw / width, sh / height);
  const stride = Math.max(1, Math.floor(factor / 4));
  const xmap = new Int32Array(sw);
  const colCount = new Float32Array(width);
  for (let x = 0; x < sw; x += stride) {
    const ox = Math.min(width - 1, Math.floor((x * width) / sw));
    xmap[x] = ox;
    colCount[ox]! += 1;
  }
  const r = new Float32Array(width * height);
  const g = new Float32Array(width * height);
  const b = new Float32Array(width * height);
  const rowCount = new Float32Array(height);
  const data = frame.data;
  for (let y = 0; y < sh; y += stride) {
    const oy = Math.min(height - 1, Math.floor((y * height) / sh));
    rowCount[oy]! += 1;
    const base = oy * width;
    let j = y * sw * 4;
    const step = stride * 4;
    for (let x = 0; x < sw; x += stride, j += step) {
      const o = base + xmap[x]!;
      r[o]! += data[j]!;
      g[o]! += data[j + 1]!;
      b[o]! += data[j + 2]!;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = y * width + x;
      const n = rowCount[y]! * colCount[x]!;
      const inv = n > 0 ? 1 / n : 0;
      r[o]! *= inv;
      g[o]! *= inv;
      b[o]! *= inv;
    }
  }
  return { width, height, r, g, b };
}

/** Luma of the planes (BT.601), for the inside/outside brightness checks. */
export function lumaOf(planes: ColourPlanes): Float32Array {
  const out = new Float32Array(planes.width * planes.height);
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * planes.r[i]! + 0.587 * planes.g[i]! + 0.114 * planes.b[i]!;
  return out;
}
