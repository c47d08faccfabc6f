/**
 * decodePenReport on real reports (DIGImend dumps, test/fixtures/hid).
 * Expected values are read off the report bytes with the byte layout the
 * source's decoding gives (rd/original0.xml for the H58L: report ID, switch
 * byte, X, Y, pressure little-endian 16-bit) — not from our parser.
 */
import { describe, expect, it } from 'vitest';
import { compilePenDecoder, decodePenReport } from '../pen-decoder';
import { findPens } from '../pen-layout';
import { NO_QUIRKS, quirksFor } from '../quirks';
import { descriptor, dumpReports } from './fixtures';

const le16 = (r: Uint8Array, at: number) => r[at]! | (r[at + 1]! << 8);

describe('decodePenReport on a Huion H58L recording (In Range inverted)', () => {
  const layouts = findPens(descriptor('huion-h58l-if0'));
  const reports = dumpReports('huion-h58l.pen_coords.digimend.txt');
  const huion = quirksFor(0x256c, 0x006e);

  it('decodes every report to the X, Y and pressure its bytes hold, pen-down from the tip switch bit', () => {
    for (const r of reports) {
      const s = decodePenReport(layouts, r, huion, 5)!;
      expect(s).toMatchObject({ x: le16(r, 2), y: le16(r, 4), pressure: le16(r, 6), tip: (r[1]! & 1) === 1, hostTime: 5, deviceTime: null, seq: null });
    }
    // 44 reports of the excerpt start "07 81" (grep -c '^ 07 81' on the DIGImend text): the pen is down in those.
    expect(reports.filter((r) => decodePenReport(layouts, r, huion, 0)!.tip)).toHaveLength(44);
  });

  it('hovering reports carry In Range = 0 on this firmware: the quirk makes them in range, without it they would read out of range', () => {
    const hover = reports[0]!; // 07 80 5B 3C 97 27 00 00: bit 6 (In Range) is 0 while the pen hovers
    expect(hover[1]! & 0x40).toBe(0);
    expect(decodePenReport(layouts, hover, huion, 0)).toMatchObject({ tip: false, inRange: true });
    expect(decodePenReport(layouts, hover, NO_QUIRKS, 0)).toMatchObject({ tip: false, inRange: false });
    // A pen that touches is in range whatever the bit says.
    expect(decodePenReport(layouts, reports.at(-1)!, NO_QUIRKS, 0)).toMatchObject({ tip: true, inRange: true });
  });

  it('ignores reports of other IDs and reports too short for the layout', () => {
    expect(decodePenReport(layouts, Uint8Array.from([9, 1, 0, 0, 0, 0, 0, 0]), huion, 0)).toBeNull();
    expect(decodePenReport(layouts, Uint8Array.from([7, 0x81, 0x10]), huion, 0)).toBeNull();
    expect(decodePenReport(layouts, new Uint8Array(0), huion, 0)).toBeNull();
  });
});

describe('decodePenReport on an XP-Pen Deco 01 recording (In Range as declared)', () => {
  const layouts = findPens(descriptor('xp-pen-deco01-if1'));
  const reports = dumpReports('xp-pen-deco01.pen_pressure.tail.digimend.txt');
  const xpPen = quirksFor(0x28bd, 0x0042);

  it('has no quirk: In Range (bit 5) is 1 while hovering and 0 on the last report, when the pen leaves', () => {
    expect(xpPen.invertInRange).toBe(false);
    const lifted = reports.find((r) => r[1] === 0xa0)!;
    expect(decodePenReport(layouts, lifted, xpPen, 0)).toMatchObject({ tip: false, inRange: true, pressure: 0 });
    expect(decodePenReport(layouts, reports.at(-1)!, xpPen, 0)).toMatchObject({ tip: false, inRange: false });
    const down = reports[0]!; // 07 A1 5B 29 CF 1E D3 13
    expect(decodePenReport(layouts, down, xpPen, 0)).toMatchObject({ tip: true, x: 0x295b, y: 0x1ecf, pressure: 0x13d3 });
  });
});

describe('decoder rules on small descriptors', () => {
  // Digitizer/Pen, no report ID: X, Y signed 16 bits (−1000..1000), pressure 8 bits 0..200, no tip switch.
  const noTip = Uint8Array.from([
    0x05, 0x0d, 0x09, 0x02, 0xa1, 0x01, 0x09, 0x20, 0xa1, 0x00, 0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x16, 0x18, 0xfc, 0x26, 0xe8, 0x03, 0x75, 0x10,
    0x95, 0x02, 0x81, 0x02, 0x05, 0x0d, 0x09, 0x30, 0x15, 0x00, 0x26, 0xc8, 0x00, 0x75, 0x08, 0x95, 0x01, 0x81, 0x02, 0xc0, 0xc0,
  ]);
  const layouts = findPens(noTip);

  it('takes pen-down from pressure > 0 where no tip switch is declared, reads signed fields, clamps to the logical range', () => {
    expect(layouts).toHaveLength(1);
    expect(layouts[0]).toMatchObject({ reportId: 0, hasReportIds: false, tip: null, inRange: null });
    // X = −5 (0xFFFB), Y = 2000 (beyond 1000: clamped), pressure 0xFF (beyond 200: clamped)
    expect(decodePenReport(layouts, Uint8Array.from([0xfb, 0xff, 0xd0, 0x07, 0xff]), NO_QUIRKS, 1)).toMatchObject({ x: -5, y: 1000, pressure: 200, tip: true, inRange: true });
    expect(decodePenReport(layouts, Uint8Array.from([0x00, 0x80, 0x00, 0x00, 0x00]), NO_QUIRKS, 1)).toMatchObject({ x: -1000, pressure: 0, tip: false });
  });

  it('the compiled decoder and decodePenReport agree', () => {
    const decode = compilePenDecoder(layouts, NO_QUIRKS);
    const r = Uint8Array.from([0x10, 0x00, 0x20, 0x00, 0x30]);
    expect(decode(r, 3)).toEqual(decodePenReport(layouts, r, NO_QUIRKS, 3));
  });

  it('no layouts: nothing decodes', () => {
    expect(decodePenReport([], Uint8Array.from([1, 2, 3]), NO_QUIRKS, 0)).toBeNull();
  });
});
