import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseReader, listUsbSysfs, parsePortSpec, roleOf, type DeviceListing } from './detect';
import { tempDir } from '../../../../test/support/temp-dir';

const empty = (): DeviceListing => ({ serial: [], hid: [], usb: [], problems: [] });

describe('port setting', () => {
  it.each([
    ['/dev/ttyUSB0', { kind: 'serial', path: '/dev/ttyUSB0' }],
    ['COM3', { kind: 'serial', path: 'COM3' }],
    ['hid:/dev/hidraw2', { kind: 'hid', path: '/dev/hidraw2' }],
    ['hid:0425:8159', { kind: 'hid', vendorId: 0x0425, productId: 0x8159 }],
    ['AUTO', { kind: 'auto' }],
  ])('%s', (port, spec) => {
    expect(parsePortSpec(port)).toEqual(spec);
  });

  it('rejects an empty setting or an empty hid path', () => {
    expect(parsePortSpec('  ')).toBeNull();
    expect(parsePortSpec('hid:')).toBeNull();
  });
});

describe('reader auto-detection', () => {
  it('prefers a known serial reader, then a known HID reader, ignoring unknown devices', () => {
    const listing = empty();
    listing.serial.push({ path: '/dev/ttyS0' }, { path: '/dev/ttyUSB0', vendorId: 0x0403, productId: 0x6001 });
    listing.hid.push({ path: '/dev/hidraw0', vendorId: 0x046d, productId: 0xc52b });
    expect(chooseReader(listing)).toMatchObject({ kind: 'none', reason: expect.stringContaining('未找到身份证阅读器') });
    listing.hid.push({ path: '/dev/hidraw3', vendorId: 0x0425, productId: 0x8159 });
    expect(chooseReader(listing)).toEqual({ kind: 'hid', path: '/dev/hidraw3', id: { vendorId: 0x0425, productId: 0x8159 } });
    listing.serial.push({ path: '/dev/ttyACM0', vendorId: 0x10c4, productId: 0x8a1b });
    expect(chooseReader(listing)).toMatchObject({ kind: 'serial', path: '/dev/ttyACM0' });
  });

  it('reports a reader in DFU mode and never picks it', () => {
    const listing = empty();
    listing.usb.push({ vendorId: 0x0483, productId: 0xdf11, location: '/sys/bus/usb/devices/1-2' });
    const choice = chooseReader(listing);
    expect(choice.kind).toBe('none');
    expect(choice).toMatchObject({ reason: expect.stringContaining('0483:DF11') });
    expect(choice).toMatchObject({ reason: expect.stringContaining('固件升级模式') });
    expect(roleOf({ vendorId: 0x0483, productId: 0xdf11 }, 'usb')).toBe('dfu');
  });

  it('names a known reader seen only as a plain USB device (vendor bulk) as unsupported', () => {
    const listing = empty();
    listing.usb.push({ vendorId: 0x0400, productId: 0xc35a, location: 'x' });
    expect(chooseReader(listing)).toMatchObject({ kind: 'none', reason: expect.stringContaining('0400:C35A') });
    expect(roleOf({ vendorId: 0x0400, productId: 0xc35a }, 'usb')).toBe('bulk');
    expect(roleOf({ vendorId: 0x0400, productId: 0xc35a }, 'serial')).toBe('reader');
    expect(roleOf({ vendorId: 0x1234, productId: 0x5678 }, 'hid')).toBeNull();
  });

  it('reads USB ids from a sysfs-shaped directory', () => {
    const root = tempDir('sysfs-');
    for (const [name, vid, pid, product] of [
      ['1-1', '0483', 'df11', 'STM32 BOOTLOADER'],
      ['1-2', '2015', '0008', undefined],
    ] as const) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'idVendor'), `${vid}\n`);
      writeFileSync(join(root, name, 'idProduct'), `${pid}\n`);
      if (product) writeFileSync(join(root, name, 'product'), `${product}\n`);
    }
    mkdirSync(join(root, 'usb1-port1')); // an interface directory without ids
    const usb = listUsbSysfs(root).sort((a, b) => a.location.localeCompare(b.location));
    expect(usb.map((u) => [u.vendorId, u.productId, u.product])).toEqual([
      [0x0483, 0xdf11, 'STM32 BOOTLOADER'],
      [0x2015, 0x0008, undefined],
    ]);
    expect(listUsbSysfs(join(root, 'missing'))).toEqual([]);
  });
});
