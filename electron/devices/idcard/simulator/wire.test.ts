import { describe, expect, it } from 'vitest';
import { CommandReader, responseFrame } from './wire';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
const bytes = (h: string) => Uint8Array.from(h.split(' '), (x) => parseInt(x, 16));

// The simulator's own writer must produce the spec's example frames byte for byte too.
describe('simulator framing (independent of the driver codec)', () => {
  it('writes the spec examples', () => {
    expect(hex(responseFrame(0x9f, [0, 0, 0, 0]))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    expect(hex(responseFrame(0x80))).toBe('AA AA AA 96 69 00 04 00 00 80 84');
    const select = responseFrame(0x90, [0, 0, 0, 0, 0, 0, 0, 0]);
    expect(hex(select.subarray(0, 10))).toBe('AA AA AA 96 69 00 0C 00 00 90');
    expect(select.length).toBe(10 + 8 + 1);
  });

  it('reads the spec command frames, split anywhere, and flags bad CHK and LEN', () => {
    const reader = new CommandReader();
    const stream = bytes('00 AA AA AA 96 69 00 03 20 01 22 AA AA AA 96 69 00 04 61 FF 50 CA AA AA AA 96 69 00 03 30 01 33 AA AA AA 96 69 00 00');
    const out = Array.from(stream).flatMap((b) => reader.push([b]));
    expect(out).toEqual([
      { kind: 'command', cmd: 0x20, para: 0x01, data: new Uint8Array(0), length: 10 },
      { kind: 'command', cmd: 0x61, para: 0xff, data: Uint8Array.of(0x50), length: 11 },
      { kind: 'bad-checksum', length: 10 },
      { kind: 'bad-length' },
    ]);
  });
});
