/**
 * The simulator's side of a HID pen: builds the input reports a pad with a
 * given report descriptor would send for a pen position. It reads the
 * descriptor on its own, with no code shared with the driver's parser
 * (electron/devices/signature/hid), so that a replay through the real
 * decoder checks the parser instead of repeating its mistakes.
 *
 * Deliberately small: short items only, Push/Pop, Usage / Usage Minimum /
 * Maximum (extended usages too), Input items per report ID. Output and
 * Feature items do not move Input bits (each report kind is laid out on
 * its own), constant Input items are padding.
 */

/** A pen position to send, in the descriptor's logical units. */
export interface PenPoint {
  x: number;
  y: number;
  pressure: number;
  tip: boolean;
  inRange: boolean;
  barrel?: boolean;
}

interface EncodedField {
  /** Page << 16 | usage id. */
  usage: number;
  bitOffset: number;
  bitSize: number;
  logicalMin: number;
  logicalMax: number;
}

/** The reports of one report ID that carry a pen (X and Y on a digitizer application collection). */
export interface PenReportEncoder {
  /** 0 when the device numbers no reports (no ID byte is sent). */
  reportId: number;
  /** Bytes after the report ID byte. */
  payloadLength: number;
  encode(point: PenPoint): Buffer;
}

const GENERIC_DESKTOP = 0x01;
const DIGITIZER = 0x0d;
const usageOf = (page: number, id: number) => ((page << 16) | id) >>> 0;
const X = usageOf(GENERIC_DESKTOP, 0x30);
const Y = usageOf(GENERIC_DESKTOP, 0x31);
const TIP_PRESSURE = usageOf(DIGITIZER, 0x30);
const IN_RANGE = usageOf(DIGITIZER, 0x32);
const TIP_SWITCH = usageOf(DIGITIZER, 0x42);
const BARREL_SWITCH = usageOf(DIGITIZER, 0x44);

interface Globals {
  page: number;
  logicalMin: number;
  logicalMax: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

/** The pen reports of a descriptor; empty when it declares none. Throws on a descriptor it cannot read. */
export function penReportEncoders(descriptor: Uint8Array): PenReportEncoder[] {
  const fieldsById = new Map<number, EncodedField[]>();
  const bitsById = new Map<number, number>();
  const penIds = new Set<number>();
  let usesIds = false;
  let globals: Globals = { page: 0, logicalMin: 0, logicalMax: 0, reportSize: 0, reportCount: 0, reportId: 0 };
  const stack: Globals[] = [];
  let usages: number[] = [];
  let usageMin: number | null = null;
  // The application collection each open collection belongs to (the first level's usage).
  const collections: number[] = [];

  let i = 0;
  while (i < descriptor.length) {
    const prefix = descriptor[i]!;
    if (prefix === 0xfe) throw new Error('long items are not supported by the simulator');
    const size = [0, 1, 2, 4][prefix & 0x03]!;
    if (i + 1 + size > descriptor.length) throw new Error(`descriptor ends inside an item at byte ${i}`);
    let unsigned = 0;
    for (let b = 0; b < size; b++) unsigned += descriptor[i + 1 + b]! * 2 ** (8 * b);
    const signed = size > 0 && unsigned >= 2 ** (8 * size - 1) ? unsigned - 2 ** (8 * size) : unsigned;
    const tag = prefix & 0xfc;
    i += 1 + size;
    const extended = (value: number) => (size === 4 ? value >>> 0 : usageOf(globals.page, value));
    switch (tag) {
      case 0x04: globals.page = unsigned; break;
      case 0x14: globals.logicalMin = signed; break;
      // A maximum written unsigned (26 FF FF with a minimum of 0) is read as such.
      case 0x24: globals.logicalMax = signed < globals.logicalMin ? unsigned : signed; break;
      case 0x74: globals.reportSize = unsigned; break;
      case 0x84: globals.reportId = unsigned; usesIds = true; break;
      case 0x94: globals.reportCount = unsigned; break;
      case 0xa4: stack.push({ ...globals }); break;
      case 0xb4: globals = stack.pop() ?? globals; break;
      case 0x08: usages.push(extended(unsigned)); break;
      case 0x18: usageMin = extended(unsigned); break;
      case 0x28:
        if (usageMin !== null) for (let u = usageMin; u <= extended(unsigned); u++) usages.push(u);
        usageMin = null;
        break;
      case 0xa0: collections.push(collections.length === 0 ? (usages[0] ?? 0) : collections[collections.length - 1]!); usages = []; break;
      case 0xc0: collections.pop(); usages = []; break;
      case 0x80: {
        const id = globals.reportId;
        const start = bitsById.get(id) ?? 0;
        const constant = (unsigned & 0x01) !== 0;
        const variable = (unsigned & 0x02) !== 0;
        const fields = fieldsById.get(id) ?? [];
        if (!constant && variable) {
          for (let n = 0; n < globals.reportCount; n++) {
            // Fewer usages than fields: the last one repeats (HID 1.11, 6.2.2.8).
            const usage = usages[Math.min(n, usages.length - 1)];
            if (usage === undefined) break;
            fields.push({ usage, bitOffset: start + n * globals.reportSize, bitSize: globals.reportSize, logicalMin: globals.logicalMin, logicalMax: globals.logicalMax });
          }
        }
        fieldsById.set(id, fields);
        bitsById.set(id, start + globals.reportSize * globals.reportCount);
        const application = collections[0] ?? 0;
        if (application >>> 16 === DIGITIZER && fields.some((f) => f.usage === X) && fields.some((f) => f.usage === Y)) penIds.add(id);
        usages = [];
        break;
      }
      case 0x90:
      case 0xb0:
        usages = [];
        break;
      default:
        break; // units, physical ranges, strings, designators: nothing to encode
    }
  }

  return [...penIds].map((id) => encoderFor(usesIds ? id : 0, fieldsById.get(id)!, Math.ceil(bitsById.get(id)! / 8)));
}

function encoderFor(reportId: number, fields: EncodedField[], payloadLength: number): PenReportEncoder {
  return {
    reportId,
    payloadLength,
    encode(point) {
      const head = reportId === 0 ? 0 : 1;
      const report = Buffer.alloc(head + payloadLength);
      if (head) report[0] = reportId;
      for (const field of fields) {
        const value = valueFor(field, point);
        writeBits(report, head * 8 + field.bitOffset, field.bitSize, clamp(value, field.logicalMin, field.logicalMax));
      }
      return report;
    },
  };
}

function valueFor(field: EncodedField, point: PenPoint): number {
  switch (field.usage) {
    case X: return Math.round(point.x);
    case Y: return Math.round(point.y);
    case TIP_PRESSURE: return point.tip ? Math.round(point.pressure) : 0;
    case TIP_SWITCH: return point.tip ? 1 : 0;
    case IN_RANGE: return point.inRange ? 1 : 0;
    case BARREL_SWITCH: return point.barrel ? 1 : 0;
    default: return Math.max(field.logicalMin, 0); // eraser, invert, tilt…: at rest
  }
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** Little-endian bit packing, as HID lays fields out; negative values in two's complement of the field's size. */
function writeBits(target: Buffer, bitOffset: number, bitSize: number, value: number): void {
  let bits = value < 0 ? 2 ** bitSize + value : value;
  for (let n = 0; n < bitSize; n++) {
    const bit = bits % 2;
    bits = Math.floor(bits / 2);
    const at = bitOffset + n;
    if (bit) target[at >> 3] = target[at >> 3]! | (1 << (at & 7));
  }
}
