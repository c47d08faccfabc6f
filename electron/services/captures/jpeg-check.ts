/**
 * What the capture service accepts as a page: a JPEG (SOI first, EOI last)
 * whose frame header (SOFn) states the very width and height the page sent,
 * with 1 (grey) or 3 (colour) components — what pdf-lib embeds as it is
 * (DCTDecode) and every PDF reader shows. Only the markers are read: the
 * image is never decoded here (an 8 MP page would cost a second).
 */

export type JpegProblem = { kind: 'notJpeg' } | { kind: 'truncated' } | { kind: 'components'; components: number } | { kind: 'size'; width: number; height: number };

/** Start-of-frame markers: C0–CF except C4 (DHT), C8 (JPG extension) and CC (DAC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

export interface JpegFrame {
  width: number;
  height: number;
  components: number;
}

/** The frame header of a JPEG, or null when the bytes are not a JPEG whose header can be read. */
export function readJpegFrame(bytes: Uint8Array): JpegFrame | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    // Fill bytes (FF FF …) may precede a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Markers without a length: TEM and RSTn. SOS (DA) or EOI (D9) before a frame header: no image.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return null;
    if (isStartOfFrame(marker)) {
      if (length < 8) return null;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      const components = bytes[at + 9]!;
      if (width === 0 || height === 0) return null;
      return { width, height, components };
    }
    at += 2 + length;
  }
  return null;
}

/** Why these bytes cannot be kept as a page of width × height, or null when they can. */
export function jpegProblem(bytes: Uint8Array, width: number, height: number): JpegProblem | null {
  const frame = readJpegFrame(bytes);
  if (!frame) return { kind: 'notJpeg' };
  // A page cut short on its way (EOI missing) would show grey in the PDF: refused.
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) return { kind: 'truncated' };
  if (frame.components !== 1 && frame.components !== 3) return { kind: 'components', components: frame.components };
  if (frame.width !== width || frame.height !== height) return { kind: 'size', width: frame.width, height: frame.height };
  return null;
}
