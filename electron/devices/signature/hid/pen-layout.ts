/**
 * Where the pen is in a HID pad's reports (specs/devices.md "Signature
 * pad"): input fields under an application collection Digitizer (0x0D 0x01),
 * Pen (0x02) or Stylus (0x20), grouped by report ID. X and Y are required;
 * Tip Pressure, Tip Switch and In Range are taken when declared. Finger and
 * puck collections inside a digitizer application are not pens.
 */
import { parseReportDescriptor, type ReportField } from './report-descriptor';

export const USAGE = {
  digitizer: 0x000d0001,
  pen: 0x000d0002,
  stylus: 0x000d0020,
  puck: 0x000d0021,
  finger: 0x000d0022,
  tipPressure: 0x000d0030,
  inRange: 0x000d0032,
  tipSwitch: 0x000d0042,
  x: 0x00010030,
  y: 0x00010031,
} as const;

const PEN_APPLICATIONS = new Set<number>([USAGE.digitizer, USAGE.pen, USAGE.stylus]);
const NOT_A_PEN = new Set<number>([USAGE.finger, USAGE.puck]);
const COLLECTION_APPLICATION = 1;

/** A pen field: where it sits and its ranges, as the descriptor's field says (ReportField). */
export type PenField = Pick<ReportField, 'bitOffset' | 'bitSize' | 'logicalMin' | 'logicalMax' | 'physicalMin' | 'physicalMax' | 'unit' | 'unitExponent'> & {
  /** Read two's complement: the logical minimum is negative. */
  signed: boolean;
};

export interface PenLayout {
  /** 0 when the device declares no report IDs. */
  reportId: number;
  /** The device numbers its reports: every report starts with its ID byte. */
  hasReportIds: boolean;
  /** Bytes of this input report as it arrives, report ID byte included. */
  reportLength: number;
  /** Usage of the application collection (0x0D0001/0x0D0002/0x0D0020). */
  application: number;
  x: PenField;
  y: PenField;
  pressure: PenField | null;
  tip: PenField | null;
  inRange: PenField | null;
}

function penField(f: ReportField): PenField {
  const { bitOffset, bitSize, logicalMin, logicalMax, physicalMin, physicalMax, unit, unitExponent } = f;
  return { bitOffset, bitSize, logicalMin, logicalMax, physicalMin, physicalMax, unit, unitExponent, signed: logicalMin < 0 };
}

/** The pen application a field belongs to, or null. */
function penApplication(f: ReportField): number | null {
  const app = f.collections.find((c) => c.type === COLLECTION_APPLICATION);
  if (!app || !PEN_APPLICATIONS.has(app.usage)) return null;
  if (f.collections.some((c) => NOT_A_PEN.has(c.usage))) return null;
  return app.usage;
}

/** The pen reports of a descriptor, in report ID order; [] when it has no standard pen. Throws on a malformed descriptor. */
export function findPens(descriptor: Uint8Array): PenLayout[] {
  const parsed = parseReportDescriptor(descriptor);
  const byReport = new Map<number, { application: number; fields: Map<number, ReportField> }>();
  for (const f of parsed.fields) {
    // A pen value fits in 32 bits; wider fields are vendor blobs.
    if (f.kind !== 'input' || !f.variable || f.constant || f.bitSize === 0 || f.bitSize > 32) continue;
    const application = penApplication(f);
    if (application === null) continue;
    let entry = byReport.get(f.reportId);
    if (!entry) byReport.set(f.reportId, (entry = { application, fields: new Map() }));
    // The first field of each usage: a second X in the same report is another contact, not this pen.
    if (!entry.fields.has(f.usage)) entry.fields.set(f.usage, f);
  }
  const pens: PenLayout[] = [];
  for (const [reportId, { application, fields }] of [...byReport].sort((a, b) => a[0] - b[0])) {
    const x = fields.get(USAGE.x);
    const y = fields.get(USAGE.y);
    if (!x || !y) continue;
    const pick = (usage: number) => {
      const f = fields.get(usage);
      return f ? penField(f) : null;
    };
    const bits = parsed.reportBits.get(`input:${reportId}`) ?? 0;
    pens.push({
      reportId,
      hasReportIds: parsed.hasReportIds,
      reportLength: Math.ceil(bits / 8) + (parsed.hasReportIds ? 1 : 0),
      application,
      x: penField(x),
      y: penField(y),
      pressure: pick(USAGE.tipPressure),
      tip: pick(USAGE.tipSwitch),
      inRange: pick(USAGE.inRange),
    });
  }
  return pens;
}

/**
 * True when every top-level collection of the descriptor is on a vendor
 * page (0xFF00–0xFFFF): the pad speaks its own protocol (e.g. Hanvon 0x0B57,
 * or a Huion/UC-Logic interface before it is switched to its HID mode), so
 * the driver says "not a standard HID pen" with the USB id instead of
 * decoding garbage. False for a malformed descriptor (that gets its own message).
 */
export function isVendorOnlyDescriptor(descriptor: Uint8Array): boolean {
  let top;
  try {
    top = parseReportDescriptor(descriptor).topLevel;
  } catch {
    return false;
  }
  return top.length > 0 && top.every((c) => c.usage >>> 16 >= 0xff00);
}
