/**
 * Which signature pad driver a configuration gets: the simulated pad, a
 * Wacom STU by its USB id, a generic HID pad by id or hidraw path, and a
 * Chinese refusal for a port that is not a HID pad. Also where Linux keeps
 * a hidraw node's descriptor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CounterConfigSchema } from '../../../shared/contract';
import { until } from '../../../test/support/until';
import type { DeviceDriver } from '../driver';
import { isSignaturePad, isSignatureSimulation } from '../driver';
import { DeviceManager } from '../manager';
import { createSignatureDriver, signatureRegistryEntry } from './factory';
import { HidPadDriver } from './hid-pad-driver';
import { choosePenInterface, readSystemDescriptor, sysfsDescriptorPath } from './node-hid-opener';
import { SimulatedPad } from './simulator/simulated-pad';
import { SimulatedSignaturePad, loadSampleRecording } from './simulator/simulated-signature-pad';
import { WacomStuDriver } from './wacom-stu';

type Settings = ReturnType<typeof CounterConfigSchema.parse>['devices']['signature'];
const settings = (over: Partial<Settings>): Settings => ({ ...CounterConfigSchema.parse({}).devices.signature, ...over });

const started: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.stop();
});

describe('the signature pad driver for a configuration', () => {
  it('simulated: the simulated pad with 模拟签名, shown as 模拟 by the device manager', async () => {
    const config = CounterConfigSchema.parse({});
    expect(config.devices.signature.mode).toBe('simulated');
    const manager = new DeviceManager({ settings: config.devices, registry: { signature: signatureRegistryEntry() } });
    started.push(manager);
    await manager.start();
    const driver = manager.driver('signature');
    expect(driver).toBeInstanceOf(SimulatedSignaturePad);
    expect(isSignatureSimulation(driver) && isSignaturePad(driver)).toBe(true);
    const status = manager.list().find((s) => s.kind === 'signature')!;
    expect(status).toMatchObject({ state: 'simulated', driver: '模拟签名板' });
  });

  it('hardware hid:VID:PID of a Wacom STU: the STU protocol driver', () => {
    for (const port of ['hid:056a:00a8', 'hid:056A:00A4']) {
      expect(createSignatureDriver(settings({ mode: 'hardware', port }))).toBeInstanceOf(WacomStuDriver);
    }
  });

  it('hardware, any other pad: the generic HID driver, by USB id or hidraw path', async () => {
    expect(createSignatureDriver(settings({ mode: 'hardware', port: 'hid:256c:006d' }))).toBeInstanceOf(HidPadDriver);
    // A Wacom that is not an STU (a pen tablet) is a generic HID digitizer.
    expect(createSignatureDriver(settings({ mode: 'hardware', port: 'hid:056a:0374' }))).toBeInstanceOf(HidPadDriver);
    const hardware = new SimulatedPad(loadSampleRecording(), { path: '/dev/hidraw5' });
    const driver = createSignatureDriver(settings({ mode: 'hardware', port: 'hid:/dev/hidraw5' }), { open: hardware.open }) as DeviceDriver & HidPadDriver;
    expect(driver).toBeInstanceOf(HidPadDriver);
    started.push(driver);
    const states: string[] = [];
    await driver.start({ setStatus: (state) => states.push(state), notice: () => {}, report: () => {} });
    await until(() => driver.state === 'ready');
    expect(states).toContain('connected');
    expect(driver.pad?.simulated).toBe(false);
  });

  it('refuses, in Chinese, a port that is not a HID pad', () => {
    for (const port of ['/dev/ttyUSB0', 'COM3', 'auto', 'hid:']) {
      expect(() => createSignatureDriver(settings({ mode: 'hardware', port }))).toThrow(/签名板端口/);
    }
  });
});

describe('opening a pad by USB id', () => {
  it('takes its pen interface (digitizer page), not the first one hidapi lists', () => {
    const huion = [
      { path: '/dev/hidraw2', usagePage: 0xff00 },
      { path: '/dev/hidraw3', usagePage: 0x0d },
      { path: '/dev/hidraw4', usagePage: 0x01 },
    ];
    expect(choosePenInterface(huion)).toBe('/dev/hidraw3');
    expect(choosePenInterface([{ path: '/dev/hidraw7' }])).toBe('/dev/hidraw7');
    expect(choosePenInterface([])).toBeNull();
  });
});

describe('the descriptor from Linux sysfs', () => {
  it('is looked for only under a hidraw node', async () => {
    expect(sysfsDescriptorPath('/dev/hidraw3')).toBe('/sys/class/hidraw/hidraw3/device/report_descriptor');
    expect(sysfsDescriptorPath('\\\\?\\hid#vid_256c&pid_006d')).toBeNull();
    expect(sysfsDescriptorPath('/dev/hidraw3/../sda')).toBeNull();
    const asked: string[] = [];
    const bytes = await readSystemDescriptor('/dev/hidraw3', async (file) => {
      asked.push(file);
      return Buffer.from([0x05, 0x0d]);
    });
    expect(asked).toEqual(['/sys/class/hidraw/hidraw3/device/report_descriptor']);
    expect([...bytes!]).toEqual([0x05, 0x0d]);
    await expect(readSystemDescriptor('/dev/hidraw3', async () => Promise.reject(new Error('EACCES')))).resolves.toBeNull();
  });
});
