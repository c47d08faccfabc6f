/**
 * The simulator serving the device end of a socat pty pair, with the
 * unplug/replug the tests and the simulated counter need.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { PtyPair } from './pty-pair';
import { SamSimulator, type SimulatorOptions } from './sam-simulator';

export interface PtySimulatorOptions extends SimulatorOptions {
  /** Directory for the two links; a fresh temporary one by default (removed on close). */
  dir?: string;
}

export class PtySimulator {
  readonly pair: PtyPair;
  readonly simulator: SamSimulator;
  private port: SerialPort | null = null;
  private readonly ownDir: string | null;

  constructor(options: PtySimulatorOptions) {
    this.ownDir = options.dir ? null : mkdtempSync(join(tmpdir(), 'idcard-pty-'));
    const dir = options.dir ?? this.ownDir!;
    this.pair = new PtyPair(join(dir, 'reader'), join(dir, 'reader-device'));
    this.simulator = new SamSimulator((bytes) => this.port?.write(Buffer.from(bytes)), options);
  }

  /** The path the driver opens. */
  get hostPath(): string {
    return this.pair.hostPath;
  }

  /** Plugs the reader in: starts the pty pair, opens the device end, emits power-up noise. */
  async start(): Promise<void> {
    await this.pair.open();
    const port = new SerialPort({ path: this.pair.devicePath, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (bytes: Buffer) => this.simulator.receive(bytes));
    port.on('error', () => {});
    this.port = port;
    this.simulator.powerUp();
  }

  /** Pulls the plug: the host's port closes under it and its path disappears. */
  async unplug(): Promise<void> {
    this.simulator.powerDown();
    const port = this.port;
    this.port = null;
    await this.pair.close();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async replug(): Promise<void> {
    await this.start();
  }

  async close(): Promise<void> {
    await this.unplug();
    if (this.ownDir) rmSync(this.ownDir, { recursive: true, force: true });
  }
}
