import { describe, expect, it } from 'vitest';
import { parseReadPayload, PayloadError } from './read-payload';

const be = (n: number) => [n >> 8, n & 0xff];
const fill = (n: number, v: number) => Array.from({ length: n }, () => v);

describe('read payload', () => {
  it('splits a 30 01 payload by its length fields: text then photo', () => {
    const data = Uint8Array.from([...be(256), ...be(1024), ...fill(256, 1), ...fill(1024, 2)]);
    expect(data.length + 7 + 3 + 1).toBe(1295); // the spec's frame size
    const p = parseReadPayload(data, false);
    expect(p.text.length).toBe(256);
    expect(p.photo.length).toBe(1024);
    expect(p.text.every((b) => b === 1) && p.photo.every((b) => b === 2)).toBe(true);
    expect(p.fingerprint).toBeUndefined();
  });

  it('splits a 30 10 payload with a full fingerprint block (2321-byte frame) and a shorter one', () => {
    const full = Uint8Array.from([...be(256), ...be(1024), ...be(1024), ...fill(256, 1), ...fill(1024, 2), ...fill(1024, 3)]);
    expect(full.length + 7 + 3 + 1).toBe(2321);
    expect(parseReadPayload(full, true).fingerprint?.length).toBe(1024);
    const one = Uint8Array.from([...be(256), ...be(1024), ...be(512), ...fill(256, 1), ...fill(1024, 2), ...fill(512, 3)]);
    const p = parseReadPayload(one, true);
    expect(p.fingerprint?.length).toBe(512);
    expect(p.fingerprint?.every((b) => b === 3)).toBe(true);
    const none = Uint8Array.from([...be(256), ...be(1024), ...be(0), ...fill(256, 1), ...fill(1024, 2)]);
    expect(parseReadPayload(none, true).fingerprint).toBeUndefined();
  });

  it('rejects length fields that do not add up to the payload', () => {
    expect(() => parseReadPayload(Uint8Array.from([...be(256), ...be(1024), ...fill(256, 0)]), false)).toThrow(PayloadError);
    expect(() => parseReadPayload(Uint8Array.from([1]), false)).toThrow(PayloadError);
    expect(() => parseReadPayload(Uint8Array.from([...be(2), ...be(2), 1, 2, 3, 4, 5]), false)).toThrow(PayloadError);
  });
});
