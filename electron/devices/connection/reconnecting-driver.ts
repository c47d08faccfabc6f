import type { DeviceState } from '../../../shared/contract';
import type { DriverContext } from '../driver';
import type { ByteTransport } from '../idcard/transports/transport';
import { chineseMessage } from '../../services/errors/system-error';
import { ConnectionLoop, StateTracker } from './connection-loop';

/** The states every driver passes through, whatever its protocol adds. */
export type LoopState = 'closed' | 'opening' | 'disconnected';

export interface ReconnectingDriverOptions {
  /** Delays between connection attempts (IT's setting); the driver's default when empty. */
  reconnectDelaysMs?: readonly number[];
  defaultReconnectDelaysMs: readonly number[];
}

/**
 * What every hardware driver shares: the connection loop (open, serve until
 * lost, back off, open again), its fine-grained state for tests and the
 * doctor, and start/stop. A driver says how to serve one connection
 * (`connectOnce`) and how to let go of it when stopped (`release`).
 *
 * A failure the driver did not handle ends the loop as a 故障 status with
 * its message, never as a crash of the app.
 */
export abstract class ReconnectingDriver<S extends string> {
  protected context: DriverContext | null = null;
  /** The transport's description (port path), for messages about the device. */
  protected transportDescription = '';
  /** Whether the clerk has been told anything yet (the first attempt says 正在连接). */
  private announced = false;
  private readonly states: StateTracker<S | LoopState>;
  private readonly loop: ConnectionLoop;

  protected constructor(options: ReconnectingDriverOptions) {
    this.states = new StateTracker<S | LoopState>('closed');
    this.loop = new ConnectionLoop({
      connectOnce: () => this.connectOnce(),
      delaysMs: options.reconnectDelaysMs?.length ? options.reconnectDelaysMs : options.defaultReconnectDelaysMs,
      onCrash: (error) => {
        this.log(`驱动异常退出：${error.message}`);
        // The status bar reads Chinese; the original is in the log line above.
        this.context?.setStatus('fault', chineseMessage(error));
      },
    });
  }

  get state(): S | LoopState {
    return this.states.state;
  }

  /** For tests and the doctor: every state change. */
  onState(listener: (state: S | LoopState) => void): () => void {
    return this.states.onChange(listener);
  }

  async start(context: DriverContext): Promise<void> {
    if (this.loop.active) return;
    this.context = context;
    await this.prepare(context);
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop(() => this.release());
    this.context = null;
    this.setState('closed');
  }

  /** Opens the device and serves it until it is lost; true when it had been working. */
  protected abstract connectOnce(): Promise<boolean>;

  /** Closes what the current connection holds open, so that `connectOnce` returns. */
  protected abstract release(): Promise<void> | void;

  /** Runs once at start, before the first connection attempt. */
  protected prepare(_context: DriverContext): Promise<void> | void {}

  /** Diagnostics (never personal data). */
  protected abstract log(line: string): void;

  protected get stopped(): boolean {
    return this.loop.stopped;
  }

  protected setState(state: S | LoopState): void {
    this.states.set(state);
  }

  /** The device's status for the clerk (已连接, 已断开 with the reason…). */
  protected status(state: DeviceState, reason: string): void {
    this.announced = true;
    this.context?.setStatus(state, reason);
  }

  /**
   * Opens one byte transport for a connection attempt: 正在连接 the first
   * time, 已断开 with `failed`'s reason when it cannot be opened. Null when
   * it could not be opened or the driver stopped meanwhile.
   */
  protected async openTransport(
    open: () => ByteTransport | Promise<ByteTransport>,
    say: { connecting: (description: string) => string; failed: (error: unknown) => string },
  ): Promise<ByteTransport | null> {
    this.setState('opening');
    try {
      const transport = await open();
      this.transportDescription = transport.description;
      if (!this.announced) this.status('disconnected', say.connecting(transport.description));
      await transport.open();
      if (this.stopped) {
        await transport.close();
        return null;
      }
      return transport;
    } catch (error) {
      this.status('disconnected', say.failed(error));
      this.setState('disconnected');
      return null;
    }
  }

  /** Waits `ms`, or less when woken (stop, unplug, a request to act now). */
  protected sleep(ms: number): Promise<void> {
    return this.loop.sleep(ms);
  }

  protected wakeUp(): void {
    this.loop.wakeUp();
  }
}
