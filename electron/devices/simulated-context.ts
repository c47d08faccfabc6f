import type { DeviceState } from '../../shared/contract';
import type { DriverContext } from './driver';

/**
 * The context a real driver gets when it runs against a simulator: its
 * 已连接 is shown as 模拟 (the clerk must never take a simulated device for
 * hardware), and what it reports before it first connected is left out,
 * except a fault. After that, 已断开 and 故障 pass through as they are.
 */
export function simulatedStatusContext(context: DriverContext, simulatedReason: string): DriverContext {
  let connected = false;
  return {
    ...context,
    setStatus: (state: DeviceState, reason?: string) => {
      if (state === 'connected') {
        connected = true;
        context.setStatus('simulated', simulatedReason);
      } else if (connected || state === 'fault') {
        context.setStatus(state, reason);
      }
    },
  };
}
