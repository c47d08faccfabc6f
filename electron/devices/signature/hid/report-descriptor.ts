/**
 * A USB HID report descriptor parser (HID 1.11 §6.2.2): short and long
 * items, globals (with Push/Pop), locals, collections and report IDs, down
 * to one entry per main-item field with its usage, bit position, size,
 * logical/physical range, unit and unit exponent. It knows nothing about
 * pens: pen-layout.ts reads its output. Pure, no I/O; malformed input ends
 * the parse with an Error whose message names the byte offset.
 */

export type ReportKind = 'input' | 'output' | 'feature';

export interface CollectionInfo {
  /** 0 physical, 1 application, 2 logical, … (HID 1.11 §6.2.2.6). */
  type: number;
  /** Extended usage (page << 16 | id) of the collection, 0 when it declares none. */
  usage: number;
  /** Counts collections in descriptor order, so two collections with the same usage stay apart. */
  index: number;
}

export interface ReportField {
  kind: ReportKind;
  /** 0 when the descriptor declares no report IDs. */
  reportId: number;
  /** Extended usage (page << 16 | id); 0 for constant padding without a usage. */
  usage: number;
  /** Bit position in the report, counted from the first bit after the report ID byte (bit 0 when there are no report IDs). */
  bitOffset: number;
  bitSize: number;
  /** 1 for each variable field; Report Count for an array field (its usages are in `arrayUsages`). */
  count: number;
  constant: boolean;
  variable: boolean;
  relative: boolean;
  arrayUsages: number[];
  logicalMin: number;
  logicalMax: number;
  physicalMin: number;
  physicalMax: number;
  unit: number;
  /** Power of ten, decoded from the signed nibble (0x0D is −3). */
  unitExponent: number;
  /** The collections around this field, outermost first. */
  collections: CollectionInfo[];
}

export interface ParsedDescriptor {
  fields: ReportField[];
  /** Top-level collections, in order. */
  topLevel: CollectionInfo[];
  hasReportIds: boolean;
  /** Size in bits of each report, keyed `${kind}:${reportId}`, excluding the report ID byte. */
  reportBits: Map<string, number>;
}

interface Globals {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  physicalMin: number;
  physicalMax: number;
  unitExponent: number;
  unit: number;
  reportSize: number;
  reportId: number;
  reportCount: number;
  /** Raw bytes of logical/physical max, re-read unsigned when the minimum turns out to be non-negative. */
  logicalMaxRaw: { value: number; size: number };
  physicalMaxRaw: { value: number; size: number };
}

interface Locals {
  usages: { value: number; size: number }[];
  usageMin: { value: number; size: number } | null;
  usageMax: { value: number; size: number } | null;
}

const MAIN = 0;
const GLOBAL = 1;
const LOCAL = 2;
/** Guards a hostile descriptor: no real device needs more fields than this. */
const MAX_FIELDS = 65536;

function unsigned(bytes: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + bytes[at + i]!;
  return v;
}

function signed(value: number, size: number): number {
  if (size === 0) return 0;
  const bits = size * 8;
  const half = 2 ** (bits - 1);
  return value >= half ? value - 2 ** bits : value;
}

/** A maximum is signed per the spec, but many firmwares write e.g. 0xFFFF with a minimum of 0: read it unsigned then. */
function maxValue(raw: { value: number; size: number }, min: number): number {
  const s = signed(raw.value, raw.size);
  return min >= 0 && s < min ? raw.value : s;
}

function unitExponentOf(value: number, size: number): number {
  // The spec says a signed nibble; some firmwares write a whole signed byte (0xFD for −3).
  if (size === 1 && value > 0x0f) return signed(value, 1);
  const nibble = value & 0x0f;
  return nibble >= 8 ? nibble - 16 : nibble;
}

function extended(usage: { value: number; size: number }, page: number): number {
  return usage.size === 4 ? usage.value >>> 0 : ((page << 16) | usage.value) >>> 0;
}

export function parseReportDescriptor(bytes: Uint8Array): ParsedDescriptor {
  let g: Globals = {
    usagePage: 0,
    logicalMin: 0,
    logicalMax: 0,
    physicalMin: 0,
    physicalMax: 0,
    unitExponent: 0,
    unit: 0,
    reportSize: 0,
    reportId: 0,
    reportCount: 0,
    logicalMaxRaw: { value: 0, size: 0 },
    physicalMaxRaw: { value: 0, size: 0 },
  };
  const stack: Globals[] = [];
  let l: Locals = { usages: [], usageMin: null, usageMax: null };
  const open: CollectionInfo[] = [];
  const topLevel: CollectionInfo[] = [];
  const fields: ReportField[] = [];
  const reportBits = new Map<string, number>();
  let hasReportIds = false;
  let collectionIndex = 0;

  let at = 0;
  while (at < bytes.length) {
    const prefix = bytes[at]!;
    if (prefix === 0xfe) {
      // Long item: no defined tags, skip its data.
      if (at + 2 >= bytes.length) throw new Error(`long item truncated at byte ${at}`);
      at += 3 + bytes[at + 1]!;
      if (at > bytes.length) throw new Error('long item runs past the end');
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 3]!;
    const type = (prefix >> 2) & 3;
    const tag = prefix >> 4;
    if (at + 1 + size > bytes.length) throw new Error(`item 0x${prefix.toString(16)} at byte ${at} runs past the end`);
    const value = unsigned(bytes, at + 1, size);
    const itemAt = at;
    at += 1 + size;

    if (type === MAIN) {
      if (tag === 0x8 || tag === 0x9 || tag === 0xb) {
        const kind: ReportKind = tag === 0x8 ? 'input' : tag === 0x9 ? 'output' : 'feature';
        const key = `${kind}:${g.reportId}`;
        let offset = reportBits.get(key) ?? 0;
        const constant = (value & 1) !== 0;
        const variable = (value & 2) !== 0;
        const relative = (value & 4) !== 0;
        const usages = expandUsages(l, g.usagePage);
        const base = {
          kind,
          reportId: g.reportId,
          bitSize: g.reportSize,
          constant,
          variable,
          relative,
          logicalMin: g.logicalMin,
          logicalMax: g.logicalMax,
          physicalMin: g.physicalMin,
          physicalMax: g.physicalMax,
          unit: g.unit,
          unitExponent: g.unitExponent,
          collections: open.slice(),
        };
        if (variable) {
          for (let i = 0; i < g.reportCount; i++) {
            const usage = usages.length ? usages[Math.min(i, usages.length - 1)]! : 0;
            fields.push({ ...base, usage, bitOffset: offset, count: 1, arrayUsages: [] });
            offset += g.reportSize;
            if (fields.length > MAX_FIELDS) throw new Error('too many fields');
          }
        } else {
          fields.push({ ...base, usage: usages[0] ?? 0, bitOffset: offset, count: g.reportCount, arrayUsages: usages });
          offset += g.reportSize * g.reportCount;
        }
        reportBits.set(key, offset);
      } else if (tag === 0xa) {
        const usages = expandUsages(l, g.usagePage);
        const c: CollectionInfo = { type: value, usage: usages[0] ?? 0, index: collectionIndex++ };
        if (open.length === 0) topLevel.push(c);
        open.push(c);
      } else if (tag === 0xc) {
        if (open.length === 0) throw new Error(`End Collection without a collection at byte ${itemAt}`);
        open.pop();
      }
      l = { usages: [], usageMin: null, usageMax: null };
    } else if (type === GLOBAL) {
      switch (tag) {
        case 0x0:
          g.usagePage = value;
          break;
        case 0x1:
          g.logicalMin = signed(value, size);
          g.logicalMax = maxValue(g.logicalMaxRaw, g.logicalMin);
          break;
        case 0x2:
          g.logicalMaxRaw = { value, size };
          g.logicalMax = maxValue(g.logicalMaxRaw, g.logicalMin);
          break;
        case 0x3:
          g.physicalMin = signed(value, size);
          g.physicalMax = maxValue(g.physicalMaxRaw, g.physicalMin);
          break;
        case 0x4:
          g.physicalMaxRaw = { value, size };
          g.physicalMax = maxValue(g.physicalMaxRaw, g.physicalMin);
          break;
        case 0x5:
          g.unitExponent = unitExponentOf(value, size);
          break;
        case 0x6:
          g.unit = value;
          break;
        case 0x7:
          g.reportSize = value;
          // Vendor blobs use large sizes (88 bits on Huion's vendor interface); Linux accepts up to 256.
          if (value > 256) throw new Error(`Report Size ${value} at byte ${itemAt} is larger than 256 bits`);
          break;
        case 0x8:
          if (value === 0 || value > 255) throw new Error(`Report ID ${value} at byte ${itemAt} is invalid`);
          g.reportId = value;
          hasReportIds = true;
          break;
        case 0x9:
          g.reportCount = value;
          if (value > 4096) throw new Error(`Report Count ${value} at byte ${itemAt} is implausible`);
          break;
        case 0xa:
          stack.push({ ...g });
          break;
        case 0xb: {
          const popped = stack.pop();
          if (!popped) throw new Error(`Pop without Push at byte ${itemAt}`);
          g = popped;
          break;
        }
        default:
          break;
      }
    } else if (type === LOCAL) {
      if (tag === 0x0) l.usages.push({ value, size });
      else if (tag === 0x1) l.usageMin = { value, size };
      else if (tag === 0x2) l.usageMax = { value, size };
    }
  }
  return { fields, topLevel, hasReportIds, reportBits };
}

/** Usages in declaration order, a Usage Minimum..Maximum range expanded (bounded: arrays of keys can be large). */
function expandUsages(l: Locals, page: number): number[] {
  const out = l.usages.map((u) => extended(u, page));
  if (l.usageMin && l.usageMax) {
    const min = extended(l.usageMin, page);
    const max = extended(l.usageMax, page);
    for (let u = min; u <= max && u - min < 1024; u++) out.push(u);
  }
  return out;
}
