/**
 * findPens on real descriptors (test/fixtures/hid/SOURCES.md). Each
 * expectation cites the source's own decoding, not our parser.
 */
import { describe, expect, it } from 'vitest';
import { findPens, isVendorOnlyDescriptor } from '../pen-layout';
import { padDescription } from '../pad-description';
import { decodePenReport } from '../pen-decoder';
import { NO_QUIRKS, quirksFor } from '../quirks';
import { hidrdSpecToBytes } from '../../../../../test/fixtures/hid/hidrd-spec-to-bytes';
import { descriptor, fixtureText } from './fixtures';

describe('real pen descriptors', () => {
  it('Huion H58L: report 7, bits as rd/original0.xml lays them out, ranges and resolution as index.md says', () => {
    const [pen, ...others] = findPens(descriptor('huion-h58l-if0'));
    expect(others).toEqual([]); // report 9 is the mouse application (xml: desktop_mouse, report_id 9)
    // xml: report_id 7; six 1-bit switches (tip switch first), In range, one constant bit, X, Y, pressure (16 bits each).
    expect(pen).toMatchObject({
      reportId: 7,
      hasReportIds: true,
      tip: { bitOffset: 0, bitSize: 1 },
      inRange: { bitOffset: 6, bitSize: 1 },
      x: { bitOffset: 8, bitSize: 16, logicalMax: 32000, physicalMax: 8000, unitExponent: -3 },
      y: { bitOffset: 24, bitSize: 16, logicalMax: 20000, physicalMax: 5000 },
      pressure: { bitOffset: 40, bitSize: 16, logicalMax: 2047 },
    });
    // index.md: working area 8 × 5 in, resolution 4000, 2048 pressure levels.
    const pad = padDescription(pen!, { vendorId: 0x256c, productId: 0x006e, product: 'Huion H58L' });
    expect(pad).toMatchObject({ protocol: 'hid', model: 'Huion H58L', x: { min: 0, max: 32000 }, y: { min: 0, max: 20000 }, pressure: { min: 0, max: 2047 } });
    expect(pad.resolution).toEqual({ x: 4000, y: 4000, unit: 'inch' });
  });

  it('Huion H610: the 4-byte Logical Maximum of X (index.md: 10 in at 4000 lpi = 40000)', () => {
    const [pen] = findPens(descriptor('huion-h610-if0'));
    expect(pen?.x.logicalMax).toBe(10 * 4000);
    expect(pen?.pressure?.logicalMax).toBe(2048 - 1);
    const pad = padDescription(pen!, { vendorId: 0x256c, productId: 0x006e, product: null });
    expect(pad.model).toBe('256c:006e');
    expect(pad.resolution).toEqual({ x: 4000, y: 4000, unit: 'inch' });
  });

  it('Huion 580: the pen beside a mouse (report 1) and a vendor feature report (8), 2048 pressure levels (index.md)', () => {
    const pens = findPens(descriptor('huion-580-if1'));
    expect(pens).toHaveLength(1);
    expect(pens[0]!.reportId).not.toBe(1);
    expect(pens[0]!.pressure?.logicalMax).toBe(2047);
    expect(pens[0]!.inRange).not.toBeNull();
  });

  it('UC-Logic WP8060U: as the comments of report/original.h decode it', () => {
    const pens = findPens(descriptor('uclogic-wp8060u'));
    // REPORT_ID (7); Tip/Barrel/Eraser 3 bits; 3 constant; In Range; 1 constant; X, Y 16 bits (Push/Pop); Tip Pressure LOGICAL_MAXIMUM (1023), REPORT_SIZE still 16.
    expect(pens).toHaveLength(1); // reports 8 and 9 are USAGE (Mouse) applications
    expect(pens[0]).toMatchObject({
      reportId: 7,
      tip: { bitOffset: 0 },
      inRange: { bitOffset: 6 },
      x: { bitOffset: 8, bitSize: 16, logicalMax: 16000, physicalMax: 8000, unitExponent: -3 },
      y: { bitOffset: 24, bitSize: 16, logicalMax: 12000, physicalMax: 6000 },
      pressure: { bitOffset: 40, bitSize: 16, logicalMax: 1023 },
    });
    // UNIT (Eng Lin:0x33) is inch³ by the nibbles, not a length: no resolution claimed.
    expect(padDescription(pens[0]!, { vendorId: 0x5543, productId: 0x0005, product: 'Tablet WP8060U' }).resolution).toBeNull();
  });

  it('XP-Pen Deco 01: one pen report, 8192 pressure levels (index.md)', () => {
    const pens = findPens(descriptor('xp-pen-deco01-if1'));
    expect(pens.map((p) => p.reportId)).toEqual([7]);
    expect(pens[0]!.pressure?.logicalMax).toBe(8192 - 1);
    expect(pens[0]!.tip).not.toBeNull();
  });
});

describe('descriptors with no standard pen', () => {
  it('vendor-page-only interfaces (Gaomon M106K interface 0, XP-Pen Deco 01 interface 2): no pen, said to be vendor-only', () => {
    for (const name of ['gaomon-m106k-if0', 'xp-pen-deco01-if2']) {
      expect(findPens(descriptor(name))).toEqual([]);
      expect(isVendorOnlyDescriptor(descriptor(name))).toBe(true);
    }
  });

  it('Hanvon AM1209: a digitizer application without X/Y is no pen, and not vendor-only either', () => {
    expect(findPens(descriptor('hanvon-am1209'))).toEqual([]);
    expect(isVendorOnlyDescriptor(descriptor('hanvon-am1209'))).toBe(false);
  });

  it('a pen descriptor is not vendor-only; a malformed one is not claimed to be', () => {
    expect(isVendorOnlyDescriptor(descriptor('huion-h58l-if0'))).toBe(false);
    expect(isVendorOnlyDescriptor(Uint8Array.from([0x06, 0x00]))).toBe(false);
  });
});

describe('Wacom-digitizer descriptors (linuxwacom/wacom-hid-descriptors, re-encoded from the source decoding)', () => {
  const spec = (name: string) => hidrdSpecToBytes(fixtureText(`${name}.hid.txt`));

  it('Fujitsu T732 (056a:010e): the pen is report 2; the look-alike stylus of report 17 sits in a vendor (FF00h) application and is no pen', () => {
    const pens = findPens(spec('wacom-fujitsu-t732-056a-010e'));
    // Report ID (2); six 1-bit usages Tip Switch … In Range (the 6th); 2 constant bits; X, Y 16 bits; Tip Pressure 16 bits, Logical Maximum (255).
    expect(pens).toHaveLength(1);
    expect(pens[0]).toMatchObject({
      reportId: 2,
      tip: { bitOffset: 0 },
      inRange: { bitOffset: 5 },
      x: { bitOffset: 8, bitSize: 16, logicalMax: 27760 },
      y: { bitOffset: 24, bitSize: 16, logicalMax: 15694 },
      pressure: { bitOffset: 40, bitSize: 16, logicalMax: 255 },
    });
    // Physical Maximum (27760) cm × 10^-3 for 27760 units: 1000 units per cm.
    expect(padDescription(pens[0]!, { vendorId: 0x056a, productId: 0x010e, product: null }).resolution).toEqual({ x: 1000, y: 1000, unit: 'cm' });
    expect(decodePenReport(pens, Uint8Array.from([2, 0x21, 0x70, 0x6c, 0x4e, 0x3d, 0x80, 0x00]), quirksFor(0x056a, 0x010e), 0)).toMatchObject({
      x: 27760,
      y: 15694,
      pressure: 128,
      tip: true,
      inRange: true,
    });
  });

  it('Cube i7 Stylus (056a:0104): report 2, Tip Pressure Logical Maximum (1023), feature reports 3–8 ignored', () => {
    const pens = findPens(spec('wacom-cube-i7-056a-0104'));
    expect(pens.map((p) => [p.reportId, p.x.logicalMax, p.y.logicalMax, p.pressure?.logicalMax])).toEqual([[2, 23472, 13203, 1023]]);
  });

  it('ASUS EeeNote (0b05:179f): a digitizer with no tip switch and no In Range — pen-down from pressure; the vendor byte before X is skipped', () => {
    const [pen] = findPens(spec('asus-eeenote-0b05-179f'));
    // Report ID (2); FF00h usage, 8 bits; X 16 bits (Logical Maximum 16480); Y (12410); Tip Pressure (255), Report Size 16 after Pop.
    expect(pen).toMatchObject({ reportId: 2, tip: null, inRange: null, x: { bitOffset: 8, logicalMax: 16480 }, y: { bitOffset: 24, logicalMax: 12410 }, pressure: { bitOffset: 40, logicalMax: 255 } });
    expect(decodePenReport([pen!], Uint8Array.from([2, 0xff, 1, 0, 2, 0, 9, 0, 0]), NO_QUIRKS, 0)).toMatchObject({ x: 1, y: 2, pressure: 9, tip: true });
    expect(decodePenReport([pen!], Uint8Array.from([2, 0xff, 1, 0, 2, 0, 0, 0, 0]), NO_QUIRKS, 0)).toMatchObject({ tip: false });
  });
});
