/**
 * A generic HID signature pad in memory: what the driver opens in
 * simulated mode and in tests. It behaves like node-hid's HIDAsync on a
 * hidraw node — input reports as 'data' (report ID first), an 'error' when
 * the pad is pulled out, opening fails while it is out — and it replays a
 * recording (hid-recorder text) with its timing, so the real driver and
 * decoder see the bytes a real pad would send.
 */
import { EventEmitter } from 'node:events';
import { strings } from '../../../../shared/i18n';
import { padTargetText, type OpenedPad, type PadHidDevice, type PadHidInfo, type PadHidOpener } from '../pad-hid-device';
import type { PadRecording } from './recording-text';

/** One opened handle on the simulated pad. */
export class SimulatedPadDevice extends EventEmitter implements PadHidDevice {
  private closed = false;

  get isOpen(): boolean {
    return !this.closed;
  }

  /** The pad sends an input report (dropped once the handle is closed, as the kernel would). */
  deliver(report: Buffer): void {
    if (!this.closed) this.emit('data', report);
  }

  /** The read fails (the pad was pulled out). */
  fail(error: Error): void {
    if (!this.closed) this.emit('error', error);
  }

  // A generic pad takes no output: these answer as a device that ignores them would.
  async write(data: number[] | Buffer): Promise<number> {
    this.ensureOpen();
    return data.length;
  }
  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    this.ensureOpen();
    return data.length;
  }
  async getFeatureReport(reportId: number, length: number): Promise<Buffer> {
    this.ensureOpen();
    const report = Buffer.alloc(length);
    report[0] = reportId;
    return report;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.removeAllListeners();
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('HID device is closed');
  }
}

export interface SimulatedPadOptions {
  /** Linux gives the descriptor from sysfs; Windows does not (false: the driver needs devices.signature.descriptorFile). */
  exposesDescriptor?: boolean;
  /** The hidraw node it appears as. */
  path?: string;
  /** How long a replay of the whole recording takes (ms); the recording's own timing is scaled to it. */
  replayMs?: number;
}

/** The simulated pad as a piece of hardware: it can be plugged in and out, and opened. */
export class SimulatedPad {
  private plugged = true;
  private handle: SimulatedPadDevice | null = null;
  private replaying: Promise<boolean> | null = null;
  readonly info: PadHidInfo;

  constructor(
    private readonly recording: PadRecording,
    private readonly options: SimulatedPadOptions = {},
  ) {
    this.info = { vendorId: recording.vendorId, productId: recording.productId, product: recording.name || null, path: options.path ?? '/dev/hidraw-simulated' };
  }

  get descriptor(): Uint8Array {
    return this.recording.descriptor;
  }

  /** Opens the pad like node-hid would; rejects while it is unplugged or for another pad. */
  readonly open: PadHidOpener = async (target): Promise<OpenedPad> => {
    const matches = 'path' in target ? target.path === this.info.path : target.vendorId === this.info.vendorId && target.productId === this.info.productId;
    const where = padTargetText(target);
    if (!this.plugged || !matches) throw new Error(strings.signaturePad.portMissing(where));
    const device = new SimulatedPadDevice();
    this.handle = device;
    return { device, info: { ...this.info }, descriptor: this.options.exposesDescriptor === false ? null : this.recording.descriptor };
  };

  get isPlugged(): boolean {
    return this.plugged;
  }

  /** The open handle, while one is. */
  get openDevice(): SimulatedPadDevice | null {
    return this.handle?.isOpen ? this.handle : null;
  }

  /** Pulled out: an open handle's read fails (node-hid: "could not read from HID device"), opening fails. */
  unplug(): void {
    this.plugged = false;
    const handle = this.handle;
    this.handle = null;
    handle?.fail(new Error('could not read from HID device'));
  }

  plugIn(): void {
    this.plugged = true;
  }

  /** Sends one input report on the open handle; false when none is open. */
  send(report: Buffer): boolean {
    const device = this.openDevice;
    if (!device) return false;
    device.deliver(report);
    return true;
  }

  /**
   * Replays the recording's reports in order with their timing, scaled to
   * `replayMs` (default 1.5 s); several reports fall due at once when the
   * timer is late, none is skipped. Stops when the pad is pulled out or the
   * handle closes. False when no handle was open. A second call while one
   * runs waits for it instead of interleaving a second signature into it.
   */
  replay(): Promise<boolean> {
    this.replaying ??= this.replayOnce().finally(() => {
      this.replaying = null;
    });
    return this.replaying;
  }

  private async replayOnce(): Promise<boolean> {
    const device = this.openDevice;
    const reports = this.recording.reports;
    if (!device || reports.length === 0) return false;
    const first = reports[0]!.time;
    const span = reports[reports.length - 1]!.time - first || 1;
    const scale = (this.options.replayMs ?? 1500) / (span * 1000);
    const started = performance.now();
    let next = 0;
    while (next < reports.length) {
      if (!device.isOpen) return true;
      const elapsed = performance.now() - started;
      while (next < reports.length && (reports[next]!.time - first) * 1000 * scale <= elapsed) device.deliver(reports[next++]!.bytes);
      if (next < reports.length) {
        const due = (reports[next]!.time - first) * 1000 * scale;
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, due - (performance.now() - started))));
      }
    }
    return true;
  }
}

