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

/** The part of a real driver a simulated device starts and waits for. */
interface StartableDriver<S extends string> {
  start(context: DriverContext): Promise<void>;
  onState(listener: (state: S) => void): () => void;
}

/**
 * Starts a real driver against its simulator, shown as 模拟, and waits until
 * it reaches `ready` (the first poll, the handshake) so the first screen
 * already shows the device working — at most `timeoutMs`, after which the
 * driver's own status tells what went wrong.
 */
export async function startSimulatedDriver<S extends string>(
  driver: StartableDriver<S>,
  context: DriverContext,
  simulatedReason: string,
  ready: S,
  timeoutMs = 3000,
): Promise<void> {
  context.setStatus('simulated', simulatedReason);
  let stopWaiting = (): void => {};
  const reached = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const off = driver.onState((state) => {
      if (state === ready) resolve();
    });
    stopWaiting = () => {
      clearTimeout(timer);
      off();
    };
  });
  await driver.start(simulatedStatusContext(context, simulatedReason));
  await reached;
  stopWaiting();
}
