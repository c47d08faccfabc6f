/**
 * The generic USB HID pen digitizer as a signature pad (issue 10): most
 * pads and pen tablets (Huion, XP-Pen, UC-Logic sensors sold as signature
 * pads) describe their pen in the HID report descriptor, so the driver
 * reads the fields from it (electron/devices/signature/hid) and never from
 * hard-coded offsets.
 *
 * Connection: the pad is opened by hidraw path or vendor:product; its
 * descriptor comes from the system (Linux sysfs) or, where the system gives
 * none (Windows), from `devices.signature.descriptorFile`. A pad with no
 * standard pen (vendor pages only, e.g. Hanvon) is 故障 with its USB id and
 * is kept open only to notice it being pulled out. Every input report is
 * decoded and reported as one 'pen' event.
 *
 * Unplugging arrives as node-hid's 'error' event: 已断开 at once, and the
 * loop opens the pad again by itself, at most a second apart.
 *
 * These pads have no screen: beginSigning / clearInk / endSigning have
 * nothing to show and only resolve.
 */
import { readFile } from 'node:fs/promises';
import { strings } from '../../../shared/i18n';
import type { PadDescription, PadPrompt } from '../../../shared/domain/signature/pen';
import { ReconnectingDriver } from '../connection/reconnecting-driver';
import type { DeviceDriver, DriverContext, SignaturePad } from '../driver';
import type { HidTarget } from '../idcard/transports/hid';
import { compilePenDecoder, findPens, padDescription, padTargetText, parseHexBytes, quirksFor, usbIdText, type PenDecoder } from './hid';
import type { OpenedPad, PadHidDevice, PadHidOpener } from './pad-hid-device';

export interface HidPadOptions {
  target: HidTarget;
  open: PadHidOpener;
  /** Hex text of the report descriptor, for systems that cannot read it from the device. */
  descriptorFile?: string;
  /** Marks the PadDescription kept with each signature as simulated. */
  simulated?: boolean;
  reconnectDelaysMs?: number[];
  name?: string;
  log?: (line: string) => void;
}

/** ready: pen reports flow; unusable: open, but no standard pen (故障) — waiting to be pulled out or stopped. */
export type HidPadState = 'opening' | 'ready' | 'unusable' | 'disconnected';

export class HidPadDriver extends ReconnectingDriver<HidPadState> implements DeviceDriver, SignaturePad {
  readonly kind = 'signature' as const;
  readonly name: string;
  private device: PadHidDevice | null = null;
  private description: PadDescription | null = null;
  /** Ends the wait of an open connection (stop). */
  private endWait: (() => void) | null = null;

  constructor(private readonly options: HidPadOptions) {
    super({ reconnectDelaysMs: options.reconnectDelaysMs, defaultReconnectDelaysMs: [250, 500, 1000] });
    this.name = options.name ?? strings.signaturePad.hidDriverName;
  }

  get port(): string {
    return padTargetText(this.options.target);
  }

  get pad(): PadDescription | null {
    return this.description;
  }

  // No screen on a generic pad: nothing to show, nothing to clear.
  async beginSigning(_prompt: PadPrompt): Promise<void> {}
  async clearInk(): Promise<void> {}
  async endSigning(): Promise<void> {}

  protected override prepare(context: DriverContext): void {
    context.setStatus('disconnected', strings.signaturePad.connecting(this.port));
  }

  protected override async release(): Promise<void> {
    this.endWait?.();
    const device = this.device;
    this.device = null;
    await device?.close().catch(() => {});
  }

  /** Opens the pad and serves it until it goes away; true when it had been open. */
  protected override async connectOnce(): Promise<boolean> {
    this.setState('opening');
    let opened: OpenedPad;
    try {
      const t = this.options.target;
      opened = await this.options.open('path' in t ? { path: t.path } : { vendorId: t.vendorId, productId: t.productId });
    } catch (error) {
      this.context?.setStatus('disconnected', (error as Error).message);
      this.setState('disconnected');
      return false;
    }
    const { device, info } = opened;
    if (this.stopped) {
      await device.close().catch(() => {});
      return false;
    }
    this.device = device;
    const gone = new Promise<void>((resolve) => {
      this.endWait = resolve;
      device.on('error', (error: Error) => {
        if (this.device !== device) return;
        this.log(`读取失败：${error.message}`);
        this.device = null;
        void device.close().catch(() => {});
        if (!this.stopped) {
          this.context?.setStatus('disconnected', strings.signaturePad.unplugged(this.port));
          this.setState('disconnected');
        }
        resolve();
      });
    });

    const decoder = await this.decoderFor(opened);
    if (decoder) {
      device.on('data', (report: Buffer) => this.onReport(decoder, report));
      this.log(`就绪：${usbIdText(info.vendorId, info.productId)} ${this.description?.model ?? ''}（${this.port}）`);
      this.context?.setStatus('connected', strings.signaturePad.connected(this.description?.model ?? usbIdText(info.vendorId, info.productId), this.port));
      this.setState('ready');
    } else {
      this.setState('unusable');
    }
    await gone;
    this.endWait = null;
    return decoder !== null;
  }

  /** The pad's pen decoder, or null (with 故障 and its reason) when this pad cannot be used. */
  private async decoderFor({ info, descriptor: fromSystem }: OpenedPad): Promise<PenDecoder | null> {
    const usbId = usbIdText(info.vendorId, info.productId);
    const fault = (reason: string) => {
      this.log(reason);
      this.context?.setStatus('fault', reason);
      return null;
    };
    let descriptor = fromSystem;
    const file = this.options.descriptorFile;
    if (!descriptor && file) {
      try {
        descriptor = parseHexBytes(await readFile(file, 'utf8'));
      } catch (error) {
        return fault(strings.signaturePad.descriptorFileUnreadable(file, (error as Error).message));
      }
    }
    if (!descriptor || descriptor.length === 0) return fault(strings.signaturePad.noDescriptor(this.port));
    let pens;
    try {
      pens = findPens(descriptor);
    } catch (error) {
      return fault(strings.signaturePad.descriptorMalformed(usbId, (error as Error).message));
    }
    const [first] = pens;
    if (!first) return fault(strings.signaturePad.notStandardPen(usbId));
    this.description = padDescription(first, { vendorId: info.vendorId, productId: info.productId, product: info.product, simulated: this.options.simulated ?? false });
    return compilePenDecoder(pens, quirksFor(info.vendorId, info.productId));
  }

  private onReport(decode: PenDecoder, report: Buffer): void {
    try {
      const sample = decode(report, performance.now());
      if (sample) this.context?.report({ type: 'pen', source: this.name, samples: [sample] });
    } catch (error) {
      // An exception thrown from a 'data' handler would end the process; the signing service copes with a lost report.
      this.log(`笔迹未送达：${(error as Error).name}`);
    }
  }

  protected override log(line: string): void {
    this.options.log?.(`签名板：${line}`);
  }
}
