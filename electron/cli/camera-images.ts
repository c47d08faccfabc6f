/**
 * Image files for the `camera` command: JPEG and PNG decoded into the RGBA
 * images the camera code works on (jpeg-js, pngjs: pure JavaScript, no
 * native module), and JPEG out. The format is told by the file's first
 * bytes, not its name.
 */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { strings } from '../../shared/i18n';
import { chineseMessage } from '../services/errors/system-error';

const t = strings.camera.cli;

/** Why a file could not be read, in Chinese, with the original wording kept for IT. */
export class UnreadableImageError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(t.unreadable(file, reason));
    this.name = 'UnreadableImageError';
  }
}

const isJpeg = (bytes: Uint8Array) => bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
const isPng = (bytes: Uint8Array) => bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b);

/** The image in `bytes` (JPEG or PNG) as RGBA; throws UnreadableImageError naming `file`. */
export function decodeImage(bytes: Uint8Array, file: string): RgbaImage {
  if (bytes.length === 0) throw new UnreadableImageError(file, t.reasons.empty);
  try {
    if (isJpeg(bytes)) {
      // Up to a 48 MP still; jpeg-js refuses larger ones instead of exhausting memory.
      const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 48, maxMemoryUsageInMB: 1024 });
      return { width: decoded.width, height: decoded.height, data: decoded.data };
    }
    if (isPng(bytes)) {
      // pngjs gives 8-bit RGBA whatever the file's colour type and depth.
      const decoded = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
    }
  } catch (error) {
    throw new UnreadableImageError(file, t.reasons.corrupt((error as Error).message ?? String(error)));
  }
  throw new UnreadableImageError(file, t.reasons.notImage);
}

/** Reads and decodes an image file; a missing or unreadable file is an UnreadableImageError in Chinese. */
export function readImage(file: string): RgbaImage {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UnreadableImageError(file, chineseMessage(error));
  }
  return decodeImage(bytes, file);
}

/** JPEG bytes of the image at `quality` (1–100); alpha is dropped (a page has none). */
export function encodeJpeg(image: RgbaImage, quality: number): Buffer {
  return jpeg.encode({ width: image.width, height: image.height, data: image.data }, quality).data;
}

/** PNG bytes of the image (tests and samples). */
export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}
