/**
 * Streaming parser for reader → host frames (specs/idcard-sam.md, "Frames"):
 *
 *   AA AA AA 96 69 | LEN (2, BE) | SW1 | SW2 | SW3 | DATA… | CHK      (LEN + 7 bytes)
 *
 * Bytes arrive in arbitrary pieces, with stray bytes around them (readers
 * emit some on power-up). The parser finds the preamble anywhere, waits for
 * the rest of a frame across any number of pushes, and rejects a candidate
 * whose LEN is impossible or whose CHK is wrong, resynchronising on the next
 * preamble after the rejected one's first byte — a real frame may start
 * inside a rejected candidate.
 *
 * One more rule beyond the spec: a candidate whose body contains a whole
 * preamble is abandoned for that inner preamble. A frame cut short (reader
 * reset mid-frame, port opened mid-frame) is followed by the next real frame;
 * without this rule the cut frame would swallow it and, since an XOR
 * checksum passes by chance once in 256, sometimes yield a false frame. The
 * price: a genuine frame whose photo happens to contain AA AA AA 96 69
 * (about 1 in 10^9 for 1 KiB of compressed data) is lost and re-read.
 *
 * Usable as a plain `push(bytes) → frames` object or, in node-serialport's
 * parser style, as an object-mode Transform (`SamResponseTransform`).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { HEADER_LENGTH, PREAMBLE, xorChecksum } from './frames';

export interface ResponseFrame {
  sw1: number;
  sw2: number;
  /** The status to check (specs: "SW3 status codes"). */
  sw3: number;
  /** The bytes between SW3 and CHK. */
  data: Uint8Array;
  /** The whole frame, preamble to CHK. */
  raw: Uint8Array;
}

/** SW1 + SW2 + SW3 + CHK: the shortest possible response. */
export const MIN_RESPONSE_LEN = 4;
/** The longest frame the spec defines: 30 10 (text + photo + fingerprint), LEN 09 0A. */
export const MAX_RESPONSE_LEN = 0x090a;

export interface ParserStats {
  frames: number;
  /** Bytes dropped while looking for a preamble. */
  noiseBytes: number;
  badLength: number;
  badChecksum: number;
  /** Candidates abandoned for a preamble inside them. */
  interrupted: number;
}

const PREAMBLE_BUF = Buffer.from(PREAMBLE);

export class SamResponseParser {
  private buf: Buffer = Buffer.allocUnsafe(4096);
  private start = 0;
  private end = 0;
  /** Where the search for an inner preamble of the current candidate resumes. */
  private scannedTo = -1;
  readonly stats: ParserStats = { frames: 0, noiseBytes: 0, badLength: 0, badChecksum: 0, interrupted: 0 };

  constructor(private readonly maxLength = MAX_RESPONSE_LEN) {}

  /** Feeds bytes; returns the frames completed by them, in order. Never throws on any input. */
  push(chunk: Uint8Array): ResponseFrame[] {
    this.append(chunk);
    const frames: ResponseFrame[] = [];
    for (;;) {
      const view = this.buf.subarray(this.start, this.end);
      const at = view.indexOf(PREAMBLE_BUF);
      if (at < 0) {
        // Keep a tail that may be the beginning of a preamble split across reads.
        const keep = partialPreambleSuffix(view);
        this.drop(view.length - keep, true);
        break;
      }
      if (at > 0) this.drop(at, true);
      const available = this.end - this.start;
      if (available < HEADER_LENGTH) break;
      const b = this.buf;
      const s = this.start;
      const len = (b[s + 5]! << 8) | b[s + 6]!;
      if (len < MIN_RESPONSE_LEN || len > this.maxLength) {
        this.stats.badLength++;
        this.drop(1, false);
        continue;
      }
      const total = len + HEADER_LENGTH;
      const seen = Math.min(available, total);
      const scanFrom = Math.max(PREAMBLE.length, this.scannedTo - 4);
      const inner = seen > scanFrom ? b.subarray(s + scanFrom, s + seen).indexOf(PREAMBLE_BUF) : -1;
      if (inner >= 0) {
        this.stats.interrupted++;
        this.drop(scanFrom + inner, false);
        continue;
      }
      this.scannedTo = seen;
      if (available < total) break;
      const chk = b[s + total - 1]!;
      if (xorChecksum(b, s + PREAMBLE.length, s + total - 1) !== chk) {
        this.stats.badChecksum++;
        this.drop(1, false);
        continue;
      }
      const raw = Uint8Array.prototype.slice.call(b, s, s + total) as Uint8Array;
      frames.push({ sw1: raw[7]!, sw2: raw[8]!, sw3: raw[9]!, data: raw.subarray(10, total - 1), raw });
      this.stats.frames++;
      this.drop(total, false);
    }
    return frames;
  }

  /** Forgets any partial frame (after a command timeout, before the next command). */
  reset(): void {
    this.start = 0;
    this.end = 0;
    this.scannedTo = -1;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.end - this.start;
  }

  private append(chunk: Uint8Array): void {
    const needed = this.end - this.start + chunk.length;
    if (this.end + chunk.length > this.buf.length) {
      if (needed > this.buf.length / 2) {
        const bigger = Buffer.allocUnsafe(Math.max(needed * 2, this.buf.length * 2));
        this.buf.copy(bigger, 0, this.start, this.end);
        this.buf = bigger;
      } else {
        this.buf.copy(this.buf, 0, this.start, this.end);
      }
      this.end -= this.start;
      this.start = 0;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }

  private drop(count: number, noise: boolean): void {
    if (noise) this.stats.noiseBytes += count;
    this.start += count;
    this.scannedTo = -1;
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
    }
  }
}

/** Length of the longest suffix of `bytes` that is a proper prefix of the preamble. */
function partialPreambleSuffix(bytes: Uint8Array): number {
  for (let k = Math.min(PREAMBLE.length - 1, bytes.length); k > 0; k--) {
    let match = true;
    for (let i = 0; i < k; i++) {
      if (bytes[bytes.length - k + i] !== PREAMBLE[i]) {
        match = false;
        break;
      }
    }
    if (match) return k;
  }
  return 0;
}

/** The parser as an object-mode Transform: bytes in, `ResponseFrame`s out (pipe a SerialPort into it). */
export class SamResponseTransform extends Transform {
  readonly parser: SamResponseParser;

  constructor(maxLength?: number) {
    super({ readableObjectMode: true });
    this.parser = new SamResponseParser(maxLength);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const frame of this.parser.push(chunk)) this.push(frame);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.parser.reset();
    callback();
  }
}
