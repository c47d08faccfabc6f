/**
 * `doctor all`: the configuration beside what the system sees, from fake
 * listings shaped like what serialport, node-hid and lpstat return on a
 * counter PC — a CH340 evaluator cable, a CP210x, a known ID reader on HID, a
 * HID signature pad and a Wacom STU, two CUPS queues.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { deviceOverview, guessDevice, listPrintersWithLpstat, overviewText, type OverviewDeps } from './device-overview';
import { runDoctor } from './doctor-commands';

const LPSTAT = ['printer Front_Laser is idle.  enabled since Tue 01 Dec 2026', 'printer Old_Receipt disabled since Mon 30 Nov 2026 -', 'system default destination: Front_Laser'].join('\n');

function fakeDeps(overrides: Partial<OverviewDeps> = {}): OverviewDeps {
  return {
    listDevices: async () => ({
      serial: [
        { path: '/dev/ttyUSB0', vendorId: 0x1a86, productId: 0x7523, manufacturer: 'QinHeng Electronics' },
        { path: '/dev/ttyUSB1', vendorId: 0x10c4, productId: 0xea60 },
        { path: '/dev/ttyS0' },
      ],
      hid: [
        { path: '/dev/hidraw0', vendorId: 0x0425, productId: 0x8159, product: 'ID Reader' },
        { path: '/dev/hidraw1', vendorId: 0x256c, productId: 0x006d, product: 'Huion Pad' },
        { path: '/dev/hidraw2', vendorId: 0x046d, productId: 0xc31c, product: 'USB Keyboard' },
      ],
      usb: [{ location: '/sys/bus/usb/devices/1-4', vendorId: 0x0483, productId: 0xdf11 }],
      problems: [],
    }),
    listHid: async () => [
      { path: '/dev/hidraw1', vendorId: 0x256c, productId: 0x006d, product: 'Huion Pad', usagePage: 0x0d },
      { path: '/dev/hidraw3', vendorId: 0x056a, productId: 0x00a8, product: 'STU-540', usagePage: 0xff00 },
      { path: '/dev/hidraw2', vendorId: 0x046d, productId: 0xc31c, product: 'USB Keyboard', usagePage: 1 },
    ],
    listPrinters: async () => ({ ok: true, printers: [] }),
    ...overrides,
  };
}

function dataDirWith(config: unknown): string {
  const dir = tempDir('doctor-all-');
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

describe('what a USB id probably is', () => {
  it('names the USB-serial chips, the known readers and a reader in DFU mode', () => {
    expect(guessDevice({ vendorId: 0x1a86, productId: 0x7523 }, 'serial')).toContain('CH340');
    expect(guessDevice({ vendorId: 0x10c4, productId: 0xea60 }, 'serial')).toContain('CP210x');
    expect(guessDevice({ vendorId: 0x067b, productId: 0x2303 }, 'serial')).toContain('PL2303');
    expect(guessDevice({ vendorId: 0x0403, productId: 0x6001 }, 'serial')).toContain('FTDI');
    expect(guessDevice({ vendorId: 0x0400, productId: 0xc35a }, 'serial')).toBe('身份证阅读器（精伦 / 神思 SS628 系列）');
    expect(guessDevice({ vendorId: 0x0483, productId: 0xdf11 }, 'usb')).toContain('DFU');
    expect(guessDevice({ vendorId: 0x046d, productId: 0xc31c }, 'hid')).toBeNull();
    expect(guessDevice({}, 'serial')).toBeNull();
  });
});

describe('doctor all', () => {
  it('puts each kind’s configuration beside the candidates the system shows, and says whether the configured port is there', async () => {
    const dir = dataDirWith({
      devices: {
        idcard: { mode: 'hardware', port: 'hid:/dev/hidraw0' },
        evaluator: { mode: 'hardware', port: '/dev/ttyUSB7', baudRate: 9600 },
        signature: { mode: 'hardware', port: '/dev/hidraw1' },
        camera: { mode: 'disabled' },
        printer: { mode: 'hardware', port: 'Front_Laser' },
      },
    });
    const overview = await deviceOverview(dir, fakeDeps({ listPrinters: async () => ({ ok: true, printers: [{ name: 'Front_Laser', isDefault: true, ready: true, detail: '' }] }) }));
    expect(overview.config).toMatchObject({ state: 'file', issues: [] });
    expect(overview.idcard).toMatchObject({ mode: 'hardware', port: 'hid:/dev/hidraw0', portSeen: true });
    expect(overview.idcard.candidates.map((c) => c.guess)).toEqual(expect.arrayContaining([expect.stringContaining('CH340'), '身份证阅读器（HID 阅读器）', expect.stringContaining('DFU')]));
    // The evaluator's port is not there: said, with the USB-serial ports it could be instead.
    expect(overview.evaluator).toMatchObject({ mode: 'hardware', port: '/dev/ttyUSB7', portSeen: false, baudRate: 9600, profile: 'serial' });
    expect(overview.evaluator.candidates.map((c) => c.path)).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1', '/dev/ttyS0']);
    expect(overview.signature.portSeen).toBe(true);
    expect(overview.signature.candidates.map((c) => [c.path, c.usbId, c.kind])).toEqual([
      ['/dev/hidraw1', '256C:006D', 'hid'],
      ['/dev/hidraw3', '056A:00A8', 'wacom-stu'],
    ]);
    // Cameras are seen only by opening them through a browser: `doctor camera` does, `all` says so.
    expect(overview.camera).toMatchObject({ mode: 'disabled', cameras: null, note: '运行 doctor camera 列出摄像头及其分辨率（会逐个打开摄像头）' });
    expect(overview.printer).toMatchObject({ mode: 'hardware', port: 'Front_Laser', portSeen: true });
    expect(overview.ports.serial[0]).toEqual({ where: 'serial', path: '/dev/ttyUSB0', usbId: '1A86:7523', label: 'QinHeng Electronics', guess: 'CH340/CH341 USB 转串口' });

    const text = overviewText(overview, ['idcard', 'camera', 'signature', 'evaluator', 'printer'], true);
    expect(text).toContain('配置的端口 /dev/ttyUSB7 在系统中未找到');
    expect(text).toContain('★ /dev/ttyUSB0  [1A86:7523]  QinHeng Electronics  ← CH340/CH341 USB 转串口');
    expect(text).toContain('★ hid:/dev/hidraw3  [056A:00A8]  STU-540  ← Wacom STU 签名板');
    expect(text).toContain('Front_Laser  （默认）');
  });

  it('a HID keypad profile lists the HID devices that are neither readers nor pads', async () => {
    const overview = await deviceOverview(dataDirWith({ evaluation: { device: { profile: 'hid' } } }), fakeDeps());
    expect(overview.evaluator.candidates.map((c) => c.path)).toEqual(['/dev/hidraw2']);
  });

  it('reports listings that fail instead of throwing, and never creates config.json', async () => {
    const dir = tempDir('doctor-all-empty-');
    const overview = await deviceOverview(
      dir,
      fakeDeps({
        listDevices: () => Promise.reject(new Error('udevadm: not found')),
        listHid: () => Promise.reject(new Error('libusb missing')),
        listPrinters: async () => ({ ok: false, note: '未找到 lpstat（CUPS 未安装），无法列出打印机' }),
      }),
    );
    expect(overview.config.state).toBe('missing');
    expect(overview.problems).toEqual([expect.stringContaining('无法列出设备'), expect.stringContaining('无法列出HID 设备')]);
    expect(overview.printer).toMatchObject({ printers: null, note: '未找到 lpstat（CUPS 未安装），无法列出打印机' });
    expect(overview.ports).toEqual({ serial: [], hid: [], usb: [] });
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('shows an invalid config.json field by field and the defaults beside it', async () => {
    const dir = dataDirWith({ devices: { evaluator: { mode: 'sometimes' } } });
    const overview = await deviceOverview(dir, fakeDeps());
    expect(overview.config.state).toBe('invalid');
    expect(overview.config.issues[0]?.field).toBe('devices.evaluator.mode');
    expect(overview.evaluator.mode).toBe('simulated');
  });

  it('the doctor prints one JSON object for all and one section per kind; a wrong flag is a usage error', async () => {
    const dir = dataDirWith({ devices: { printer: { mode: 'hardware', port: 'Old_Receipt' } } });
    const run = async (argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      // `doctor camera` sees cameras through a page (camera-doctor.test.ts): here one with none.
      const openCameraPage = async () => ({ evaluate: async () => ({ ok: true, cameras: [] }), close: async () => {} });
      const code = await runDoctor(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, { overviewDeps: fakeDeps({ listPrinters: async () => ({ ok: true, printers: [] }) }), openCameraPage });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const all = await run(['all', '--json', '--data-dir', dir]);
    expect(all.code).toBe(0);
    expect(Object.keys(JSON.parse(all.out))).toEqual(['dataDir', 'config', 'idcard', 'camera', 'signature', 'evaluator', 'printer', 'ports', 'problems']);
    const printer = await run(['printer', '--json', '--data-dir', dir]);
    expect(JSON.parse(printer.out)).toMatchObject({ printer: { port: 'Old_Receipt', portSeen: false, printers: [] } });
    expect(JSON.parse(printer.out)).not.toHaveProperty('idcard');
    expect(await run(['camera', '--data-dir', dir])).toMatchObject({ code: 0, out: expect.stringContaining('高拍仪（camera）') });
    expect(await run(['camera', '--data-dir', dir])).toMatchObject({ out: expect.stringContaining('未发现摄像头') });
    expect(await run(['evaluator', '--loud'])).toMatchObject({ code: 1, err: expect.stringContaining('无法识别的参数：--loud') });
    // idcard with a device to read still goes to the read test (and its usage).
    expect(await run(['idcard', '--once'])).toMatchObject({ code: 1, err: expect.stringContaining('请用 --port 指定阅读器端口') });
    expect(await run(['nonsense'])).toMatchObject({ code: 1, err: expect.stringContaining('未知的诊断命令：nonsense') });
  });

  it('lists the CUPS queues with lpstat, and says so when lpstat is not installed or on Windows', async () => {
    const dir = tempDir('doctor-lpstat-');
    const lpstat = join(dir, 'lpstat');
    writeFileSync(lpstat, `#!/bin/sh\ncat <<'EOF'\n${LPSTAT}\nEOF\n`, { mode: 0o700 });
    const listed = await listPrintersWithLpstat('linux', lpstat);
    expect(listed.ok && listed.printers.map((p) => [p.name, p.isDefault, p.ready])).toEqual([
      ['Front_Laser', true, true],
      ['Old_Receipt', false, false],
    ]);
    const none = join(dir, 'lpstat-empty');
    writeFileSync(none, "#!/bin/sh\necho 'lpstat: No destinations added.' >&2\nexit 1\n", { mode: 0o700 });
    expect(await listPrintersWithLpstat('linux', none)).toEqual({ ok: true, printers: [] });
    expect(await listPrintersWithLpstat('linux', join(dir, 'missing'))).toEqual({ ok: false, note: '未找到 lpstat（CUPS 未安装），无法列出打印机' });
    expect(await listPrintersWithLpstat('win32')).toMatchObject({ ok: false, note: expect.stringContaining('仅在应用内可检测') });
  });
});
