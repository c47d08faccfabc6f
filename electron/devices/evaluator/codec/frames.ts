/**
 * Frames of our evaluator serial profile (docs/evaluator-serial-protocol.md).
 * Pure: bytes in, bytes out.
 *
 *   A5 | ADDR | SEQ | CMD | LEN (2, BE) | PAYLOAD (LEN) | CRC (2, low byte first) | 5A
 *
 * CRC-16/MODBUS over ADDR … PAYLOAD.
 */
import { crc16Modbus } from './crc16';

export const SOF = 0xa5;
export const EOF = 0x5a;
/** SOF ADDR SEQ CMD LEN_H LEN_L. */
export const HEADER_LENGTH = 6;
/** CRC_L CRC_H EOF. */
export const TRAILER_LENGTH = 3;
export const MIN_FRAME_LENGTH = HEADER_LENGTH + TRAILER_LENGTH;
/** No message of the profile carries more (three 255-byte strings and change); a larger LEN is a damaged header. */
export const MAX_PAYLOAD = 800;

/** 0x00 addresses every device on a bus; they act and do not answer. */
export const BROADCAST_ADDRESS = 0x00;
export const DEFAULT_ADDRESS = 0x01;

export const CMD = {
  heartbeat: 0x01,
  ack: 0x06,
  error: 0x15,
  showWelcome: 0x10,
  showClerk: 0x11,
  requestRating: 0x12,
  showThanks: 0x13,
  showPaused: 0x14,
  status: 0x81,
  keyEvent: 0x82,
} as const;

/** ERROR codes (payload byte 2). */
export const ERROR_CODES = {
  crc: 0x01,
  frame: 0x02,
  unknownCommand: 0x03,
  badPayload: 0x04,
  busy: 0x05,
} as const;

export interface Frame {
  address: number;
  seq: number;
  cmd: number;
  payload: Uint8Array;
}

/** Builds one frame. Throws RangeError for a field out of range (a bug, not a device problem). */
export function encodeFrame(frame: Frame): Uint8Array {
  const { address, seq, cmd, payload } = frame;
  for (const [name, v] of [['address', address], ['seq', seq], ['cmd', cmd]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`${name} out of range: ${v}`);
  }
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`payload too long: ${payload.length}`);
  const out = new Uint8Array(HEADER_LENGTH + payload.length + TRAILER_LENGTH);
  out[0] = SOF;
  out[1] = address;
  out[2] = seq;
  out[3] = cmd;
  out[4] = payload.length >> 8;
  out[5] = payload.length & 0xff;
  out.set(payload, HEADER_LENGTH);
  const crc = crc16Modbus(out, 1, HEADER_LENGTH + payload.length);
  out[HEADER_LENGTH + payload.length] = crc & 0xff;
  out[HEADER_LENGTH + payload.length + 1] = crc >> 8;
  out[out.length - 1] = EOF;
  return out;
}

/** Hex for diagnostics, e.g. "A5 01 00 01 00 00 …". */
export function toHex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Parses "A5 01 …" style hex (tests, doctor). */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  if (clean.length % 2 !== 0) throw new Error(`odd hex length: ${hex}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
