import { describe, expect, it } from 'vitest';
import { decodeHidReport, DEFAULT_HID_FRAMING, encodeHidReports, framingProblem, type HidFraming } from './hid-framing';

const frame = Uint8Array.from({ length: 150 }, (_, i) => i & 0xff);

describe('HID report framing', () => {
  it('splits a frame into id-prefixed reports with a length byte, and joins them back', () => {
    const reports = encodeHidReports(frame, DEFAULT_HID_FRAMING);
    expect(reports).toHaveLength(3); // 63 + 63 + 24 payload bytes
    expect(reports.every((r) => r.length === 65 && r[0] === 0)).toBe(true);
    expect(reports.map((r) => r[1])).toEqual([63, 63, 24]);
    const back = reports.flatMap((r) => Array.from(decodeHidReport(r.subarray(1), DEFAULT_HID_FRAMING)));
    expect(back).toEqual(Array.from(frame));
  });

  it('supports a numbered report with the id echoed on input and the length byte elsewhere', () => {
    const f: HidFraming = { reportId: 2, reportSize: 32, lengthByteOffset: 1, payloadOffset: 3, inputHasReportId: true };
    const reports = encodeHidReports(frame, f);
    expect(reports[0]![0]).toBe(2);
    expect(reports[0]![2]).toBe(29);
    expect(reports.flatMap((r) => Array.from(decodeHidReport(r, f)))).toEqual(Array.from(frame));
  });

  it('without a length byte, passes the whole payload area (padding is noise the parser skips)', () => {
    const f: HidFraming = { reportId: 0, reportSize: 16, lengthByteOffset: null, payloadOffset: 0, inputHasReportId: false };
    const reports = encodeHidReports(frame.subarray(0, 20), f);
    expect(reports).toHaveLength(2);
    const second = decodeHidReport(reports[1]!.subarray(1), f);
    expect(second.length).toBe(16);
    expect(Array.from(second.subarray(0, 4))).toEqual([16, 17, 18, 19]);
  });

  it('never trusts a length byte larger than the report', () => {
    const report = new Uint8Array(64);
    report[0] = 250;
    expect(decodeHidReport(report, DEFAULT_HID_FRAMING).length).toBe(63);
  });

  it('rejects framings that cannot work', () => {
    expect(framingProblem(DEFAULT_HID_FRAMING)).toBeNull();
    expect(framingProblem({ ...DEFAULT_HID_FRAMING, payloadOffset: 64 })).not.toBeNull();
    expect(framingProblem({ ...DEFAULT_HID_FRAMING, lengthByteOffset: 1, payloadOffset: 1 })).not.toBeNull();
    expect(framingProblem({ ...DEFAULT_HID_FRAMING, reportId: 300 })).not.toBeNull();
    expect(framingProblem({ ...DEFAULT_HID_FRAMING, reportSize: 512, payloadOffset: 1 })).not.toBeNull();
  });
});
