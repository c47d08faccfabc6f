/**
 * Building the signature pad driver from configuration
 * (`devices.signature`: mode, port, descriptorFile). Simulated: the
 * simulated HID pad with the real driver (模拟签名). Hardware: the port
 * names the pad — `hid:VID:PID` or `hid:/dev/hidrawN` — and a Wacom STU
 * (056a:00a1…00a9, asked for by USB id) speaks its own protocol; every
 * other pad is a generic HID pen digitizer.
 */
import type { CounterConfig } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import type { DeviceDriver } from '../driver';
import type { DriverRegistry } from '../manager';
import { parsePortSpec } from '../idcard/transports/detect';
import type { HidTarget } from '../idcard/transports/hid';
import { HidPadDriver } from './hid-pad-driver';
import { openNodeHidPad } from './node-hid-opener';
import type { PadHidOpener } from './pad-hid-device';
import { SimulatedSignaturePad } from './simulator/simulated-signature-pad';
import { isWacomStu, WacomStuDriver, type PromptRenderer } from './wacom-stu';

type SignatureSettings = CounterConfig['devices']['signature'];

export interface SignatureDriverOptions {
  log?: (line: string) => void;
  /** The HID opener (tests: a simulated pad); node-hid by default. */
  open?: PadHidOpener;
  /**
   * Draws the signing prompt for an STU's screen. Until the composition
   * root gives one, an STU shows a blank screen and still captures.
   */
  renderStuPrompt?: PromptRenderer;
}

/** A white screen: the STU clears to it and shows the ink, without the prompt's text. */
const blankPrompt: PromptRenderer = async (_prompt, width, height) => ({ width, height, data: new Uint8Array(width * height * 4).fill(0xff) });

/** The hardware driver for the configured port; throws (Chinese) for a port that is not a HID pad. */
export function createSignatureDriver(settings: SignatureSettings, options: SignatureDriverOptions = {}): DeviceDriver {
  const port = settings.port ?? '';
  const spec = parsePortSpec(port);
  if (!spec || spec.kind !== 'hid') throw new Error(strings.signaturePad.badPort(port));
  const target: HidTarget = 'path' in spec ? { path: spec.path } : { vendorId: spec.vendorId, productId: spec.productId };
  const open = options.open ?? openNodeHidPad;
  if ('vendorId' in target && isWacomStu(target.vendorId, target.productId)) {
    return new WacomStuDriver({ target, opener: open, productId: target.productId, renderPrompt: options.renderStuPrompt ?? blankPrompt, log: options.log });
  }
  return new HidPadDriver({ target, open, descriptorFile: settings.descriptorFile, log: options.log });
}

/** The registry entry of the signature pad (the composition root passes its log). */
export function signatureRegistryEntry(options: SignatureDriverOptions = {}): NonNullable<DriverRegistry['signature']> {
  return {
    // Simulated: the simulated HID pad with the real driver and decoder (模拟签名 replays a recorded signature).
    simulated: () => new SimulatedSignaturePad({ log: options.log }),
    hardware: (s) => createSignatureDriver(s as SignatureSettings, options),
  };
}
