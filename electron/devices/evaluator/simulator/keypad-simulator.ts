/**
 * A rating keypad speaking our serial profile, simulated from
 * docs/evaluator-serial-protocol.md on any byte link: it answers the host's
 * commands, shows what it is told, sends key events and repeats them until
 * they are acknowledged, and can be scripted to misbehave the ways real
 * keypads do (contact bounce, repeated frames, line noise, damaged frames,
 * a hung controller, four keys instead of five).
 */
import { PacedWriter } from '../../idcard/simulator/paced-writer';
import { remember } from '../../recent-history';
import { frame, HostFrameReader, PayloadReader, text, type HostFrame } from './wire';

export interface KeypadScript {
  keyCount: 4 | 5;
  address: number;
  model: string;
  /** The level byte of key events: the national code of the key (true) or 00, leaving the mapping to the host (false). */
  reportsLevel: boolean;
  /** Extra key events per press with new press counters, `bounceGapMs` apart (a contact the firmware failed to de-bounce). */
  bounce: number;
  bounceGapMs: number;
  /** The same key-event frame sent this many extra times at once (a chatty firmware). */
  repeatFrames: number;
  /** Repeat an unacknowledged key event every … ms, at most … times (§4). */
  retransmitMs: number;
  maxRetransmits: number;
  /** Random bytes written before every frame. */
  noiseBeforeFrames: number;
  /** The next N frames go out with a wrong CRC. */
  corruptFrames: number;
  /** Answers nothing and sends nothing (a hung controller on a live USB adapter). */
  silent: boolean;
  /** Bytes written when the link comes up. */
  powerUpNoise: Uint8Array;
}

export const DEFAULT_KEYPAD_SCRIPT: KeypadScript = {
  keyCount: 5,
  address: 0x01,
  model: 'SIM-EV5',
  reportsLevel: true,
  bounce: 0,
  bounceGapMs: 8,
  repeatFrames: 0,
  retransmitMs: 200,
  maxRetransmits: 5,
  noiseBeforeFrames: 0,
  corruptFrames: 0,
  silent: false,
  powerUpNoise: Uint8Array.from([0x00, 0xff, 0xa5, 0x01, 0x5a, 0x13]),
};

export type KeypadScreen =
  | { kind: 'welcome'; text: string }
  | { kind: 'rating'; caseId: string; itemName: string }
  | { kind: 'thanks'; caseId: string }
  | { kind: 'paused'; reason: string; returnAt: string | null };

export interface KeypadSimulatorOptions {
  baudRate: number;
  splitWrites?: boolean;
  script?: Partial<KeypadScript>;
}

const SCREEN_CODES: Record<KeypadScreen['kind'], number> = { welcome: 0, rating: 1, thanks: 2, paused: 3 };

interface Unacked {
  bytes: Uint8Array;
  retries: number;
  timer: NodeJS.Timeout | null;
}

export class KeypadSimulator {
  private readonly reader = new HostFrameReader();
  private readonly writer: PacedWriter;
  private script: KeypadScript;
  private seq = 0x0f;
  private counter = 0;
  private lastCommand: { seq: number; cmd: number; answer: Uint8Array | null } | null = null;
  private readonly unacked = new Map<number, Unacked>();
  private timers = new Set<NodeJS.Timeout>();
  screen: KeypadScreen = { kind: 'welcome', text: '' };
  clerk: { window: string; name: string; staffNumber: string } | null = null;
  /** The host frames acted on (the last RECENT_HISTORY_LIMIT), as CMD plus seq, for tests. */
  readonly received: Array<{ cmd: number; seq: number; at: number }> = [];
  /** The screens shown (the last RECENT_HISTORY_LIMIT), in order. */
  readonly screens: KeypadScreen[] = [];
  /** Key events acknowledged by the host: seq → time. */
  readonly acked = new Map<number, number>();
  /** Every key-event frame written (first sends and repeats). */
  keyFramesSent = 0;
  /** Called when a frame's last byte has been handed to the link (bench timing). */
  onFrameSent: ((kind: 'key' | 'answer', at: number) => void) | null = null;

  constructor(
    private readonly write: (bytes: Uint8Array) => void,
    private readonly options: KeypadSimulatorOptions,
  ) {
    this.script = { ...DEFAULT_KEYPAD_SCRIPT, ...options.script };
    this.writer = new PacedWriter((bytes) => this.write(bytes), { baudRate: options.baudRate, splitWrites: options.splitWrites ?? false });
  }

  setScript(changes: Partial<KeypadScript>): void {
    this.script = { ...this.script, ...changes };
  }

  get currentScript(): Readonly<KeypadScript> {
    return this.script;
  }

  /** The case the keypad is asking to rate, or '' when none. */
  get requestedCase(): string {
    return this.screen.kind === 'rating' ? this.screen.caseId : '';
  }

  /** Power on (plugged in): a fresh controller shows its own welcome and no clerk until the host says otherwise. */
  powerUp(): void {
    this.screen = { kind: 'welcome', text: '' };
    this.clerk = null;
    this.lastCommand = null;
    if (this.script.powerUpNoise.length) this.writer.send(this.script.powerUpNoise);
  }

  /** The link went down: forget what was being sent and every repeat. */
  powerDown(): void {
    this.writer.clear();
    for (const u of this.unacked.values()) if (u.timer) clearTimeout(u.timer);
    this.unacked.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Writes raw bytes (line garbage) as they are. */
  sendRaw(bytes: ArrayLike<number>): void {
    this.writer.send(Uint8Array.from(bytes as ArrayLike<number>));
  }

  /**
   * Presses key `keyCode` (1 … keyCount from the left). The key event names
   * the requested case, or none — or `caseId` when given (a keypad that
   * still holds an old request). Returns the press counter used.
   */
  pressKey(keyCode: number, caseId?: string): number {
    if (!Number.isInteger(keyCode) || keyCode < 1 || keyCode > this.script.keyCount) throw new RangeError(`no key ${keyCode} on a ${this.script.keyCount}-key keypad`);
    const first = this.sendKeyEvent(keyCode, caseId);
    for (let i = 1; i <= this.script.bounce; i++) {
      this.later(() => this.sendKeyEvent(keyCode, caseId), i * this.script.bounceGapMs);
    }
    return first;
  }

  /**
   * Presses the key printed with a national level's name: on five keys the
   * levels from the left; on four keys 非常满意 / 满意 / 一般 / 不满意, where
   * 一般 is the third key and 非常不满意 does not exist.
   */
  pressLevel(level: 'verySatisfied' | 'satisfied' | 'basicallySatisfied' | 'dissatisfied' | 'veryDissatisfied', caseId?: string): number {
    const five = ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'];
    const key = five.indexOf(level) + 1;
    if (this.script.keyCount === 4 && key === 5) throw new RangeError('a four-key keypad has no 非常不满意 key');
    return this.pressKey(key, caseId);
  }

  /** Bytes from the host. */
  receive(bytes: Uint8Array): void {
    for (const f of this.reader.push(bytes)) this.onFrame(f);
  }

  get unacknowledged(): number {
    return this.unacked.size;
  }

  private sendKeyEvent(keyCode: number, caseId = this.requestedCase): number {
    if (this.script.silent) return this.counter;
    this.counter = (this.counter + 1) & 0xffff;
    this.seq = (this.seq + 1) & 0xff;
    const seq = this.seq;
    const level = this.script.reportsLevel ? keyCode : 0; // four keys: 1 2 3 4 are also the national codes of 非常满意 … 不满意
    const payload = [...text(caseId), level, keyCode, this.counter >> 8, this.counter & 0xff];
    const bytes = frame(this.script.address, seq, 0x82, payload);
    const entry: Unacked = { bytes, retries: 0, timer: null };
    const previous = this.unacked.get(seq);
    if (previous?.timer) clearTimeout(previous.timer);
    this.unacked.set(seq, entry);
    this.emit(bytes, 'key');
    for (let i = 0; i < this.script.repeatFrames; i++) this.emit(bytes, 'key');
    this.scheduleRetransmit(seq);
    return this.counter;
  }

  private scheduleRetransmit(seq: number): void {
    const entry = this.unacked.get(seq);
    if (!entry) return;
    entry.timer = setTimeout(() => {
      if (this.unacked.get(seq) !== entry) return;
      if (entry.retries >= this.script.maxRetransmits) {
        this.unacked.delete(seq);
        return;
      }
      entry.retries++;
      if (!this.script.silent) this.emit(entry.bytes, 'key');
      this.scheduleRetransmit(seq);
    }, this.script.retransmitMs);
  }

  private onFrame(f: HostFrame): void {
    if (this.script.silent) return;
    const broadcast = f.address === 0x00;
    if (!broadcast && f.address !== this.script.address) return;
    remember(this.received, { cmd: f.cmd, seq: f.seq, at: performance.now() });

    if (f.cmd === 0x06) {
      // The host acknowledges one of our key events.
      const entry = this.unacked.get(f.seq);
      if (entry && f.payload[0] === 0x82) {
        if (entry.timer) clearTimeout(entry.timer);
        this.unacked.delete(f.seq);
        this.acked.set(f.seq, performance.now());
      }
      return;
    }
    if (f.cmd === 0x15) return; // the host complains about one of our frames: nothing to do

    // A command sent again with the same SEQ (our answer was lost): answer again, do not act twice.
    if (!broadcast && this.lastCommand && this.lastCommand.seq === f.seq && this.lastCommand.cmd === f.cmd && f.cmd !== 0x01) {
      if (this.lastCommand.answer) this.emit(this.lastCommand.answer, 'answer');
      return;
    }
    const answer = this.execute(f);
    if (!broadcast) {
      this.lastCommand = { seq: f.seq, cmd: f.cmd, answer };
      if (answer) this.emit(answer, 'answer');
    }
  }

  /** Acts on a command; returns the answer frame. */
  private execute(f: HostFrame): Uint8Array {
    const a = this.script.address;
    const r = new PayloadReader(f.payload);
    const ack = () => frame(a, f.seq, 0x06, [f.cmd]);
    const bad = () => frame(a, f.seq, 0x15, [f.cmd, 0x04]);
    switch (f.cmd) {
      case 0x01:
        if (f.payload.length !== 0) return bad();
        return frame(a, f.seq, 0x81, [this.script.keyCount, SCREEN_CODES[this.screen.kind], 0x01, ...text(this.script.model)]);
      case 0x10: {
        const t = r.text();
        if (!r.done) return bad();
        this.show({ kind: 'welcome', text: t });
        return ack();
      }
      case 0x11: {
        const window = r.text();
        const name = r.text();
        const staffNumber = r.text();
        if (!r.done) return bad();
        this.clerk = { window, name, staffNumber };
        return ack();
      }
      case 0x12: {
        const caseId = r.text();
        const itemName = r.text();
        if (!r.done || !/^[\x21-\x7e]{1,32}$/.test(caseId)) return bad();
        this.show({ kind: 'rating', caseId, itemName });
        return ack();
      }
      case 0x13: {
        const caseId = r.text();
        if (!r.done) return bad();
        this.show({ kind: 'thanks', caseId });
        return ack();
      }
      case 0x14: {
        const reason = r.text();
        const hour = r.byte();
        const minute = r.byte();
        if (!r.done) return bad();
        const returnAt = hour === 0xff && minute === 0xff ? null : `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        this.show({ kind: 'paused', reason, returnAt });
        return ack();
      }
      default:
        return frame(a, f.seq, 0x15, [f.cmd, 0x03]);
    }
  }

  private show(screen: KeypadScreen): void {
    this.screen = screen;
    remember(this.screens, screen);
  }

  private emit(bytes: Uint8Array, kind: 'key' | 'answer'): void {
    if (this.script.noiseBeforeFrames > 0) {
      // Noise without A5, so that it is noise and not a damaged frame start.
      this.writer.send(Uint8Array.from({ length: this.script.noiseBeforeFrames }, () => {
        const b = Math.floor(Math.random() * 256);
        return b === 0xa5 ? 0x00 : b;
      }));
    }
    let out = bytes;
    if (this.script.corruptFrames > 0) {
      this.script = { ...this.script, corruptFrames: this.script.corruptFrames - 1 };
      out = Uint8Array.from(bytes);
      out[out.length - 2] = out[out.length - 2]! ^ 0xff; // CRC high byte
    }
    if (kind === 'key') this.keyFramesSent++;
    this.writer.send(out, 0, this.onFrameSent ? () => this.onFrameSent?.(kind, performance.now()) : undefined);
  }

  private later(run: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      run();
    }, ms);
    this.timers.add(t);
  }
}
