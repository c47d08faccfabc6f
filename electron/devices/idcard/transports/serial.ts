/**
 * Serial transport (RS-232 or USB-CDC virtual port) over node-serialport,
 * 8N1 at the configured baud. An unplugged USB port closes under us with
 * `disconnected`: that is reported once through onClose, never thrown.
 */
import { SerialPort } from 'serialport';
import { strings } from '../../../../shared/i18n';
import { TransportError, TransportListeners, type ByteTransport } from './transport';

export const DEFAULT_BAUD_RATE = 115200;

export class SerialTransport implements ByteTransport {
  private port: SerialPort | null = null;
  private readonly listeners = new TransportListeners();
  private closing = false;

  constructor(
    private readonly path: string,
    private readonly baudRate = DEFAULT_BAUD_RATE,
  ) {}

  get description(): string {
    return this.path;
  }

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, dataBits: 8, stopBits: 1, parity: 'none', autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(openError(this.path, error)) : resolve())),
    );
    this.closing = false;
    this.port = port;
    port.on('data', (bytes: Buffer) => this.listeners.emitData(bytes));
    port.on('close', (error?: Error) => {
      if (this.port === port) this.port = null;
      if (!this.closing) this.listeners.emitClose(error ?? new TransportError(strings.idcard.unplugged(this.path), 'closed'));
    });
    // Errors also arrive as 'close' when the device goes away; the handler only keeps them from being unhandled.
    port.on('error', () => {});
  }

  /**
   * Settles once the bytes are written or the port has closed. node-serialport
   * parks a write given while the port is closing (a read error closes it on
   * its own: the other end went away) until the port opens again, which a
   * closed port never does — so a driver awaiting it would never see the
   * unplug, and stopping it would wait forever.
   */
  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    const closed = (): TransportError => new TransportError(strings.idcard.unplugged(this.path), 'closed');
    if (!port?.isOpen) throw closed();
    await new Promise<void>((resolve, reject) => {
      const onClose = (): void => reject(closed());
      port.once('close', onClose);
      port.write(Buffer.from(bytes), (error) => {
        port.off('close', onClose);
        if (error) reject(new TransportError(error.message, 'closed'));
        else resolve();
      });
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return;
    this.closing = true;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.listeners.onClose(listener);
  }
}

/** Turns a node-serialport open error into one the clerk or IT can act on. */
export function openError(path: string, error: Error): TransportError {
  const text = error.message;
  if (/ENOENT|No such file|cannot find|File not found|not exist/i.test(text)) {
    return new TransportError(strings.idcard.portMissing(path), 'missing');
  }
  if (/EBUSY|lock|busy|Access denied.*in use|being used/i.test(text)) return new TransportError(strings.idcard.portBusy(path), 'busy');
  if (/EACCES|Permission denied|Access is denied/i.test(text)) return new TransportError(strings.idcard.portDenied(path), 'denied');
  return new TransportError(strings.idcard.openFailed(path, text), 'other');
}
