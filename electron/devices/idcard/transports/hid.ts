/**
 * USB HID transport over node-hid, with the report framing from
 * configuration (hid-framing.ts). The device is opened by hidraw path or by
 * vendor:product id; its going away arrives as an 'error' event and is
 * reported once through onClose.
 */
import type { HIDAsync } from 'node-hid';
import { strings } from '../../../../shared/i18n';
import { decodeHidReport, DEFAULT_HID_FRAMING, encodeHidReports, type HidFraming } from './hid-framing';
import { TransportError, TransportListeners, type ByteTransport } from './transport';

export type HidTarget = { path: string } | { vendorId: number; productId: number };

export class HidTransport implements ByteTransport {
  private device: HIDAsync | null = null;
  private readonly listeners = new TransportListeners();
  private closing = false;

  constructor(
    private readonly target: HidTarget,
    private readonly framing: HidFraming = DEFAULT_HID_FRAMING,
  ) {}

  get description(): string {
    return 'path' in this.target ? `hid:${this.target.path}` : `hid:${hex4(this.target.vendorId)}:${hex4(this.target.productId)}`;
  }

  async open(): Promise<void> {
    // Loaded on first use: a counter with a serial reader never needs libusb/libudev.
    const { HIDAsync } = await import('node-hid');
    try {
      this.device = 'path' in this.target ? await HIDAsync.open(this.target.path) : await HIDAsync.open(this.target.vendorId, this.target.productId);
    } catch (error) {
      const text = (error as Error).message;
      if (/permission|access/i.test(text)) throw new TransportError(strings.idcard.portDenied(this.description), 'denied');
      if (/could not open|cannot open|not found|no such/i.test(text)) throw new TransportError(strings.idcard.portMissing(this.description), 'missing');
      throw new TransportError(strings.idcard.openFailed(this.description, text), 'other');
    }
    this.closing = false;
    const device = this.device;
    device.on('data', (report: Buffer) => {
      const payload = decodeHidReport(report, this.framing);
      if (payload.length > 0) this.listeners.emitData(payload);
    });
    device.on('error', (error: Error) => {
      if (this.device !== device) return;
      this.device = null;
      void device.close().catch(() => {});
      if (!this.closing) this.listeners.emitClose(error);
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device) throw new TransportError(strings.idcard.unplugged(this.description), 'closed');
    try {
      for (const report of encodeHidReports(bytes, this.framing)) await device.write(report);
    } catch (error) {
      throw new TransportError((error as Error).message, 'closed');
    }
  }

  async close(): Promise<void> {
    const device = this.device;
    this.device = null;
    if (!device) return;
    this.closing = true;
    await device.close().catch(() => {});
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.listeners.onClose(listener);
  }
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
