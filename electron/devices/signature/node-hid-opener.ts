/**
 * The real PadHidOpener: node-hid's HIDAsync (hidraw backend on Linux,
 * where hidapi's paths are /dev/hidrawN nodes), with the report descriptor
 * read from sysfs — node-hid cannot give it. On other systems the
 * descriptor is null and the driver takes devices.signature.descriptorFile.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { strings } from '../../../shared/i18n';
import { padTargetText, type OpenedPad, type PadHidDevice, type PadHidOpener } from './pad-hid-device';

/** Where Linux keeps the report descriptor of a hidraw node; null for any other path. */
export function sysfsDescriptorPath(devicePath: string): string | null {
  return /^\/dev\/hidraw\d+$/.test(devicePath) ? `/sys/class/hidraw/${basename(devicePath)}/device/report_descriptor` : null;
}

/** The descriptor of a hidraw node, or null when the system does not give it. */
export async function readSystemDescriptor(devicePath: string, read: (file: string) => Promise<Buffer> = readFile): Promise<Uint8Array | null> {
  const file = sysfsDescriptorPath(devicePath);
  if (!file) return null;
  try {
    const bytes = await read(file);
    return bytes.length > 0 ? new Uint8Array(bytes) : null;
  } catch {
    return null;
  }
}

/**
 * Pads often have several HID interfaces (pen, a keyboard for express keys,
 * a vendor channel); opened by vendor:product, hidapi takes the first,
 * which may not be the pen. The digitizer one (usage page 0x0D) is taken
 * when the system says which; else the first with a path.
 */
export function choosePenInterface(interfaces: ReadonlyArray<{ path?: string; usagePage?: number }>): string | null {
  const withPath = interfaces.filter((d) => d.path);
  return (withPath.find((d) => d.usagePage === 0x0d) ?? withPath[0])?.path ?? null;
}

/** node-hid's open failures, in the words the clerk and IT read. */
function openError(where: string, error: unknown): Error {
  const text = (error as Error).message;
  const s = strings.signaturePad;
  if (/permission|access/i.test(text)) return new Error(s.portDenied(where));
  if (/could not open|cannot open|not found|no such/i.test(text)) return new Error(s.portMissing(where));
  return new Error(s.openFailed(where, text));
}

export const openNodeHidPad: PadHidOpener = async (target): Promise<OpenedPad> => {
  const where = padTargetText(target);
  // Loaded on first use: a counter without a pad never needs libudev/hidraw.
  const HID = await import('node-hid');
  let device: Awaited<ReturnType<typeof HID.HIDAsync.open>>;
  try {
    if ('path' in target) device = await HID.HIDAsync.open(target.path);
    else {
      const path = choosePenInterface(await HID.devicesAsync(target.vendorId, target.productId));
      device = path ? await HID.HIDAsync.open(path) : await HID.HIDAsync.open(target.vendorId, target.productId);
    }
  } catch (error) {
    throw openError(where, error);
  }
  try {
    const info = await device.getDeviceInfo();
    const path = info.path ?? ('path' in target ? target.path : '');
    return {
      device: device as PadHidDevice,
      info: { vendorId: info.vendorId, productId: info.productId, product: info.product ?? null, path },
      descriptor: await readSystemDescriptor(path),
    };
  } catch (error) {
    await device.close().catch(() => {});
    throw openError(where, error);
  }
};

