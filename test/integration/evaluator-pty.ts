/** Shared set-up for the evaluator integration tests: the keypad simulator on a socat pty pair, the real serial driver on the other end. */
import type { DeviceState } from '../../shared/contract';
import type { DeviceEvent } from '../../electron/devices/driver';
import { SerialEvaluatorDriver, type SerialEvaluatorOptions } from '../../electron/devices/evaluator/driver';
import { PtyKeypad, type PtyKeypadOptions } from '../../electron/devices/evaluator/simulator/pty-keypad';
import { SerialTransport } from '../../electron/devices/idcard/transports/serial';
import { until } from '../support/until';

export type RatingEvent = Extract<DeviceEvent, { type: 'rating' }>;

export interface EvaluatorRig {
  pty: PtyKeypad;
  driver: SerialEvaluatorDriver;
  statuses: Array<{ state: DeviceState; reason: string; at: number }>;
  notices: string[];
  ratings: Array<RatingEvent & { at: number }>;
  last(): { state: DeviceState; reason: string; at: number } | undefined;
  until(what: () => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export const BAUD = 9600;

export async function startEvaluatorRig(
  sim: Partial<PtyKeypadOptions> = {},
  driverOptions: Partial<SerialEvaluatorOptions> = {},
  onRating?: (event: RatingEvent) => void,
): Promise<EvaluatorRig> {
  const pty = new PtyKeypad({ baudRate: BAUD, ...sim });
  await pty.start();
  const statuses: EvaluatorRig['statuses'] = [];
  const notices: string[] = [];
  const ratings: EvaluatorRig['ratings'] = [];
  const driver = new SerialEvaluatorDriver({ openTransport: () => new SerialTransport(pty.hostPath, BAUD), reconnectDelaysMs: [100, 250], ...driverOptions });
  await driver.start({
    setStatus: (state, reason = '') => statuses.push({ state, reason, at: performance.now() }),
    notice: (_level, message) => notices.push(message),
    report: (event) => {
      if (event.type !== 'rating') return;
      onRating?.(event); // may throw: a rating that could not be stored
      ratings.push({ ...event, at: performance.now() });
    },
  });
  return {
    pty,
    driver,
    statuses,
    notices,
    ratings,
    last: () => statuses[statuses.length - 1],
    until: (what, ms = 5000) => until(what, { timeoutMs: ms, label: () => `statuses ${JSON.stringify(statuses.map((s) => s.state))}` }),
    async close() {
      await driver.stop();
      await pty.close();
    },
  };
}
