import { hashPin } from '../../electron/services/accounts/pin-hash';
import type { OverviewDeps } from '../../electron/cli/device-overview';

/** The IT account the 设备与诊断 tests configure: IT01 赵工, PIN 24681357 (hashed at the product's cost: nothing to re-hash). */
export const IT = { staffNo: 'IT01', name: '赵工', pin: '24681357' } as const;

let hashed: Promise<string> | null = null;

/** The `it` section of config.json with that account. */
export async function itConfig(): Promise<{ accounts: Array<{ staffNo: string; name: string; pinHash: string }> }> {
  hashed ??= hashPin(IT.pin);
  return { accounts: [{ staffNo: IT.staffNo, name: IT.name, pinHash: await hashed }] };
}

/**
 * The system's listings as the services see them, with `serialPath` (a pty)
 * reported with the USB id of a CH340 (1A86:7523): a pty has no USB id of its
 * own, so the listing is where a test says what the port looks like.
 */
export function listingWithCh340(serialPath: string): OverviewDeps {
  return {
    listDevices: async () => ({ serial: [{ path: serialPath, vendorId: 0x1a86, productId: 0x7523, manufacturer: 'wch.cn' }], hid: [], usb: [], problems: [] }),
    listHid: async () => [],
    listPrinters: async () => ({ ok: true, printers: [{ name: 'Front_Laser', isDefault: true, ready: true, detail: '' }] }),
  };
}
