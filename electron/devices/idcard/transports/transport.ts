/**
 * A byte pipe to a reader. The driver knows nothing else about the wire:
 * serial, HID and the in-memory loopback all look the same to it.
 */
export interface ByteTransport {
  /** For messages, e.g. /dev/ttyUSB0 or hid:/dev/hidraw2. */
  readonly description: string;
  /** Rejects with a `TransportError` (Chinese message) when the device cannot be opened. */
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** Closes on purpose; does not fire the close listener. */
  close(): Promise<void>;
  /** Returns the function that unsubscribes. */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** The device went away (unplugged, port closed under us). Returns the function that unsubscribes. */
  onClose(listener: (error?: Error) => void): () => void;
}

/** Why a transport could not be opened or used, with a message the clerk or IT can act on. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    readonly code: 'missing' | 'busy' | 'denied' | 'closed' | 'other' = 'other',
  ) {
    super(message);
  }
}

/** Listener bookkeeping shared by the transports. */
export class TransportListeners {
  private readonly data: Array<(bytes: Uint8Array) => void> = [];
  private readonly close: Array<(error?: Error) => void> = [];

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return add(this.data, listener);
  }

  onClose(listener: (error?: Error) => void): () => void {
    return add(this.close, listener);
  }

  emitData(bytes: Uint8Array): void {
    for (const l of this.data) l(bytes);
  }

  emitClose(error?: Error): void {
    for (const l of this.close) l(error);
  }
}

function add<T>(list: T[], item: T): () => void {
  list.push(item);
  return () => {
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
  };
}
