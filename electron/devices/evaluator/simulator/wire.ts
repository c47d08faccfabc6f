/**
 * The keypad simulator's own byte-level framing, written from
 * docs/evaluator-serial-protocol.md (§2, §3, §6) and deliberately sharing
 * nothing with the driver's codec (electron/devices/evaluator/codec): if both
 * used one codec, a bug in it would pass every test. Bitwise CRC here, a
 * table-driven one there.
 */

/** CRC-16/MODBUS, bit by bit as the document writes it. */
export function modbusCrc(bytes: readonly number[]): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >> 1) ^ 0xa001 : crc >> 1;
  }
  return crc;
}

/** A5 ADDR SEQ CMD LEN_H LEN_L PAYLOAD CRC_L CRC_H 5A; `badCrc` flips the CRC (a damaged frame). */
export function frame(address: number, seq: number, cmd: number, payload: readonly number[] = [], badCrc = false): Uint8Array {
  const body = [address, seq, cmd, payload.length >> 8, payload.length & 0xff, ...payload];
  let crc = modbusCrc(body);
  if (badCrc) crc ^= 0x5555;
  return Uint8Array.from([0xa5, ...body, crc & 0xff, crc >> 8, 0x5a]);
}

/** STR8: length byte + UTF-8 (the simulator only sends short texts). */
export function text(value: string): number[] {
  const bytes = Array.from(Buffer.from(value, 'utf8'));
  if (bytes.length > 255) throw new RangeError('STR8 too long');
  return [bytes.length, ...bytes];
}

export interface HostFrame {
  address: number;
  seq: number;
  cmd: number;
  payload: number[];
}

/** Cuts host bytes into frames; damaged candidates are dropped a byte at a time (§6). */
export class HostFrameReader {
  private bytes: number[] = [];
  /** Candidates rejected for CRC or end byte. */
  rejected = 0;

  push(chunk: ArrayLike<number>): HostFrame[] {
    for (let i = 0; i < chunk.length; i++) this.bytes.push(chunk[i]!);
    const out: HostFrame[] = [];
    for (;;) {
      const start = this.bytes.indexOf(0xa5);
      if (start < 0) {
        this.bytes = [];
        break;
      }
      this.bytes = this.bytes.slice(start);
      if (this.bytes.length < 6) break;
      const len = (this.bytes[4]! << 8) | this.bytes[5]!;
      if (len > 800) {
        this.bytes.shift();
        continue;
      }
      if (this.bytes.length < len + 9) break;
      const candidate = this.bytes.slice(0, len + 9);
      const crc = modbusCrc(candidate.slice(1, 6 + len));
      if (candidate[len + 8] !== 0x5a || candidate[6 + len] !== (crc & 0xff) || candidate[7 + len] !== crc >> 8) {
        this.rejected++;
        this.bytes.shift();
        continue;
      }
      this.bytes = this.bytes.slice(len + 9);
      out.push({ address: candidate[1]!, seq: candidate[2]!, cmd: candidate[3]!, payload: candidate.slice(6, 6 + len) });
    }
    return out;
  }
}

/** Reads STR8 and bytes off a payload; null when it does not fit. */
export class PayloadReader {
  private at = 0;
  ok = true;
  constructor(private readonly bytes: readonly number[]) {}

  byte(): number {
    if (this.at >= this.bytes.length) {
      this.ok = false;
      return 0;
    }
    return this.bytes[this.at++]!;
  }

  text(): string {
    const n = this.byte();
    if (this.at + n > this.bytes.length) {
      this.ok = false;
      return '';
    }
    const slice = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    const value = Buffer.from(slice).toString('utf8');
    if (Buffer.from(value, 'utf8').length !== n) this.ok = false; // not valid UTF-8
    return value;
  }

  get done(): boolean {
    return this.ok && this.at === this.bytes.length;
  }
}
