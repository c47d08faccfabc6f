/**
 * A SAM reader, simulated from the spec (specs/idcard-sam.md), on any byte
 * link: it reads commands, answers them like the security module would, and
 * can be scripted to misbehave the ways real readers do.
 *
 * Card in the field: absent → fresh (find 9F) → selected (select 90) → read
 * (30 01 / 30 10, 90). After a read the card is halted — find answers 80
 * until it leaves the field and comes back (the spec's rule) — unless
 * `afterRead: 'stay'` mimics readers that keep finding it.
 */
import { remember } from '../../recent-history';
import { PacedWriter, wireTimeMs } from './paced-writer';
import { CommandReader, responseFrame } from './wire';
import type { SimCard } from './card-image';

export interface SimulatorScript {
  /** SW3 for SAM status; 0x60 (self-test failed) makes every command answer 60. */
  samStatus: number;
  /** Whether a SAM reset (10 FF) clears a failed self-test. */
  resetRecovers: boolean;
  samId: Uint8Array;
  afterRead: 'halt' | 'stay';
  /** The next N reads answer this SW3 instead of the card (e.g. 41). */
  readFailures: number;
  readFailureCode: number;
  /** The next N responses go out with a wrong CHK. */
  corruptResponses: number;
  /** The next N commands get no answer at all. */
  dropCommands: number;
  /** The next N successful finds are followed by the card leaving the field (a hand pulled back). */
  removeAfterFind: number;
  /** Random bytes written before every response. */
  noiseBeforeResponses: number;
  /** Bytes written when the link comes up (readers emit some on power-up). */
  powerUpNoise: Uint8Array;
  /** Time the reader "works" before answering, per command class (ms). RF time is not wire time. */
  processingMs: { sam: number; find: number; select: number; read: number };
}

export const DEFAULT_SCRIPT: SimulatorScript = {
  samStatus: 0x90,
  resetRecovers: false,
  samId: Uint8Array.from([0x05, 0x00, 0x01, 0x00, 0x44, 0x33, 0x22, 0x11, 0x0d, 0x0c, 0x0b, 0x0a, 0x04, 0x03, 0x02, 0x01]),
  afterRead: 'halt',
  readFailures: 0,
  readFailureCode: 0x41,
  corruptResponses: 0,
  dropCommands: 0,
  removeAfterFind: 0,
  noiseBeforeResponses: 0,
  powerUpNoise: Uint8Array.from([0x00, 0xff, 0xaa, 0xaa, 0x96, 0x13, 0xaa, 0xaa, 0xaa, 0x96]),
  processingMs: { sam: 0, find: 0, select: 0, read: 0 },
};

export interface SimulatorOptions {
  baudRate: number;
  splitWrites?: boolean;
  script?: Partial<SimulatorScript>;
}

type CardState = 'absent' | 'fresh' | 'selected' | 'halted';

export class SamSimulator {
  private readonly reader = new CommandReader();
  private readonly writer: PacedWriter;
  private script: SimulatorScript;
  private card: SimCard | null = null;
  private cardState: CardState = 'absent';
  /** The commands received (the last RECENT_HISTORY_LIMIT), as "CMD PARA" hex, for tests. */
  readonly received: string[] = [];
  /** Bytes the host sent and the reader answered, for wire-time figures. */
  bytesIn = 0;
  bytesOut = 0;

  constructor(
    private readonly write: (bytes: Uint8Array) => void,
    private readonly options: SimulatorOptions,
  ) {
    this.script = { ...DEFAULT_SCRIPT, ...options.script };
    this.writer = new PacedWriter((bytes) => this.write(bytes), { baudRate: options.baudRate, splitWrites: options.splitWrites ?? false });
  }

  /** Changes the script; unspecified entries stay. */
  setScript(changes: Partial<SimulatorScript>): void {
    this.script = { ...this.script, ...changes };
  }

  get currentScript(): Readonly<SimulatorScript> {
    return this.script;
  }

  placeCard(card: SimCard): void {
    this.card = card;
    this.cardState = 'fresh';
  }

  removeCard(): void {
    this.card = null;
    this.cardState = 'absent';
  }

  get hasCard(): boolean {
    return this.card !== null;
  }

  /** The link came up (power-on, replug): stray bytes first, like real readers. */
  powerUp(): void {
    if (this.script.powerUpNoise.length) this.writer.send(this.script.powerUpNoise);
  }

  /** The link went down: forget what was being sent. */
  powerDown(): void {
    this.writer.clear();
  }

  /** Bytes from the host. */
  receive(bytes: Uint8Array): void {
    this.bytesIn += bytes.length;
    for (const c of this.reader.push(bytes)) {
      if (c.kind === 'bad-length') this.answer(0x11, [], 7);
      else if (c.kind === 'bad-checksum') this.answer(0x10, [], c.length);
      else {
        remember(this.received, `${hex(c.cmd)} ${hex(c.para)}`);
        this.handle(c.cmd, c.para, c.data, c.length);
      }
    }
  }

  get idle(): boolean {
    return this.writer.idle;
  }

  private handle(cmd: number, para: number, data: Uint8Array, length: number): void {
    const s = this.script;
    if (s.dropCommands > 0) {
      s.dropCommands--;
      return;
    }
    const p = s.processingMs;
    const reply = (sw3: number, payload: ArrayLike<number> = [], work = 0) => this.answer(sw3, payload, length, work);
    if (s.samStatus === 0x60 && !(cmd === 0x10 && s.resetRecovers)) return reply(0x60, [], p.sam);
    switch (`${hex(cmd)} ${hex(para)}`) {
      case '10 FF':
        s.samStatus = 0x90;
        return reply(0x90, [], p.sam);
      case '11 FF':
        return reply(s.samStatus, [], p.sam);
      case '12 FF':
        return reply(0x90, s.samId, p.sam);
      case '20 01':
        if (this.cardState === 'fresh' || this.cardState === 'selected') {
          reply(0x9f, [0, 0, 0, 0], p.find);
          if (s.removeAfterFind > 0) {
            s.removeAfterFind--;
            this.removeCard();
          }
          return;
        }
        return reply(0x80, [], p.find);
      case '20 02':
        if (this.cardState === 'fresh' || this.cardState === 'selected') {
          this.cardState = 'selected';
          return reply(0x90, [0, 0, 0, 0, 0, 0, 0, 0], p.select);
        }
        return reply(0x81, [], p.select);
      case '30 01':
      case '30 10':
        return this.read(para === 0x10, reply, p.read);
      case '30 03': {
        if (!this.card) return reply(0x80, [], p.read);
        const address = this.card?.appendedAddress;
        if (!address) return reply(0x91, [], p.read);
        const bytes = new Uint8Array(70).fill(0);
        for (let i = 0; i < 35; i++) {
          const code = i < address.length ? address.charCodeAt(i) : 0x20;
          bytes[i * 2] = code & 0xff;
          bytes[i * 2 + 1] = code >> 8;
        }
        return reply(0x90, bytes, p.read);
      }
      default:
        if (cmd === 0x60 && para <= 4 && data.length === 0) {
          reply(0x90);
          // The new rate applies after the answer, like the real command.
          this.writer.setBaudRate([115200, 57600, 38400, 19200, 9600][para]!);
          return;
        }
        if (cmd === 0x61 && para === 0xff && data.length === 1) return reply(0x90);
        return reply(0x21);
    }
  }

  private read(withFingerprint: boolean, reply: (sw3: number, payload?: ArrayLike<number>, work?: number) => void, work: number): void {
    const s = this.script;
    if (this.cardState !== 'selected' || !this.card) return reply(this.card ? 0x41 : 0x80, [], work);
    if (s.readFailures > 0) {
      s.readFailures--;
      this.cardState = 'fresh';
      return reply(s.readFailureCode, [], work);
    }
    const { text, photo, fingerprint } = this.card;
    const be = (n: number) => [n >> 8, n & 0xff];
    const payload = withFingerprint
      ? [...be(text.length), ...be(photo.length), ...be(fingerprint?.length ?? 0), ...text, ...photo, ...(fingerprint ?? [])]
      : [...be(text.length), ...be(photo.length), ...text, ...photo];
    this.cardState = s.afterRead === 'halt' ? 'halted' : 'fresh';
    reply(0x90, payload, work);
  }

  /** Queues a response after the command's own wire time and the reader's work time. */
  private answer(sw3: number, payload: ArrayLike<number>, commandLength: number, workMs = 0): void {
    const s = this.script;
    let chk: number | undefined;
    if (s.corruptResponses > 0) {
      s.corruptResponses--;
      const good = responseFrame(sw3, payload);
      chk = good[good.length - 1]! ^ 0x5a;
    }
    const frame = responseFrame(sw3, payload, chk);
    const delay = wireTimeMs(commandLength, this.options.baudRate) + workMs;
    if (s.noiseBeforeResponses > 0) {
      const noise = Uint8Array.from({ length: s.noiseBeforeResponses }, (_, i) => (i % 3 === 0 ? 0xaa : (Math.random() * 256) | 0));
      this.writer.send(noise, delay);
      this.writer.send(frame);
    } else {
      this.writer.send(frame, delay);
    }
    this.bytesOut += frame.length;
  }
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
