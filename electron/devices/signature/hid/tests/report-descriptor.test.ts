import { describe, expect, it } from 'vitest';
import { parseReportDescriptor } from '../report-descriptor';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('parseReportDescriptor', () => {
  it('reads a unit exponent as a signed nibble (0x0D is −3) and also as a whole signed byte', () => {
    const nibble = parseReportDescriptor(bytes(0x05, 0x01, 0x09, 0x30, 0x55, 0x0d, 0x75, 0x08, 0x95, 0x01, 0x81, 0x02));
    expect(nibble.fields[0]!.unitExponent).toBe(-3);
    const byte = parseReportDescriptor(bytes(0x05, 0x01, 0x09, 0x30, 0x55, 0xfd, 0x75, 0x08, 0x95, 0x01, 0x81, 0x02));
    expect(byte.fields[0]!.unitExponent).toBe(-3);
  });

  it('restores globals on Pop, so what was set inside Push does not leak', () => {
    // Push; logical max 1000; X; Pop; Y → Y has the logical max from before Push.
    const d = parseReportDescriptor(
      bytes(0x05, 0x01, 0x15, 0x00, 0x25, 0x64, 0x75, 0x10, 0x95, 0x01, 0xa4, 0x26, 0xe8, 0x03, 0x09, 0x30, 0x81, 0x02, 0xb4, 0x09, 0x31, 0x81, 0x02),
    );
    expect(d.fields.map((f) => [f.usage, f.logicalMax, f.bitOffset])).toEqual([
      [0x00010030, 1000, 0],
      [0x00010031, 100, 16],
    ]);
  });

  it('reads a 4-byte item, a negative minimum, and an unsigned-looking maximum with a non-negative minimum', () => {
    const d = parseReportDescriptor(
      bytes(0x05, 0x01, 0x09, 0x30, 0x16, 0x00, 0x80, 0x26, 0xff, 0x7f, 0x75, 0x10, 0x95, 0x01, 0x81, 0x02, 0x09, 0x31, 0x15, 0x00, 0x27, 0x40, 0x9c, 0x00, 0x00, 0x81, 0x02, 0x09, 0x32, 0x26, 0xff, 0xff, 0x81, 0x02),
    );
    expect(d.fields.map((f) => [f.logicalMin, f.logicalMax])).toEqual([
      [-32768, 32767],
      [0, 40000],
      [0, 65535],
    ]);
  });

  it('counts bits per report ID, after the report ID byte, and keeps globals across collections', () => {
    const d = parseReportDescriptor(
      bytes(0x05, 0x0d, 0x09, 0x02, 0xa1, 0x01, 0x85, 0x07, 0x75, 0x08, 0x95, 0x02, 0x09, 0x42, 0x81, 0x02, 0xc0, 0x09, 0x02, 0xa1, 0x01, 0x85, 0x08, 0x09, 0x42, 0x81, 0x02, 0xc0),
    );
    expect(d.hasReportIds).toBe(true);
    expect(d.fields.map((f) => [f.reportId, f.bitOffset, f.bitSize])).toEqual([
      [7, 0, 8],
      [7, 8, 8],
      [8, 0, 8],
      [8, 8, 8],
    ]);
    expect(d.reportBits.get('input:7')).toBe(16);
    expect(d.topLevel.map((c) => c.usage)).toEqual([0x000d0002, 0x000d0002]);
  });

  it('expands Usage Minimum..Maximum and skips long items', () => {
    const d = parseReportDescriptor(bytes(0xfe, 0x02, 0x10, 0xaa, 0xbb, 0x05, 0x09, 0x19, 0x01, 0x29, 0x03, 0x75, 0x01, 0x95, 0x03, 0x81, 0x02));
    expect(d.fields.map((f) => f.usage)).toEqual([0x00090001, 0x00090002, 0x00090003]);
  });

  it('refuses malformed descriptors with the byte offset', () => {
    expect(() => parseReportDescriptor(bytes(0x05))).toThrow(/byte 0/);
    expect(() => parseReportDescriptor(bytes(0xb4))).toThrow(/Pop without Push/);
    expect(() => parseReportDescriptor(bytes(0xc0))).toThrow(/End Collection/);
    expect(() => parseReportDescriptor(bytes(0x76, 0x01, 0x01))).toThrow(/larger than 256/);
    expect(() => parseReportDescriptor(bytes(0x85, 0x00))).toThrow(/Report ID 0/);
  });
});
