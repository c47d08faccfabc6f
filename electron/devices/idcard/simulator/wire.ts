/**
 * The simulator's own byte-level framing, written from the spec
 * (specs/idcard-sam.md, "Frames") and deliberately sharing nothing with the
 * driver's codec: if both used one codec, a bug in it would pass every
 * test. Reader side: it reads commands and writes responses.
 */

const SYNC = [0xaa, 0xaa, 0xaa, 0x96, 0x69];

/** A response frame: preamble, LEN (SW1 SW2 SW3 DATA CHK), SW1 SW2 SW3, DATA, CHK. */
export function responseFrame(sw3: number, data: ArrayLike<number> = [], chk?: number): Uint8Array {
  const len = 3 + data.length + 1;
  const bytes: number[] = [...SYNC, len >> 8, len & 0xff, 0x00, 0x00, sw3, ...Array.from(data)];
  let x = 0;
  for (let i = 5; i < bytes.length; i++) x ^= bytes[i]!;
  bytes.push(chk ?? x);
  return Uint8Array.from(bytes);
}

export type IncomingCommand =
  | { kind: 'command'; cmd: number; para: number; data: Uint8Array; length: number }
  /** A command whose CHK did not add up: the reader answers 10. */
  | { kind: 'bad-checksum'; length: number }
  /** A LEN no command can have: the reader answers 11. */
  | { kind: 'bad-length' };

/** Longest command LEN the simulator accepts: no command in the spec carries more than one DATA byte. */
const MAX_COMMAND_LEN = 64;

/** Collects host bytes and cuts them into commands. */
export class CommandReader {
  private bytes: number[] = [];

  push(chunk: ArrayLike<number>): IncomingCommand[] {
    for (let i = 0; i < chunk.length; i++) this.bytes.push(chunk[i]!);
    const out: IncomingCommand[] = [];
    for (;;) {
      const start = this.findSync();
      if (start < 0) {
        // Keep up to four bytes that could be the start of a preamble.
        this.bytes = this.bytes.slice(Math.max(0, this.bytes.length - 4));
        break;
      }
      this.bytes = this.bytes.slice(start);
      if (this.bytes.length < 7) break;
      const len = (this.bytes[5]! << 8) | this.bytes[6]!;
      if (len < 3 || len > MAX_COMMAND_LEN) {
        out.push({ kind: 'bad-length' });
        this.bytes = this.bytes.slice(1);
        continue;
      }
      if (this.bytes.length < len + 7) break;
      const frame = this.bytes.slice(0, len + 7);
      this.bytes = this.bytes.slice(len + 7);
      let x = 0;
      for (let i = 5; i < frame.length - 1; i++) x ^= frame[i]!;
      if (x !== frame[frame.length - 1]) {
        out.push({ kind: 'bad-checksum', length: frame.length });
        continue;
      }
      out.push({ kind: 'command', cmd: frame[7]!, para: frame[8]!, data: Uint8Array.from(frame.slice(9, -1)), length: frame.length });
    }
    return out;
  }

  private findSync(): number {
    outer: for (let i = 0; i + SYNC.length <= this.bytes.length; i++) {
      for (let j = 0; j < SYNC.length; j++) if (this.bytes[i + j] !== SYNC[j]) continue outer;
      return i;
    }
    return -1;
  }
}
