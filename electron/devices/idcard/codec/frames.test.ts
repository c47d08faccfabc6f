import { describe, expect, it } from 'vitest';
import { buildCommand, commands, fromHex, toHex, xorChecksum } from './frames';

// Every whole frame of the spec's command table (specs/idcard-sam.md, "Commands"), copied byte for byte.
const SPEC_TABLE: Array<[string, () => Uint8Array, string]> = [
  ['reset SAM', commands.resetSam, 'AA AA AA 96 69 00 03 10 FF EC'],
  ['SAM status', commands.samStatus, 'AA AA AA 96 69 00 03 11 FF ED'],
  ['read SAM id', commands.readSamId, 'AA AA AA 96 69 00 03 12 FF EE'],
  ['find card', commands.findCard, 'AA AA AA 96 69 00 03 20 01 22'],
  ['select card', commands.selectCard, 'AA AA AA 96 69 00 03 20 02 21'],
  ['read text + photo', commands.readCard, 'AA AA AA 96 69 00 03 30 01 32'],
  ['read newest appended address', commands.readAppendedAddress, 'AA AA AA 96 69 00 03 30 03 30'],
  ['read text + photo + fingerprint', commands.readCardWithFingerprint, 'AA AA AA 96 69 00 03 30 10 23'],
  ['set max RF frame size 80', () => commands.setMaxRfFrameSize(0x50), 'AA AA AA 96 69 00 04 61 FF 50 CA'],
];

describe('command frames', () => {
  it.each(SPEC_TABLE)('%s is byte-exact with the spec', (_name, build, hex) => {
    expect(toHex(build())).toBe(hex);
  });

  it.each([
    [115200, 0x00, 0x63],
    [57600, 0x01, 0x62],
    [38400, 0x02, 0x61],
    [19200, 0x03, 0x60],
    [9600, 0x04, 0x67],
  ] as const)('set baud %i is 60 %i with CHK %i', (baud, para, chk) => {
    const frame = commands.setBaudRate(baud);
    expect(Array.from(frame)).toEqual([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03, 0x60, para, chk]);
  });

  it('LEN counts CMD + PARA + DATA + CHK and CHK is the XOR after the preamble', () => {
    const frame = buildCommand(0x42, 0x07, Uint8Array.of(1, 2, 3));
    expect((frame[5]! << 8) | frame[6]!).toBe(6);
    expect(frame.length).toBe(6 + 7);
    expect(frame[frame.length - 1]).toBe(xorChecksum(frame, 5, frame.length - 1));
    expect(frame[frame.length - 1]).toBe(0x00 ^ 0x06 ^ 0x42 ^ 0x07 ^ 1 ^ 2 ^ 3);
  });

  it('refuses values the protocol cannot carry', () => {
    expect(() => commands.setBaudRate(4800 as never)).toThrow(RangeError);
    expect(() => commands.setMaxRfFrameSize(0)).toThrow(RangeError);
    expect(() => commands.setMaxRfFrameSize(256)).toThrow(RangeError);
  });

  it('hex helpers round-trip', () => {
    expect(toHex(fromHex('aa AA 0f'))).toBe('AA AA 0F');
    expect(() => fromHex('AAA')).toThrow();
  });
});
