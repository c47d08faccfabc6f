/**
 * The evaluator of a counter with no keypad configured, done the long way
 * so that the path is the real one: the keypad simulator sits on one end of
 * a socat pty pair, the real driver over the real serial transport on the
 * other. 模拟评价 presses a key on the simulated keypad.
 *
 * The status is 模拟, never 已连接. Without socat (Windows) the two ends are
 * joined in memory instead; only the serial transport is skipped.
 */
import type { Rating } from '../../../shared/domain/evaluation';
import { strings } from '../../../shared/i18n';
import type { DeviceDriver, DriverContext, EvaluatorClerkCard, EvaluatorDisplay, EvaluatorSimulation } from '../driver';
import { startSimulatedDriver } from '../simulated-context';
import { socatAvailable } from '../pty/pty-pair';
import { createLoopbackPair } from '../idcard/transports/loopback';
import type { ByteTransport } from '../idcard/transports/transport';
import { SerialEvaluatorDriver, type SerialEvaluatorOptions } from './driver';
import { KeypadSimulator, type KeypadScript } from './simulator/keypad-simulator';
import { PtyKeypad } from './simulator/pty-keypad';

export const EVALUATOR_BAUD_RATE = 9600;

export interface SimulatedEvaluatorOptions extends Omit<SerialEvaluatorOptions, 'openTransport' | 'name'> {
  baudRate?: number;
  script?: Partial<KeypadScript>;
  /** Force the in-memory link even where socat exists (tests). */
  inMemory?: boolean;
}

export class SimulatedEvaluator implements DeviceDriver, EvaluatorDisplay, EvaluatorSimulation {
  readonly kind = 'evaluator' as const;
  readonly name = strings.evaluation.device.simulatedDriverName;
  private pty: PtyKeypad | null = null;
  private keypadSim: KeypadSimulator | null = null;
  private driver: SerialEvaluatorDriver | null = null;
  /** Display calls made before start, replayed to the driver. */
  private readonly early: Array<(d: SerialEvaluatorDriver) => void> = [];

  constructor(private readonly options: SimulatedEvaluatorOptions = {}) {}

  /** The simulated keypad (tests, bench). */
  get keypad(): KeypadSimulator | null {
    return this.keypadSim;
  }

  get serialDriver(): SerialEvaluatorDriver | null {
    return this.driver;
  }

  async start(context: DriverContext): Promise<void> {
    const { baudRate = EVALUATOR_BAUD_RATE, script, inMemory, ...driverOptions } = this.options;
    let openTransport: (() => ByteTransport) | null = null;
    if (!inMemory && socatAvailable()) {
      const pty = new PtyKeypad({ baudRate, script, log: driverOptions.log });
      try {
        await pty.start();
        this.pty = pty;
        this.keypadSim = pty.keypad;
        // Opened only while the link leads to this simulator's own socat: never a pty another process now owns.
        openTransport = () => pty.hostTransport(baudRate);
      } catch (error) {
        await pty.close().catch(() => {});
        driverOptions.log?.(strings.evaluation.device.simulatorFallback((error as Error).message));
      }
    }
    if (!openTransport) {
      const [host, device] = createLoopbackPair('模拟评价器');
      await device.open();
      const keypad = new KeypadSimulator((bytes) => void device.write(bytes).catch(() => {}), { baudRate, script });
      device.onData((bytes) => keypad.receive(bytes));
      this.keypadSim = keypad;
      openTransport = () => host;
    }
    const driver = new SerialEvaluatorDriver({ ...driverOptions, openTransport, name: this.name });
    this.driver = driver;
    for (const replay of this.early.splice(0)) replay(driver);
    await startSimulatedDriver(driver, context, strings.evaluation.device.simulatedReason, 'ready');
  }

  async stop(): Promise<void> {
    await this.driver?.stop();
    this.driver = null;
    await this.pty?.close();
    this.pty = null;
    this.keypadSim = null;
  }

  showClerk(card: EvaluatorClerkCard): void {
    this.forward((d) => d.showClerk(card));
  }
  showWelcome(text: string): void {
    this.forward((d) => d.showWelcome(text));
  }
  requestRating(caseId: string, itemName: string): void {
    this.forward((d) => d.requestRating(caseId, itemName));
  }
  showThanks(caseId: string): void {
    this.forward((d) => d.showThanks(caseId));
  }
  showPaused(reason: string, returnAt: string | null): void {
    this.forward((d) => d.showPaused(reason, returnAt));
  }

  /** 模拟评价: the key of `level` on the simulated keypad, for the case being rated. */
  simulatePress(level: Rating): boolean {
    if (!this.keypadSim || !this.driver?.requestedCase) return false;
    try {
      this.keypadSim.pressLevel(level);
      return true;
    } catch {
      return false; // a four-key keypad has no 非常不满意
    }
  }

  private forward(call: (d: SerialEvaluatorDriver) => void): void {
    if (this.driver) call(this.driver);
    else this.early.push(call);
  }
}
