/**
 * The evaluator driver for our serial profile
 * (docs/evaluator-serial-protocol.md) over any byte transport.
 *
 *   closed → opening → handshake → ready ⇄ (key events, display commands)
 *                ↘ disconnected (re-open with back-off) ↙
 *
 * Ready: a heartbeat every `heartbeatMs` (start to start); three unanswered
 * commands in a row, with no frame from the device in between, mean the
 * keypad is gone (≤ 750 ms at the defaults). An unplugged USB adapter closes
 * the port and is reported at once. Either way the status turns 已断开 and
 * the driver keeps re-opening by itself; on every (re)connection it shows the
 * clerk card and the current screen again.
 *
 * Display calls only change what the keypad should show; the loop sends it.
 * Key events are acknowledged after `report` returns — the evaluation
 * service stores the rating synchronously inside it — so a keypad that got
 * its ACK had its rating committed. Repeats of a frame (same press counter
 * within `repeatWindowMs`) are acknowledged and dropped; several presses for
 * one case are passed on (one rating per case is the service's rule).
 */
import { strings } from '../../../shared/i18n';
import { chineseMessage } from '../../services/errors/system-error';
import { defaultSerialKeyMap, levelFromCode, type KeyLayout, type KeyMap, type Rating } from '../../../shared/domain/evaluation';
import { ReconnectingDriver } from '../connection/reconnecting-driver';
import type { DeviceDriver, DeviceEvent, EvaluatorClerkCard, EvaluatorDisplay } from '../driver';
import { TransportError, type ByteTransport } from '../idcard/transports/transport';
import { CMD, DEFAULT_ADDRESS, encodeFrame, ERROR_CODES, toHex } from './codec/frames';
import { decodeDeviceFrame, encodeCommand, isWireCaseId, type DeviceMessage, type HostCommand } from './codec/messages';
import { EvaluatorFrameParser, type ParsedFrame } from './codec/parser';

export type EvaluatorState = 'closed' | 'opening' | 'handshake' | 'ready' | 'disconnected';

export interface SerialEvaluatorOptions {
  /** Makes the transport for one connection attempt; may throw a TransportError. */
  openTransport: () => ByteTransport | Promise<ByteTransport>;
  name?: string;
  address?: number;
  heartbeatMs?: number;
  replyTimeoutMs?: number;
  /** Unanswered commands in a row after which the keypad counts as gone. */
  missedBeforeLost?: number;
  /** Extra sends of a display command that got no answer. */
  commandRetries?: number;
  /** Delays between connection attempts; the last one repeats. */
  reconnectDelaysMs?: number[];
  /** IT's key map (wins over the device's level byte and the layout). */
  keyMap?: KeyMap | null;
  /** Overrides the layout the keypad's key count implies. */
  layout?: KeyLayout;
  /** A key event with a press counter seen this recently is a repeat. */
  repeatWindowMs?: number;
  log?: (line: string) => void;
}

type Screen =
  | { kind: 'welcome'; text: string }
  | { kind: 'rating'; caseId: string; itemName: string }
  | { kind: 'thanks'; caseId: string }
  | { kind: 'paused'; reason: string; returnAt: string | null };

interface Waiter {
  seq: number;
  resolve: (message: DeviceMessage | null) => void;
}

interface Connection {
  transport: ByteTransport;
  parser: EvaluatorFrameParser;
  lost: Error | null;
  waiter: Waiter | null;
  misses: number;
  sentClerk: number;
  sentScreen: number;
}

class NoAnswerError extends Error {}

export class SerialEvaluatorDriver extends ReconnectingDriver<EvaluatorState> implements DeviceDriver, EvaluatorDisplay {
  readonly kind = 'evaluator' as const;
  readonly name: string;
  private readonly address: number;
  private readonly heartbeatMs: number;
  private readonly replyTimeoutMs: number;
  private readonly missedBeforeLost: number;
  private readonly commandRetries: number;
  private readonly repeatWindowMs: number;
  private connection: Connection | null = null;
  private seq = 0;
  /** What the keypad should show; versions tell the loop what is still to send. */
  private clerk: EvaluatorClerkCard | null = null;
  private clerkVersion = 0;
  private screen: Screen = { kind: 'welcome', text: '' };
  private screenVersion = 1;
  private readonly seenPresses = new Map<number, number>();
  /** From the keypad's STATUS. */
  keyCount: number | null = null;
  model = '';

  constructor(private readonly options: SerialEvaluatorOptions) {
    super({ reconnectDelaysMs: options.reconnectDelaysMs, defaultReconnectDelaysMs: [100, 250, 500, 1000] });
    this.name = options.name ?? strings.evaluation.device.driverName;
    this.address = options.address ?? DEFAULT_ADDRESS;
    this.heartbeatMs = options.heartbeatMs ?? 200;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 150;
    this.missedBeforeLost = options.missedBeforeLost ?? 3;
    this.commandRetries = options.commandRetries ?? 2;
    this.repeatWindowMs = options.repeatWindowMs ?? 5000;
  }

  protected override async release(): Promise<void> {
    const connection = this.connection;
    if (connection) {
      connection.waiter?.resolve(null);
      await connection.transport.close().catch(() => {});
    }
  }

  // ------------------------------------------------------------ display

  showClerk(card: EvaluatorClerkCard): void {
    this.clerk = { ...card };
    this.clerkVersion++;
    this.wakeUp();
  }

  showWelcome(text: string): void {
    this.setScreen({ kind: 'welcome', text });
  }

  requestRating(caseId: string, itemName: string): void {
    if (!isWireCaseId(caseId)) {
      this.log(`办件编号无法发送到评价器：长度 ${caseId.length}`);
      return;
    }
    this.setScreen({ kind: 'rating', caseId, itemName });
  }

  showThanks(caseId: string): void {
    if (!isWireCaseId(caseId)) return;
    this.setScreen({ kind: 'thanks', caseId });
  }

  showPaused(reason: string, returnAt: string | null): void {
    this.setScreen({ kind: 'paused', reason, returnAt: returnAt && /^([01]\d|2[0-3]):[0-5]\d$/.test(returnAt) ? returnAt : null });
  }

  /** The case the keypad is asked to rate, or null. */
  get requestedCase(): string | null {
    return this.screen.kind === 'rating' ? this.screen.caseId : null;
  }

  private setScreen(screen: Screen): void {
    this.screen = screen;
    this.screenVersion++;
    this.wakeUp();
  }

  // ------------------------------------------------------------ connection loop

  /** One connection: open, handshake, serve until lost. Returns whether the handshake passed. */
  protected override async connectOnce(): Promise<boolean> {
    const transport = await this.openTransport(() => this.options.openTransport(), {
      connecting: strings.evaluation.device.connecting,
      failed: (error) => this.openMessage(error),
    });
    if (!transport) return false;
    const connection: Connection = { transport, parser: new EvaluatorFrameParser(), lost: null, waiter: null, misses: 0, sentClerk: -1, sentScreen: -1 };
    this.connection = connection;
    const stopData = transport.onData((bytes) => {
      for (const frame of connection.parser.push(bytes)) this.onFrame(connection, frame);
    });
    const stopClose = transport.onClose((error) => {
      connection.lost = error ?? new Error('closed');
      connection.waiter?.resolve(null);
      if (this.stopped || this.connection !== connection) return;
      this.status('disconnected', strings.evaluation.device.unplugged(transport.description));
      this.setState('disconnected');
      this.wakeUp();
    });
    let handshake = false;
    try {
      this.setState('handshake');
      const status = await this.handshake(connection);
      handshake = true;
      this.keyCount = status.keyCount;
      this.model = status.model;
      this.log(`评价器就绪：${transport.description}，${status.keyCount} 键，型号 ${status.model || '未知'}`);
      this.status('connected', strings.evaluation.device.connected(transport.description, status.keyCount));
      this.setState('ready');
      await this.serve(connection);
    } catch (error) {
      if (!this.stopped && !connection.lost) {
        this.log(error instanceof NoAnswerError ? `评价器无响应：${transport.description}` : `评价器出错：${(error as Error).message}`);
        this.status('disconnected', strings.evaluation.device.noResponse(transport.description));
        this.setState('disconnected');
      }
    } finally {
      this.connection = null;
      connection.waiter?.resolve(null);
      stopData();
      stopClose();
      await transport.close().catch(() => {});
    }
    return handshake;
  }

  /** Heartbeats until the keypad answers with STATUS, at most `missedBeforeLost` of them. */
  private async handshake(connection: Connection): Promise<Extract<DeviceMessage, { type: 'status' }>> {
    for (let i = 0; i < this.missedBeforeLost && !this.stopped && !connection.lost; i++) {
      const answer = await this.exchange(connection, { type: 'heartbeat' }, 0);
      if (answer?.type === 'status') return answer;
      if (i + 1 < this.missedBeforeLost) await this.sleep(Math.max(0, this.heartbeatMs - this.replyTimeoutMs));
    }
    throw new NoAnswerError();
  }

  /** Sends what the keypad should show, and heartbeats when there is nothing else to say. */
  private async serve(connection: Connection): Promise<void> {
    while (!this.stopped && !connection.lost) {
      const started = performance.now();
      if (connection.sentClerk !== this.clerkVersion && this.clerk) {
        const version = this.clerkVersion;
        if (await this.command(connection, { type: 'clerk', card: this.clerk })) connection.sentClerk = version;
        else await this.sleep(this.heartbeatMs);
      } else if (connection.sentScreen !== this.screenVersion) {
        const version = this.screenVersion;
        if (await this.command(connection, this.screenCommand())) connection.sentScreen = version;
        else await this.sleep(this.heartbeatMs); // refused as busy or unanswered: not again at once
      } else {
        const answer = await this.exchange(connection, { type: 'heartbeat' }, 0);
        if (answer?.type === 'status') {
          this.keyCount = answer.keyCount;
          // A keypad that restarted on its own shows its welcome screen: show it ours again.
          if (answer.screen !== this.screen.kind) connection.sentScreen = -1;
        }
        if (connection.misses >= this.missedBeforeLost) throw new NoAnswerError();
        await this.sleep(Math.max(0, this.heartbeatMs - (performance.now() - started)));
        continue;
      }
      if (connection.misses >= this.missedBeforeLost) throw new NoAnswerError();
    }
  }

  private screenCommand(): HostCommand {
    const s = this.screen;
    switch (s.kind) {
      case 'welcome':
        return { type: 'welcome', text: s.text };
      case 'rating':
        return { type: 'requestRating', caseId: s.caseId, itemName: s.itemName };
      case 'thanks':
        return { type: 'thanks', caseId: s.caseId };
      case 'paused':
        return { type: 'paused', reason: s.reason, returnAt: s.returnAt ? { hour: Number(s.returnAt.slice(0, 2)), minute: Number(s.returnAt.slice(3, 5)) } : null };
    }
  }

  /** A display command with its retries; true once the keypad took it (ACK), false when it refused (ERROR). */
  private async command(connection: Connection, command: HostCommand): Promise<boolean> {
    const answer = await this.exchange(connection, command, this.commandRetries);
    if (answer?.type === 'error') {
      this.log(`评价器拒绝命令 ${toHex([answer.cmd])}，错误码 ${answer.code}`);
      if (answer.code === ERROR_CODES.busy) return false;
      this.context?.notice('warning', strings.evaluation.device.deviceError(toHex([answer.cmd]), answer.code));
      return true; // not sent again: it would be refused again
    }
    return answer?.type === 'ack';
  }

  /** Sends a command and waits for the frame with its SEQ; sends it again (same SEQ) up to `retries` times. */
  private async exchange(connection: Connection, command: HostCommand, retries: number): Promise<DeviceMessage | null> {
    this.seq = (this.seq + 1) & 0xff;
    const seq = this.seq;
    const { cmd, payload } = encodeCommand(command);
    const bytes = encodeFrame({ address: this.address, seq, cmd, payload });
    for (let attempt = 0; attempt <= retries && !connection.lost && !this.stopped; attempt++) {
      const answer = new Promise<DeviceMessage | null>((resolve) => {
        const timer = setTimeout(() => done(null), this.replyTimeoutMs);
        const done = (message: DeviceMessage | null) => {
          clearTimeout(timer);
          if (connection.waiter === waiter) connection.waiter = null;
          resolve(message);
        };
        const waiter: Waiter = { seq, resolve: done };
        connection.waiter = waiter;
      });
      try {
        await connection.transport.write(bytes);
      } catch {
        connection.waiter?.resolve(null);
        return null;
      }
      const message = await answer;
      if (message) return message;
      connection.misses++;
      if (connection.misses >= this.missedBeforeLost) return null;
    }
    return null;
  }

  // ------------------------------------------------------------ frames from the keypad

  private onFrame(connection: Connection, frame: ParsedFrame): void {
    if (frame.address !== this.address) return; // another keypad on the bus
    connection.misses = 0;
    const message = decodeDeviceFrame(frame);
    if (message.type === 'invalid') {
      this.log(`评价器帧内容无效（命令 ${toHex([frame.cmd])}）：${message.reason}`);
      if (frame.cmd === CMD.keyEvent) this.write(connection, { type: 'error', cmd: frame.cmd, code: ERROR_CODES.badPayload }, frame.seq);
      return;
    }
    if (message.type === 'key') {
      this.onKey(connection, frame.seq, message);
      return;
    }
    const waiter = connection.waiter;
    if (waiter && waiter.seq === frame.seq) waiter.resolve(message);
  }

  private onKey(connection: Connection, seq: number, key: Extract<DeviceMessage, { type: 'key' }>): void {
    const now = performance.now();
    for (const [counter, at] of this.seenPresses) if (now - at > this.repeatWindowMs) this.seenPresses.delete(counter);
    if (!this.seenPresses.has(key.pressCounter)) {
      this.seenPresses.set(key.pressCounter, now);
      const caseId = key.caseId || this.requestedCase;
      const level = this.levelOf(key.level, key.keyCode);
      if (!caseId) {
        this.log(`按键 ${key.keyCode} 被忽略：没有待评价的办件`);
      } else if (!level) {
        this.context?.notice('warning', strings.evaluation.device.unmappedKey(String(key.keyCode)));
      } else {
        const event: DeviceEvent = { type: 'rating', source: this.name, caseId, level, keyCode: key.keyCode, pressCounter: key.pressCounter };
        try {
          this.context?.report(event);
        } catch (error) {
          // Not stored: no ACK, so the keypad sends it again and the next repeat is tried anew.
          this.seenPresses.delete(key.pressCounter);
          this.log(`评价未能保存，等待评价器重发：${(error as Error).name}`);
          return;
        }
      }
    }
    // After report: the rating is stored by now (or was ignored on purpose).
    this.write(connection, { type: 'ack', cmd: CMD.keyEvent }, seq);
  }

  /** IT's key map, else the keypad's level byte, else the layout of its key count (protocol §5.2). */
  levelOf(levelByte: number, keyCode: number): Rating | null {
    if (this.options.keyMap) return this.options.keyMap.get(keyCode) ?? null;
    if (levelByte >= 1) return levelFromCode(levelByte, 'national');
    const layout = this.options.layout ?? (this.keyCount === 4 ? 'four' : 'five');
    return defaultSerialKeyMap(layout).get(keyCode) ?? null;
  }

  private write(connection: Connection, command: HostCommand, seq: number): void {
    const { cmd, payload } = encodeCommand(command);
    void connection.transport.write(encodeFrame({ address: this.address, seq, cmd, payload })).catch(() => {});
  }

  // ------------------------------------------------------------ helpers

  private openMessage(error: unknown): string {
    const d = strings.evaluation.device;
    const where = this.transportDescription || '—';
    if (error instanceof TransportError) {
      if (error.code === 'missing') return d.portMissing(where);
      if (error.code === 'busy') return d.portBusy(where);
      if (error.code === 'denied') return d.portDenied(where);
    }
    return d.openFailed(where, chineseMessage(error));
  }

  protected override log(line: string): void {
    this.options.log?.(`评价器：${line}`);
  }
}
