/**
 * The decoded photo's shape (specs/idcard-sam.md, "Photo (WLT)"): 102 × 126,
 * 24-bit, bottom-up BGR. Vendor libraries return either the bare pixels
 * (38 556 bytes) or a whole BMP file (38 862 bytes); both become a BMP file
 * here, the one form a browser shows directly.
 */
export const PHOTO_WIDTH = 102;
export const PHOTO_HEIGHT = 126;
/** 102 × 3 = 306 bytes a row, already a multiple of 2 but not of 4: BMP rows are padded to 308. */
const ROW = PHOTO_WIDTH * 3;
const PADDED_ROW = Math.ceil(ROW / 4) * 4;
export const RAW_BGR_LENGTH = ROW * PHOTO_HEIGHT; // 38 556
export const BMP_HEADER_LENGTH = 54;
export const BMP_FILE_LENGTH = BMP_HEADER_LENGTH + PADDED_ROW * PHOTO_HEIGHT; // 38 862

/** Wraps bottom-up BGR rows (unpadded) into a BMP file. */
export function bgrToBmp(bgr: Uint8Array): Uint8Array {
  if (bgr.length < RAW_BGR_LENGTH) throw new RangeError(`expected ${RAW_BGR_LENGTH} bytes of pixels, got ${bgr.length}`);
  const out = Buffer.alloc(BMP_FILE_LENGTH);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(BMP_FILE_LENGTH, 2);
  out.writeUInt32LE(BMP_HEADER_LENGTH, 10);
  out.writeUInt32LE(40, 14); // BITMAPINFOHEADER
  out.writeInt32LE(PHOTO_WIDTH, 18);
  out.writeInt32LE(PHOTO_HEIGHT, 22); // positive: bottom-up
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(PADDED_ROW * PHOTO_HEIGHT, 34);
  for (let y = 0; y < PHOTO_HEIGHT; y++) {
    out.set(bgr.subarray(y * ROW, (y + 1) * ROW), BMP_HEADER_LENGTH + y * PADDED_ROW);
  }
  return out;
}

/** A BMP file of the photo's size, as some libraries write it. */
export function isPhotoBmp(bytes: Uint8Array): boolean {
  return bytes.length >= BMP_FILE_LENGTH && bytes[0] === 0x42 && bytes[1] === 0x4d;
}
