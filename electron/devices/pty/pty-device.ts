import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { strings } from '../../../shared/i18n';
import { createLinkFolder, removeLinkFolder } from './link-folder';
import { removePtyLeftoversOnce } from './leftovers';
import { PtyHostTransport } from './pty-host-transport';
import { PtyPair, type PtyPairOptions } from './pty-pair';

/** What a device simulator offers the pty plumbing: bytes in, power on and off. */
export interface SimulatedDeviceEnd {
  receive(bytes: Uint8Array): void;
  powerUp(): void;
  powerDown(): void;
}

export interface PtyDeviceOptions extends PtyPairOptions {
  /** Directory for the two links; by default a fresh one of our own in the temp directory (removed on close). */
  dir?: string;
  /** Names of the two links and of the temporary directory. */
  name: string;
  baudRate: number;
  /** Where to say what the start-up sweep removed of a previous crash. */
  log?: (line: string) => void;
}

/**
 * A device simulator serving the device end of a socat pty pair, with the
 * unplug/replug the tests and the simulated counter need: killing socat is
 * pulling the USB plug (the host's port closes under it and its path
 * disappears). Each device's simulator is built from its own protocol; this
 * is only the wire.
 *
 * The first device a process starts sweeps away what a crashed process left
 * (leftovers.ts); the link folder is made fresh and marked as ours.
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
    sweepLeftovers(options.log);
    this.ownDir = options.dir ? null : createLinkFolder(options.name);
    const dir = options.dir ?? this.ownDir!;
    this.pair = new PtyPair(join(dir, options.name), join(dir, `${options.name}-device`), { tie: options.tie });
    this.device = makeDevice((bytes) => this.port?.write(Buffer.from(bytes)));
  }

  /** The path the driver opens. */
  get hostPath(): string {
    return this.pair.hostPath;
  }

  get plugged(): boolean {
    return this.port !== null;
  }

  /** The driver's transport: the host end, opened only while its link leads to this device's own socat. */
  hostTransport(baudRate = this.options.baudRate): PtyHostTransport {
    return new PtyHostTransport(this.pair, baudRate);
  }

  /** Plugs the device in: starts the pty pair, opens the device end, emits power-up noise. */
  async start(): Promise<void> {
    await this.pair.open();
    const path = this.pair.ownedLink('device');
    if (!path) throw new Error(strings.simulatedPorts.linkNotOurs(this.pair.devicePath));
    const port = new SerialPort({ path, baudRate: this.options.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    if (!this.pair.ownedLink('device')) {
      await new Promise<void>((resolve) => port.close(() => resolve()));
      throw new Error(strings.simulatedPorts.linkNotOurs(this.pair.devicePath));
    }
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
    if (this.ownDir) removeLinkFolder(this.ownDir);
  }
}

/** What the sweep removed, until a device with a log can say so (the first one to start may have none). */
let unreported: { processes: number; folders: number } | null = null;

/**
 * The start-up sweep (once per process), said once in a log when it found
 * something. The composition root runs it at start, so a counter switched to
 * hardware still clears what a crashed simulated run left; the first pty
 * device runs it too, for tests and tools that start devices on their own.
 */
export function sweepLeftovers(log: ((line: string) => void) | undefined): void {
  const removed = removePtyLeftoversOnce();
  if (removed && (removed.folders.length > 0 || removed.processes.length > 0)) {
    unreported = { processes: removed.processes.length, folders: removed.folders.length };
  }
  if (unreported && log) {
    log(strings.simulatedPorts.leftoversRemoved(unreported.processes, unreported.folders));
    unreported = null;
  }
}
