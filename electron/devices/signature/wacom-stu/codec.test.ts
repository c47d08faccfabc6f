import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clearScreen,
  DeviceClock,
  decodeCapability,
  decodeImageBlock,
  decodeInformation,
  decodePenReport,
  decodeStatus,
  encodeCapability,
  encodeInformation,
  encodePenReport,
  endImage,
  imageBlock,
  inkingMode,
  isBusy,
  penDataWithTime,
  startImage,
  writingArea,
} from './codec';

// Expected values below are worked out by hand from specs/devices.md "Signature pad", byte by byte.
describe('STU pen data 0x01', () => {
  it('reads proximity from bit 7, touching from bits 4–6, 12-bit pressure, big-endian X/Y after the report id', () => {
    // byte0 = 0x93: bit 7 (proximity), bit 4 (touching), low nibble 3 → pressure 0x3_45 = 837
    const pen = decodePenReport(Uint8Array.of(0x01, 0x93, 0x45, 0x12, 0x34, 0x0a, 0xbc));
    expect(pen).toEqual({ reportId: 0x01, inProximity: true, touching: true, pressure: 0x345, x: 0x1234, y: 0x0abc, time: null, sequence: null });
  });

  it('any of bits 4–6 means touching; bits 0/1 are pressure, never proximity or touch', () => {
    expect(decodePenReport(Uint8Array.of(0x01, 0x40, 0, 0, 0, 0, 0))).toMatchObject({ touching: true, inProximity: false, pressure: 0 });
    expect(decodePenReport(Uint8Array.of(0x01, 0x20, 0, 0, 0, 0, 0))).toMatchObject({ touching: true });
    // 0x03: bits 0 and 1 set. A decoder that reads them as proximity/touch gets this wrong.
    expect(decodePenReport(Uint8Array.of(0x01, 0x03, 0xff, 0, 0, 0, 0))).toMatchObject({ inProximity: false, touching: false, pressure: 0x3ff });
    expect(decodePenReport(Uint8Array.of(0x01, 0x80, 0x00, 0, 1, 0, 2))).toMatchObject({ inProximity: true, touching: false, x: 1, y: 2 });
  });

  it('0x34 adds the time count at offset 6 and the sequence at offset 8', () => {
    const pen = decodePenReport(Uint8Array.of(0x34, 0xaf, 0xff, 0x25, 0x80, 0x17, 0x70, 0xff, 0xfe, 0x00, 0x2a));
    expect(pen).toEqual({ reportId: 0x34, inProximity: true, touching: true, pressure: 0xfff, x: 9600, y: 6000, time: 0xfffe, sequence: 42 });
  });

  it('ignores other reports and short ones', () => {
    expect(decodePenReport(Uint8Array.of(0x02, 0x80, 0, 0, 0, 0, 0))).toBeNull();
    expect(decodePenReport(Uint8Array.of(0x01, 0x80, 0, 0))).toBeNull();
    expect(decodePenReport(Uint8Array.of(0x34, 0x80, 0, 0, 0, 0, 0))).toBeNull();
  });

  it('round-trips any pen report (property)', () => {
    const u16 = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 0xfff }), u16, u16, fc.option(fc.tuple(u16, u16)), (prox, touch, pressure, x, y, timed) => {
        const pen = { inProximity: prox, touching: touch, pressure, x, y, time: timed?.[0] ?? null, sequence: timed?.[1] ?? null };
        expect(decodePenReport(encodePenReport(pen))).toEqual({ ...pen, reportId: timed ? 0x34 : 0x01 });
      }),
    );
  });

  it('never throws on random bytes, and keeps fields in range (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 16 }), fc.constantFrom(0x01, 0x34), (tail, id) => {
        const pen = decodePenReport(Uint8Array.of(id, ...tail));
        if (pen) expect(pen.pressure).toBeLessThanOrEqual(0xfff);
      }),
    );
  });
});

describe('device time', () => {
  it('keeps counting across the 16-bit wrap', () => {
    const clock = new DeviceClock();
    expect([0xfff0, 0xfffa, 0xffff, 0x0004, 0x0010].map((t) => clock.next(t))).toEqual([0xfff0, 0xfffa, 0xffff, 0x10004, 0x10010]);
  });
});

describe('information 0x08 and capability 0x09', () => {
  it('reads the 9-character model name then firmware major.minor', () => {
    const report = Uint8Array.of(0x08, ...Buffer.from('STU-540\0\0'), 0x01, 0x13, 0, 0, 0, 0, 0);
    expect(decodeInformation(report)).toEqual({ modelName: 'STU-540', firmware: '1.13' });
    expect(decodeInformation(encodeInformation({ modelName: 'STU-430', major: 1, minor: 7 }))).toEqual({ modelName: 'STU-430', firmware: '1.07' });
  });

  it('reads the capability big-endian from byte 1 (report id at byte 0)', () => {
    const report = Uint8Array.of(0x09, 0x25, 0x80, 0x17, 0x70, 0x03, 0xff, 0x01, 0x40, 0x00, 0xc8, 200, 0x09, 0xec, 0x02, 0, 0);
    expect(decodeCapability(report)).toEqual({
      maxX: 9600,
      maxY: 6000,
      maxPressure: 1023,
      screenWidth: 320,
      screenHeight: 200,
      reportRate: 200,
      resolution: 2540,
      encodingFlags: 0x02,
    });
    expect(encodeCapability(decodeCapability(report))).toEqual(report);
  });

  it('refuses a report of another id', () => {
    expect(() => decodeCapability(Uint8Array.of(0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).toThrow(/0x09/);
  });
});

describe('status 0x03', () => {
  it('names the status byte and says which ones are busy', () => {
    const names = [0, 1, 2, 3, 4, 5, 0xff, 7].map((b) => decodeStatus(Uint8Array.of(0x03, b, 0, 0, 0)));
    expect(names).toEqual(['ready', 'image', 'capture', 'calculation', 'bootImage', 'romBusy', 'reset', 'unknown']);
    expect(names.map(isBusy)).toEqual([false, false, false, true, true, true, true, false]);
  });
});

describe('host → pad', () => {
  it('encodes clear, ink, writing area (little-endian), pen data mode', () => {
    expect(clearScreen()).toEqual(Uint8Array.of(0x20, 0x00));
    expect(inkingMode(true)).toEqual(Uint8Array.of(0x21, 0x01));
    expect(inkingMode(false)).toEqual(Uint8Array.of(0x21, 0x00));
    expect(writingArea({ left: 10, top: 0x0123, right: 0x031f, bottom: 479 })).toEqual(Uint8Array.of(0x2a, 0x0a, 0x00, 0x23, 0x01, 0x1f, 0x03, 0xdf, 0x01));
    expect(penDataWithTime()).toEqual(Uint8Array.of(0x32, 0x03));
  });

  it('encodes image start modes, blocks and end', () => {
    expect(startImage('mono')).toEqual(Uint8Array.of(0x25, 0x00));
    expect(startImage('mono-zlib')).toEqual(Uint8Array.of(0x25, 0x01));
    expect(startImage('rgb565')).toEqual(Uint8Array.of(0x25, 0x02));
    expect(startImage('bgr24')).toEqual(Uint8Array.of(0x25, 0x04));
    const block = imageBlock(Uint8Array.of(0xaa, 0xbb, 0xcc));
    expect(block.length).toBe(256);
    expect(Array.from(block.subarray(0, 7))).toEqual([0x26, 0x03, 0x00, 0xaa, 0xbb, 0xcc, 0x00]);
    expect(Array.from(imageBlock(new Uint8Array(253).fill(1)).subarray(0, 4))).toEqual([0x26, 253, 0, 1]);
    expect(() => imageBlock(new Uint8Array(254))).toThrow();
    expect(decodeImageBlock(block)).toEqual(Uint8Array.of(0xaa, 0xbb, 0xcc));
    expect(endImage(true)).toEqual(Uint8Array.of(0x27, 0x00));
    expect(endImage(false)).toEqual(Uint8Array.of(0x27, 0x01));
  });
});
