/**
 * One conversation with a reader over a transport: send a command, wait for
 * the next complete response frame, or time out. One command at a time —
 * the protocol has no sequence numbers, so a second command in flight could
 * not be told from the first. A response arriving when nobody waits (late,
 * after a timeout) is dropped, and partial bytes are forgotten before each
 * command so a stale half-frame cannot be glued to a new answer.
 *
 * Pairing: a SAM speaks only when spoken to, one frame per command. A frame
 * beyond that — more frames than commands sent, counting at most one late
 * answer still owed by a timed-out command — is stray: nobody asked for it.
 * Stray frames are reported (`onStray`) so the driver can tell a line
 * carrying noise or another device's frames from a reader that answers.
 */
import { strings } from '../../../shared/i18n';
import { SamResponseParser, type ResponseFrame } from './codec/response-parser';
import { TransportError, type ByteTransport } from './transports/transport';

/** The command waiting and one late answer of an earlier, timed-out command. */
const MAX_OWED = 2;

export class CommandTimeoutError extends Error {
  override name = 'CommandTimeoutError';
  constructor() {
    super(strings.idcard.timeout);
  }
}

interface Waiter {
  accept: (frame: ResponseFrame) => boolean;
  resolve(frame: ResponseFrame): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class SamSession {
  private readonly parser = new SamResponseParser();
  private waiter: Waiter | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private closedError: Error | null = null;
  private readonly unsubscribe: Array<() => void>;
  /** Bytes written and complete frames' bytes received: the wire time of an exchange (bench). */
  bytesSent = 0;
  bytesReceived = 0;
  /** Frames nobody was waiting for. */
  droppedFrames = 0;
  /** Frames beyond one per command sent: not answers at all. */
  strayFrames = 0;
  /** Answers still owed: the command waiting, plus one late answer a timed-out command may yet get. */
  private owed = 0;

  constructor(
    private readonly transport: ByteTransport,
    private readonly onStray: () => void = () => {},
  ) {
    this.unsubscribe = [
      transport.onData((bytes) => this.onBytes(bytes)),
      transport.onClose(() => this.fail(new TransportError(strings.idcard.unplugged(transport.description), 'closed'))),
    ];
  }

  /**
   * Sends `frame` and resolves with the next response frame that `accept`
   * takes; commands queue behind each other. `accept` lets a late answer to
   * an earlier, timed-out command be told apart by its shape (a find answer
   * 9F arriving while a select waits) and dropped.
   */
  exchange(frame: Uint8Array, timeoutMs: number, accept: (frame: ResponseFrame) => boolean = () => true): Promise<ResponseFrame> {
    const run = () => this.exchangeNow(frame, timeoutMs, accept);
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => {});
    return result;
  }

  /** Stops listening; a command in flight fails. */
  dispose(): void {
    for (const u of this.unsubscribe) u();
    this.fail(new TransportError(strings.idcard.unplugged(this.transport.description), 'closed'));
  }

  get parserStats() {
    return this.parser.stats;
  }

  private async exchangeNow(frame: Uint8Array, timeoutMs: number, accept: (frame: ResponseFrame) => boolean): Promise<ResponseFrame> {
    if (this.closedError) throw this.closedError;
    this.parser.reset();
    const response = new Promise<ResponseFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiter?.timer === timer) this.waiter = null;
        reject(new CommandTimeoutError());
      }, timeoutMs);
      this.waiter = { accept, resolve, reject, timer };
    });
    // The answer may fail (unplug, stop) while the write is still pending: handled by the caller once returned.
    response.catch(() => {});
    // One answer owed for this command; older debts beyond one late answer are written off.
    this.owed = Math.min(this.owed + 1, MAX_OWED);
    try {
      await this.transport.write(frame);
      this.bytesSent += frame.length;
    } catch (error) {
      this.owed = Math.max(0, this.owed - 1); // never sent: no answer owed
      const waiter = this.waiter;
      if (waiter) {
        clearTimeout(waiter.timer);
        this.waiter = null;
      }
      throw error;
    }
    return response;
  }

  private onBytes(bytes: Uint8Array): void {
    for (const frame of this.parser.push(bytes)) {
      if (this.owed > 0) {
        this.owed--;
      } else {
        this.strayFrames++;
        this.onStray();
      }
      const waiter = this.waiter;
      if (!waiter || !waiter.accept(frame)) {
        this.droppedFrames++;
        continue;
      }
      this.waiter = null;
      clearTimeout(waiter.timer);
      this.bytesReceived += frame.raw.length;
      waiter.resolve(frame);
    }
  }

  private fail(error: Error): void {
    this.closedError ??= error;
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.reject(error);
  }
}
