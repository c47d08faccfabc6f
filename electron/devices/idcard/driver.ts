/**
 * The ID card reader driver: the SAM protocol's read flow as a state machine
 * over any byte transport.
 *
 *   closed → opening → samCheck → polling ⇄ cardPresent → cardRemoved → polling
 *                 ↘ disconnected (re-open with back-off) ↙      ↘ samFault (re-check with back-off)
 *
 * Hot-plug: the transport's close (an unplugged USB port) turns the status
 * to 已断开 at once, and the driver keeps re-opening — the transport is
 * created anew each time, so auto-detection finds a reader that came back
 * under another name — at most `reconnectDelaysMs`' last value apart. It
 * never throws for a missing or misbehaving reader: that is a status.
 *
 * 已连接 means a SAM answers, not merely that frames arrive: the SAM check
 * must pass, the line must carry no frames nobody asked for and no answers
 * a SAM would not give (SessionHealth), and while polling the SAM must keep
 * giving the id it gave at connection. A line that fails any of these is
 * 故障 with the reason, within a few polls.
 *
 * Personal data never reaches the log: only card types and status codes do.
 */
import { strings } from '../../../shared/i18n';
import { ReconnectingDriver } from '../connection/reconnecting-driver';
import type { DeviceDriver, DriverContext } from '../driver';
import { isKnownStatus, isSamFault, SamStatusError, statusMessage } from './codec/status-codes';
import type { WltDecoder } from './photo/wlt-decoder';
import { PlacementTracker } from './placement';
import {
  checkSam,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  findCard,
  readSamId,
  resetSam,
  selectAndRead,
  UnreadableCardError,
  type CardRead,
  type CommandTimeouts,
  type RetryPolicy,
  type SamInfo,
} from './read-flow';
import { CommandTimeoutError, SamSession } from './session';
import { InvalidSessionError, SessionHealth } from './session-health';
import { TransportError, type ByteTransport } from './transports/transport';

export type ReaderState =
  | 'closed'
  | 'opening'
  | 'samCheck'
  | 'polling'
  | 'cardPresent'
  | 'cardRemoved'
  | 'disconnected'
  | 'samFault'
  /** Frames arrive but do not make a SAM session (noise, another device). */
  | 'invalidSession';

/** The states in which a SAM answers and cards are looked for. */
const SESSION_STATES: ReadonlySet<ReaderState | string> = new Set(['polling', 'cardPresent', 'cardRemoved']);

export interface SamReaderOptions {
  /** Makes the transport for one connection attempt; may throw a TransportError (nothing found). */
  openTransport: () => ByteTransport | Promise<ByteTransport>;
  /** Shown to the clerk and IT. */
  name?: string;
  /** How often to look for a card while idle (spec: 300–500 ms). */
  pollIntervalMs?: number;
  timeouts?: Partial<CommandTimeouts>;
  retry?: RetryPolicy;
  /** Delays between connection attempts; the last one repeats. */
  reconnectDelaysMs?: number[];
  /** Consecutive unanswered polls after which the reader counts as gone. */
  timeoutsBeforeDisconnect?: number;
  /** Read attempts per placement before the clerk is asked to place the card again. */
  readAttemptsPerPlacement?: number;
  /** How often the SAM id is asked for again while polling, to know a SAM still answers (ms). */
  samRecheckMs?: number;
  /** Stray frames and answers no SAM gives, within `windowMs`, from which the line is not a SAM session. */
  sessionHealth?: { windowMs?: number; maxFaults?: number };
  /** Read 30 10 (text + photo + fingerprint) instead of 30 01. The fingerprint is not passed on. */
  readFingerprint?: boolean;
  /**
   * Decodes the WLT photo; without one the event has no photoBmp (UI:
   * 未安装照片解码库). A loader is called once at start; if it fails IT is
   * told and cards are read without photos.
   */
  photoDecoder?: WltDecoder | null | (() => Promise<WltDecoder>);
  /** Diagnostics (never personal data). */
  log?: (line: string) => void;
}

interface Connection {
  transport: ByteTransport;
  session: SamSession;
  lost: Error | null;
}

export class SamReaderDriver extends ReconnectingDriver<ReaderState> implements DeviceDriver {
  readonly kind = 'idcard' as const;
  readonly name: string;
  private readonly pollIntervalMs: number;
  private readonly samRecheckMs: number;
  private readonly timeouts: CommandTimeouts;
  private connection: Connection | null = null;
  private tracker: PlacementTracker;
  private photoDecoder: WltDecoder | null = null;
  /** What the line did lately, kept across connection attempts (session-health.ts). */
  private readonly health: SessionHealth;
  /** SAM id and status of the current connection. */
  samInfo: SamInfo | null = null;

  constructor(private readonly options: SamReaderOptions) {
    super({ reconnectDelaysMs: options.reconnectDelaysMs, defaultReconnectDelaysMs: [100, 250, 500, 1000] });
    this.name = options.name ?? strings.idcard.driverName;
    this.pollIntervalMs = options.pollIntervalMs ?? 400;
    this.samRecheckMs = options.samRecheckMs ?? 5000;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.tracker = new PlacementTracker(options.readAttemptsPerPlacement ?? 2);
    this.health = new SessionHealth(options.sessionHealth);
  }

  /** True while a SAM answers and cards are looked for: the only time a card on the reader is read. */
  get sessionLive(): boolean {
    return SESSION_STATES.has(this.state);
  }

  /** The photo decoder is loaded once, before the first connection. */
  protected override async prepare(context: DriverContext): Promise<void> {
    const decoder = this.options.photoDecoder;
    if (typeof decoder === 'function') {
      try {
        this.photoDecoder = await decoder();
      } catch (error) {
        context.notice('warning', (error as Error).message);
      }
    } else {
      this.photoDecoder = decoder ?? null;
    }
  }

  protected override async release(): Promise<void> {
    const connection = this.connection;
    if (connection) {
      connection.session.dispose();
      await connection.transport.close().catch(() => {});
    }
  }

  /** The clerk asks to read the card on the reader again. */
  reread(): void {
    this.tracker.reread();
    this.wakeUp();
  }

  /** Polls now instead of at the next interval (a card was just placed, on purpose). */
  pollNow(): void {
    this.wakeUp();
  }

  /** One connection: open, SAM check, poll until it ends. Returns whether the SAM check passed. */
  protected override async connectOnce(): Promise<boolean> {
    const transport = await this.openTransport(() => this.options.openTransport(), {
      connecting: strings.idcard.connecting,
      failed: (error) => (error instanceof TransportError ? error.message : strings.idcard.openFailed(this.transportDescription, (error as Error).message)),
    });
    if (!transport) return false;
    const session = new SamSession(transport, () => {
      this.health.record('stray');
      // Judge now rather than after the poll interval: noise can be fast.
      if (this.health.verdict()) this.wakeUp();
    });
    const connection: Connection = { transport, session, lost: null };
    this.connection = connection;
    const stopListening = transport.onClose((error) => {
      connection.lost = error ?? new Error('closed');
      if (this.stopped || this.connection !== connection) return;
      // Unplugged: tell the clerk now, not at the next poll.
      this.status('disconnected', strings.idcard.unplugged(transport.description));
      this.setState('disconnected');
      this.wakeUp();
    });
    let samOk = false;
    try {
      this.setState('samCheck');
      this.samInfo = await this.samCheck(session);
      this.health.assertValid();
      samOk = true;
      this.log(`阅读器就绪：${transport.description}`);
      this.status('connected', strings.idcard.connected(transport.description));
      await this.poll(connection);
    } catch (error) {
      // A line that is not a SAM session backs off like a failed check, instead of starting over at once.
      if (error instanceof InvalidSessionError) samOk = false;
      if (!this.stopped) this.onConnectionError(connection, error);
    } finally {
      // Unplugged: whatever comes next is another reader, judged afresh.
      if (connection.lost) this.health.clear();
      this.connection = null;
      stopListening();
      session.dispose();
      await transport.close().catch(() => {});
    }
    return samOk;
  }

  private async samCheck(session: SamSession): Promise<SamInfo> {
    try {
      try {
        return await checkSam(session, this.timeouts, this.retryPolicy);
      } catch (error) {
        if (!(error instanceof SamStatusError && isSamFault(error.sw3))) throw error;
        // A SAM that failed its self-test may recover after a reset; one try, then the error stands.
        await resetSam(session, this.timeouts).catch(() => {});
        return await checkSam(session, this.timeouts, this.retryPolicy);
      }
    } catch (error) {
      // Any other status to SAM status or SAM id: not a SAM answering.
      if (error instanceof SamStatusError && !isSamFault(error.sw3)) {
        this.health.record('badAnswer');
        throw new InvalidSessionError(strings.idcardSession.samCheckAnswer(statusMessage(error.sw3)));
      }
      throw error;
    }
  }

  /** While polling: the SAM must still give the id it gave at connection. */
  private async recheckSam(session: SamSession): Promise<void> {
    let info: SamInfo;
    try {
      info = await readSamId(session, this.timeouts, this.retryPolicy);
    } catch (error) {
      if (error instanceof SamStatusError && !isSamFault(error.sw3)) {
        this.health.record('badAnswer');
        throw new InvalidSessionError(strings.idcardSession.samIdAnswer(statusMessage(error.sw3)));
      }
      throw error;
    }
    if (info.samId !== this.samInfo?.samId) {
      this.health.record('badAnswer');
      throw new InvalidSessionError(strings.idcardSession.samIdChanged);
    }
  }

  private onConnectionError(connection: Connection, error: unknown): void {
    if (connection.lost) return; // already reported by the close listener
    if (error instanceof InvalidSessionError) {
      this.log(`应答不符合协议（${connection.transport.description}）：${error.message}`);
      // Once the line is judged, one steady reason: not a new status per attempt while the noise lasts.
      this.status('fault', this.health.verdict() ?? error.message);
      this.setState('invalidSession');
    } else if (error instanceof SamStatusError && isSamFault(error.sw3)) {
      this.log(`安全模块异常，状态码 ${error.sw3.toString(16)}`);
      this.status('fault', strings.idcard.samFault(statusMessage(error.sw3)));
      this.setState('samFault');
    } else if (error instanceof CommandTimeoutError) {
      this.log(`阅读器无响应：${connection.transport.description}`);
      this.status('disconnected', strings.idcard.noResponse(connection.transport.description));
      this.setState('disconnected');
    } else {
      this.log(`阅读器出错：${(error as Error).message}`);
      this.status('disconnected', (error as Error).message);
      this.setState('disconnected');
    }
  }

  private async poll(connection: Connection): Promise<void> {
    const { session } = connection;
    let unanswered = 0;
    let samCheckedAt = performance.now();
    this.setState('polling');
    while (!this.stopped && !connection.lost) {
      try {
        if (performance.now() - samCheckedAt >= this.samRecheckMs) {
          await this.recheckSam(session);
          samCheckedAt = performance.now();
        }
        const found = await findCard(session, this.timeouts);
        unanswered = 0;
        const action = this.tracker.onFind(found);
        if (action === 'removed') {
          this.setState('cardRemoved');
          this.report({ type: 'card-removed', source: this.name });
          this.setState('polling');
        } else if (action === 'read') {
          await this.readPlacedCard(session);
        }
      } catch (error) {
        if (connection.lost || this.stopped) return;
        if (error instanceof CommandTimeoutError) {
          if (++unanswered >= (this.options.timeoutsBeforeDisconnect ?? 3)) throw error;
        } else if (error instanceof SamStatusError && !isSamFault(error.sw3)) {
          // An odd answer to find (e.g. 24): the next poll is the retry, but a line of them is not a SAM.
          this.log(`寻卡返回状态码 ${error.sw3.toString(16)}`);
          this.health.record('badAnswer');
        } else {
          throw error;
        }
      }
      if (connection.lost || this.stopped) return;
      this.health.assertValid();
      await this.sleep(this.pollIntervalMs);
    }
  }

  private async readPlacedCard(session: SamSession): Promise<void> {
    this.setState('cardPresent');
    let read: CardRead;
    try {
      read = await selectAndRead(session, this.timeouts, { fingerprint: this.options.readFingerprint ?? false, retry: this.retryPolicy });
    } catch (error) {
      if (error instanceof SamStatusError && isSamFault(error.sw3)) throw error;
      if (!(error instanceof SamStatusError || error instanceof UnreadableCardError || error instanceof CommandTimeoutError)) throw error;
      // A status the protocol does not know is no card error: it counts against the line.
      if (error instanceof SamStatusError && !isKnownStatus(error.sw3)) this.health.record('badAnswer');
      this.log(`读卡失败：${error instanceof SamStatusError ? `状态码 ${error.sw3.toString(16)}` : error.name}`);
      const giveUp = error instanceof UnreadableCardError;
      if (giveUp) this.tracker.giveUp();
      if (giveUp || this.tracker.onReadFailed()) {
        const message = error instanceof UnreadableCardError ? error.message : strings.idcard.readFailedNotice(error.message);
        this.context?.notice('error', `${message}。${strings.idcard.removeAndPlaceAgain}`);
      }
      this.setState('polling');
      return;
    }
    this.tracker.onReadOk();
    this.log(`已读取证件：${read.card.cardType}`);
    const event: Extract<Parameters<DriverContext['report']>[0], { type: 'card' }> = {
      type: 'card',
      card: read.card,
      source: this.name,
      photoWlt: read.photoWlt,
    };
    const decoder = this.photoDecoder;
    if (decoder) {
      try {
        event.photoBmp = decoder.decode(read.photoWlt);
      } catch (error) {
        this.context?.notice('warning', (error as Error).message);
      }
    }
    this.report(event);
  }

  private get retryPolicy(): RetryPolicy {
    return this.options.retry ?? DEFAULT_RETRY;
  }

  private report(event: Parameters<DriverContext['report']>[0]): void {
    this.context?.report(event);
  }

  protected override log(line: string): void {
    this.options.log?.(`身份证阅读器：${line}`);
  }
}
