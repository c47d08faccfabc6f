import { describe, expect, it } from 'vitest';
import { CMD } from './frames';
import { decodeDeviceFrame, encodeCommand, str8 } from './messages';

const key = (payload: number[]) => decodeDeviceFrame({ cmd: CMD.keyEvent, payload: Uint8Array.from(payload) });
const caseBytes = (id: string) => [id.length, ...Buffer.from(id, 'ascii')];

describe('evaluator payloads', () => {
  it('STR8 cuts long text at a character boundary, never inside a character', () => {
    const text = '政'.repeat(100); // 300 bytes of UTF-8
    const s = str8(text);
    expect(s[0]).toBe(255);
    expect(s.length).toBe(256);
    // 85 whole characters = 255 bytes exactly
    expect(Buffer.from(s.subarray(1)).toString('utf8')).toBe('政'.repeat(85));
    const mixed = str8('a' + '政'.repeat(100)); // 1 + 3n: the 255th byte would split a character
    expect(mixed[0]).toBe(253);
    expect(Buffer.from(mixed.subarray(1)).toString('utf8')).toBe('a' + '政'.repeat(84));
  });

  it('refuses to send a case id a keypad could not echo', () => {
    expect(() => encodeCommand({ type: 'requestRating', caseId: '', itemName: 'x' })).toThrow(RangeError);
    expect(() => encodeCommand({ type: 'requestRating', caseId: '办件1', itemName: 'x' })).toThrow(RangeError);
    expect(() => encodeCommand({ type: 'thanks', caseId: 'x'.repeat(33) })).toThrow(RangeError);
    expect(() => encodeCommand({ type: 'paused', reason: '', returnAt: { hour: 24, minute: 0 } })).toThrow(RangeError);
  });

  it('reads a key event and rejects payloads that do not fit', () => {
    expect(key([...caseBytes('A-1'), 3, 3, 0xff, 0xff])).toEqual({ type: 'key', caseId: 'A-1', level: 3, keyCode: 3, pressCounter: 0xffff });
    expect(key([0, 0, 2, 0, 1])).toEqual({ type: 'key', caseId: '', level: 0, keyCode: 2, pressCounter: 1 });
    expect(key([...caseBytes('A-1'), 3, 3, 0])).toMatchObject({ type: 'invalid' }); // counter cut short
    expect(key([...caseBytes('A-1'), 3, 3, 0, 1, 9])).toMatchObject({ type: 'invalid', reason: '1 bytes left over' });
    expect(key([...caseBytes('A-1'), 6, 3, 0, 1])).toMatchObject({ type: 'invalid', reason: 'level 6' });
    expect(key([...caseBytes('A-1'), 1, 0, 0, 1])).toMatchObject({ type: 'invalid', reason: 'key code 0' });
    expect(key([3, 0x41, 0x20, 0x31, 1, 1, 0, 1])).toMatchObject({ type: 'invalid', reason: 'case id' }); // a space
    expect(key([2, 0xe6, 0xac, 1, 1, 0, 1])).toMatchObject({ type: 'invalid', reason: 'string is not UTF-8' });
    expect(key([40, 0x41])).toMatchObject({ type: 'invalid', reason: 'string runs past the payload' });
  });

  it('reads STATUS and rejects impossible key counts and screens', () => {
    const status = (p: number[]) => decodeDeviceFrame({ cmd: CMD.status, payload: Uint8Array.from(p) });
    expect(status([4, 1, 1, 0])).toEqual({ type: 'status', keyCount: 4, screen: 'rating', version: 1, model: '' });
    expect(status([0, 1, 1, 0])).toMatchObject({ type: 'invalid' });
    expect(status([5, 4, 1, 0])).toMatchObject({ type: 'invalid', reason: 'screen 4' });
    expect(decodeDeviceFrame({ cmd: 0x42, payload: new Uint8Array(0) })).toMatchObject({ type: 'invalid', reason: 'unknown command 0x42' });
  });
});
