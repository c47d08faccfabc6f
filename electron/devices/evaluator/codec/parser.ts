/**
 * Streaming parser for frames of our evaluator serial profile, either
 * direction (docs/evaluator-serial-protocol.md, "Receiving").
 *
 * Bytes arrive in any pieces, with stray bytes between frames (power-up
 * noise, a half frame from before a replug). The parser looks for A5, reads
 * the header, waits for the rest, and accepts the candidate only when LEN is
 * possible, the last byte is 5A and the CRC matches. A rejected candidate
 * costs one byte: the search resumes at the next A5 after its first byte, so
 * a real frame that began inside a rejected one is still found.
 *
 * A damaged header can announce a long frame and hold the parser waiting
 * for bytes that belong to the frames after it. While it waits, the parser
 * looks ahead: a complete, valid frame starting at a later A5 (end byte and
 * CRC-16 both right: a 1 in 2^24 chance for noise) is taken, and the bytes
 * before it are dropped. A key press is therefore never held back by the
 * garbage before it.
 */
import { crc16Modbus } from './crc16';
import { EOF, HEADER_LENGTH, MAX_PAYLOAD, MIN_FRAME_LENGTH, SOF, TRAILER_LENGTH, type Frame } from './frames';

export interface ParsedFrame extends Frame {
  /** The whole frame, A5 to 5A. */
  raw: Uint8Array;
}

export interface ParserStats {
  frames: number;
  /** Bytes dropped while looking for A5. */
  noiseBytes: number;
  badLength: number;
  badCrc: number;
  badEnd: number;
  /** Waiting candidates abandoned for a complete frame found after them. */
  skippedAhead: number;
}

export class EvaluatorFrameParser {
  private buf = new Uint8Array(0);
  readonly stats: ParserStats = { frames: 0, noiseBytes: 0, badLength: 0, badCrc: 0, badEnd: 0, skippedAhead: 0 };

  constructor(private readonly maxPayload = MAX_PAYLOAD) {}

  /** Feeds bytes; returns the frames they complete, in order. Never throws on any input. */
  push(chunk: ArrayLike<number>): ParsedFrame[] {
    if (chunk.length > 0) {
      const next = new Uint8Array(this.buf.length + chunk.length);
      next.set(this.buf, 0);
      next.set(chunk, this.buf.length);
      this.buf = next;
    }
    const frames: ParsedFrame[] = [];
    for (;;) {
      const at = this.buf.indexOf(SOF);
      if (at < 0) {
        this.drop(this.buf.length, true);
        break;
      }
      if (at > 0) this.drop(at, true);
      if (this.buf.length < HEADER_LENGTH) break;
      const length = (this.buf[4]! << 8) | this.buf[5]!;
      if (length > this.maxPayload) {
        this.stats.badLength++;
        this.drop(1, false);
        continue;
      }
      const total = HEADER_LENGTH + length + TRAILER_LENGTH;
      if (this.buf.length < total) {
        const ahead = this.completeFrameAfter(1);
        if (ahead < 0) break;
        this.stats.skippedAhead++;
        this.drop(ahead, false);
        continue;
      }
      const verdict = check(this.buf, 0, length);
      if (verdict !== 'ok') {
        if (verdict === 'end') this.stats.badEnd++;
        else this.stats.badCrc++;
        this.drop(1, false);
        continue;
      }
      const raw = this.buf.slice(0, total);
      frames.push({ address: raw[1]!, seq: raw[2]!, cmd: raw[3]!, payload: raw.subarray(HEADER_LENGTH, HEADER_LENGTH + length), raw });
      this.stats.frames++;
      this.drop(total, false);
    }
    return frames;
  }

  /** Forgets a partial frame. */
  reset(): void {
    this.buf = new Uint8Array(0);
  }

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  /** Offset of the first A5 at or after `from` that starts a complete valid frame within the buffer, or -1. */
  private completeFrameAfter(from: number): number {
    for (let p = this.buf.indexOf(SOF, from); p >= 0; p = this.buf.indexOf(SOF, p + 1)) {
      if (this.buf.length - p < MIN_FRAME_LENGTH) return -1;
      const length = (this.buf[p + 4]! << 8) | this.buf[p + 5]!;
      if (length > this.maxPayload || p + HEADER_LENGTH + length + TRAILER_LENGTH > this.buf.length) continue;
      if (check(this.buf, p, length) === 'ok') return p;
    }
    return -1;
  }

  private drop(count: number, noise: boolean): void {
    if (noise) this.stats.noiseBytes += count;
    this.buf = this.buf.subarray(count);
  }
}

function check(buf: Uint8Array, at: number, length: number): 'ok' | 'end' | 'crc' {
  const crcAt = at + HEADER_LENGTH + length;
  if (buf[crcAt + 2] !== EOF) return 'end';
  const crc = crc16Modbus(buf, at + 1, crcAt);
  return (crc & 0xff) === buf[crcAt] && crc >> 8 === buf[crcAt + 1] ? 'ok' : 'crc';
}
