/**
 * The Wacom STU models (vendor 0x056A) and what each one's screen takes
 * (specs/devices.md "Signature pad"). Screen sizes and ranges come from the
 * device's capability report; only the encodings and the model names are
 * known in advance, because the capability report does not say which image
 * modes a model accepts reliably across firmware versions.
 */
import type { ImageEncoding } from './image';

export const WACOM_VENDOR_ID = 0x056a;

export interface StuModel {
  productId: number;
  name: string;
  /** Image encodings the screen accepts, best first. */
  encodings: readonly ImageEncoding[];
  /** Feature 0x32 = 3 switches pen data to 0x34 (with device time). */
  penDataWithTime: boolean;
  /** TLS-only (STU-541): not supported. */
  tls: boolean;
}

const COLOUR: readonly ImageEncoding[] = ['bgr24', 'rgb565', 'mono'];

export const STU_MODELS: readonly StuModel[] = [
  { productId: 0xa1, name: 'STU-500', encodings: ['mono'], penDataWithTime: false, tls: false },
  { productId: 0xa2, name: 'STU-300', encodings: ['mono'], penDataWithTime: false, tls: false },
  { productId: 0xa3, name: 'STU-520A', encodings: ['rgb565', 'mono'], penDataWithTime: false, tls: false },
  { productId: 0xa4, name: 'STU-430', encodings: ['mono'], penDataWithTime: true, tls: false },
  { productId: 0xa5, name: 'STU-530', encodings: COLOUR, penDataWithTime: true, tls: false },
  { productId: 0xa6, name: 'STU-430V', encodings: ['mono'], penDataWithTime: true, tls: false },
  { productId: 0xa7, name: 'STU-530V', encodings: COLOUR, penDataWithTime: true, tls: false },
  { productId: 0xa8, name: 'STU-540', encodings: COLOUR, penDataWithTime: true, tls: false },
  { productId: 0xa9, name: 'STU-541', encodings: COLOUR, penDataWithTime: true, tls: true },
];

export function stuModel(productId: number): StuModel | null {
  return STU_MODELS.find((m) => m.productId === productId) ?? null;
}

export function isWacomStu(vendorId: number, productId: number): boolean {
  return vendorId === WACOM_VENDOR_ID && stuModel(productId) !== null;
}
