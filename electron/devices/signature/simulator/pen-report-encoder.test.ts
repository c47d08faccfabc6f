/**
 * The simulator's report encoder: bytes checked by hand for the simulated
 * pad, then round trips through the driver's own parser and decoder for
 * layouts the simulated pad does not use (no report IDs, fields off byte
 * boundaries, Push/Pop, two pen reports) — two independent readings of one
 * descriptor that must agree. And the shipped recording is what the
 * generator makes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePenReport, findPens, NO_QUIRKS, parseHidRecording } from '../hid';
import { SAMPLE_SIGNATURE_FILE, sampleSignatureRecording } from './generate-sample-signature';
import { penReportEncoders, type PenPoint } from './pen-report-encoder';
import { readRecording } from './recording-text';
import { SIMULATED_PEN_DESCRIPTOR } from './simulated-pen-descriptor';

describe('the simulated pad’s reports', () => {
  it('are laid out as its descriptor says: ID 7, tip/barrel/in-range bits, X, Y, pressure little-endian', () => {
    const [encoder, ...more] = penReportEncoders(SIMULATED_PEN_DESCRIPTOR);
    expect(more).toHaveLength(0); // the vendor feature collection is not a pen
    expect(encoder!.reportId).toBe(7);
    const bytes = encoder!.encode({ x: 0x1234, y: 0x0567, pressure: 0x0abc, tip: true, inRange: true, barrel: true });
    expect([...bytes]).toEqual([0x07, 0b111, 0x34, 0x12, 0x67, 0x05, 0xbc, 0x0a]);
    // Hovering: no tip, no pressure; values beyond the logical range are clamped as a pad would.
    expect([...encoder!.encode({ x: 40000, y: -5, pressure: 900, tip: false, inRange: true })]).toEqual([0x07, 0b100, 0xc0, 0x76, 0, 0, 0, 0]);
  });
});

// prettier-ignore
const NO_IDS_12_BIT = Uint8Array.from([
  0x05, 0x0d, 0x09, 0x02, 0xa1, 0x01,       // Digitizer, Pen, Application (no report IDs)
  0x09, 0x32, 0x09, 0x42,                   // In Range, Tip Switch
  0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x02, 0x81, 0x02,
  0x75, 0x02, 0x95, 0x01, 0x81, 0x03,       // 2 bits padding
  0xa4,                                     // Push
  0x09, 0x30, 0x26, 0xff, 0x03, 0x75, 0x0a, 0x95, 0x01, 0x81, 0x02, // pressure, 10 bits, before X
  0x05, 0x01, 0x09, 0x30, 0x09, 0x31,       // X, Y: 12 bits each, off byte boundaries
  0x26, 0xff, 0x0f, 0x75, 0x0c, 0x95, 0x02, 0x81, 0x02,
  0xb4,                                     // Pop: back to the pushed 2-bit size
  0x95, 0x04, 0x81, 0x03,                   // 4 × 2 bits padding
  0xc0,
]);

// prettier-ignore
const TWO_PENS = Uint8Array.from([
  0x05, 0x0d, 0x09, 0x02, 0xa1, 0x01,
  0x85, 0x07, 0x09, 0x20, 0xa1, 0x00,
  0x09, 0x42, 0x09, 0x32, 0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x02, 0x81, 0x02, 0x95, 0x06, 0x81, 0x03,
  0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x27, 0xff, 0xff, 0x00, 0x00, 0x75, 0x10, 0x95, 0x02, 0x81, 0x02,
  0x05, 0x0d, 0x09, 0x30, 0x26, 0xff, 0x07, 0x75, 0x10, 0x95, 0x01, 0x81, 0x02,
  0xc0,
  0x85, 0x08, 0x09, 0x20, 0xa1, 0x00,       // a second pen report, 8-bit pressure first
  0x09, 0x30, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x01, 0x81, 0x02,
  0x09, 0x42, 0x25, 0x01, 0x75, 0x01, 0x81, 0x02, 0x95, 0x07, 0x81, 0x03,
  0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x26, 0xff, 0x7f, 0x75, 0x10, 0x95, 0x02, 0x81, 0x02,
  0xc0,
  0xc0,
]);

const points: PenPoint[] = [
  { x: 0, y: 0, pressure: 0, tip: false, inRange: true },
  { x: 1, y: 2, pressure: 1, tip: true, inRange: true },
  { x: 1000, y: 4000, pressure: 255, tip: true, inRange: true },
  { x: 4095, y: 3, pressure: 1023, tip: true, inRange: true },
  { x: 77, y: 88, pressure: 0, tip: false, inRange: false },
];

function roundTrip(descriptor: Uint8Array, clampTo: { x: number; y: number; pressure: number }) {
  const layouts = findPens(descriptor);
  const encoders = penReportEncoders(descriptor);
  expect(encoders.map((e) => e.reportId)).toEqual(layouts.map((l) => l.reportId));
  for (const encoder of encoders) {
    const layout = layouts.find((l) => l.reportId === encoder.reportId)!;
    expect(encoder.encode(points[0]!).length).toBe(layout.reportLength);
    for (const point of points) {
      const sample = decodePenReport(layouts, encoder.encode(point), NO_QUIRKS, 1);
      expect(sample).toMatchObject({
        x: Math.min(point.x, clampTo.x),
        y: Math.min(point.y, clampTo.y),
        pressure: point.tip ? Math.min(point.pressure, clampTo.pressure) : 0,
        tip: point.tip,
      });
      if (layout.inRange) expect(sample?.inRange).toBe(point.inRange || point.tip);
    }
  }
}

describe('reports for a descriptor it is given, read back by the driver’s decoder', () => {
  it('no report IDs, 10- and 12-bit fields across bytes, Push/Pop', () => {
    const [encoder] = penReportEncoders(NO_IDS_12_BIT);
    expect(encoder!.reportId).toBe(0);
    roundTrip(NO_IDS_12_BIT, { x: 4095, y: 4095, pressure: 1023 });
  });

  it('two pen reports (7 and 8) on one device, a 32-bit logical maximum', () => {
    const encoders = penReportEncoders(TWO_PENS);
    expect(encoders.map((e) => e.reportId)).toEqual([7, 8]);
    const layouts = findPens(TWO_PENS);
    const seven = decodePenReport(layouts, encoders[0]!.encode(points[2]!), NO_QUIRKS, 1);
    expect(seven).toMatchObject({ x: 1000, y: 4000, pressure: 255 });
    const eight = decodePenReport(layouts, encoders[1]!.encode({ x: 32767, y: 5, pressure: 300, tip: true, inRange: true }), NO_QUIRKS, 1);
    expect(eight).toMatchObject({ x: 32767, y: 5, pressure: 255, tip: true });
  });

  it('the simulated pad', () => {
    roundTrip(SIMULATED_PEN_DESCRIPTOR, { x: 30400, y: 19000, pressure: 8191 });
  });

  it('finds no pen where the descriptor has none', () => {
    expect(penReportEncoders(Uint8Array.from([0x06, 0x00, 0xff, 0x09, 0x01, 0xa1, 0x01, 0x75, 0x08, 0x95, 0x0a, 0x09, 0x01, 0x81, 0x02, 0xc0]))).toEqual([]);
  });
});

describe('resources/signatures/sample-signature.hid', () => {
  it('is exactly what the generator makes (run generate-sample-signature.ts after changing the sample)', () => {
    expect(readFileSync(SAMPLE_SIGNATURE_FILE, 'utf8')).toBe(sampleSignatureRecording());
  });

  it('reads the same in the doctor’s hid-recorder reader as in the simulator’s', () => {
    const text = readFileSync(SAMPLE_SIGNATURE_FILE, 'utf8');
    const ours = readRecording(text);
    const theirs = parseHidRecording(text);
    expect(theirs).toMatchObject({ vendorId: ours.vendorId, productId: ours.productId, name: ours.name });
    expect([...theirs.descriptor]).toEqual([...ours.descriptor]);
    expect(theirs.events.map((e) => [e.seconds, [...e.bytes]])).toEqual(ours.reports.map((r) => [r.time, [...r.bytes]]));
  });
});
