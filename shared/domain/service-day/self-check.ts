/**
 * The pre-shift device self-check (Zhumadian 19): every device with its
 * state, whether the centre requires it, and the gate on 开始服务.
 */
import type { CheckException, SelfCheckItem } from '../../contract/service-day';
import type { DeviceKind, DeviceState, DeviceStatus } from '../../contract/devices';

/** States in which a device counts as ready. 模拟 passes: the screen says plainly that it is simulated. */
export const PASSING_STATES: readonly DeviceState[] = ['connected', 'simulated'];

export function isPassing(state: DeviceState): boolean {
  return PASSING_STATES.includes(state);
}

export interface SelfCheck {
  items: SelfCheckItem[];
  /** Required devices that neither pass nor have an exception: they block 开始服务. */
  blocking: DeviceKind[];
  canOpen: boolean;
}

/**
 * Evaluates the devices against the required list. The latest exception of a
 * kind counts; an exception does not hide a device that has since recovered
 * (it shows as passing, and the exception stays on record).
 */
export function evaluateSelfCheck(
  devices: readonly DeviceStatus[],
  required: readonly DeviceKind[],
  exceptions: readonly CheckException[],
): SelfCheck {
  const latest = new Map<DeviceKind, CheckException>();
  for (const exception of [...exceptions].sort((a, b) => a.at.localeCompare(b.at))) latest.set(exception.kind, exception);

  const items = devices.map((device): SelfCheckItem => {
    const isRequired = required.includes(device.kind);
    const exception = latest.get(device.kind) ?? null;
    const verdict = isPassing(device.state) ? 'pass' : !isRequired ? 'optional' : exception ? 'exception' : 'fail';
    return { kind: device.kind, state: device.state, reason: device.reason, required: isRequired, verdict, exception };
  });
  const blocking = items.filter((item) => item.verdict === 'fail').map((item) => item.kind);
  return { items, blocking, canOpen: blocking.length === 0 };
}
