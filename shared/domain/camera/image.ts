import { solveHomography, rectQuad, type Quad } from './geometry';

/**
 * Raster images as the camera code passes them around: RGBA like the
 * canvas's ImageData (so a frame from the page needs no copy), and one-byte
 * grey for the detector. Pure; the same in the renderer, its worker and
 * Node (the `camera` command decodes files into these).
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, R G B A, rows top to bottom. */
  readonly data: Uint8ClampedArray | Uint8Array;
}

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  /** width × height bytes, rows top to bottom. */
  readonly data: Uint8Array;
}

export function createRgba(width: number, height: number): RgbaImage & { data: Uint8ClampedArray } {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Luma (BT.601 weights in fixed point). */
export function toGray(image: RgbaImage): GrayImage {
  const { width, height, data } = image;
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) out[i] = (data[j]! * 77 + data[j + 1]! * 150 + data[j + 2]! * 29) >> 8;
  return { width, height, data: out };
}

/**
 * The source span [start, end) each of `to` output pixels averages when a
 * length of `from` shrinks to `to`, as start, end pairs: never empty, never
 * past the edge. Shared by the grey and RGBA resizes; computed once per
 * resize, not once per pixel.
 */
function areaSpans(from: number, to: number): Int32Array {
  const scale = from / to;
  const spans = new Int32Array(2 * to);
  for (let i = 0; i < to; i++) {
    const start = Math.floor(i * scale);
    spans[2 * i] = start;
    spans[2 * i + 1] = Math.max(start + 1, Math.min(from, Math.floor((i + 1) * scale)));
  }
  return spans;
}

/**
 * Area-average resize of a grey image (each output pixel the mean of the
 * source pixels it covers): the right filter for shrinking a frame before
 * detection, with no aliasing of fine text into false edges.
 */
export function resizeGray(image: GrayImage, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  if (sx <= 1 && sy <= 1) return resizeGrayBilinear(image, width, height);
  const rows = areaSpans(image.height, height);
  const columns = areaSpans(image.width, width);
  for (let y = 0; y < height; y++) {
    const y0 = rows[2 * y]!;
    const y1 = rows[2 * y + 1]!;
    for (let x = 0; x < width; x++) {
      const x0 = columns[2 * x]!;
      const x1 = columns[2 * x + 1]!;
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) {
        const row = yy * image.width;
        for (let xx = x0; xx < x1; xx++) sum += image.data[row + xx]!;
      }
      out[y * width + x] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return { width, height, data: out };
}

function resizeGrayBilinear(image: GrayImage, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    for (let x = 0; x < width; x++) {
      const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      out[y * width + x] = Math.round(sampleGray(image, fx, fy));
    }
  }
  return { width, height, data: out };
}

function sampleGray(image: GrayImage, fx: number, fy: number): number {
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = Math.min(image.width - 1, x0 + 1);
  const y1 = Math.min(image.height - 1, y0 + 1);
  const ax = fx - x0;
  const ay = fy - y0;
  const d = image.data;
  const w = image.width;
  const top = d[y0 * w + x0]! * (1 - ax) + d[y0 * w + x1]! * ax;
  const bottom = d[y1 * w + x0]! * (1 - ax) + d[y1 * w + x1]! * ax;
  return top * (1 - ay) + bottom * ay;
}

/** Area-average resize of an RGBA image (meant for shrinking: enlarging repeats pixels). */
export function resizeRgba(image: RgbaImage, width: number, height: number): RgbaImage & { data: Uint8ClampedArray } {
  const out = createRgba(width, height);
  const src = image.data;
  const rows = areaSpans(image.height, height);
  const columns = areaSpans(image.width, width);
  for (let y = 0; y < height; y++) {
    const y0 = rows[2 * y]!;
    const y1 = rows[2 * y + 1]!;
    for (let x = 0; x < width; x++) {
      const x0 = columns[2 * x]!;
      const x1 = columns[2 * x + 1]!;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const j = (yy * image.width + xx) * 4;
          r += src[j]!;
          g += src[j + 1]!;
          b += src[j + 2]!;
          a += src[j + 3]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 4;
      out.data[o] = r / n;
      out.data[o + 1] = g / n;
      out.data[o + 2] = b / n;
      out.data[o + 3] = a / n;
    }
  }
  return out;
}

/**
 * The page inside `quad` (TL, TR, BR, BL in source pixels) mapped onto an
 * upright width × height image, sampling the source bilinearly through the
 * homography. Output pixels whose source lies outside the frame are white
 * (a page corner just out of view reads as paper, not as a black wedge).
 */
export function warpPerspective(source: RgbaImage, quad: Quad, width: number, height: number): RgbaImage & { data: Uint8ClampedArray } {
  const out = createRgba(width, height);
  const h = solveHomography(rectQuad(width, height), quad);
  if (!h) throw new RangeError('warpPerspective: degenerate quad');
  const sw = source.width;
  const shh = source.height;
  const src = source.data;
  const dst = out.data;
  for (let y = 0; y < height; y++) {
    const v = y + 0.5;
    // Row start and per-pixel steps of the projective numerators/denominator.
    let nx = h[1] * v + h[2] + h[0] * 0.5;
    let ny = h[4] * v + h[5] + h[3] * 0.5;
    let dw = h[7] * v + h[8] + h[6] * 0.5;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      const fx = nx / dw - 0.5;
      const fy = ny / dw - 0.5;
      nx += h[0];
      ny += h[3];
      dw += h[6];
      if (!(fx >= -0.5 && fy >= -0.5 && fx <= sw - 0.5 && fy <= shh - 0.5)) {
        dst[o] = dst[o + 1] = dst[o + 2] = dst[o + 3] = 255;
        continue;
      }
      const cx = fx < 0 ? 0 : fx > sw - 1 ? sw - 1 : fx;
      const cy = fy < 0 ? 0 : fy > shh - 1 ? shh - 1 : fy;
      const x0 = cx | 0;
      const y0 = cy | 0;
      const x1 = x0 + 1 < sw ? x0 + 1 : x0;
      const y1 = y0 + 1 < shh ? y0 + 1 : y0;
      const ax = cx - x0;
      const ay = cy - y0;
      const i00 = (y0 * sw + x0) * 4;
      const i01 = (y0 * sw + x1) * 4;
      const i10 = (y1 * sw + x0) * 4;
      const i11 = (y1 * sw + x1) * 4;
      for (let c = 0; c < 3; c++) {
        const top = src[i00 + c]! + (src[i01 + c]! - src[i00 + c]!) * ax;
        const bottom = src[i10 + c]! + (src[i11 + c]! - src[i10 + c]!) * ax;
        dst[o + c] = top + (bottom - top) * ay;
      }
      dst[o + 3] = 255;
    }
  }
  return out;
}
