import { describe, expect, it } from 'vitest';
import { encodeFrame, fromHex, toHex } from './frames';
import { EvaluatorFrameParser } from './parser';

// Spec bytes (docs/evaluator-serial-protocol.md §7).
const KEY = fromHex('A5 01 10 82 00 15 10 30 38 2D 32 30 32 36 31 31 32 33 2D 30 30 30 37 01 01 00 2A FB 2C 5A');
const STATUS = fromHex('A5 01 00 81 00 08 05 00 01 04 45 56 2D 35 D3 E1 5A');
const cat = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

describe('evaluator frame parser', () => {
  it('reassembles frames fed one byte at a time', () => {
    const p = new EvaluatorFrameParser();
    const out = [...cat(STATUS, KEY)].flatMap((b) => p.push([b]));
    expect(out.map((f) => toHex(f.raw))).toEqual([toHex(STATUS), toHex(KEY)]);
    expect(p.pending).toBe(0);
  });

  it('skips power-up noise and garbage between frames', () => {
    const p = new EvaluatorFrameParser();
    const out = p.push(cat([0x00, 0xff, 0x5a, 0x13], STATUS, [0x42, 0x5a, 0x5a], KEY, [0x01]));
    expect(out).toHaveLength(2);
    expect(p.stats.noiseBytes).toBe(8);
  });

  it('drops a frame with a bad CRC or a missing end byte and reads the next one', () => {
    const badCrc = Uint8Array.from(KEY);
    badCrc[badCrc.length - 2]! ^= 0x01;
    const badEnd = Uint8Array.from(STATUS);
    badEnd[badEnd.length - 1] = 0x00;
    const p = new EvaluatorFrameParser();
    const out = p.push(cat(badCrc, badEnd, KEY));
    expect(out.map((f) => f.cmd)).toEqual([0x82]);
    expect(p.stats.badCrc).toBe(1);
    expect(p.stats.badEnd).toBe(1);
  });

  it('finds a real frame that begins inside a rejected candidate', () => {
    // A header cut short: A5 01 07 82 00 03, then the key event. The candidate (LEN 3) swallows the key event's first bytes.
    const p = new EvaluatorFrameParser();
    const out = p.push(cat([0xa5, 0x01, 0x07, 0x82, 0x00, 0x03], KEY));
    expect(out.map((f) => toHex(f.raw))).toEqual([toHex(KEY)]);
  });

  it('does not let a damaged long header hold a key event back', () => {
    // LEN 0x0300 = 768: without look-ahead the key event would wait for 768 more bytes.
    const p = new EvaluatorFrameParser();
    const out = p.push(cat([0xa5, 0x01, 0x00, 0x82, 0x03, 0x00, 0x11], KEY));
    expect(out.map((f) => f.seq)).toEqual([0x10]);
    expect(p.stats.skippedAhead).toBe(1);
    expect(p.pending).toBe(0);
  });

  it('rejects an impossible length at once', () => {
    const p = new EvaluatorFrameParser();
    expect(p.push(cat([0xa5, 0x01, 0x00, 0x82, 0xff, 0xff], STATUS)).map((f) => f.cmd)).toEqual([0x81]);
    expect(p.stats.badLength).toBe(1);
  });

  it('waits for the rest of a frame and can be reset', () => {
    const p = new EvaluatorFrameParser();
    expect(p.push(KEY.subarray(0, 20))).toEqual([]);
    expect(p.pending).toBe(20);
    p.reset();
    expect(p.push(KEY.subarray(20))).toEqual([]);
    expect(p.push(KEY).map((f) => f.cmd)).toEqual([0x82]);
  });

  it('reads the largest payload the profile allows and refuses to build a larger one', () => {
    const big = encodeFrame({ address: 1, seq: 1, cmd: 0x11, payload: new Uint8Array(800).fill(0xa5) });
    expect(new EvaluatorFrameParser().push(big)).toHaveLength(1);
    expect(() => encodeFrame({ address: 1, seq: 1, cmd: 0x11, payload: new Uint8Array(801) })).toThrow(RangeError);
  });
});
