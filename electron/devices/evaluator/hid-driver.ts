/**
 * The HID keypad profile: USB keypads that present themselves as a HID
 * keyboard (or a vendor HID device) and send a key code in an input report.
 * They have no screen and no protocol: the driver keeps the case being
 * rated, turns a key press into a level through the configured key map
 * (`evaluation.device.keyMap`, or the layout's default: digits 1…n), and
 * de-bounces presses of one key closer than `debounceMs`.
 *
 * A press is a report whose key byte (at `keyOffset`, 2 in a boot keyboard
 * report) changes from released (00) or another key to a key; holding a key
 * (repeated reports with the same code) is one press.
 *
 * Unplugging arrives as node-hid's 'error' event: 已断开 at once, and the
 * driver re-opens the device by itself (by path or vendor:product) at most
 * `reconnectDelaysMs`' last value apart.
 */
import type { HIDAsync } from 'node-hid';
import { strings } from '../../../shared/i18n';
import type { KeyMap } from '../../../shared/domain/evaluation';
import { ReconnectingDriver } from '../connection/reconnecting-driver';
import type { DeviceDriver, DriverContext, EvaluatorClerkCard, EvaluatorDisplay } from '../driver';
import type { HidTarget } from '../idcard/transports/hid';

export interface HidKeypadOptions {
  target: HidTarget;
  keyMap: KeyMap;
  keyOffset?: number;
  debounceMs?: number;
  reconnectDelaysMs?: number[];
  name?: string;
  log?: (line: string) => void;
}

export type HidKeypadState = 'closed' | 'opening' | 'ready' | 'disconnected';

export class HidKeypadDriver extends ReconnectingDriver<HidKeypadState> implements DeviceDriver, EvaluatorDisplay {
  readonly kind = 'evaluator' as const;
  readonly name: string;
  private readonly keyOffset: number;
  private readonly debounceMs: number;
  private device: HIDAsync | null = null;
  /** Ends the wait of an open connection (stop). */
  private endWait: (() => void) | null = null;
  private down = 0;
  private lastPress: { key: number; at: number } | null = null;
  private requested: string | null = null;

  constructor(private readonly options: HidKeypadOptions) {
    super({ reconnectDelaysMs: options.reconnectDelaysMs, defaultReconnectDelaysMs: [250, 500, 1000] });
    this.name = options.name ?? strings.evaluation.device.hidDriverName;
    this.keyOffset = options.keyOffset ?? 2;
    this.debounceMs = options.debounceMs ?? 300;
  }

  get description(): string {
    const t = this.options.target;
    return 'path' in t ? `hid:${t.path}` : `hid:${hex4(t.vendorId)}:${hex4(t.productId)}`;
  }

  protected override prepare(context: DriverContext): void {
    context.setStatus('disconnected', strings.evaluation.device.connecting(this.description));
  }

  protected override async release(): Promise<void> {
    this.endWait?.();
    const device = this.device;
    this.device = null;
    await device?.close().catch(() => {});
  }

  // A keypad without a screen only needs to know which case is being rated.
  showClerk(_card: EvaluatorClerkCard): void {}
  showWelcome(_text: string): void {
    this.requested = null;
  }
  requestRating(caseId: string, _itemName: string): void {
    this.requested = caseId;
  }
  showThanks(_caseId: string): void {
    this.requested = null;
  }
  showPaused(_reason: string, _returnAt: string | null): void {
    this.requested = null;
  }

  get requestedCase(): string | null {
    return this.requested;
  }

  /** Opens the keypad and waits until it goes away; true when it had been open. */
  protected override async connectOnce(): Promise<boolean> {
    this.setState('opening');
    let device: HIDAsync;
    try {
      // Loaded on first use: a counter with a serial keypad never needs libusb/libudev.
      const { HIDAsync } = await import('node-hid');
      const t = this.options.target;
      device = 'path' in t ? await HIDAsync.open(t.path) : await HIDAsync.open(t.vendorId, t.productId);
    } catch (error) {
      const text = (error as Error).message;
      const d = strings.evaluation.device;
      const message = /permission|access/i.test(text) ? d.portDenied(this.description) : /could not open|cannot open|not found|no such/i.test(text) ? d.portMissing(this.description) : d.openFailed(this.description, text);
      this.context?.setStatus('disconnected', message);
      this.setState('disconnected');
      return false;
    }
    if (this.stopped) {
      await device.close().catch(() => {});
      return false;
    }
    this.device = device;
    this.down = 0;
    const gone = new Promise<void>((resolve) => {
      device.on('data', (report: Buffer) => this.onReport(report));
      device.on('error', () => {
        if (this.device !== device) return;
        this.device = null;
        void device.close().catch(() => {});
        if (!this.stopped) {
          this.context?.setStatus('disconnected', strings.evaluation.device.unplugged(this.description));
          this.setState('disconnected');
        }
        resolve();
      });
      this.endWait = resolve;
    });
    this.log(`HID 评价器就绪：${this.description}`);
    this.context?.setStatus('connected', strings.evaluation.device.hidConnected(this.description));
    this.setState('ready');
    await gone;
    this.endWait = null;
    return true;
  }

  private onReport(report: Buffer): void {
    const key = report[this.keyOffset] ?? 0;
    if (key === 0) {
      this.down = 0;
      return;
    }
    if (key === this.down) return; // held down: the same press
    this.down = key;
    const now = performance.now();
    const last = this.lastPress;
    this.lastPress = { key, at: now };
    if (last && last.key === key && now - last.at < this.debounceMs) return; // contact bounce
    const level = this.options.keyMap.get(key);
    if (!level) {
      this.context?.notice('warning', strings.evaluation.device.unmappedKey(`0x${key.toString(16).toUpperCase().padStart(2, '0')}`));
      return;
    }
    if (!this.requested) {
      this.log(`按键 0x${key.toString(16)} 被忽略：没有待评价的办件`);
      return;
    }
    try {
      this.context?.report({ type: 'rating', source: this.name, caseId: this.requested, level, keyCode: key });
    } catch (error) {
      // Not stored yet (a locked database: the service stores it once it can) or not at all (the clerk is told). A HID keypad
      // has no acknowledgement to withhold, and an exception thrown from a 'data' handler would end the process.
      this.log(`评价暂未保存：${(error as Error).name}`);
    }
  }

  protected override log(line: string): void {
    this.options.log?.(`评价器：${line}`);
  }
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
