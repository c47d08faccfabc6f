/**
 * Command frames of the SAM protocol (specs/idcard-sam.md, "Frames" and
 * "Commands"). Pure: bytes in, bytes out.
 *
 *   AA AA AA 96 69 | LEN (2, BE) | CMD | PARA | DATA… | CHK
 *
 * LEN counts CMD + PARA + DATA + CHK; CHK is the XOR of every byte after the
 * preamble up to CHK.
 */

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble + LEN: the bytes before CMD (command) or SW1 (response). */
export const HEADER_LENGTH = PREAMBLE.length + 2;

/** XOR of `bytes[from, to)`. */
export function xorChecksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i]!;
  return x;
}

/** Builds one command frame. DATA is optional (only "set max RF frame size" has one). */
export function buildCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const len = 2 + data.length + 1;
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = (len >> 8) & 0xff;
  frame[6] = len & 0xff;
  frame[7] = cmd & 0xff;
  frame[8] = para & 0xff;
  frame.set(data, 9);
  frame[frame.length - 1] = xorChecksum(frame, PREAMBLE.length, frame.length - 1);
  return frame;
}

/** The baud rates command 60 can set, by PARA. */
export const BAUD_RATES = [115200, 57600, 38400, 19200, 9600] as const;
export type BaudRate = (typeof BAUD_RATES)[number];

/** Every command the product sends, by name. */
export const commands = {
  resetSam: () => buildCommand(0x10, 0xff),
  samStatus: () => buildCommand(0x11, 0xff),
  readSamId: () => buildCommand(0x12, 0xff),
  findCard: () => buildCommand(0x20, 0x01),
  selectCard: () => buildCommand(0x20, 0x02),
  /** Text + photo (30 01). */
  readCard: () => buildCommand(0x30, 0x01),
  /** Newest appended address (30 03). */
  readAppendedAddress: () => buildCommand(0x30, 0x03),
  /** Text + photo + fingerprint (30 10). */
  readCardWithFingerprint: () => buildCommand(0x30, 0x10),
  setBaudRate: (baud: BaudRate) => {
    const para = BAUD_RATES.indexOf(baud);
    if (para < 0) throw new RangeError(`unsupported baud rate ${String(baud)}`);
    return buildCommand(0x60, para);
  },
  /** Max RF frame size in bytes (one byte of DATA, e.g. 80). */
  setMaxRfFrameSize: (size: number) => {
    if (!Number.isInteger(size) || size < 1 || size > 255) throw new RangeError(`RF frame size out of range: ${size}`);
    return buildCommand(0x61, 0xff, Uint8Array.of(size));
  },
} as const;

/** Hex for diagnostics, e.g. "AA AA AA 96 69 00 03 20 01 22". Never used on card data. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Parses "AA AA 96" style hex (tests, doctor). */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  if (clean.length % 2 !== 0) throw new Error(`odd hex length: ${hex}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
