/**
 * The generic HID pad driver against the simulated pad's bytes (no pad
 * here): the shipped sample signature replayed through the real decoder,
 * unplug and replug, a pad with no standard pen, the descriptor from a
 * configured file, and 模拟签名 while the pad is away.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PenSample } from '../../../shared/domain/signature/pen';
import { until } from '../../../test/support/until';
import type { DeviceDriver, DeviceEvent, DriverContext } from '../driver';
import { isSignaturePad, isSignatureSimulation } from '../driver';
import { HidPadDriver } from './hid-pad-driver';
import { SAMPLE_SIGNATURE_FILE } from './simulator/generate-sample-signature';
import { penReportEncoders } from './simulator/pen-report-encoder';
import { readRecording, type PadRecording } from './simulator/recording-text';
import { SimulatedPad } from './simulator/simulated-pad';
import { SIMULATED_PEN_DESCRIPTOR, SIMULATED_PAD_ID } from './simulator/simulated-pen-descriptor';
import { loadSampleRecording, SimulatedSignaturePad } from './simulator/simulated-signature-pad';

interface Seen {
  statuses: Array<{ state: string; reason: string }>;
  events: DeviceEvent[];
  context: DriverContext;
  last: () => { state: string; reason: string } | undefined;
  samples: () => PenSample[];
}

function watch(): Seen {
  const statuses: Seen['statuses'] = [];
  const events: DeviceEvent[] = [];
  return {
    statuses,
    events,
    context: { setStatus: (state, reason = '') => statuses.push({ state, reason }), notice: () => {}, report: (e) => events.push(e) },
    last: () => statuses[statuses.length - 1],
    samples: () => events.flatMap((e) => (e.type === 'pen' ? e.samples : [])),
  };
}

const running: DeviceDriver[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const driver of running.splice(0)) await driver.stop();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function startDriver<D extends DeviceDriver>(driver: D): Promise<{ driver: D; seen: Seen }> {
  const seen = watch();
  running.push(driver);
  await driver.start(seen.context);
  return { driver, seen };
}

/** What the sample was drawn as, from the generator's comment lines (not from a decoding). */
function drawnTruth(text: string): Record<string, number> {
  const truth: Record<string, number> = {};
  for (const line of text.split('\n').filter((l) => l.startsWith('# drawn:'))) {
    for (const [, key, value] of line.matchAll(/(\w+)=(\d+)/g)) truth[key!] = Number(value);
  }
  return truth;
}

/** Pen-down runs of decoded samples. */
function strokesOf(samples: PenSample[]): PenSample[][] {
  const strokes: PenSample[][] = [];
  let current: PenSample[] | null = null;
  for (const s of samples) {
    if (s.tip) (current ??= strokes[strokes.push([]) - 1]!).push(s);
    else current = null;
  }
  return strokes;
}

describe('the sample signature through the simulated pad and the real decoder', () => {
  it('arrives whole: one pen event per recorded report, the strokes, points and extent that were drawn', async () => {
    const text = readFileSync(SAMPLE_SIGNATURE_FILE, 'utf8');
    const truth = drawnTruth(text);
    expect(truth.strokes).toBeGreaterThan(3);
    const { driver, seen } = await startDriver(new SimulatedSignaturePad({ replayMs: 300 }));
    expect(seen.last()?.state).toBe('simulated');
    expect(seen.statuses.some((s) => s.state === 'connected')).toBe(false);
    expect(driver.pad).toMatchObject({ protocol: 'hid', simulated: true, vendorId: SIMULATED_PAD_ID.vendorId, x: { min: 0, max: 30400 }, y: { min: 0, max: 19000 }, pressure: { min: 0, max: 8191 } });
    expect(driver.pad?.resolution).toEqual({ x: 2000, y: 2000, unit: 'cm' });

    await expect(driver.simulateSignature()).resolves.toBe(true);
    const penEvents = seen.events.filter((e) => e.type === 'pen');
    expect(penEvents).toHaveLength(truth.reports!);
    const samples = seen.samples();
    const down = samples.filter((s) => s.tip);
    expect(strokesOf(samples)).toHaveLength(truth.strokes!);
    expect(down).toHaveLength(truth.points!);
    expect(Math.min(...down.map((s) => s.x))).toBe(truth.xMin);
    expect(Math.max(...down.map((s) => s.x))).toBe(truth.xMax);
    expect(Math.min(...down.map((s) => s.y))).toBe(truth.yMin);
    expect(Math.max(...down.map((s) => s.y))).toBe(truth.yMax);
    expect(Math.max(...down.map((s) => s.pressure ?? 0))).toBe(truth.maxPressure);
    // Pressure varies within strokes; the pen hovers between them and leaves range at the end.
    expect(new Set(down.map((s) => s.pressure)).size).toBeGreaterThan(50);
    expect(samples.some((s) => !s.tip && s.inRange)).toBe(true);
    expect(samples[samples.length - 1]).toMatchObject({ tip: false, inRange: false });
    // In arrival order.
    expect(samples.every((s, i) => i === 0 || s.hostTime >= samples[i - 1]!.hostTime)).toBe(true);
  });

  it('is the signature pad the signing service drives, with 模拟签名', async () => {
    const pad = new SimulatedSignaturePad({ replayMs: 50 });
    expect(isSignaturePad(pad)).toBe(true);
    expect(isSignatureSimulation(pad)).toBe(true);
    const { seen } = await startDriver(pad);
    const prompt = { slipTitle: '受理通知书', itemName: '事项', caseNumber: 'A001', instruction: '请在框内签名' };
    // No screen on a generic pad: these resolve and change nothing.
    await pad.beginSigning(prompt);
    await pad.clearInk();
    await pad.endSigning();
    expect(seen.last()?.state).toBe('simulated');
  });

  it('replays one signature when 模拟签名 is asked twice at once (no interleaved ink)', async () => {
    const pad = new SimulatedSignaturePad({ replayMs: 100 });
    const { seen } = await startDriver(pad);
    const results = await Promise.all([pad.simulateSignature(), pad.simulateSignature()]);
    expect(results).toEqual([true, true]);
    expect(seen.events).toHaveLength(loadSampleRecording().reports.length);
  });
});

describe('hot-plug', () => {
  it('says 已断开 when the pad is pulled out, and is back by itself when it returns', async () => {
    const hardware = new SimulatedPad(loadSampleRecording());
    const { driver, seen } = await startDriver(new HidPadDriver({ target: { path: hardware.info.path }, open: hardware.open }));
    await until(() => driver.state === 'ready' && seen.last()?.state === 'connected', { label: 'connected' });

    hardware.unplug();
    await until(() => seen.last()?.state === 'disconnected', { timeoutMs: 1000, label: () => JSON.stringify(seen.statuses) });
    expect(seen.last()?.reason).toContain('签名板已断开');
    // While it is out, attempts fail quietly as 已断开 (not 故障).
    await until(() => driver.state === 'disconnected' && seen.statuses.filter((s) => s.state === 'disconnected').length >= 2, { label: 'retried' });
    expect(seen.statuses.some((s) => s.state === 'fault')).toBe(false);

    hardware.plugIn();
    await until(() => driver.state === 'ready' && seen.last()?.state === 'connected', { timeoutMs: 2000, label: () => JSON.stringify(seen.statuses) });
    const [encoder] = penReportEncoders(hardware.descriptor);
    hardware.send(encoder!.encode({ x: 100, y: 200, pressure: 300, tip: true, inRange: true }));
    await until(() => seen.samples().length === 1, { label: 'a pen report after the replug' });
    expect(seen.samples()[0]).toMatchObject({ x: 100, y: 200, pressure: 300, tip: true, inRange: true });
  });

  it('refuses 模拟签名 while the pad is not connected, and sends nothing', async () => {
    const pad = new SimulatedSignaturePad({ replayMs: 50, reconnectDelaysMs: [20] });
    await expect(pad.simulateSignature()).resolves.toBe(false); // not started
    const { seen } = await startDriver(pad);
    pad.hardware.unplug();
    await until(() => seen.last()?.state === 'disconnected', { timeoutMs: 1000 });
    await expect(pad.simulateSignature()).resolves.toBe(false);
    expect(seen.events).toHaveLength(0);
    pad.hardware.plugIn();
    await until(() => seen.last()?.state === 'simulated' && pad.driver.state === 'ready', { timeoutMs: 2000 });
    await expect(pad.simulateSignature()).resolves.toBe(true);
    expect(seen.events.length).toBeGreaterThan(0);
  });
});

// A Hanvon-style pad: one vendor-page application, a 10-byte proprietary packet.
// prettier-ignore
const VENDOR_ONLY = Uint8Array.from([0x06, 0x00, 0xff, 0x09, 0x01, 0xa1, 0x01, 0x15, 0x00, 0x26, 0xff, 0x00, 0x75, 0x08, 0x95, 0x0a, 0x09, 0x01, 0x81, 0x02, 0xc0]);

function padWith(descriptor: Uint8Array, id: { vendorId: number; productId: number }, exposesDescriptor = true): SimulatedPad {
  const recording: PadRecording = { name: 'test pad', ...id, descriptor, reports: [] };
  return new SimulatedPad(recording, { exposesDescriptor });
}

describe('pads the driver cannot use', () => {
  it('names a pad with no standard pen, in Chinese with its USB id, and still notices it leave', async () => {
    const hardware = padWith(VENDOR_ONLY, { vendorId: 0x0b57, productId: 0x8502 });
    const { driver, seen } = await startDriver(new HidPadDriver({ target: { vendorId: 0x0b57, productId: 0x8502 }, open: hardware.open, reconnectDelaysMs: [20] }));
    await until(() => seen.last()?.state === 'fault', { label: () => JSON.stringify(seen.statuses) });
    expect(seen.last()?.reason).toContain('不是标准 HID 手写笔（0b57:8502）');
    expect(driver.pad).toBeNull();
    // Its packets are not decoded into garbage.
    hardware.send(Buffer.from([0x02, 0xe0, 0x01, 0x23, 0x04, 0x56, 0x03, 0xff, 0x00, 0x00]));
    expect(seen.events).toHaveLength(0);
    hardware.unplug();
    await until(() => seen.last()?.state === 'disconnected', { timeoutMs: 1000 });
  });

  it('asks for devices.signature.descriptorFile where the system gives no descriptor, and decodes with the file', async () => {
    const id = { vendorId: 0x28bd, productId: 0x0094 };
    const without = padWith(SIMULATED_PEN_DESCRIPTOR, id, false);
    const first = await startDriver(new HidPadDriver({ target: id, open: without.open }));
    await until(() => first.seen.last()?.state === 'fault');
    expect(first.seen.last()?.reason).toContain('devices.signature.descriptorFile');

    const folder = mkdtempSync(join(tmpdir(), 'pad-descriptor-'));
    folders.push(folder);
    const file = join(folder, 'pad.hex');
    const hex = [...SIMULATED_PEN_DESCRIPTOR].map((b) => b.toString(16).padStart(2, '0'));
    writeFileSync(file, `# XP-Pen pad, from doctor -- signature\n${hex.slice(0, 40).join(' ')}\n${hex.slice(40).join(' ')}\n`);
    const hardware = padWith(SIMULATED_PEN_DESCRIPTOR, id, false);
    const { driver, seen } = await startDriver(new HidPadDriver({ target: id, open: hardware.open, descriptorFile: file }));
    await until(() => driver.state === 'ready');
    expect(driver.pad).toMatchObject({ vendorId: 0x28bd, productId: 0x0094, simulated: false, x: { max: 30400 } });
    const [encoder] = penReportEncoders(SIMULATED_PEN_DESCRIPTOR);
    hardware.send(encoder!.encode({ x: 30400, y: 0, pressure: 8191, tip: true, inRange: true }));
    await until(() => seen.samples().length === 1);
    expect(seen.samples()[0]).toMatchObject({ x: 30400, y: 0, pressure: 8191, tip: true });
  });

  it('says which descriptor file it could not read', async () => {
    const id = { vendorId: 0x28bd, productId: 0x0094 };
    const hardware = padWith(SIMULATED_PEN_DESCRIPTOR, id, false);
    const missing = join(tmpdir(), 'no-such-dir-for-pad', 'pad.hex');
    const { seen } = await startDriver(new HidPadDriver({ target: id, open: hardware.open, descriptorFile: missing }));
    await until(() => seen.last()?.state === 'fault');
    expect(seen.last()?.reason).toContain(missing);
  });

  it('reports a pad that is not there as 已断开 with the opener’s reason', async () => {
    const hardware = padWith(SIMULATED_PEN_DESCRIPTOR, { vendorId: 0x256c, productId: 0x006d });
    const { seen } = await startDriver(new HidPadDriver({ target: { path: '/dev/hidraw9' }, open: hardware.open }));
    await until(() => seen.statuses.some((s) => s.reason.includes('找不到签名板')));
    expect(seen.last()?.state).toBe('disconnected');
  });
});

describe('the shipped recording', () => {
  it('is read by the simulator as the simulated pad’s descriptor and reports', () => {
    const recording = readRecording(readFileSync(SAMPLE_SIGNATURE_FILE, 'utf8'));
    expect([...recording.descriptor]).toEqual([...SIMULATED_PEN_DESCRIPTOR]);
    expect(recording.reports.every((r) => r.bytes[0] === 7 && r.bytes.length === 8)).toBe(true);
  });
});
