/**
 * The PadDescription kept with each signature from a generic HID pad:
 * ranges from the pen layout, resolution from the physical range and unit
 * where the descriptor gives them (HID 1.11 §6.2.2.7: unit system nibble 1
 * SI linear = cm, 3 English linear = inch; length exponent nibble 1).
 */
import type { AxisRange, PadDescription } from '../../../../shared/domain/signature/pen';
import type { PenField, PenLayout } from './pen-layout';
import { usbIdText } from '../pad-hid-device';

export interface PadIdentity {
  vendorId: number;
  productId: number;
  /** USB product string; the USB id stands in when the system gives none. */
  product: string | null;
  firmware?: string | null;
  simulated?: boolean;
}

function range(f: PenField): AxisRange {
  return { min: f.logicalMin, max: f.logicalMax };
}

/** Device units per cm or inch, or null when the descriptor gives no usable physical size. */
function unitsPerLength(f: PenField): { value: number; unit: 'cm' | 'inch' } | null {
  const system = f.unit & 0x0f;
  const length = (f.unit >> 4) & 0x0f;
  if (length !== 1 || (system !== 1 && system !== 3)) return null;
  const physical = (f.physicalMax - f.physicalMin) * 10 ** f.unitExponent;
  const logical = f.logicalMax - f.logicalMin;
  if (!(physical > 0) || !(logical > 0)) return null;
  return { value: logical / physical, unit: system === 1 ? 'cm' : 'inch' };
}

export function padDescription(layout: PenLayout, identity: PadIdentity): PadDescription {
  const rx = unitsPerLength(layout.x);
  const ry = unitsPerLength(layout.y);
  const resolution =
    rx && ry && rx.unit === ry.unit
      ? { x: Math.round(rx.value * 1000) / 1000, y: Math.round(ry.value * 1000) / 1000, unit: rx.unit }
      : null;
  return {
    protocol: 'hid',
    simulated: identity.simulated ?? false,
    vendorId: identity.vendorId,
    productId: identity.productId,
    model: identity.product?.trim() || usbIdText(identity.vendorId, identity.productId),
    firmware: identity.firmware ?? null,
    x: range(layout.x),
    y: range(layout.y),
    pressure: layout.pressure ? range(layout.pressure) : null,
    resolution,
  };
}
