/**
 * The serial transport a driver uses on the host end of a simulated
 * device's pty pair: the ordinary serial transport, opened only through a
 * link that leads to this pair's own socat.
 *
 * Checked before opening (the link points at the pty socat announced and
 * socat holds it) and again after: socat still running then means it held
 * that pty throughout, so the port opened is ours — never a pty number
 * the kernel has since given to another process.
 */
import { strings } from '../../../shared/i18n';
import { SerialTransport } from '../idcard/transports/serial';
import { TransportError, type ByteTransport } from '../idcard/transports/transport';
import type { PtyPair } from './pty-pair';

export class PtyHostTransport implements ByteTransport {
  private readonly serial: SerialTransport;

  constructor(
    private readonly pair: PtyPair,
    baudRate: number,
  ) {
    this.serial = new SerialTransport(pair.hostPath, baudRate);
  }

  get description(): string {
    return this.pair.hostPath;
  }

  async open(): Promise<void> {
    if (!this.pair.ownedLink('host')) throw this.stale();
    await this.serial.open();
    if (!this.pair.ownedLink('host')) {
      await this.serial.close().catch(() => {});
      throw this.stale();
    }
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.serial.write(bytes);
  }

  close(): Promise<void> {
    return this.serial.close();
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.serial.onData(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.serial.onClose(listener);
  }

  private stale(): TransportError {
    return new TransportError(strings.simulatedPorts.linkNotOurs(this.pair.hostPath), 'missing');
  }
}
