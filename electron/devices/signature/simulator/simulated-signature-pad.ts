/**
 * The signature pad of a counter with none configured, done the long way
 * so that the path is the real one: the simulated HID pad (simulated-pad.ts)
 * with the real generic HID driver and decoder on it. 模拟签名 replays the
 * recorded sample signature (resources/signatures/sample-signature.hid) as
 * input reports with their timing.
 *
 * The status is 模拟, never 已连接.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { strings } from '../../../../shared/i18n';
import type { PadDescription, PadPrompt } from '../../../../shared/domain/signature/pen';
import type { DeviceDriver, DriverContext, SignaturePad, SignatureSimulation } from '../../driver';
import { startSimulatedDriver } from '../../simulated-context';
import { HidPadDriver } from '../hid-pad-driver';
import { readRecording, type PadRecording } from './recording-text';
import { SimulatedPad, type SimulatedPadOptions } from './simulated-pad';

const SAMPLE_FILE = join('resources', 'signatures', 'sample-signature.hid');

/**
 * The shipped sample recording: beside the packaged app (resources/), or up
 * from this module (the source tree under tsx and vitest; out/main when built).
 */
export function loadSampleRecording(): PadRecording {
  const candidates: string[] = [];
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(join(packaged, SAMPLE_FILE));
  for (let dir = __dirname, up = 0; up < 7; up++, dir = dirname(dir)) candidates.push(join(dir, SAMPLE_FILE));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(strings.signaturePad.simulatorMissingRecording(SAMPLE_FILE));
  return readRecording(readFileSync(found, 'utf8'));
}

export interface SimulatedSignaturePadOptions extends SimulatedPadOptions {
  /** The recording to replay (default: the shipped sample). */
  recording?: PadRecording;
  reconnectDelaysMs?: number[];
  log?: (line: string) => void;
}

export class SimulatedSignaturePad implements DeviceDriver, SignaturePad, SignatureSimulation {
  readonly kind = 'signature' as const;
  readonly name = strings.signaturePad.simulatedDriverName;
  /** The pad itself (tests: plug it out and in, send reports). */
  readonly hardware: SimulatedPad;
  readonly driver: HidPadDriver;

  constructor(options: SimulatedSignaturePadOptions = {}) {
    const { recording = loadSampleRecording(), reconnectDelaysMs, log, ...padOptions } = options;
    this.hardware = new SimulatedPad(recording, padOptions);
    this.driver = new HidPadDriver({
      target: { vendorId: recording.vendorId, productId: recording.productId },
      open: this.hardware.open,
      simulated: true,
      name: this.name,
      reconnectDelaysMs,
      log,
    });
  }

  get pad(): PadDescription | null {
    return this.driver.pad;
  }

  async start(context: DriverContext): Promise<void> {
    await startSimulatedDriver(this.driver, context, strings.signaturePad.simulatedReason, 'ready');
  }

  async stop(): Promise<void> {
    await this.driver.stop();
  }

  beginSigning(prompt: PadPrompt): Promise<void> {
    return this.driver.beginSigning(prompt);
  }
  clearInk(): Promise<void> {
    return this.driver.clearInk();
  }
  endSigning(): Promise<void> {
    return this.driver.endSigning();
  }

  /** 模拟签名: the recorded signature through the real decoder; false while the pad is not connected. */
  async simulateSignature(): Promise<boolean> {
    if (this.driver.state !== 'ready') return false;
    return this.hardware.replay();
  }
}
