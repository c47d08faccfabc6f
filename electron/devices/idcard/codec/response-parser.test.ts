import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './frames';
import { MAX_RESPONSE_LEN, SamResponseParser, SamResponseTransform, type ResponseFrame } from './response-parser';

// The spec's example responses (specs/idcard-sam.md, "Commands").
const FIND_OK = fromHex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
const FIND_NO_CARD = fromHex('AA AA AA 96 69 00 04 00 00 80 84');
// select OK: … 00 0C 00 00 90 + 8 bytes + CHK; with eight zero bytes the CHK is 0C ^ 90 = 9C.
const SELECT_OK = fromHex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');

/** A response frame assembled by hand from the spec's layout, independent of the code under test. */
function response(sw3: number, data: number[]): Uint8Array {
  const len = data.length + 4;
  const body = [len >> 8, len & 0xff, 0, 0, sw3, ...data];
  return Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, ...body, body.reduce((x, b) => x ^ b, 0)]);
}

const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const hexes = (frames: ResponseFrame[]) => frames.map((f) => toHex(f.raw));

describe('response parser', () => {
  it('parses the spec examples: find OK, no card, select OK', () => {
    const parser = new SamResponseParser();
    const [find] = parser.push(FIND_OK);
    expect(find).toMatchObject({ sw1: 0, sw2: 0, sw3: 0x9f });
    expect(Array.from(find!.data)).toEqual([0, 0, 0, 0]);
    const [none] = parser.push(FIND_NO_CARD);
    expect(none!.sw3).toBe(0x80);
    expect(none!.data.length).toBe(0);
    const [select] = parser.push(SELECT_OK);
    expect(select!.sw3).toBe(0x90);
    expect(select!.data.length).toBe(8);
  });

  it('accepts a frame split at every possible point, and one byte at a time', () => {
    for (let cut = 1; cut < SELECT_OK.length; cut++) {
      const parser = new SamResponseParser();
      expect(parser.push(SELECT_OK.subarray(0, cut))).toEqual([]);
      expect(hexes(parser.push(SELECT_OK.subarray(cut)))).toEqual([toHex(SELECT_OK)]);
    }
    const parser = new SamResponseParser();
    const out = Array.from(SELECT_OK).flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(hexes(out)).toEqual([toHex(SELECT_OK)]);
  });

  it('finds the preamble after stray bytes, including a partial preamble', () => {
    const parser = new SamResponseParser();
    const noise = fromHex('00 FF AA AA 96 AA AA AA 96 13 AA');
    expect(hexes(parser.push(cat(noise, FIND_OK, noise, FIND_NO_CARD)))).toEqual([toHex(FIND_OK), toHex(FIND_NO_CARD)]);
    expect(parser.stats.noiseBytes).toBeGreaterThan(0);
  });

  it('rejects a bad CHK and resynchronises on the next preamble', () => {
    const bad = Uint8Array.from(FIND_OK);
    bad[bad.length - 1]! ^= 0x01;
    const parser = new SamResponseParser();
    expect(hexes(parser.push(cat(bad, FIND_NO_CARD)))).toEqual([toHex(FIND_NO_CARD)]);
    expect(parser.stats.badChecksum).toBe(1);
  });

  it('rejects an impossible LEN (shorter than SW1 SW2 SW3 CHK, or longer than any frame) and resynchronises', () => {
    const parser = new SamResponseParser();
    const tooShort = fromHex('AA AA AA 96 69 00 03 00 00 90');
    const tooLong = fromHex(`AA AA AA 96 69 ${((MAX_RESPONSE_LEN + 1) >> 8).toString(16)} ${((MAX_RESPONSE_LEN + 1) & 0xff).toString(16)}`);
    expect(hexes(parser.push(cat(tooShort, tooLong, FIND_OK)))).toEqual([toHex(FIND_OK)]);
    expect(parser.stats.badLength).toBe(2);
  });

  it('finds a real frame that starts inside a rejected candidate', () => {
    // A frame cut short by a reader reset, followed at once by the next real frame.
    const cut = SELECT_OK.subarray(0, 12);
    const parser = new SamResponseParser();
    expect(hexes(parser.push(cat(cut, FIND_OK)))).toEqual([toHex(FIND_OK)]);
    expect(parser.stats.interrupted).toBe(1);
    // The same, delivered in pieces: the inner preamble is noticed across pushes.
    const p2 = new SamResponseParser();
    const stream = cat(cut, FIND_OK);
    const out: ResponseFrame[] = [];
    for (let i = 0; i < stream.length; i += 3) out.push(...p2.push(stream.subarray(i, i + 3)));
    expect(hexes(out)).toEqual([toHex(FIND_OK)]);
  });

  it('reads a full 30 01 response (1295 bytes, LEN 05 08) and a 30 10 one (2321 bytes, LEN 09 0A) in 64-byte reads', () => {
    for (const [lengths, total, lenHex] of [
      [[256, 1024], 1295, '05 08'],
      [[256, 1024, 1024], 2321, '09 0A'],
    ] as const) {
      const blocks = lengths.flatMap((n, k) => Array.from({ length: n }, (_, i) => (i * 7 + k) & 0xff));
      const data = [...lengths.flatMap((n) => [n >> 8, n & 0xff]), ...blocks];
      const frame = response(0x90, data);
      expect(frame.length).toBe(total);
      expect(toHex(frame.subarray(5, 7))).toBe(lenHex);
      const parser = new SamResponseParser();
      const out: ResponseFrame[] = [];
      for (let i = 0; i < frame.length; i += 64) out.push(...parser.push(frame.subarray(i, i + 64)));
      expect(out).toHaveLength(1);
      expect(Array.from(out[0]!.data)).toEqual(data);
      expect(parser.pending).toBe(0);
    }
  });

  it('reset drops a partial frame', () => {
    const parser = new SamResponseParser();
    parser.push(SELECT_OK.subarray(0, 10));
    expect(parser.pending).toBe(10);
    parser.reset();
    expect(parser.push(SELECT_OK.subarray(10))).toEqual([]);
    expect(hexes(parser.push(FIND_OK))).toEqual([toHex(FIND_OK)]);
  });

  it('works as a Transform in node-serialport parser style', async () => {
    const transform = new SamResponseTransform();
    const frames: ResponseFrame[] = [];
    transform.on('data', (f: ResponseFrame) => frames.push(f));
    transform.write(Buffer.from(cat(fromHex('13 37'), FIND_OK.subarray(0, 4))));
    transform.write(Buffer.from(FIND_OK.subarray(4)));
    transform.end(Buffer.from(FIND_NO_CARD));
    await new Promise((resolve) => transform.on('finish', resolve));
    expect(frames.map((f) => f.sw3)).toEqual([0x9f, 0x80]);
  });
});
