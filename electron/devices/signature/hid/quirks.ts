/**
 * What a pad's descriptor does not say, by USB id (specs/devices.md
 * "Signature pad"). Huion and UC-Logic firmware (and the Gaomon, Turcom,
 * Ugee … pads built on it, which keep vendor 256c or 5543) declare In Range
 * but send it inverted: 0 while the pen hovers, 1 only on the final
 * out-of-range report — Linux hid-uclogic flips it
 * (UCLOGIC_PARAMS_PEN_INRANGE_INVERTED). Pen-down never comes from In Range
 * anyway (tip switch, or pressure > 0).
 */
export interface PenQuirks {
  /** In Range reads 1 when the pen leaves and 0 while it is in range. */
  invertInRange: boolean;
}

export const NO_QUIRKS: PenQuirks = Object.freeze({ invertInRange: false });

interface QuirkRow {
  vendorId: number;
  /** null: every product of the vendor. */
  productId: number | null;
  why: string;
  quirks: PenQuirks;
}

export const QUIRK_TABLE: readonly QuirkRow[] = [
  { vendorId: 0x256c, productId: null, why: 'Huion/Gaomon: In Range inverted (hid-uclogic)', quirks: { invertInRange: true } },
  { vendorId: 0x5543, productId: null, why: 'UC-Logic: In Range inverted (hid-uclogic)', quirks: { invertInRange: true } },
  // XP-Pen (28bd): hid-uclogic marks In Range inverted only for the UC-Logic-style
  // "v1" interface of older models; their modern HID pen report is normal, so no row.
];

export function quirksFor(vendorId: number | null, productId: number | null): PenQuirks {
  if (vendorId === null) return NO_QUIRKS;
  const exact = QUIRK_TABLE.find((r) => r.vendorId === vendorId && r.productId === productId);
  const any = QUIRK_TABLE.find((r) => r.vendorId === vendorId && r.productId === null);
  return (exact ?? any)?.quirks ?? NO_QUIRKS;
}

