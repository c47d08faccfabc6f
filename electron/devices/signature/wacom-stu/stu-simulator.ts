/**
 * A simulated Wacom STU pad behind a PadHidOpener: it answers the feature
 * reports a real pad answers (0x08, 0x09, 0x03), takes the screen commands
 * (clear, writing area, ink mode, image start/blocks/end) and keeps the last
 * committed image, refuses an image mode its model's screen cannot show,
 * sends pen reports (0x01, or 0x34 once 0x32 = 3 was set) for a stroke
 * list, and can be unplugged, replugged and made to send encrypted reports.
 * It speaks bytes only, so the driver under test goes through the real codec.
 */
import { EventEmitter } from 'node:events';
import { inflateSync } from 'node:zlib';
import {
  decodeImageBlock,
  decodeWritingArea,
  encodeCapability,
  encodeInformation,
  encodePenReport,
  encodeStatus,
  ENCODING_FLAG,
  FEATURE_LENGTH,
  PEN_DATA_WITH_TIME,
  REPORT,
  type ScreenRect,
  type StuCapability,
} from './codec';
import { decodeImage, encodingOfMode, type ImageEncoding, type RgbaBitmap } from './image';
import { stuModel, WACOM_VENDOR_ID } from './models';
import type { OpenedPad, PadHidDevice, PadHidOpener } from '../pad-hid-device';

export interface SimulatedStuProfile {
  productId: number;
  modelName: string;
  firmware: { major: number; minor: number };
  capability: StuCapability;
}

/** STU-430: 1-bit 320×200. Ranges as the pad reports them. */
export const STU_430: SimulatedStuProfile = {
  productId: 0xa4,
  modelName: 'STU-430',
  firmware: { major: 1, minor: 0x07 },
  capability: { maxX: 9600, maxY: 6000, maxPressure: 1023, screenWidth: 320, screenHeight: 200, reportRate: 200, resolution: 2540, encodingFlags: ENCODING_FLAG.mono },
};

/** STU-540: colour 800×480. */
export const STU_540: SimulatedStuProfile = {
  productId: 0xa8,
  modelName: 'STU-540',
  firmware: { major: 1, minor: 0x13 },
  capability: {
    maxX: 25200,
    maxY: 15120,
    maxPressure: 1023,
    screenWidth: 800,
    screenHeight: 480,
    reportRate: 200,
    resolution: 2540,
    encodingFlags: ENCODING_FLAG.mono | ENCODING_FLAG.rgb565 | ENCODING_FLAG.bgr24 | ENCODING_FLAG.zlib,
  },
};

/** One point of a stroke, in device units. */
export interface SimulatedPenPoint {
  x: number;
  y: number;
  pressure: number;
}

export interface CommittedImage {
  encoding: ImageEncoding;
  width: number;
  height: number;
  /** The pixels as the screen shows them. */
  bitmap: RgbaBitmap;
}

export class StuSimulator {
  /** Every feature report the host sent, in order (report ID first). */
  readonly sent: Uint8Array[] = [];
  lastImage: CommittedImage | null = null;
  /** Images committed so far. */
  commits = 0;
  writingArea: ScreenRect | null = null;
  inking = false;
  timedPenData = false;
  /** Status reads that answer "calculation" (busy) after each committed image. */
  busyReadsAfterCommit = 0;
  /** Pen reports are sent as 0x33 (encrypted, with time) while set. */
  encrypted = false;
  /** The next 0x34 time count (wraps at 0xFFFF), and the step between reports in ms. */
  time = 0;
  timeStep = 5;
  private sequence = 0;
  private plugged = true;
  private current: SimulatedStuDevice | null = null;
  private upload: { encoding: ImageEncoding; chunks: Uint8Array[] } | null = null;
  private busyLeft = 0;
  opens = 0;

  constructor(readonly profile: SimulatedStuProfile) {}

  readonly opener: PadHidOpener = async (target): Promise<OpenedPad> => {
    const wanted = 'path' in target ? target.path === this.path : target.vendorId === WACOM_VENDOR_ID && target.productId === this.profile.productId;
    if (!this.plugged || !wanted) throw new Error(`找不到签名板 ${'path' in target ? target.path : `${target.vendorId.toString(16)}:${target.productId.toString(16)}`}`);
    this.current?.fail(new Error('reopened'));
    const device = new SimulatedStuDevice(this);
    this.current = device;
    this.opens++;
    this.timedPenData = false; // a fresh open: the pad's report mode as after power-up
    return { device, info: { vendorId: WACOM_VENDOR_ID, productId: this.profile.productId, product: this.profile.modelName, path: this.path }, descriptor: null };
  };

  get path(): string {
    return `simulated-stu:${this.profile.modelName}`;
  }

  get connected(): boolean {
    return this.current !== null && !this.current.closed;
  }

  unplug(): void {
    this.plugged = false;
    const device = this.current;
    this.current = null;
    device?.fail(new Error('could not read from HID device'));
  }

  replug(): void {
    this.plugged = true;
  }

  /** Sends the strokes as pen reports (tip down along each, a pen-up report after each); false when no host has it open. */
  sendStrokes(strokes: SimulatedPenPoint[][]): boolean {
    const device = this.current;
    if (!device || device.closed) return false;
    for (const stroke of strokes) {
      for (const p of stroke) device.emitReport(this.penReport(p.x, p.y, p.pressure, true));
      const last = stroke.at(-1);
      if (last) device.emitReport(this.penReport(last.x, last.y, 0, false));
    }
    return true;
  }

  private penReport(x: number, y: number, pressure: number, touching: boolean): Uint8Array {
    const timed = this.timedPenData || this.encrypted;
    const report = encodePenReport({
      inProximity: true,
      touching,
      pressure,
      x,
      y,
      time: timed ? this.time : null,
      sequence: timed ? this.sequence : null,
    });
    if (timed) {
      this.time = (this.time + this.timeStep) & 0xffff;
      this.sequence = (this.sequence + 1) & 0xffff;
    }
    // Encrypted reports: another ID and bytes that mean nothing without the session key.
    if (this.encrypted) return Uint8Array.of(0x33, ...report.subarray(1).map((b) => b ^ 0x5a), 0, 0, 0, 0, 0);
    return report;
  }

  featureReport(reportId: number, length: number): Buffer {
    let bytes: Uint8Array;
    if (reportId === REPORT.information) bytes = encodeInformation({ modelName: this.profile.modelName, ...this.profile.firmware });
    else if (reportId === REPORT.capability) bytes = encodeCapability(this.profile.capability);
    else if (reportId === REPORT.status) {
      const busy = this.busyLeft > 0;
      if (busy) this.busyLeft--;
      bytes = encodeStatus(busy ? 'calculation' : this.upload ? 'image' : 'ready');
    } else throw new Error(`feature report 0x${reportId.toString(16)} not supported by ${this.profile.modelName}`);
    const out = Buffer.alloc(Math.max(length, bytes.length));
    out.set(bytes);
    return out;
  }

  receiveFeature(report: Uint8Array): void {
    this.sent.push(Uint8Array.from(report));
    const id = report[0];
    const busy = this.busyLeft > 0;
    switch (id) {
      case REPORT.clearScreen:
        if (busy) throw new Error('busy');
        this.lastImage = null;
        return;
      case REPORT.inkingMode:
        this.inking = report[1] === 1;
        return;
      case REPORT.writingArea:
        this.writingArea = decodeWritingArea(report);
        return;
      case REPORT.penDataOptionMode:
        if (!stuModel(this.profile.productId)?.penDataWithTime) throw new Error('0x32 not supported');
        this.timedPenData = report[1] === PEN_DATA_WITH_TIME;
        return;
      case REPORT.startImage: {
        if (busy) throw new Error('busy');
        const encoding = encodingOfMode(report[1] ?? -1);
        if (!encoding || !this.takes(encoding)) throw new Error(`${this.profile.modelName} cannot show image mode 0x${(report[1] ?? 0).toString(16)}`);
        this.upload = { encoding, chunks: [] };
        return;
      }
      case REPORT.imageBlock:
        if (!this.upload) throw new Error('image block without start');
        if (report.length !== FEATURE_LENGTH.imageBlock) throw new Error(`image block report of ${report.length} bytes`);
        this.upload.chunks.push(Uint8Array.from(decodeImageBlock(report)));
        return;
      case REPORT.endImage: {
        const upload = this.upload;
        this.upload = null;
        if (!upload) throw new Error('image end without start');
        if (report[1] !== 0) return; // abandoned
        const joined = Buffer.concat(upload.chunks);
        const raw = upload.encoding === 'mono-zlib' ? inflateSync(joined) : joined;
        const { screenWidth: width, screenHeight: height } = this.profile.capability;
        const shown = upload.encoding === 'mono-zlib' ? 'mono' : upload.encoding;
        this.lastImage = { encoding: upload.encoding, width, height, bitmap: decodeImage(new Uint8Array(raw), shown, width, height) };
        this.commits++;
        this.busyLeft = this.busyReadsAfterCommit;
        return;
      }
      case REPORT.startCapture:
        // Recorded in `sent`: the tests check it never comes. A real pad would start encrypting here.
        return;
      default:
        throw new Error(`feature report 0x${(id ?? 0).toString(16)} not supported`);
    }
  }

  private takes(encoding: ImageEncoding): boolean {
    const model = stuModel(this.profile.productId);
    const base = encoding === 'mono-zlib' ? 'mono' : encoding;
    if (!model?.encodings.includes(base)) return false;
    return encoding !== 'mono-zlib' || (this.profile.capability.encodingFlags & ENCODING_FLAG.zlib) !== 0;
  }
}

/** One opened handle of the simulated pad. */
class SimulatedStuDevice implements PadHidDevice {
  private readonly events = new EventEmitter();
  closed = false;

  constructor(private readonly pad: StuSimulator) {}

  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'data' | 'error', listener: ((report: Buffer) => void) | ((error: Error) => void)): unknown {
    this.events.on(event, listener);
    return this;
  }

  removeAllListeners(event?: 'data' | 'error'): unknown {
    this.events.removeAllListeners(event);
    return this;
  }

  emitReport(report: Uint8Array): void {
    if (!this.closed) this.events.emit('data', Buffer.from(report));
  }

  fail(error: Error): void {
    if (this.closed) return;
    this.closed = true;
    // node-hid reports a lost device on its 'error' event, once.
    if (this.events.listenerCount('error') > 0) this.events.emit('error', error);
  }

  async write(_data: number[] | Buffer): Promise<number> {
    throw new Error('the STU takes feature reports only');
  }

  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    await Promise.resolve();
    if (this.closed) throw new Error('could not send feature report to device');
    const bytes = Uint8Array.from(data);
    this.pad.receiveFeature(bytes);
    return bytes.length;
  }

  async getFeatureReport(reportId: number, length: number): Promise<Buffer> {
    await Promise.resolve();
    if (this.closed) throw new Error('could not get feature report from device');
    return this.pad.featureReport(reportId, length);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.events.removeAllListeners();
  }
}
