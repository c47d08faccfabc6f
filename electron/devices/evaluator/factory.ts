/**
 * Building the evaluator driver from configuration: `devices.evaluator`
 * (mode, port, baud) and `evaluation.device` (profile, address, key map…).
 * The serial profile is ours (docs/evaluator-serial-protocol.md); the HID
 * profile takes keyboard-like keypads. The key mapping in force is also
 * what IT is shown (evaluatorMapping).
 */
import { EvaluationConfigSchema, type CounterConfig, type EvaluationConfig, type EvaluatorMapping } from '../../../shared/contract';
import { defaultHidKeyMap, defaultSerialKeyMap, keyMappingTable, parseKeyMap, type KeyLayout, type KeyMap } from '../../../shared/domain/evaluation';
import { strings } from '../../../shared/i18n';
import type { DeviceDriver } from '../driver';
import type { DriverRegistry } from '../manager';
import { parsePortSpec } from '../idcard/transports/detect';
import { SerialTransport } from '../idcard/transports/serial';
import { SerialEvaluatorDriver } from './driver';
import { HidKeypadDriver } from './hid-driver';
import { EVALUATOR_BAUD_RATE, SimulatedEvaluator } from './simulated-evaluator';

type DeviceSettings = CounterConfig['devices']['evaluator'];
type DeviceConfig = EvaluationConfig['device'];

/** The configured key map, or null when the device's level byte / layout decides. */
export function configuredKeyMap(device: DeviceConfig): KeyMap | null {
  return device.keyMap && Object.keys(device.keyMap).length > 0 ? parseKeyMap(device.keyMap) : null;
}

/** The hardware driver for the configured profile; throws (Chinese) for a port that does not fit it. */
export function createEvaluatorDriver(settings: DeviceSettings, device: DeviceConfig, log?: (line: string) => void): DeviceDriver {
  const port = settings.port ?? '';
  const spec = parsePortSpec(port);
  if (!spec || spec.kind === 'auto') throw new Error(strings.evaluation.device.badPort(port));
  if (device.profile === 'hid') {
    if (spec.kind !== 'hid') throw new Error(strings.evaluation.device.hidNeedsHidPort);
    return new HidKeypadDriver({
      target: 'path' in spec ? { path: spec.path } : { vendorId: spec.vendorId, productId: spec.productId },
      keyMap: configuredKeyMap(device) ?? defaultHidKeyMap(device.layout ?? 'five'),
      keyOffset: device.hidKeyOffset,
      debounceMs: device.debounceMs,
      log,
    });
  }
  if (spec.kind !== 'serial') throw new Error(strings.evaluation.device.badPort(port));
  const baudRate = settings.baudRate ?? EVALUATOR_BAUD_RATE;
  return new SerialEvaluatorDriver({
    openTransport: () => new SerialTransport(spec.path, baudRate),
    address: device.address,
    heartbeatMs: device.heartbeatMs,
    keyMap: configuredKeyMap(device),
    layout: device.layout,
    log,
  });
}

/** The simulated keypad on a pty with the real driver, tuned like the hardware would be. */
export function createSimulatedEvaluator(settings: DeviceSettings, device: DeviceConfig, log?: (line: string) => void): SimulatedEvaluator {
  return new SimulatedEvaluator({
    baudRate: settings.baudRate ?? EVALUATOR_BAUD_RATE,
    address: device.address,
    heartbeatMs: device.heartbeatMs,
    keyMap: configuredKeyMap(device),
    layout: device.layout,
    script: { address: device.address },
    log,
  });
}

/**
 * The key → level table in force, for IT. A serial keypad's layout follows
 * its key count (`keyCount` from its STATUS; five when not known yet).
 */
export function evaluatorMapping(device: DeviceConfig, keyCount: number | null = null): EvaluatorMapping {
  const configured = configuredKeyMap(device);
  const layout: KeyLayout = device.layout ?? (keyCount === 4 ? 'four' : 'five');
  const hid = device.profile === 'hid';
  const map = configured ?? (hid ? defaultHidKeyMap(layout) : defaultSerialKeyMap(layout));
  const table = keyMappingTable(map, { hex: hid, layout: configured ? undefined : layout });
  const m = strings.evaluation.mapping;
  return {
    profile: device.profile,
    source: configured ? m.source.configured : m.source.layout(strings.evaluation.layouts[layout]),
    rows: table.rows.map(({ keyText, deviceLabel, level, levelLabel, nationalCode, provincialCode }) => ({
      keyText,
      deviceLabel,
      level,
      levelLabel,
      nationalCode,
      provincialCode,
    })),
    unreachable: table.unreachable,
  };
}

/** The registry entry of the evaluator for a configuration (the composition root passes the centre's). */
export function evaluatorRegistryEntry(device: DeviceConfig = EvaluationConfigSchema.parse({}).device, log?: (line: string) => void): NonNullable<DriverRegistry['evaluator']> {
  return {
    // Simulated: the keypad simulator on a pty pair with the real serial driver on the other end (模拟评价 presses a key).
    simulated: (s) => createSimulatedEvaluator(s, device, log),
    hardware: (s) => createEvaluatorDriver(s, device, log),
  };
}

/** The key count a running evaluator driver reported (serial STATUS), or null. */
export function reportedKeyCount(driver: DeviceDriver | undefined): number | null {
  if (driver instanceof SerialEvaluatorDriver) return driver.keyCount;
  if (driver instanceof SimulatedEvaluator) return driver.serialDriver?.keyCount ?? null;
  return null;
}
