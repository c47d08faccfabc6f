/**
 * The STU driver against the simulated pad (bytes only, through the real
 * codec): ranges from 0x09, the prompt image in the model's encoding,
 * pen samples with device time across the wrap, encrypted pads, the
 * STU-541, unplug and replug.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../../../shared/contract';
import type { PadPrompt, PenSample } from '../../../../shared/domain/signature/pen';
import { strings } from '../../../../shared/i18n';
import { until } from '../../../../test/support/until';
import { chineseMessage } from '../../../services/errors/system-error';
import type { DeviceEvent, DriverContext } from '../../driver';
import { ENCODING_FLAG } from './codec';
import { solidBitmap, type RgbaBitmap } from './image';
import { promptLayout } from './prompt-page';
import { WacomStuDriver, type PromptRenderer } from './stu-driver';
import { STU_430, STU_540, StuSimulator, type SimulatedStuProfile } from './stu-simulator';

const PROMPT: PadPrompt = { slipTitle: '受理通知书', itemName: '个体工商户设立登记', caseNumber: 'SL-2025-000123', instruction: '请在框内签名' };

/** A synthetic prompt: white, the signing box in black, and a pure blue pixel at (1, 1) (so the encoding shows). */
const calls: Array<{ width: number; height: number; colour: boolean }> = [];
const drawPrompt: PromptRenderer = async (_prompt, width, height, colour) => {
  calls.push({ width, height, colour });
  const image = solidBitmap(width, height, [255, 255, 255]);
  const { box } = promptLayout(width, height);
  const put = (x: number, y: number, rgb: number[]) => image.data.set([...rgb, 255], (y * width + x) * 4);
  for (let x = box.left; x <= box.right; x++) [box.top, box.bottom].forEach((y) => put(x, y, [0, 0, 0]));
  for (let y = box.top; y <= box.bottom; y++) [box.left, box.right].forEach((x) => put(x, y, [0, 0, 0]));
  put(1, 1, [0, 0, 255]);
  return image;
};

function recorder() {
  const statuses: Array<{ state: DeviceState; reason?: string }> = [];
  const notices: Array<{ level: string; message: string }> = [];
  const samples: PenSample[] = [];
  const context: DriverContext = {
    setStatus: (state, reason) => statuses.push({ state, reason }),
    notice: (level, message) => notices.push({ level, message }),
    report: (event: DeviceEvent) => {
      if (event.type === 'pen') samples.push(...event.samples);
    },
  };
  return { statuses, notices, samples, context, last: () => statuses.at(-1) };
}

const running: WacomStuDriver[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
  calls.length = 0;
});

async function start(profile: SimulatedStuProfile, renderPrompt: PromptRenderer = drawPrompt) {
  const sim = new StuSimulator(profile);
  const driver = new WacomStuDriver({ target: { vendorId: 0x056a, productId: profile.productId }, opener: sim.opener, renderPrompt, productId: profile.productId, statusPollMs: 2 });
  running.push(driver);
  const rec = recorder();
  await driver.start(rec.context);
  return { sim, driver, rec };
}

const ready = (d: WacomStuDriver, r: ReturnType<typeof recorder>) =>
  until(() => d.state === 'ready', { label: () => `ready; statuses ${JSON.stringify(r.statuses)}` });

function pixel(image: RgbaBitmap, x: number, y: number): number[] {
  return Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3));
}

describe('WacomStuDriver on a simulated STU-430 (1-bit)', () => {
  it('reads the ranges from the capability report, not from the model', async () => {
    const odd = { ...STU_430, capability: { ...STU_430.capability, maxX: 9601, maxY: 5999, maxPressure: 511, resolution: 2000 } };
    const { driver, rec } = await start(odd);
    await ready(driver, rec);
    expect(driver.pad).toEqual({
      protocol: 'wacom-stu',
      simulated: false,
      vendorId: 0x056a,
      productId: 0xa4,
      model: 'STU-430',
      firmware: '1.07',
      x: { min: 0, max: 9601 },
      y: { min: 0, max: 5999 },
      pressure: { min: 0, max: 511 },
      resolution: { x: 2000, y: 2000, unit: 'inch' },
    });
    expect(rec.last()).toEqual({ state: 'connected', reason: strings.wacomStu.connected('STU-430', '1.07') });
  });

  it('sends the prompt as a 320×200 1-bit image, sets the writing area to the box and turns the ink on', async () => {
    const { sim, driver, rec } = await start(STU_430);
    await ready(driver, rec);
    await driver.beginSigning(PROMPT);
    expect(calls).toEqual([{ width: 320, height: 200, colour: false }]);
    const image = sim.lastImage!;
    expect(image).toMatchObject({ encoding: 'mono', width: 320, height: 200 });
    const { box } = promptLayout(320, 200);
    // Ink where the box is drawn, white inside it; the blue pixel is dark enough to be ink on a 1-bit screen.
    expect(pixel(image.bitmap, box.left, box.top)).toEqual([0, 0, 0]);
    expect(pixel(image.bitmap, box.right, box.bottom)).toEqual([0, 0, 0]);
    expect(pixel(image.bitmap, box.left + 5, box.top + 5)).toEqual([255, 255, 255]);
    expect(pixel(image.bitmap, 1, 1)).toEqual([0, 0, 0]);
    expect(sim.writingArea).toEqual(box);
    expect(sim.inking).toBe(true);
    expect(sim.timedPenData).toBe(true);
    expect(sim.sent.some((r) => r[0] === 0x15)).toBe(false);
  });

  it('uses 1-bit zlib when the pad says it takes zlib', async () => {
    const { sim, driver, rec } = await start({ ...STU_430, capability: { ...STU_430.capability, encodingFlags: ENCODING_FLAG.mono | ENCODING_FLAG.zlib } });
    await ready(driver, rec);
    await driver.beginSigning(PROMPT);
    expect(sim.lastImage?.encoding).toBe('mono-zlib');
    expect(pixel(sim.lastImage!.bitmap, 1, 1)).toEqual([0, 0, 0]);
    // Compressed: far fewer blocks than the 32 of a raw 320×200 1-bit image.
    expect(sim.sent.filter((r) => r[0] === 0x26).length).toBeLessThan(32);
  });

  it('the simulated 430 refuses colour images, as the real one does', async () => {
    const sim = new StuSimulator(STU_430);
    const opened = await sim.opener({ vendorId: 0x056a, productId: 0xa4 });
    await expect(opened.device.sendFeatureReport([0x25, 0x04])).rejects.toThrow(/cannot show image mode 0x4/);
    await expect(opened.device.sendFeatureReport([0x25, 0x02])).rejects.toThrow(/cannot show image mode 0x2/);
    await opened.device.sendFeatureReport([0x25, 0x00]);
    await opened.device.close();
  });

  it('re-sign redraws the prompt after waiting for the busy pad; the end clears the screen and stops the ink', async () => {
    const { sim, driver, rec } = await start(STU_430);
    sim.busyReadsAfterCommit = 4; // the simulator refuses clear and image start while busy
    await ready(driver, rec);
    await driver.beginSigning(PROMPT);
    await driver.clearInk();
    expect(sim.commits).toBe(2);
    expect(rec.notices).toEqual([]);
    await driver.endSigning();
    expect(sim.lastImage).toBeNull();
    expect(sim.inking).toBe(false);
  });

  it('shows the box alone and tells the clerk when the prompt cannot be drawn', async () => {
    const { sim, driver, rec } = await start(STU_430, async () => {
      throw new Error('Chromium not found');
    });
    await ready(driver, rec);
    await driver.beginSigning(PROMPT);
    const { box } = promptLayout(320, 200);
    expect(pixel(sim.lastImage!.bitmap, box.left, box.top)).toEqual([0, 0, 0]);
    expect(sim.writingArea).toEqual(box);
    expect(rec.notices).toEqual([{ level: 'warning', message: strings.wacomStu.promptFailed(chineseMessage(new Error('Chromium not found'))) }]);
  });
});

describe('WacomStuDriver on a simulated STU-540 (colour)', () => {
  it('sends the prompt as an 800×480 24-bit image', async () => {
    const { sim, driver, rec } = await start(STU_540);
    await ready(driver, rec);
    await driver.beginSigning(PROMPT);
    expect(calls).toEqual([{ width: 800, height: 480, colour: true }]);
    expect(sim.lastImage).toMatchObject({ encoding: 'bgr24', width: 800, height: 480 });
    expect(pixel(sim.lastImage!.bitmap, 1, 1)).toEqual([0, 0, 255]);
    expect(sim.sent.filter((r) => r[0] === 0x26).length).toBe(4554);
  });

  it('turns 0x34 reports into pen samples, device time counting on across the 16-bit wrap', async () => {
    const { sim, driver, rec } = await start(STU_540);
    await ready(driver, rec);
    sim.time = 0xfff0;
    sim.timeStep = 7;
    expect(sim.sendStrokes([[{ x: 100, y: 200, pressure: 300 }, { x: 110, y: 205, pressure: 1023 }, { x: 25200, y: 15120, pressure: 5 }]])).toBe(true);
    await until(() => rec.samples.length === 4);
    expect(rec.samples.map(({ hostTime: _, ...s }) => s)).toEqual([
      { x: 100, y: 200, pressure: 300, tip: true, inRange: true, deviceTime: 0xfff0, seq: 0 },
      { x: 110, y: 205, pressure: 1023, tip: true, inRange: true, deviceTime: 0xfff7, seq: 1 },
      { x: 25200, y: 15120, pressure: 5, tip: true, inRange: true, deviceTime: 0xfffe, seq: 2 },
      // The pad's counter read 0x0005 here: 7 ms later, not 65 529 ms earlier.
      { x: 25200, y: 15120, pressure: 0, tip: false, inRange: true, deviceTime: 0x10005, seq: 3 },
    ]);
  });

  it('a pad sending encrypted reports gets a clear message and no ink', async () => {
    const { sim, driver, rec } = await start(STU_540);
    await ready(driver, rec);
    sim.encrypted = true;
    sim.sendStrokes([[{ x: 1, y: 2, pressure: 3 }]]);
    await until(() => rec.last()?.state === 'fault');
    const message = strings.wacomStu.encryptedReports('STU-540');
    expect(message).toMatch(/加密/);
    expect(rec.last()).toEqual({ state: 'fault', reason: message });
    expect(rec.notices).toEqual([{ level: 'error', message }]);
    expect(rec.samples).toEqual([]);
    expect(sim.sent.some((r) => r[0] === 0x15)).toBe(false);
  });

  it('is 已断开 within 1 s of an unplug and back within 2 s of the replug, with the prompt drawn again', async () => {
    const { sim, driver, rec } = await start(STU_540);
    await ready(driver, rec);
    await driver.beginSigning(PROMPT);
    expect(sim.commits).toBe(1);
    sim.unplug();
    await until(() => rec.last()?.state === 'disconnected', { timeoutMs: 1000 });
    expect(rec.last()?.reason).toBe(strings.wacomStu.unplugged('056A:00A8'));
    // Unplugged for a while: the driver keeps looking.
    await new Promise((r) => setTimeout(r, 300));
    sim.replug();
    await until(() => rec.last()?.state === 'connected', { timeoutMs: 2000 });
    await until(() => sim.commits === 2 && sim.inking);
    expect(sim.lastImage?.encoding).toBe('bgr24');
    sim.sendStrokes([[{ x: 5, y: 6, pressure: 7 }]]);
    await until(() => rec.samples.length === 2);
  });
});

describe('other STU models', () => {
  it('an STU-300 (no time mode) sends 0x01: samples without device time', async () => {
    const stu300: SimulatedStuProfile = { ...STU_430, productId: 0xa2, modelName: 'STU-300', capability: { ...STU_430.capability, screenWidth: 396, screenHeight: 100 } };
    const { sim, driver, rec } = await start(stu300);
    await ready(driver, rec);
    expect(sim.sent.some((r) => r[0] === 0x32)).toBe(false);
    sim.sendStrokes([[{ x: 9, y: 8, pressure: 7 }]]);
    await until(() => rec.samples.length === 2);
    expect(rec.samples[0]).toMatchObject({ x: 9, y: 8, pressure: 7, tip: true, deviceTime: null, seq: null });
  });

  it('the STU-541 (TLS only) is 故障 不支持, and nothing is sent to it', async () => {
    const stu541: SimulatedStuProfile = { ...STU_540, productId: 0xa9, modelName: 'STU-541' };
    const { sim, driver, rec } = await start(stu541);
    await until(() => driver.state === 'unsupported');
    expect(rec.last()).toEqual({ state: 'fault', reason: strings.wacomStu.tlsNotSupported('STU-541') });
    expect(rec.last()?.reason).toMatch(/不支持/);
    await driver.beginSigning(PROMPT);
    expect(sim.sent).toEqual([]);
    expect(driver.pad).toBeNull();
  });
});
