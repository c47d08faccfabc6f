import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { PtyPair } from './pty-pair';

/** What a device simulator offers the pty plumbing: bytes in, power on and off. */
export interface SimulatedDeviceEnd {
  receive(bytes: Uint8Array): void;
  powerUp(): void;
  powerDown(): void;
}

export interface PtyDeviceOptions {
  /** Directory for the two links; a fresh temporary one by default (removed on close). */
  dir?: string;
  /** Names of the two links and of the temporary directory. */
  name: string;
  baudRate: number;
}

/**
 * A device simulator serving the device end of a socat pty pair, with the
 * unplug/replug the tests and the simulated counter need: killing socat is
 * pulling the USB plug (the host's port closes under it and its path
 * disappears). Each device's simulator is built from its own protocol; this
 * is only the wire.
 */
export class PtyDevice<S extends SimulatedDeviceEnd> {
  readonly pair: PtyPair;
  readonly device: S;
  private port: SerialPort | null = null;
  private readonly ownDir: string | null;

  constructor(
    makeDevice: (write: (bytes: Uint8Array) => void) => S,
    private readonly options: PtyDeviceOptions,
  ) {
    this.ownDir = options.dir ? null : mkdtempSync(join(tmpdir(), `${options.name}-pty-`));
    const dir = options.dir ?? this.ownDir!;
    this.pair = new PtyPair(join(dir, options.name), join(dir, `${options.name}-device`));
    this.device = makeDevice((bytes) => this.port?.write(Buffer.from(bytes)));
  }

  /** The path the driver opens. */
  get hostPath(): string {
    return this.pair.hostPath;
  }

  get plugged(): boolean {
    return this.port !== null;
  }

  /** Plugs the device in: starts the pty pair, opens the device end, emits power-up noise. */
  async start(): Promise<void> {
    await this.pair.open();
    const port = new SerialPort({ path: this.pair.devicePath, baudRate: this.options.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (bytes: Buffer) => this.device.receive(bytes));
    port.on('error', () => {});
    this.port = port;
    this.device.powerUp();
  }

  /** Pulls the plug: the host's port closes under it and its path disappears. */
  async unplug(): Promise<void> {
    this.device.powerDown();
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
