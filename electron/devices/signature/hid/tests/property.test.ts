/**
 * Property tests: random valid pen descriptors built by a tiny encoder here
 * (which knows where it put each field, independently of the parser), and
 * random reports and random bytes (no crash, fields within logical ranges).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePenReport } from '../pen-decoder';
import { findPens, type PenLayout } from '../pen-layout';
import { NO_QUIRKS } from '../quirks';

/** A short item with the smallest two's-complement size that holds the value. */
function item(prefix: number, value: number): number[] {
  if (value >= -128 && value <= 127) return [prefix | 1, value & 0xff];
  if (value >= -32768 && value <= 32767) return [prefix | 2, value & 0xff, (value >> 8) & 0xff];
  const v = value < 0 ? value + 2 ** 32 : value;
  return [prefix | 3, v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

const USAGE_PAGE = 0x04;
const USAGE = 0x08;
const LOGICAL_MIN = 0x14;
const LOGICAL_MAX = 0x24;
const REPORT_SIZE = 0x74;
const REPORT_COUNT = 0x94;
const REPORT_ID = 0x84;
const INPUT = 0x80;
const UNIT_EXP = 0x54;

type Name = 'x' | 'y' | 'pressure' | 'tip' | 'inRange' | 'barrel' | 'padding';
interface FieldSpec {
  name: Name;
  size: number;
  min: number;
  max: number;
}
interface Expected {
  bitOffset: number;
  bitSize: number;
  logicalMin: number;
  logicalMax: number;
}

const usageOf: Record<Exclude<Name, 'padding'>, [number, number]> = {
  x: [0x01, 0x30],
  y: [0x01, 0x31],
  pressure: [0x0d, 0x30],
  tip: [0x0d, 0x42],
  inRange: [0x0d, 0x32],
  barrel: [0x0d, 0x44],
};

const axis = fc
  .record({ size: fc.constantFrom(8, 12, 16, 24, 32), signed: fc.boolean(), fraction: fc.double({ min: 0.01, max: 1, noNaN: true }) })
  .map(({ size, signed, fraction }) => {
    const top = signed ? 2 ** (size - 1) - 1 : Math.min(2 ** size - 1, 2 ** 32 - 1);
    return { size, min: signed ? -(2 ** (size - 1)) : 0, max: Math.max(1, Math.floor(top * fraction)) };
  });

const penSpec = fc.record({
  reportId: fc.option(fc.integer({ min: 1, max: 255 }), { nil: null }),
  application: fc.constantFrom(0x01, 0x02, 0x20),
  x: axis,
  y: axis,
  pressure: fc.option(axis.map((a) => ({ ...a, min: 0, max: Math.abs(a.max) })), { nil: null }),
  tip: fc.boolean(),
  inRange: fc.boolean(),
  barrel: fc.boolean(),
  padding: fc.integer({ min: 0, max: 7 }),
  order: fc.array(fc.integer(), { minLength: 7, maxLength: 7 }),
  pushPop: fc.boolean(),
  mouseFirst: fc.boolean(),
  vendorFirst: fc.boolean(),
});
type PenSpec = typeof penSpec extends fc.Arbitrary<infer T> ? T : never;

/** Encodes the pen (and noise applications before it); returns the bytes and where each pen field is. */
function build(spec: PenSpec): { bytes: Uint8Array; expected: Partial<Record<Name, Expected>> } {
  const out: number[] = [];
  // Other applications only beside report IDs: without them a device has a single input report.
  if (spec.vendorFirst && spec.reportId) out.push(0x06, 0x00, 0xff, 0x09, 0x01, 0xa1, 0x01, REPORT_ID | 1, spec.reportId === 1 ? 2 : 1, 0x75, 0x08, 0x95, 0x04, 0x09, 0x01, 0x81, 0x02, 0xc0);
  if (spec.mouseFirst && spec.reportId) {
    // A mouse with X/Y of its own: never a pen.
    out.push(0x05, 0x01, 0x09, 0x02, 0xa1, 0x01, REPORT_ID | 1, spec.reportId === 3 ? 4 : 3, 0x09, 0x30, 0x09, 0x31, 0x15, 0x81, 0x25, 0x7f, 0x75, 0x08, 0x95, 0x02, 0x81, 0x06, 0xc0);
  }
  out.push(0x05, 0x0d, 0x09, spec.application, 0xa1, 0x01);
  if (spec.reportId) out.push(...item(REPORT_ID, spec.reportId));
  out.push(0x09, 0x20, 0xa1, 0x00);
  const fields: FieldSpec[] = [
    { name: 'x', ...spec.x },
    { name: 'y', ...spec.y },
    ...(spec.pressure ? [{ name: 'pressure' as const, ...spec.pressure }] : []),
    ...(spec.tip ? [{ name: 'tip' as const, size: 1, min: 0, max: 1 }] : []),
    ...(spec.inRange ? [{ name: 'inRange' as const, size: 1, min: 0, max: 1 }] : []),
    ...(spec.barrel ? [{ name: 'barrel' as const, size: 1, min: 0, max: 1 }] : []),
    ...(spec.padding ? [{ name: 'padding' as const, size: spec.padding, min: 0, max: 0 }] : []),
  ];
  const order = fields.map((f, i) => ({ f, k: spec.order[i] ?? 0 })).sort((a, b) => a.k - b.k).map((e) => e.f);
  const expected: Partial<Record<Name, Expected>> = {};
  let bit = 0;
  for (const f of order) {
    if (f.name === 'padding') {
      out.push(...item(REPORT_SIZE, f.size), ...item(REPORT_COUNT, 1), INPUT | 1, 0x03);
    } else {
      const [page, usage] = usageOf[f.name];
      if (spec.pushPop) out.push(0xa4, ...item(UNIT_EXP, 0x0d));
      out.push(...item(USAGE_PAGE, page), ...item(USAGE, usage), ...item(LOGICAL_MIN, f.min), ...item(LOGICAL_MAX, f.max));
      out.push(...item(REPORT_SIZE, f.size), ...item(REPORT_COUNT, 1), INPUT | 1, 0x02);
      if (spec.pushPop) out.push(0xb4);
      expected[f.name] = { bitOffset: bit, bitSize: f.size, logicalMin: f.min, logicalMax: f.max };
    }
    bit += f.size;
  }
  out.push(0xc0, 0xc0);
  return { bytes: Uint8Array.from(out), expected };
}

function withinRange(layout: PenLayout, report: Uint8Array): void {
  const s = decodePenReport([layout], report, NO_QUIRKS, 0);
  expect(s).not.toBeNull();
  expect(s!.x).toBeGreaterThanOrEqual(layout.x.logicalMin);
  expect(s!.x).toBeLessThanOrEqual(layout.x.logicalMax);
  expect(s!.y).toBeGreaterThanOrEqual(layout.y.logicalMin);
  expect(s!.y).toBeLessThanOrEqual(layout.y.logicalMax);
  if (layout.pressure) {
    expect(s!.pressure).toBeGreaterThanOrEqual(layout.pressure.logicalMin);
    expect(s!.pressure).toBeLessThanOrEqual(layout.pressure.logicalMax);
  } else expect(s!.pressure).toBeNull();
}

describe('findPens and decodePenReport, random descriptors', () => {
  it('finds the pen exactly where the encoder put each field', () => {
    fc.assert(
      fc.property(penSpec, (spec) => {
        const { bytes, expected } = build(spec);
        const pens = findPens(bytes);
        expect(pens).toHaveLength(1);
        const pen = pens[0]!;
        expect(pen.reportId).toBe(spec.reportId ?? 0);
        expect(pen.hasReportIds).toBe(spec.reportId !== null);
        for (const name of ['x', 'y', 'pressure', 'tip', 'inRange'] as const) {
          const e = expected[name];
          if (!e) expect(pen[name]).toBeNull();
          else expect(pen[name]).toMatchObject(e);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('decodes random reports of that layout without throwing, every field within its logical range', () => {
    fc.assert(
      fc.property(penSpec, fc.uint8Array({ minLength: 40, maxLength: 40 }), (spec, noise) => {
        const [pen] = findPens(build(spec).bytes);
        const report = noise.slice(0, pen!.reportLength);
        if (pen!.hasReportIds) report[0] = pen!.reportId;
        withinRange(pen!, report);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes: findPens returns or throws an Error, and whatever it finds decodes within range', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes, noise) => {
        let pens: PenLayout[];
        try {
          pens = findPens(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          return;
        }
        for (const pen of pens) {
          if (pen.reportLength > noise.length) continue;
          const report = noise.slice(0, Math.max(pen.reportLength, 1));
          if (pen.hasReportIds) report[0] = pen.reportId;
          withinRange(pen, report);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('several pen report IDs on one device (7 and 8) are two layouts, each decoding its own reports', () => {
    const seven = build({ reportId: 7, application: 0x02, x: { size: 16, min: 0, max: 1000 }, y: { size: 16, min: 0, max: 1000 }, pressure: null, tip: true, inRange: true, barrel: false, padding: 6, order: [0, 1, 2, 3, 4, 5, 6], pushPop: false, mouseFirst: false, vendorFirst: false });
    const eight = build({ reportId: 8, application: 0x02, x: { size: 8, min: 0, max: 200 }, y: { size: 8, min: 0, max: 200 }, pressure: { size: 8, min: 0, max: 255 }, tip: true, inRange: false, barrel: false, padding: 7, order: [6, 5, 4, 3, 2, 1, 0], pushPop: true, mouseFirst: false, vendorFirst: false });
    const pens = findPens(Uint8Array.from([...seven.bytes, ...eight.bytes]));
    expect(pens.map((p) => p.reportId)).toEqual([7, 8]);
    // report 8, order reversed: padding(7) tip(1) pressure(8) y(8) x(8) → tip at bit 7, pressure byte 1, y byte 2, x byte 3
    expect(decodePenReport(pens, Uint8Array.from([8, 0x80, 0x40, 0x20, 0x10]), NO_QUIRKS, 0)).toMatchObject({ x: 0x10, y: 0x20, pressure: 0x40, tip: true });
    // report 7: x bytes 1–2, y 3–4, tip bit 32, inRange bit 33
    expect(decodePenReport(pens, Uint8Array.from([7, 0x0a, 0x00, 0x14, 0x00, 0x03, 0x00]), NO_QUIRKS, 0)).toMatchObject({ x: 10, y: 20, tip: true, inRange: true, pressure: null });
  });
});
