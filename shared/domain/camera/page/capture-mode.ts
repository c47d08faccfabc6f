import { type CaptureMode } from '../../../contract/capture';
import { createRgba, toGray, type GrayImage, type RgbaImage } from '../image';

/**
 * How a kept page looks (the capture panel's 彩色 / 灰度 / 黑白): colour as
 * captured; grey with a gentle contrast stretch; black-and-white as a clean
 * scan of text — white paper, black ink, no speckle — even under the uneven
 * light of a desk lamp or the camera's own LEDs.
 */
export function applyCaptureMode(image: RgbaImage, mode: CaptureMode): RgbaImage {
  switch (mode) {
    case 'colour':
      return image;
    case 'grey':
      return grayToRgba(stretchContrast(toGray(image)));
    case 'bw':
      return grayToRgba(binarize(toGray(image)));
  }
}

export function grayToRgba(gray: GrayImage): RgbaImage {
  const out = createRgba(gray.width, gray.height);
  for (let i = 0, j = 0; i < gray.data.length; i++, j += 4) {
    const v = gray.data[i]!;
    out.data[j] = v;
    out.data[j + 1] = v;
    out.data[j + 2] = v;
    out.data[j + 3] = 255;
  }
  return out;
}

/** The value below which `share` of the pixels lie. */
function percentile(histogram: Uint32Array, total: number, share: number): number {
  const wanted = share * total;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen > wanted) return v;
  }
  return 255;
}

/** The darkest 0.5 % to black and the brightest 0.5 % to white, but at most 1.6× the contrast: a grey page, not a poster. */
export function stretchContrast(gray: GrayImage): GrayImage {
  const histogram = new Uint32Array(256);
  for (const v of gray.data) histogram[v]!++;
  let low = percentile(histogram, gray.data.length, 0.005);
  let high = percentile(histogram, gray.data.length, 0.995);
  const minSpan = 255 / 1.6;
  if (high - low < minSpan) {
    const mid = (low + high) / 2;
    low = Math.max(0, Math.min(255 - minSpan, mid - minSpan / 2));
    high = low + minSpan;
  }
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - low) * 255) / (high - low))));
  const out = new Uint8Array(gray.data.length);
  for (let i = 0; i < out.length; i++) out[i] = lut[gray.data[i]!]!;
  return { width: gray.width, height: gray.height, data: out };
}

/** Sauvola's sensitivity to local contrast (0.34: blurred stroke edges go to paper, faint print still to ink) and the dynamic range of the standard deviation (8-bit grey). */
const SAUVOLA_K = 0.34;
const SAUVOLA_R = 128;

/** A pixel darker than this share of the paper around it is ink whatever its window says (bold strokes, filled areas). */
const DARK_SHARE = 0.55;

/**
 * Sauvola's local threshold (a pixel is ink when darker than
 * mean × (1 + k (sd / R − 1)) of its window), so the threshold follows the
 * light across the page; a pixel far darker than the paper around it is ink
 * too (Sauvola alone hollows out strokes wider than half its window); then
 * isolated dots are removed. The window's sums are the same box sums an
 * integral image gives, kept as running column sums: O(width) memory
 * instead of two full-page tables (an A4 page at 300 dpi is 8.7 M pixels).
 */
export function binarize(gray: GrayImage, windowSize = defaultWindow(gray)): GrayImage {
  const { width, height, data } = gray;
  const r = Math.max(1, Math.floor(windowSize / 2));
  const paper = paperLevel(gray, 4 * windowSize);
  const ink = new Uint8Array(width * height);
  const colSum = new Float64Array(width);
  const colSq = new Float64Array(width);
  const addRow = (y: number, sign: number) => {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const v = data[row + x]!;
      colSum[x]! += sign * v;
      colSq[x]! += sign * v * v;
    }
  };
  for (let y = 0; y <= Math.min(height - 1, r); y++) addRow(y, 1);
  for (let y = 0; y < height; y++) {
    if (y > 0) {
      if (y + r < height) addRow(y + r, 1);
      if (y - r - 1 >= 0) addRow(y - r - 1, -1);
    }
    const rows = Math.min(height - 1, y + r) - Math.max(0, y - r) + 1;
    let sum = 0;
    let sq = 0;
    for (let x = 0; x <= Math.min(width - 1, r); x++) {
      sum += colSum[x]!;
      sq += colSq[x]!;
    }
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (x > 0) {
        if (x + r < width) {
          sum += colSum[x + r]!;
          sq += colSq[x + r]!;
        }
        if (x - r - 1 >= 0) {
          sum -= colSum[x - r - 1]!;
          sq -= colSq[x - r - 1]!;
        }
      }
      const n = rows * (Math.min(width - 1, x + r) - Math.max(0, x - r) + 1);
      const mean = sum / n;
      const sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
      const v = data[row + x]!;
      ink[row + x] = v < mean * (1 + SAUVOLA_K * (sd / SAUVOLA_R - 1)) || v < DARK_SHARE * paper(x, y) ? 1 : 0;
    }
  }
  const out = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!ink[i]) continue;
      // A dot with at most one inked neighbour is noise or dust, not part of a stroke.
      let neighbours = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((dx || dy) && xx >= 0 && xx < width && ink[yy * width + xx]) neighbours++;
        }
      }
      if (neighbours > 1) out[i] = 0;
    }
  }
  return { width, height, data: out };
}

/**
 * The paper's brightness around each pixel: the brightest pixel of each
 * block (four windows wide), then the brightest of the 3 × 3 blocks around (a
 * block covered by a bold stroke or a filled area takes its neighbours'
 * paper), read back per pixel from its block.
 */
function paperLevel(gray: GrayImage, block: number): (x: number, y: number) => number {
  const { width, height, data } = gray;
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const blockMax = new Uint8Array(bw * bh);
  for (let y = 0; y < height; y++) {
    const by = Math.floor(y / block) * bw;
    for (let x = 0; x < width; x++) {
      const b = by + Math.floor(x / block);
      const v = data[y * width + x]!;
      if (v > blockMax[b]!) blockMax[b] = v;
    }
  }
  const level = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let max = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = by + dy;
          const xx = bx + dx;
          if (yy >= 0 && yy < bh && xx >= 0 && xx < bw) max = Math.max(max, blockMax[yy * bw + xx]!);
        }
      }
      level[by * bw + bx] = max;
    }
  }
  return (x, y) => level[Math.floor(y / block) * bw + Math.floor(x / block)]!;
}

/** About 4 mm on an A4 page at 300 dpi: wider than a character's stroke, narrower than the light changes. */
function defaultWindow(gray: GrayImage): number {
  return Math.max(15, Math.round(Math.min(gray.width, gray.height) / 50)) | 1;
}
