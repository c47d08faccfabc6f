/**
 * The Wacom STU signature pads (specs/devices.md "Signature pad"): a
 * DeviceDriver and SignaturePad over a HID device (node-hid, or the STU
 * simulator in tests and simulated mode).
 *
 * On each connection it reads the model and firmware (0x08) and the real
 * ranges and screen size (0x09; never assumed), waits while the pad is busy
 * (0x03), switches on pen data with time (0x32 = 3 → 0x34) where the model
 * has it, and puts back what the screen showed before an unplug. While
 * signing, the prompt is drawn by `renderPrompt` (the slips' Chromium),
 * encoded for the model's screen and sent as an image; the pad's writing
 * area is the signing box, so the pad's own ink stays inside it.
 *
 * Encryption is never started (no 0x15): a pad that sends encrypted pen
 * reports anyway gets a 故障 with a Chinese message. The STU-541 speaks only
 * TLS: 故障 不支持, and the driver does not talk to it.
 *
 * Unplugging arrives as the device's 'error' event: 已断开 at once, and the
 * connection loop opens the pad again at most `reconnectDelaysMs`' last
 * value apart (1 s by default: back within 2 s of replugging).
 */
import { deflateSync } from 'node:zlib';
import type { PadDescription, PadPrompt, PenSample } from '../../../../shared/domain/signature/pen';
import { strings } from '../../../../shared/i18n';
import { chineseMessage } from '../../../services/errors/system-error';
import { ReconnectingDriver } from '../../connection/reconnecting-driver';
import type { DeviceDriver, DriverContext, SignaturePad } from '../../driver';
import type { PadHidDevice, PadHidOpener } from '../pad-hid-device';
import {
  clearScreen,
  DeviceClock,
  decodeCapability,
  decodeInformation,
  decodePenReport,
  decodeStatus,
  ENCODING_FLAG,
  ENCRYPTED_PEN_REPORTS,
  endImage,
  FEATURE_LENGTH,
  imageBlock,
  inkingMode,
  isBusy,
  penDataWithTime,
  REPORT,
  startImage,
  writingArea,
  type StuCapability,
  type StuInformation,
} from './codec';
import { encodeImage, outlineBitmap, splitBlocks, type ImageEncoding, type RgbaBitmap } from './image';
import { stuModel, WACOM_VENDOR_ID, type StuModel } from './models';
import { promptLayout } from './prompt-page';

/** Draws the prompt at the screen's size: RGBA pixels, exactly width × height. `colour` false for a 1-bit screen. */
export type PromptRenderer = (prompt: PadPrompt, width: number, height: number, colour: boolean) => Promise<RgbaBitmap>;

export interface WacomStuDriverOptions {
  target: { path: string } | { vendorId: number; productId: number };
  opener: PadHidOpener;
  renderPrompt: PromptRenderer;
  /** The USB product id the factory matched (the opened device's own id wins when the system gives one). */
  productId: number;
  log?: (line: string) => void;
  /** The simulator stands behind the opener (PadDescription.simulated, the name). */
  simulated?: boolean;
  reconnectDelaysMs?: number[];
  /** How often the status is asked while the pad is busy, and for how long at most. */
  statusPollMs?: number;
  busyTimeoutMs?: number;
}

export type WacomStuState = 'ready' | 'unsupported';

interface Connection {
  device: PadHidDevice;
  model: StuModel;
  info: StuInformation;
  capability: StuCapability;
  clock: DeviceClock;
  lost: boolean;
}

export class WacomStuDriver extends ReconnectingDriver<WacomStuState> implements DeviceDriver, SignaturePad {
  readonly kind = 'signature' as const;
  readonly name: string;
  private description: PadDescription | null = null;
  private connection: Connection | null = null;
  /** The device opened but not yet (or never) served: closed by release(). */
  private opened: PadHidDevice | null = null;
  private endWait: (() => void) | null = null;
  /** What the screen should show: the prompt while signing, else idle. Put back after every reconnect. */
  private prompt: PadPrompt | null = null;
  /** Screen commands run one at a time, in the order asked. */
  private screen: Promise<void> = Promise.resolve();
  private encryptedSeen = false;

  constructor(private readonly options: WacomStuDriverOptions) {
    super({ reconnectDelaysMs: options.reconnectDelaysMs, defaultReconnectDelaysMs: [250, 500, 1000] });
    this.name = options.simulated ? strings.wacomStu.simulatedDriverName : strings.wacomStu.driverName;
  }

  get pad(): PadDescription | null {
    return this.description;
  }

  get where(): string {
    const t = this.options.target;
    return 'path' in t ? t.path : `${hex4(t.vendorId)}:${hex4(t.productId)}`;
  }

  // ---- SignaturePad ----

  beginSigning(prompt: PadPrompt): Promise<void> {
    this.prompt = prompt;
    return this.enqueueScreen();
  }

  clearInk(): Promise<void> {
    return this.enqueueScreen();
  }

  endSigning(): Promise<void> {
    this.prompt = null;
    return this.enqueueScreen();
  }

  /** Shows what `prompt` says on the pad now connected; nothing when there is none (the next connection will). Never rejects. */
  private enqueueScreen(): Promise<void> {
    const run = this.screen.then(async () => {
      const connection = this.connection;
      if (!connection || connection.lost) return;
      try {
        await this.showScreen(connection);
      } catch (error) {
        if (connection.lost || this.stopped) return; // unplugged meanwhile: the next connection redraws
        this.log(`屏幕命令失败：${(error as Error).message}`);
        this.context?.notice('error', strings.wacomStu.screenFailed(connection.info.modelName || connection.model.name, chineseMessage(error)));
      }
    });
    this.screen = run;
    return run;
  }

  private async showScreen(c: Connection): Promise<void> {
    const { device } = c;
    await device.sendFeatureReport(Buffer.from(inkingMode(false)));
    await this.waitReady(c);
    await device.sendFeatureReport(Buffer.from(clearScreen()));
    const prompt = this.prompt;
    if (!prompt) return; // idle: a blank screen with the ink off
    const { screenWidth: width, screenHeight: height } = c.capability;
    const encoding = chooseEncoding(c.model, c.capability);
    const { box } = promptLayout(width, height);
    let bitmap: RgbaBitmap;
    try {
      bitmap = await this.options.renderPrompt(prompt, width, height, encoding !== 'mono' && encoding !== 'mono-zlib');
      if (bitmap.width !== width || bitmap.height !== height) throw new Error(`prompt drawn ${bitmap.width}×${bitmap.height}, screen is ${width}×${height}`);
    } catch (error) {
      // The applicant can still sign in a bare box; the clerk is told why the text is missing.
      this.log(`签名提示画面生成失败：${(error as Error).message}`);
      this.context?.notice('warning', strings.wacomStu.promptFailed(chineseMessage(error)));
      bitmap = outlineBitmap(width, height, box);
    }
    if (c.lost || this.prompt !== prompt) return; // unplugged, or asked for something else while drawing
    await this.sendImage(c, encodeImage(bitmap, encoding, (bytes) => deflateSync(bytes)), encoding);
    await this.waitReady(c);
    await device.sendFeatureReport(Buffer.from(writingArea(box)));
    await device.sendFeatureReport(Buffer.from(inkingMode(true)));
  }

  private async sendImage(c: Connection, bytes: Uint8Array, encoding: ImageEncoding): Promise<void> {
    await this.waitReady(c);
    await c.device.sendFeatureReport(Buffer.from(startImage(encoding)));
    try {
      for (const block of splitBlocks(bytes)) await c.device.sendFeatureReport(Buffer.from(imageBlock(block)));
    } catch (error) {
      // A half-sent image must not be committed; the pad is told to drop it (best effort: it may be gone).
      await c.device.sendFeatureReport(Buffer.from(endImage(false))).catch(() => undefined);
      throw error;
    }
    await c.device.sendFeatureReport(Buffer.from(endImage(true)));
  }

  /** Waits while the pad is busy (0x03); an image upload left open by someone else is abandoned. */
  private async waitReady(c: Connection): Promise<void> {
    const pollMs = this.options.statusPollMs ?? 20;
    const deadline = Date.now() + (this.options.busyTimeoutMs ?? 5000);
    for (;;) {
      const status = decodeStatus(await c.device.getFeatureReport(REPORT.status, FEATURE_LENGTH.status));
      if (status === 'image') await c.device.sendFeatureReport(Buffer.from(endImage(false)));
      else if (!isBusy(status)) return;
      if (c.lost) throw new Error('device lost');
      if (Date.now() > deadline) throw new Error(strings.wacomStu.busyTimeout(c.info.modelName || c.model.name));
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  // ---- the connection ----

  protected override prepare(context: DriverContext): void {
    context.setStatus('disconnected', strings.wacomStu.connecting(this.where));
  }

  protected override async release(): Promise<void> {
    this.endWait?.();
    const device = this.connection?.device ?? this.opened;
    if (this.connection) this.connection.lost = true;
    this.connection = null;
    this.opened = null;
    await device?.close().catch(() => {});
  }

  protected override async connectOnce(): Promise<boolean> {
    this.setState('opening');
    let device: PadHidDevice;
    let productId = this.options.productId;
    try {
      const opened = await this.options.opener(this.options.target);
      device = opened.device;
      if (opened.info.vendorId === WACOM_VENDOR_ID) productId = opened.info.productId;
    } catch (error) {
      this.status('disconnected', strings.wacomStu.openFailed(this.where, (error as Error).message));
      this.setState('disconnected');
      return false;
    }
    if (this.stopped) {
      await device.close().catch(() => {});
      return false;
    }
    this.opened = device;
    let onLost: () => void = () => {};
    const gone = new Promise<void>((resolve) => {
      this.endWait = resolve;
      onLost = resolve;
    });
    let lost = false;
    let current: Connection | null = null;
    device.on('error', () => {
      if (lost) return;
      lost = true;
      if (current) current.lost = true;
      if (!this.stopped) {
        this.status('disconnected', strings.wacomStu.unplugged(this.where));
        this.setState('disconnected');
      }
      onLost();
    });
    const model = stuModel(productId);
    if (!model || model.tls) {
      // Not an STU this driver can speak to: say so once and wait for the pad to go (or the app to stop), without a word to it.
      const reason = model ? strings.wacomStu.tlsNotSupported(model.name) : strings.wacomStu.unknownModel(`0x${hex4(productId)}`);
      this.log(reason);
      this.status('fault', reason);
      this.setState('unsupported');
      await gone;
      return this.finish(device, false);
    }
    let connection: Connection;
    try {
      const info = decodeInformation(await device.getFeatureReport(REPORT.information, FEATURE_LENGTH.information));
      const capability = decodeCapability(await device.getFeatureReport(REPORT.capability, FEATURE_LENGTH.capability));
      connection = { device, model, info, capability, clock: new DeviceClock(), lost };
      current = connection;
      await this.waitReady(connection);
      if (model.penDataWithTime) await device.sendFeatureReport(Buffer.from(penDataWithTime()));
    } catch (error) {
      if (!lost && !this.stopped) {
        this.log(`打开后读取失败：${(error as Error).message}`);
        this.status('disconnected', strings.wacomStu.openFailed(this.where, chineseMessage(error)));
        this.setState('disconnected');
      }
      return this.finish(device, false);
    }
    if (lost || this.stopped) return this.finish(device, false);
    this.description = describe(productId, model, connection.info, connection.capability, this.options.simulated ?? false);
    this.connection = connection;
    this.encryptedSeen = false;
    device.on('data', (report: Buffer) => this.onReport(connection, report));
    const name = connection.info.modelName || model.name;
    this.log(`${name} 就绪：固件 ${connection.info.firmware}，范围 ${connection.capability.maxX}×${connection.capability.maxY}，压力 ${connection.capability.maxPressure}，屏幕 ${connection.capability.screenWidth}×${connection.capability.screenHeight}`);
    this.status('connected', strings.wacomStu.connected(name, connection.info.firmware));
    this.setState('ready');
    void this.enqueueScreen();
    await gone;
    return this.finish(device, true);
  }

  private async finish(device: PadHidDevice, served: boolean): Promise<boolean> {
    if (this.connection?.device === device) {
      this.connection.lost = true;
      this.connection = null;
    }
    if (this.opened === device) this.opened = null;
    this.endWait = null;
    device.removeAllListeners('data');
    await device.close().catch(() => {});
    return served;
  }

  private onReport(c: Connection, report: Buffer): void {
    if (c.lost) return;
    const id = report[0] ?? -1;
    if (ENCRYPTED_PEN_REPORTS.has(id)) {
      if (this.encryptedSeen) return;
      this.encryptedSeen = true;
      const message = strings.wacomStu.encryptedReports(c.info.modelName || c.model.name);
      this.log(`收到加密笔迹报告 0x${id.toString(16)}：不解密，不开启加密`);
      this.status('fault', message);
      this.context?.notice('error', message);
      return;
    }
    const pen = decodePenReport(report);
    if (!pen) return; // other input reports (none expected) are not pen data
    const sample: PenSample = {
      x: pen.x,
      y: pen.y,
      pressure: pen.pressure,
      tip: pen.touching,
      inRange: pen.inProximity,
      deviceTime: pen.time === null ? null : c.clock.next(pen.time),
      seq: pen.sequence,
      hostTime: performance.now(),
    };
    try {
      this.context?.report({ type: 'pen', source: this.name, samples: [sample] });
    } catch (error) {
      // An exception thrown from a 'data' handler would end the process; the signing service logs its own failures.
      this.log(`笔迹未能送达：${(error as Error).name}`);
    }
  }

  protected override log(line: string): void {
    this.options.log?.(`签名板：${line}`);
  }
}

/** The best encoding the model's screen takes; the capability's flags narrow it when the firmware gives them. */
export function chooseEncoding(model: StuModel, capability: StuCapability): ImageEncoding {
  const flags = capability.encodingFlags;
  const flagOf: Record<ImageEncoding, number> = { mono: ENCODING_FLAG.mono, 'mono-zlib': ENCODING_FLAG.mono, rgb565: ENCODING_FLAG.rgb565, bgr24: ENCODING_FLAG.bgr24 };
  // Older firmware reports no flags (0): the model table alone decides.
  const usable = flags & (ENCODING_FLAG.mono | ENCODING_FLAG.rgb565 | ENCODING_FLAG.bgr24) ? model.encodings.filter((e) => flags & flagOf[e]) : model.encodings;
  const best = usable[0] ?? 'mono';
  return best === 'mono' && flags & ENCODING_FLAG.zlib ? 'mono-zlib' : best;
}

function describe(productId: number, model: StuModel, info: StuInformation, c: StuCapability, simulated: boolean): PadDescription {
  return {
    protocol: 'wacom-stu',
    simulated,
    vendorId: WACOM_VENDOR_ID,
    productId,
    model: info.modelName || model.name,
    firmware: info.firmware,
    x: { min: 0, max: c.maxX },
    y: { min: 0, max: c.maxY },
    pressure: { min: 0, max: c.maxPressure },
    resolution: c.resolution > 0 ? { x: c.resolution, y: c.resolution, unit: 'inch' } : null,
  };
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
