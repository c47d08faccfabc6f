/**
 * The part of a HID device a signature pad driver uses: node-hid's HIDAsync
 * has exactly this shape, and so have the simulators (simulator/,
 * wacom-stu/), so drivers are tested against report bytes, not mocks.
 * Input reports arrive with the report ID as their first byte when the
 * device numbers its reports (as hidraw and node-hid deliver them).
 */
export interface PadHidDevice {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event?: 'data' | 'error'): unknown;
  /** An output report (report ID first). */
  write(data: number[] | Buffer): Promise<number>;
  /** A feature report (report ID first). */
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  /** A feature report read back: report ID first, `length` bytes in all. */
  getFeatureReport(reportId: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** What the system says about a HID device before it is opened. */
export interface PadHidInfo {
  vendorId: number;
  productId: number;
  /** USB product string, when the system gives one. */
  product: string | null;
  /** The system path (hidraw node on Linux, device interface path on Windows). */
  path: string;
}

/** An opened pad: the device, what it is, and its report descriptor when the system can read it (Linux sysfs), else null. */
export interface OpenedPad {
  device: PadHidDevice;
  info: PadHidInfo;
  descriptor: Uint8Array | null;
}

/** Opens a pad by path or by vendor:product; rejects (Chinese message) when it is not there. */
export type PadHidOpener = (target: { path: string } | { vendorId: number; productId: number }) => Promise<OpenedPad>;

export type PadTarget = Parameters<PadHidOpener>[0];

/** 256c:006d — the USB id as IT reads it in lsusb. */
export function usbIdText(vendorId: number, productId: number): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(vendorId)}:${hex(productId)}`;
}

/** A pad as config.json names it, for messages: hid:/dev/hidraw3 or hid:256c:006d. */
export function padTargetText(target: PadTarget): string {
  return 'path' in target ? `hid:${target.path}` : `hid:${usbIdText(target.vendorId, target.productId)}`;
}
