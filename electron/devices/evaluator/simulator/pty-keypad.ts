/**
 * The keypad simulator on the device end of a socat pty pair, with the
 * unplug/replug the tests and the simulated counter need (killing socat is
 * pulling the USB plug: the host's port closes under it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { PtyPair } from '../../idcard/simulator/pty-pair';
import { KeypadSimulator, type KeypadSimulatorOptions } from './keypad-simulator';

export interface PtyKeypadOptions extends KeypadSimulatorOptions {
  /** Directory for the two links; a fresh temporary one by default (removed on close). */
  dir?: string;
}

export class PtyKeypad {
  readonly pair: PtyPair;
  readonly keypad: KeypadSimulator;
  private port: SerialPort | null = null;
  private readonly ownDir: string | null;

  constructor(options: PtyKeypadOptions) {
    this.ownDir = options.dir ? null : mkdtempSync(join(tmpdir(), 'evaluator-pty-'));
    const dir = options.dir ?? this.ownDir!;
    this.pair = new PtyPair(join(dir, 'evaluator'), join(dir, 'evaluator-device'));
    this.keypad = new KeypadSimulator((bytes) => this.port?.write(Buffer.from(bytes)), options);
  }

  /** The path the driver opens. */
  get hostPath(): string {
    return this.pair.hostPath;
  }

  get plugged(): boolean {
    return this.port !== null;
  }

  /** Plugs the keypad in: starts the pty pair, opens the device end, emits power-up noise. */
  async start(): Promise<void> {
    await this.pair.open();
    const port = new SerialPort({ path: this.pair.devicePath, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (bytes: Buffer) => this.keypad.receive(bytes));
    port.on('error', () => {});
    this.port = port;
    this.keypad.powerUp();
  }

  /** Pulls the plug: the host's port closes under it and its path disappears. */
  async unplug(): Promise<void> {
    this.keypad.powerDown();
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
