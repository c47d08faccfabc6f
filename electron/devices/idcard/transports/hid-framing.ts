/**
 * How SAM frames travel inside HID reports. HID readers (e.g. 0425:8159)
 * wrap frames in vendor-specific reports that no public document describes
 * (specs/idcard-sam.md, "Transport"), so the wrapping is configuration:
 *
 *   [report id] [ … header … length byte … ] [payload …] [zero padding]
 *
 * Pure: bytes in, reports out and back.
 */
import { strings } from '../../../../shared/i18n';

export interface HidFraming {
  /** First byte of every output report; 0 when the device uses unnumbered reports (hidapi still wants the 0). */
  reportId: number;
  /** Bytes of one report after the report id, usually 64. */
  reportSize: number;
  /** Offset, within the report after the id, of a byte counting this report's payload bytes; null when there is none. */
  lengthByteOffset: number | null;
  /** Offset, within the report after the id, where the payload starts. */
  payloadOffset: number;
  /** Whether input reports, as node-hid delivers them, begin with the report id (numbered reports on hidraw do). */
  inputHasReportId: boolean;
}

/** A common layout: unnumbered 64-byte reports, byte 0 = payload length, payload from byte 1. */
export const DEFAULT_HID_FRAMING: HidFraming = {
  reportId: 0,
  reportSize: 64,
  lengthByteOffset: 0,
  payloadOffset: 1,
  inputHasReportId: false,
};

/** Checks a framing from configuration; returns the problem in Chinese words for IT, or null. */
export function framingProblem(f: HidFraming): string | null {
  const m = strings.idcard.hidFraming;
  if (!Number.isInteger(f.reportId) || f.reportId < 0 || f.reportId > 255) return m.reportId;
  if (!Number.isInteger(f.reportSize) || f.reportSize < 2 || f.reportSize > 1024) return m.reportSize;
  if (!Number.isInteger(f.payloadOffset) || f.payloadOffset < 0 || f.payloadOffset >= f.reportSize) return m.payloadOffset;
  if (f.lengthByteOffset !== null) {
    if (!Number.isInteger(f.lengthByteOffset) || f.lengthByteOffset < 0 || f.lengthByteOffset >= f.payloadOffset) {
      return m.lengthByteOffset;
    }
    if (f.reportSize - f.payloadOffset > 255) return m.lengthByteRange;
  }
  return null;
}

/** Splits a frame into output reports (each starting with the report id, as node-hid's write expects). */
export function encodeHidReports(frame: Uint8Array, f: HidFraming): Buffer[] {
  const chunk = f.reportSize - f.payloadOffset;
  const reports: Buffer[] = [];
  for (let offset = 0; offset < frame.length; offset += chunk) {
    const part = frame.subarray(offset, Math.min(frame.length, offset + chunk));
    const report = Buffer.alloc(1 + f.reportSize);
    report[0] = f.reportId;
    if (f.lengthByteOffset !== null) report[1 + f.lengthByteOffset] = part.length;
    report.set(part, 1 + f.payloadOffset);
    reports.push(report);
  }
  return reports;
}

/** The payload bytes of one input report. A length byte larger than the report is clamped, never trusted. */
export function decodeHidReport(report: Uint8Array, f: HidFraming): Uint8Array {
  const body = f.inputHasReportId ? report.subarray(1) : report;
  const room = Math.max(0, body.length - f.payloadOffset);
  const count = f.lengthByteOffset === null ? room : Math.min(body[f.lengthByteOffset] ?? 0, room);
  return body.subarray(f.payloadOffset, f.payloadOffset + count);
}
