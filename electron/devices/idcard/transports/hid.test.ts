/**
 * The HID transport with node-hid replaced by a fake device (no HID reader
 * here): reports out per the framing, payloads in, unplug as onClose.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../codec/frames';
import { HidTransport } from './hid';
import type { HidFraming } from './hid-framing';

class FakeDevice extends EventEmitter {
  written: Buffer[] = [];
  closed = false;
  async write(report: Buffer) {
    this.written.push(Buffer.from(report));
    return report.length;
  }
  async close() {
    this.closed = true;
  }
}

const fake = { device: new FakeDevice(), openArgs: [] as unknown[], fail: '' };

vi.mock('node-hid', () => ({
  HIDAsync: {
    open: async (...args: unknown[]) => {
      fake.openArgs = args;
      if (fake.fail) throw new Error(fake.fail);
      return fake.device;
    },
  },
}));

beforeEach(() => {
  fake.device = new FakeDevice();
  fake.fail = '';
});

const framing: HidFraming = { reportId: 0, reportSize: 8, lengthByteOffset: 0, payloadOffset: 1, inputHasReportId: false };

describe('HID transport', () => {
  it('opens by vendor:product, writes a command as framed reports and passes report payloads on', async () => {
    const t = new HidTransport({ vendorId: 0x0425, productId: 0x8159 }, framing);
    expect(t.description).toBe('hid:0425:8159');
    await t.open();
    expect(fake.openArgs).toEqual([0x0425, 0x8159]);
    await t.write(commands.findCard());
    // 10 bytes in reports of 7 payload bytes: 7 + 3.
    expect(fake.device.written.map((r) => Array.from(r))).toEqual([
      [0, 7, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x03],
      [0, 3, 0x20, 0x01, 0x22, 0, 0, 0, 0],
    ]);
    const got: number[][] = [];
    t.onData((b) => got.push(Array.from(b)));
    fake.device.emit('data', Buffer.from([4, 0xaa, 0xaa, 0xaa, 0x96, 0xee, 0xee, 0xee]));
    fake.device.emit('data', Buffer.from([0, 0, 0, 0, 0, 0, 0, 0])); // an empty report carries nothing
    expect(got).toEqual([[0xaa, 0xaa, 0xaa, 0x96]]);
  });

  it('reports an unplugged device once through onClose, and not after a deliberate close', async () => {
    const t = new HidTransport({ path: '/dev/hidraw7' }, framing);
    await t.open();
    expect(fake.openArgs).toEqual(['/dev/hidraw7']);
    const closes: unknown[] = [];
    t.onClose((e) => closes.push(e));
    fake.device.emit('error', new Error('could not read from HID device'));
    fake.device.emit('error', new Error('again'));
    expect(closes).toHaveLength(1);
    await expect(t.write(commands.findCard())).rejects.toThrow('已断开');

    const u = new HidTransport({ path: '/dev/hidraw8' }, framing);
    await u.open();
    const none: unknown[] = [];
    u.onClose((e) => none.push(e));
    await u.close();
    expect(fake.device.closed).toBe(true);
    expect(none).toEqual([]);
  });

  it('turns open failures into Chinese messages naming the device', async () => {
    fake.fail = 'cannot open device with path /dev/hidraw9';
    await expect(new HidTransport({ path: '/dev/hidraw9' }).open()).rejects.toThrow('找不到端口 hid:/dev/hidraw9');
    fake.fail = 'Permission denied';
    await expect(new HidTransport({ path: '/dev/hidraw9' }).open()).rejects.toThrow('没有权限打开端口 hid:/dev/hidraw9');
  });
});
