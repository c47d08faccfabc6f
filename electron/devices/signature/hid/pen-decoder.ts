/**
 * Pen report → PenSample, from the layouts findPens gave. The driver, the
 * replay of `doctor signature` and the benchmark all go through here.
 * compilePenDecoder precomputes a reader per report ID (the hot path at
 * 200 reports/s); decodePenReport is the same thing for one-off calls.
 */
import type { PenSample } from '../../../../shared/domain/signature/pen';
import type { PenField, PenLayout } from './pen-layout';
import type { PenQuirks } from './quirks';

export type PenDecoder = (report: Uint8Array, hostTime: number) => PenSample | null;

type FieldReader = (report: Uint8Array) => number;

/** Little-endian bit field read (HID bit order), sign-extended when the field is signed, clamped to the logical range. */
function readerFor(field: PenField, start: number): FieldReader {
  const bitStart = start * 8 + field.bitOffset;
  const size = field.bitSize;
  const { logicalMin, logicalMax, signed } = field;
  const clampable = logicalMin <= logicalMax;
  const finish = (raw: number): number => {
    let v = raw;
    if (signed && size < 53 && v >= 2 ** (size - 1)) v -= 2 ** size;
    if (clampable) {
      if (v < logicalMin) v = logicalMin;
      else if (v > logicalMax) v = logicalMax;
    }
    return v;
  };
  const firstByte = bitStart >> 3;
  if ((bitStart & 7) === 0 && size === 8) return (r) => finish(r[firstByte]!);
  if ((bitStart & 7) === 0 && size === 16) return (r) => finish(r[firstByte]! | (r[firstByte + 1]! << 8));
  if (size === 1) {
    const bit = bitStart & 7;
    return (r) => finish((r[firstByte]! >> bit) & 1);
  }
  return (r) => {
    let v = 0;
    for (let i = 0; i < size; i++) {
      const b = bitStart + i;
      if ((r[b >> 3]! >> (b & 7)) & 1) v += 2 ** i;
    }
    return finish(v);
  };
}

interface Compiled {
  /** Smallest report that holds every field read (longer reports are fine). */
  minLength: number;
  decode(report: Uint8Array, hostTime: number): PenSample;
}

function compileLayout(layout: PenLayout, quirks: PenQuirks): Compiled {
  const start = layout.hasReportIds ? 1 : 0;
  const fields = [layout.x, layout.y, layout.pressure, layout.tip, layout.inRange].filter((f): f is PenField => f !== null);
  const minLength = start + Math.max(...fields.map((f) => Math.ceil((f.bitOffset + f.bitSize) / 8)));
  const x = readerFor(layout.x, start);
  const y = readerFor(layout.y, start);
  const pressure = layout.pressure ? readerFor(layout.pressure, start) : null;
  const tip = layout.tip ? readerFor(layout.tip, start) : null;
  const inRange = layout.inRange ? readerFor(layout.inRange, start) : null;
  const invert = quirks.invertInRange;
  return {
    minLength,
    decode(report, hostTime) {
      const p = pressure ? pressure(report) : null;
      // Pen-down from the tip switch; where none is declared, from pressure > 0; never from In Range.
      const down = tip ? tip(report) !== 0 : p !== null && p > 0;
      const declaredInRange = inRange ? (inRange(report) !== 0) !== invert : true;
      return {
        x: x(report),
        y: y(report),
        pressure: p,
        tip: down,
        // A pen that touches is in range, whatever a (quirky) bit says.
        inRange: declaredInRange || down,
        deviceTime: null,
        seq: null,
        hostTime,
      };
    },
  };
}

/** A decoder for a device's pen layouts: null for reports that are not pen reports or are too short. */
export function compilePenDecoder(layouts: readonly PenLayout[], quirks: PenQuirks): PenDecoder {
  if (layouts.length === 0) return () => null;
  if (!layouts[0]!.hasReportIds) {
    const only = compileLayout(layouts[0]!, quirks);
    return (report, hostTime) => (report.length >= only.minLength ? only.decode(report, hostTime) : null);
  }
  const byId: (Compiled | undefined)[] = new Array(256);
  for (const layout of layouts) byId[layout.reportId] = compileLayout(layout, quirks);
  return (report, hostTime) => {
    if (report.length === 0) return null;
    const c = byId[report[0]!];
    return c && report.length >= c.minLength ? c.decode(report, hostTime) : null;
  };
}

const cache = new WeakMap<readonly PenLayout[], { quirks: PenQuirks; decoder: PenDecoder }>();

/**
 * Decodes one report (report ID first when the device numbers its reports).
 * Null when it is not one of the pen reports, or shorter than the layout.
 */
export function decodePenReport(layouts: readonly PenLayout[], report: Uint8Array, quirks: PenQuirks, hostTime: number): PenSample | null {
  let hit = cache.get(layouts);
  if (!hit || hit.quirks !== quirks) {
    hit = { quirks, decoder: compilePenDecoder(layouts, quirks) };
    cache.set(layouts, hit);
  }
  return hit.decoder(report, hostTime);
}
