/**
 * Finding the reader: the USB ids seen in the field (specs/idcard-sam.md,
 * "Transport"), the three places a reader can show up (serial ports, HID
 * devices, any USB device), and the port setting that overrides it all.
 * A reader in firmware-update (DFU) mode is reported and never opened.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strings } from '../../../../shared/i18n';
import { DEFAULT_HID_FRAMING, type HidFraming } from './hid-framing';

export interface UsbId {
  vendorId: number;
  productId: number;
}

export const KNOWN_READERS: ReadonlyArray<UsbId & { maker: string }> = [
  { vendorId: 0x0400, productId: 0xc35a, maker: '精伦 / 神思 SS628 系列' },
  { vendorId: 0x0316, productId: 0x5020, maker: '新中新' },
  { vendorId: 0x0425, productId: 0x8159, maker: 'HID 阅读器' },
  { vendorId: 0x10c4, productId: 0x8a1b, maker: '信通' },
  { vendorId: 0x2015, productId: 0x0008, maker: '森锐' },
  { vendorId: 0x9573, productId: 0x4836, maker: '亿数' },
];
export const DFU_ID: UsbId = { vendorId: 0x0483, productId: 0xdf11 };

export const usbIdText = (id: UsbId) =>
  `${id.vendorId.toString(16).toUpperCase().padStart(4, '0')}:${id.productId.toString(16).toUpperCase().padStart(4, '0')}`;

const same = (a: UsbId, b: UsbId) => a.vendorId === b.vendorId && a.productId === b.productId;
export const isKnownReader = (id: UsbId) => KNOWN_READERS.some((k) => same(k, id));
export const isDfu = (id: UsbId) => same(id, DFU_ID);

/** What the `port` setting asks for. */
export type PortSpec =
  | { kind: 'auto' }
  | { kind: 'serial'; path: string }
  | { kind: 'hid'; path: string }
  | { kind: 'hid'; vendorId: number; productId: number };

/** /dev/ttyUSB0, COM3 → serial; hid:/dev/hidraw2, hid:0425:8159 → HID; auto → detection. */
export function parsePortSpec(port: string): PortSpec | null {
  const value = port.trim();
  if (value === '') return null;
  if (value.toLowerCase() === 'auto') return { kind: 'auto' };
  const ids = /^hid:([0-9a-f]{4}):([0-9a-f]{4})$/i.exec(value);
  if (ids) return { kind: 'hid', vendorId: parseInt(ids[1]!, 16), productId: parseInt(ids[2]!, 16) };
  if (/^hid:/i.test(value)) {
    const path = value.slice(4);
    return path ? { kind: 'hid', path } : null;
  }
  return { kind: 'serial', path: value };
}

export interface SerialEntry extends Partial<UsbId> {
  path: string;
  manufacturer?: string;
}
export interface HidEntry extends UsbId {
  path?: string;
  product?: string;
  manufacturer?: string;
}
export interface UsbEntry extends UsbId {
  /** Where it was found (sysfs directory on Linux). */
  location: string;
  product?: string;
}
export interface DeviceListing {
  serial: SerialEntry[];
  hid: HidEntry[];
  usb: UsbEntry[];
  /** A part of the listing that failed, in words (the rest is still usable). */
  problems: string[];
}

export type ReaderChoice =
  | { kind: 'serial'; path: string; id?: UsbId }
  | { kind: 'hid'; path: string; id: UsbId }
  | { kind: 'none'; reason: string };

/**
 * Picks the reader to use from a listing: a known serial port first (the
 * protocol's native wire), then a known HID device. A known reader seen only
 * as a plain USB device speaks vendor bulk, which this version does not
 * drive; a DFU device is named so IT knows why nothing reads.
 */
export function chooseReader(listing: DeviceListing): ReaderChoice {
  for (const s of listing.serial) {
    if (s.vendorId !== undefined && s.productId !== undefined && isKnownReader(s as UsbId)) {
      return { kind: 'serial', path: s.path, id: { vendorId: s.vendorId, productId: s.productId } };
    }
  }
  for (const h of listing.hid) {
    if (h.path && isKnownReader(h)) return { kind: 'hid', path: h.path, id: { vendorId: h.vendorId, productId: h.productId } };
  }
  const dfu = listing.usb.find(isDfu);
  if (dfu) return { kind: 'none', reason: strings.idcard.dfuOnly(usbIdText(dfu)) };
  const bulk = listing.usb.find(isKnownReader);
  if (bulk) return { kind: 'none', reason: strings.idcard.bulkUnsupported(usbIdText(bulk)) };
  return { kind: 'none', reason: strings.idcard.noReaderFound };
}

/** The role a listed device plays, for `doctor ports`. */
export function roleOf(id: Partial<UsbId>, where: 'serial' | 'hid' | 'usb'): 'reader' | 'dfu' | 'bulk' | null {
  if (id.vendorId === undefined || id.productId === undefined) return null;
  const full = id as UsbId;
  if (isDfu(full)) return 'dfu';
  if (!isKnownReader(full)) return null;
  return where === 'usb' ? 'bulk' : 'reader';
}

/** Lists serial ports, HID devices and (on Linux) every USB device. Never throws. */
export async function listDevices(): Promise<DeviceListing> {
  const listing: DeviceListing = { serial: [], hid: [], usb: [], problems: [] };
  try {
    const { SerialPort } = await import('serialport');
    listing.serial = (await SerialPort.list()).map((p) => {
      const entry: SerialEntry = { path: p.path };
      if (p.vendorId && p.productId) {
        entry.vendorId = parseInt(p.vendorId, 16);
        entry.productId = parseInt(p.productId, 16);
      }
      if (p.manufacturer) entry.manufacturer = p.manufacturer;
      return entry;
    });
  } catch (error) {
    listing.problems.push(strings.idcard.doctor.portsListFailed('串口', (error as Error).message));
  }
  try {
    const HID = await import('node-hid');
    listing.hid = (await HID.devicesAsync()).map((d) => {
      const entry: HidEntry = { vendorId: d.vendorId, productId: d.productId };
      if (d.path) entry.path = d.path;
      if (d.product) entry.product = d.product;
      if (d.manufacturer) entry.manufacturer = d.manufacturer;
      return entry;
    });
  } catch (error) {
    listing.problems.push(strings.idcard.doctor.portsListFailed('HID 设备', (error as Error).message));
  }
  listing.usb = listUsbSysfs();
  return listing;
}

/**
 * Every USB device from Linux sysfs. A DFU-mode or vendor-bulk reader is
 * neither a serial port nor a HID device, so only this list shows it. Other
 * systems return an empty list.
 */
export function listUsbSysfs(root = '/sys/bus/usb/devices'): UsbEntry[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const out: UsbEntry[] = [];
  for (const name of names) {
    const dir = join(root, name);
    const read = (file: string) => {
      try {
        return readFileSync(join(dir, file), 'utf8').trim();
      } catch {
        return undefined;
      }
    };
    const vendor = read('idVendor');
    const product = read('idProduct');
    if (!vendor || !product) continue;
    const entry: UsbEntry = { vendorId: parseInt(vendor, 16), productId: parseInt(product, 16), location: dir };
    const label = read('product');
    if (label) entry.product = label;
    out.push(entry);
  }
  return out;
}

/** The HID framing to use when none is configured. */
export const defaultHidFraming = (): HidFraming => ({ ...DEFAULT_HID_FRAMING });
