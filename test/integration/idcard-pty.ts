/** Shared set-up for the ID card integration tests: the simulator on a socat pty pair, the real driver on the other end. */
import type { DeviceState } from '../../shared/contract';
import type { DeviceEvent } from '../../electron/devices/driver';
import { SamReaderDriver, type SamReaderOptions } from '../../electron/devices/idcard/driver';
import { PtySimulator } from '../../electron/devices/idcard/simulator/pty-simulator';
import type { SimulatorOptions } from '../../electron/devices/idcard/simulator/sam-simulator';
import { SerialTransport } from '../../electron/devices/idcard/transports/serial';
import { until } from '../support/until';

export type CardEvent = Extract<DeviceEvent, { type: 'card' }>;

export interface Rig {
  pty: PtySimulator;
  driver: SamReaderDriver;
  statuses: Array<{ state: DeviceState; reason: string; at: number }>;
  notices: Array<{ level: string; message: string }>;
  events: Array<DeviceEvent & { at: number }>;
  cards(): Array<CardEvent & { at: number }>;
  last(): { state: DeviceState; reason: string; at: number } | undefined;
  until(what: () => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startRig(sim: Partial<SimulatorOptions> = {}, driver: Partial<SamReaderOptions> = {}): Promise<Rig> {
  const pty = new PtySimulator({ baudRate: 115200, ...sim });
  await pty.start();
  const statuses: Rig['statuses'] = [];
  const notices: Rig['notices'] = [];
  const events: Rig['events'] = [];
  const d = new SamReaderDriver({ openTransport: () => new SerialTransport(pty.hostPath, 115200), pollIntervalMs: 100, ...driver });
  await d.start({
    setStatus: (state, reason = '') => statuses.push({ state, reason, at: performance.now() }),
    notice: (level, message) => notices.push({ level, message }),
    report: (event) => events.push({ ...event, at: performance.now() }),
  });
  const rig: Rig = {
    pty,
    driver: d,
    statuses,
    notices,
    events,
    cards: () => events.filter((e): e is CardEvent & { at: number } => e.type === 'card'),
    last: () => statuses[statuses.length - 1],
    until: (what, ms = 5000) => until(what, { timeoutMs: ms, label: () => `statuses ${JSON.stringify(statuses.map((s) => s.state))}` }),
    async close() {
      await d.stop();
      await pty.close();
    },
  };
  return rig;
}
