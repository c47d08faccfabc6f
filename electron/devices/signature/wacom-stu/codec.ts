/**
 * The Wacom STU report bytes (specs/devices.md "Signature pad"), pure.
 *
 * Every buffer here starts with its report ID, as node-hid and hidraw
 * deliver input reports and take/give feature reports. Two ways of counting
 * appear in the spec, and they are not the same:
 *  - pen data (0x01, 0x34): "byte 0", "offset 2", … count AFTER the report
 *    ID, so pen byte 0 is buffer[1], X is buffer[3..4], Y buffer[5..6], the
 *    0x34 time buffer[7..8] and its sequence buffer[9..10];
 *  - capability (0x09): "big-endian from byte 1" counts WITH the report ID
 *    at byte 0, so max X is buffer[1..2].
 * Pen byte 0: bit 7 = in proximity, bits 4–6 = touching (any non-zero),
 * low nibble = pressure bits 11–8. Bits 0/1 are NOT proximity/touch (some
 * open re-implementations read them so: wrong).
 */
import type { ImageEncoding } from './image';
import { IMAGE_MODE } from './image';

export const REPORT = {
  penData: 0x01,
  status: 0x03,
  information: 0x08,
  capability: 0x09,
  startCapture: 0x15,
  clearScreen: 0x20,
  inkingMode: 0x21,
  startImage: 0x25,
  imageBlock: 0x26,
  endImage: 0x27,
  writingArea: 0x2a,
  penDataOptionMode: 0x32,
  penDataTimed: 0x34,
} as const;

/**
 * Pen reports a pad sends once encryption has been started (0x15 start
 * capture): 0x10 encrypted pen data, 0x31 encrypted pen data with options,
 * 0x33 encrypted pen data with time and sequence (the STU SDK's report
 * table). This app never starts encryption, so seeing one means another
 * program or a previous session did.
 */
export const ENCRYPTED_PEN_REPORTS: ReadonlySet<number> = new Set([0x10, 0x31, 0x33]);

/** Feature 0x32 value that switches the pen data to 0x34 (time count and sequence). */
export const PEN_DATA_WITH_TIME = 3;

/** Feature report sizes, report ID included (the STU SDK's; hidraw needs the full size). */
export const FEATURE_LENGTH = {
  status: 5,
  information: 17,
  capability: 17,
  imageBlock: 256,
} as const;

export interface PenReport {
  /** 0x01 or 0x34 */
  reportId: number;
  inProximity: boolean;
  touching: boolean;
  pressure: number;
  x: number;
  y: number;
  /** 0x34 only: the pad's 16-bit ms counter (wraps at 0xFFFF). */
  time: number | null;
  /** 0x34 only. */
  sequence: number | null;
}

/** A pen report (0x01 or 0x34, report ID first), or null when the report is something else or too short. */
export function decodePenReport(report: Uint8Array): PenReport | null {
  const id = report[0];
  if (id !== REPORT.penData && id !== REPORT.penDataTimed) return null;
  const need = id === REPORT.penDataTimed ? 11 : 7;
  if (report.length < need) return null;
  const b0 = report[1]!;
  const be16 = (offset: number) => (report[1 + offset]! << 8) | report[2 + offset]!;
  return {
    reportId: id,
    inProximity: (b0 & 0x80) !== 0,
    touching: (b0 & 0x70) !== 0,
    pressure: ((b0 & 0x0f) << 8) | report[2]!,
    x: be16(2),
    y: be16(4),
    time: id === REPORT.penDataTimed ? be16(6) : null,
    sequence: id === REPORT.penDataTimed ? be16(8) : null,
  };
}

/** The inverse of decodePenReport (the simulator and the tests). Pressure is 12 bits. */
export function encodePenReport(pen: Omit<PenReport, 'reportId'> & { reportId?: number }): Uint8Array {
  const timed = pen.time !== null || pen.sequence !== null || pen.reportId === REPORT.penDataTimed;
  const out = new Uint8Array(timed ? 11 : 7);
  out[0] = timed ? REPORT.penDataTimed : REPORT.penData;
  // Touching uses bit 4 of the 3-bit field (the pads send 0x10…0x70 for the switch states; any non-zero is down).
  out[1] = (pen.inProximity ? 0x80 : 0) | (pen.touching ? 0x10 : 0) | ((pen.pressure >> 8) & 0x0f);
  out[2] = pen.pressure & 0xff;
  const put16 = (offset: number, v: number) => {
    out[1 + offset] = (v >> 8) & 0xff;
    out[2 + offset] = v & 0xff;
  };
  put16(2, pen.x);
  put16(4, pen.y);
  if (timed) {
    put16(6, pen.time ?? 0);
    put16(8, pen.sequence ?? 0);
  }
  return out;
}

/**
 * The pad's 16-bit ms counter made monotonic: each report adds the time
 * since the previous one modulo 0x10000, so a wrap (0xFFFF → 0x0000) adds 1,
 * not −65535. Starts at the first counter value seen. One per connection.
 */
export class DeviceClock {
  private last: number | null = null;
  private total = 0;

  next(counter: number): number {
    if (this.last === null) this.total = counter;
    else this.total += (counter - this.last + 0x10000) % 0x10000;
    this.last = counter;
    return this.total;
  }
}

/** 0x08 information: model name (9 ASCII characters, NUL/space padded) then firmware major, minor. */
export interface StuInformation {
  modelName: string;
  firmware: string;
}

export function decodeInformation(report: Uint8Array): StuInformation {
  if (report[0] !== REPORT.information || report.length < 12) throw new Error(`not an information report (0x08): ${hex(report)}`);
  const modelName = String.fromCharCode(...report.subarray(1, 10))
    .replace(/[\0\s]+$/u, '')
    .trim();
  const major = report[10]!;
  const minor = report[11]!;
  // The pads number firmware as major.minor with the minor in two hex digits (e.g. 1.07).
  return { modelName, firmware: `${major.toString(16)}.${minor.toString(16).padStart(2, '0')}` };
}

export function encodeInformation(info: { modelName: string; major: number; minor: number }): Uint8Array {
  const out = new Uint8Array(FEATURE_LENGTH.information);
  out[0] = REPORT.information;
  const name = info.modelName.padEnd(9, '\0').slice(0, 9);
  for (let i = 0; i < 9; i++) out[1 + i] = name.charCodeAt(i) & 0x7f;
  out[10] = info.major;
  out[11] = info.minor;
  return out;
}

/**
 * 0x09 capability, big-endian from byte 1 (report ID at byte 0): max X (2),
 * max Y (2), max pressure (2), screen width (2), screen height (2), report
 * rate (1, reports/s), resolution (2, device units per inch), encoding
 * flags (1). The spec names the fields and their order; their widths are
 * the STU SDK's.
 */
export interface StuCapability {
  maxX: number;
  maxY: number;
  maxPressure: number;
  screenWidth: number;
  screenHeight: number;
  reportRate: number;
  resolution: number;
  encodingFlags: number;
}

/** Encoding flag bits of the capability report (STU SDK): zlib, 1-bit, 16-bit, 24-bit. */
export const ENCODING_FLAG = { zlib: 0x01, mono: 0x02, rgb565: 0x04, bgr24: 0x08 } as const;

export function decodeCapability(report: Uint8Array): StuCapability {
  if (report[0] !== REPORT.capability || report.length < 15) throw new Error(`not a capability report (0x09): ${hex(report)}`);
  const be16 = (at: number) => (report[at]! << 8) | report[at + 1]!;
  return {
    maxX: be16(1),
    maxY: be16(3),
    maxPressure: be16(5),
    screenWidth: be16(7),
    screenHeight: be16(9),
    reportRate: report[11]!,
    resolution: be16(12),
    encodingFlags: report[14]!,
  };
}

export function encodeCapability(c: StuCapability): Uint8Array {
  const out = new Uint8Array(FEATURE_LENGTH.capability);
  out[0] = REPORT.capability;
  const put16 = (at: number, v: number) => {
    out[at] = (v >> 8) & 0xff;
    out[at + 1] = v & 0xff;
  };
  put16(1, c.maxX);
  put16(3, c.maxY);
  put16(5, c.maxPressure);
  put16(7, c.screenWidth);
  put16(9, c.screenHeight);
  out[11] = c.reportRate;
  put16(12, c.resolution);
  out[14] = c.encodingFlags;
  return out;
}

/** 0x03 status byte 1 (report ID at byte 0). */
export const STATUS = { ready: 0, image: 1, capture: 2, calculation: 3, bootImage: 4, romBusy: 5, reset: 0xff } as const;
export type StuStatus = 'ready' | 'image' | 'capture' | 'calculation' | 'bootImage' | 'romBusy' | 'reset' | 'unknown';

export function decodeStatus(report: Uint8Array): StuStatus {
  if (report[0] !== REPORT.status || report.length < 2) throw new Error(`not a status report (0x03): ${hex(report)}`);
  const entry = Object.entries(STATUS).find(([, v]) => v === report[1]);
  return (entry?.[0] as StuStatus | undefined) ?? 'unknown';
}

/** Whether the pad is working on something and takes no screen command yet. */
export function isBusy(status: StuStatus): boolean {
  return status === 'calculation' || status === 'bootImage' || status === 'romBusy' || status === 'reset';
}

export function encodeStatus(status: Exclude<StuStatus, 'unknown'>): Uint8Array {
  const out = new Uint8Array(FEATURE_LENGTH.status);
  out[0] = REPORT.status;
  out[1] = STATUS[status];
  return out;
}

// ---- host → pad (feature reports) ----

export function clearScreen(): Uint8Array {
  return Uint8Array.of(REPORT.clearScreen, 0x00);
}

export function inkingMode(on: boolean): Uint8Array {
  return Uint8Array.of(REPORT.inkingMode, on ? 1 : 0);
}

/** Writing area in screen pixels, four 16-bit LITTLE-endian values: left, top, right, bottom. */
export interface ScreenRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function writingArea(r: ScreenRect): Uint8Array {
  const out = new Uint8Array(9);
  out[0] = REPORT.writingArea;
  [r.left, r.top, r.right, r.bottom].forEach((v, i) => {
    out[1 + i * 2] = v & 0xff;
    out[2 + i * 2] = (v >> 8) & 0xff;
  });
  return out;
}

export function decodeWritingArea(report: Uint8Array): ScreenRect {
  const le16 = (at: number) => report[at]! | (report[at + 1]! << 8);
  return { left: le16(1), top: le16(3), right: le16(5), bottom: le16(7) };
}

export function startImage(encoding: ImageEncoding): Uint8Array {
  return Uint8Array.of(REPORT.startImage, IMAGE_MODE[encoding]);
}

/** One 0x26 block: [0x26, length low, length high, data…], zero-padded to the report's full size. */
export function imageBlock(payload: Uint8Array): Uint8Array {
  if (payload.length > FEATURE_LENGTH.imageBlock - 3) throw new Error(`image block of ${payload.length} bytes (at most ${FEATURE_LENGTH.imageBlock - 3})`);
  const out = new Uint8Array(FEATURE_LENGTH.imageBlock);
  out[0] = REPORT.imageBlock;
  out[1] = payload.length & 0xff;
  out[2] = payload.length >> 8;
  out.set(payload, 3);
  return out;
}

export function decodeImageBlock(report: Uint8Array): Uint8Array {
  const length = report[1]! | (report[2]! << 8);
  if (report[0] !== REPORT.imageBlock || length > report.length - 3) throw new Error(`bad image block: ${hex(report.subarray(0, 8))}…`);
  return report.subarray(3, 3 + length);
}

export function endImage(commit: boolean): Uint8Array {
  return Uint8Array.of(REPORT.endImage, commit ? 0 : 1);
}

/** Feature 0x32 = 3: pen data with time count and sequence (0x34). */
export function penDataWithTime(): Uint8Array {
  return Uint8Array.of(REPORT.penDataOptionMode, PEN_DATA_WITH_TIME);
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
