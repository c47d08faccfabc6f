/**
 * Two connected in-memory ends: for unit tests of the driver without a pty,
 * and the simulated counter on a machine without socat (Windows).
 */
import { strings } from '../../../../shared/i18n';
import { TransportError, TransportListeners, type ByteTransport } from './transport';

export interface LoopbackEnd extends ByteTransport {
  /** Simulates unplugging: both ends see the link go away. */
  unplug(): void;
  /** Makes the link openable again. */
  replug(): void;
}

export function createLoopbackPair(name = 'loopback'): [LoopbackEnd, LoopbackEnd] {
  const state = { plugged: true };
  const ends: LoopbackEndImpl[] = [];
  const a = new LoopbackEndImpl(`${name}:host`, state, () => ends[1]!);
  const b = new LoopbackEndImpl(`${name}:device`, state, () => ends[0]!);
  ends.push(a, b);
  return [a, b];
}

class LoopbackEndImpl implements LoopbackEnd {
  private readonly listeners = new TransportListeners();
  isOpen = false;

  constructor(
    readonly description: string,
    private readonly link: { plugged: boolean },
    private readonly peer: () => LoopbackEndImpl,
  ) {}

  async open(): Promise<void> {
    if (!this.link.plugged) throw new TransportError(strings.idcard.portMissing(this.description), 'missing');
    this.isOpen = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen || !this.link.plugged) throw new TransportError(strings.idcard.unplugged(this.description), 'closed');
    const copy = Uint8Array.from(bytes);
    const peer = this.peer();
    // Asynchronous like a real port: the writer never sees its answer inside write().
    setImmediate(() => {
      if (peer.isOpen && this.link.plugged) peer.listeners.emitData(copy);
    });
  }

  async close(): Promise<void> {
    this.isOpen = false;
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return this.listeners.onClose(listener);
  }

  unplug(): void {
    this.link.plugged = false;
    for (const end of [this, this.peer()]) {
      if (end.isOpen) {
        end.isOpen = false;
        end.listeners.emitClose(new TransportError(strings.idcard.unplugged(end.description), 'closed'));
      }
    }
  }

  replug(): void {
    this.link.plugged = true;
  }
}
