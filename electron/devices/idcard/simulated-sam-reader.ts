/**
 * The ID reader of a counter with no hardware configured, done the long
 * way so that the UI path is the real driver path: the SAM simulator sits on
 * one end of a socat pty pair and the real driver, over the real serial
 * transport, on the other. 模拟刷证 places a sample card on the simulated
 * reader; the driver finds and reads it like any card.
 *
 * The status is 模拟, never 已连接: the clerk must not take it for hardware.
 * Without socat (Windows) the two ends are joined in memory instead; only
 * the serial transport is skipped.
 */
import { strings } from '../../../shared/i18n';
import type { CardPresenter, DeviceDriver, DriverContext, SampleCardPresentation } from '../driver';
import { startSimulatedDriver } from '../simulated-context';
import { SamReaderDriver } from './driver';
import { SAMPLE_RESIDENT_CARD } from './sample-cards';
import { simCardOf } from './simulator/card-image';
import { socatAvailable } from '../pty/pty-pair';
import { PtySimulator } from './simulator/pty-simulator';
import { SamSimulator } from './simulator/sam-simulator';
import { createLoopbackPair } from './transports/loopback';
import { DEFAULT_BAUD_RATE } from './transports/serial';
import type { ByteTransport } from './transports/transport';

export interface SimulatedSamReaderOptions {
  baudRate?: number;
  pollIntervalMs?: number;
  log?: (line: string) => void;
  /** Force the in-memory link even where socat exists (tests). */
  inMemory?: boolean;
}

export class SimulatedSamReader implements DeviceDriver, CardPresenter {
  readonly kind = 'idcard' as const;
  readonly name = strings.idcard.simulatedDriverName;
  private pty: PtySimulator | null = null;
  private simulator: SamSimulator | null = null;
  private driver: SamReaderDriver | null = null;

  constructor(private readonly options: SimulatedSamReaderOptions = {}) {}

  async start(context: DriverContext): Promise<void> {
    const baudRate = this.options.baudRate ?? DEFAULT_BAUD_RATE;
    let openTransport: (() => ByteTransport) | null = null;
    if (!this.options.inMemory && socatAvailable()) {
      const pty = new PtySimulator({ baudRate, log: this.options.log });
      try {
        await pty.start();
        this.pty = pty;
        this.simulator = pty.simulator;
        // Opened only while the link leads to this simulator's own socat: never a pty another process now owns.
        openTransport = () => pty.hostTransport(baudRate);
      } catch (error) {
        await pty.close().catch(() => {});
        this.options.log?.(strings.idcard.simulatorFallback((error as Error).message));
      }
    }
    if (!openTransport) {
      const [host, device] = createLoopbackPair('模拟阅读器');
      await device.open();
      const simulator = new SamSimulator((bytes) => void device.write(bytes).catch(() => {}), { baudRate });
      device.onData((bytes) => simulator.receive(bytes));
      this.simulator = simulator;
      openTransport = () => host;
    }
    const driver = new SamReaderDriver({
      openTransport,
      name: this.name,
      pollIntervalMs: this.options.pollIntervalMs,
      log: this.options.log,
    });
    this.driver = driver;
    await startSimulatedDriver(driver, context, strings.idcard.simulatedReason, 'polling');
  }

  async stop(): Promise<void> {
    await this.driver?.stop();
    this.driver = null;
    await this.pty?.close();
    this.pty = null;
    this.simulator = null;
  }

  /**
   * 模拟刷证: the sample card is (re)placed on the simulated reader and read
   * by the real driver — refused while the driver has no live session
   * (unplugged, reconnecting, 故障): nothing would read it, and the clerk
   * must not be told it was.
   */
  presentSampleCard(): SampleCardPresentation {
    if (!this.simulator || !this.driver?.sessionLive) return { placed: false, reason: strings.idcardSession.simulateCardNotConnected };
    this.simulator.removeCard();
    this.simulator.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    // A new placement: the driver must see it as one even if its last poll saw the old card.
    this.driver.reread();
    return { placed: true };
  }
}
