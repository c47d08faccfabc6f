/**
 * YUV4MPEG2 files for Chromium's fake camera (issue 11):
 * `--use-file-for-fake-video-capture=FILE.y4m` plays such a file as the
 * camera, so the tests run the real getUserMedia path on a known document
 * scene. 4:2:0 with JPEG-range BT.601 colour (the C420jpeg Chromium and
 * ffmpeg read), the header first (Chromium looks for it in the first bytes).
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Size } from '../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { simulatedCameraFrame } from '../../shared/domain/camera/scene';
import { CAMERA_RESOURCES, readPng } from '../camera/dataset';

/** The header line, e.g. `YUV4MPEG2 W1280 H720 F10:1 Ip A1:1 C420jpeg`. */
export function y4mHeader(width: number, height: number, fps: number): string {
  return `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`;
}

/**
 * One frame as planar Y, U, V (4:2:0: each chroma sample the mean of a 2×2
 * block), full-range BT.601 as JPEG uses it. Odd sizes round the chroma up.
 */
export function rgbaToI420(image: RgbaImage): Uint8Array {
  const { width, height, data } = image;
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const out = new Uint8Array(width * height + 2 * cw * ch);
  const uOffset = width * height;
  const vOffset = uOffset + cw * ch;
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    out[i] = clamp(0.299 * data[j]! + 0.587 * data[j + 1]! + 0.114 * data[j + 2]!);
  }
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let dy = 0; dy < 2; dy++) {
        const y = 2 * cy + dy;
        if (y >= height) continue;
        for (let dx = 0; dx < 2; dx++) {
          const x = 2 * cx + dx;
          if (x >= width) continue;
          const j = (y * width + x) * 4;
          r += data[j]!;
          g += data[j + 1]!;
          b += data[j + 2]!;
          n++;
        }
      }
      r /= n;
      g /= n;
      b /= n;
      out[uOffset + cy * cw + cx] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      out[vOffset + cy * cw + cx] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return out;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}

/** The inverse of `rgbaToI420` at one pixel: what a player shows there. */
export function i420PixelToRgb(planes: Uint8Array, size: Size, x: number, y: number): [number, number, number] {
  const cw = Math.ceil(size.width / 2);
  const ch = Math.ceil(size.height / 2);
  const Y = planes[y * size.width + x]!;
  const U = planes[size.width * size.height + (y >> 1) * cw + (x >> 1)]! - 128;
  const V = planes[size.width * size.height + cw * ch + (y >> 1) * cw + (x >> 1)]! - 128;
  return [clamp(Y + 1.402 * V), clamp(Y - 0.344136 * U - 0.714136 * V), clamp(Y + 1.772 * U)];
}

/** Writes `frames` (all the same size) as a .y4m file at `fps` frames per second. */
export function writeY4m(file: string, frames: readonly RgbaImage[], fps: number): void {
  writeY4mFrames(file, frames[0]!, frames.length, (i) => frames[i]!, fps);
}

/** The same, rendering each frame on demand so a long video never sits in memory. */
function writeY4mFrames(file: string, size: Size, count: number, frameAt: (i: number) => RgbaImage, fps: number): void {
  if (count < 1) throw new RangeError('writeY4m: no frames');
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, y4mHeader(size.width, size.height, fps));
    for (let i = 0; i < count; i++) {
      const frame = frameAt(i);
      if (frame.width !== size.width || frame.height !== size.height) throw new RangeError(`writeY4m: frame ${i} is ${frame.width}×${frame.height}, not ${size.width}×${size.height}`);
      writeSync(fd, 'FRAME\n');
      writeSync(fd, rgbaToI420(frame));
    }
  } finally {
    closeSync(fd);
  }
}

/** The simulated camera's textures: the sample receipt page and the ID card's front. */
export function simulatedCameraTextures(): { page: RgbaImage; card: RgbaImage } {
  return { page: readPng(join(CAMERA_RESOURCES, 'page-receipt.png')), card: readPng(join(CAMERA_RESOURCES, 'id-card-front.png')) };
}

/**
 * The simulated camera's document scene as a .y4m for Chromium's fake
 * capture; returns the page's corners in each frame (what a detector should
 * find). Chromium loops the file, so a few seconds suffice.
 */
export function documentSceneY4m(file: string, options: { seconds?: number; fps?: number; size?: Size } = {}): { frames: number; size: Size; fps: number; corners: ReturnType<typeof simulatedCameraFrame>['corners'][] } {
  const fps = options.fps ?? 10;
  const size = options.size ?? { width: 1280, height: 720 };
  const count = Math.max(1, Math.round((options.seconds ?? 2) * fps));
  const textures = simulatedCameraTextures();
  const corners: ReturnType<typeof simulatedCameraFrame>['corners'][] = [];
  writeY4mFrames(
    file,
    size,
    count,
    (i) => {
      const scene = simulatedCameraFrame(i / fps, size, textures);
      corners.push(scene.corners);
      return scene.frame;
    },
    fps,
  );
  return { frames: count, size, fps, corners };
}

/** Parses a .y4m written by `writeY4m` (C420 family only): its header fields and each frame's planes. */
export function readY4m(file: string): { width: number; height: number; fps: number; colourspace: string; frames: Uint8Array[] } {
  const bytes = readFileSync(file);
  const headerEnd = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, headerEnd).toString('ascii');
  if (!header.startsWith('YUV4MPEG2 ')) throw new Error(`not a YUV4MPEG2 file: ${header.slice(0, 20)}`);
  const fields = new Map(header.split(' ').slice(1).map((f) => [f[0]!, f.slice(1)]));
  const width = Number(fields.get('W'));
  const height = Number(fields.get('H'));
  const [num, den] = (fields.get('F') ?? '25:1').split(':').map(Number);
  const colourspace = fields.get('C') ?? '420jpeg';
  const frameBytes = width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
  const frames: Uint8Array[] = [];
  let at = headerEnd + 1;
  while (at < bytes.length) {
    const lineEnd = bytes.indexOf(0x0a, at);
    if (lineEnd < 0 || !bytes.subarray(at, lineEnd).toString('ascii').startsWith('FRAME')) throw new Error(`bad frame header at byte ${at}`);
    at = lineEnd + 1;
    if (at + frameBytes > bytes.length) throw new Error(`truncated frame at byte ${at}`);
    frames.push(new Uint8Array(bytes.buffer, bytes.byteOffset + at, frameBytes));
    at += frameBytes;
  }
  return { width, height, fps: num! / den!, colourspace, frames };
}
