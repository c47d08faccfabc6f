/**
 * The simulated counter's ID reader: the simulator on a pty pair, the real
 * driver on the other end, 模拟刷证 placing the sample card. Status is 模拟,
 * never 已连接.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../shared/contract';
import { isCardPresenter, type DeviceEvent } from '../../electron/devices/driver';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { SimulatedSamReader } from '../../electron/devices/idcard/simulated-sam-reader';
import { until } from '../support/until';

let reader: SimulatedSamReader | undefined;
afterEach(async () => {
  await reader?.stop();
  reader = undefined;
});

async function started(inMemory: boolean) {
  const statuses: DeviceState[] = [];
  const events: DeviceEvent[] = [];
  reader = new SimulatedSamReader({ inMemory });
  const t0 = performance.now();
  await reader.start({ setStatus: (s) => statuses.push(s), notice: () => {}, report: (e) => events.push(e) });
  return { statuses, events, startMs: performance.now() - t0 };
}


describe.each([
  ['socat pty pair + serial transport', false],
  ['in-memory link (no socat)', true],
])('simulated ID reader over %s', (_name, inMemory) => {
  it('is 模拟 when start resolves, and every 模拟刷证 is read through the real driver', async () => {
    const { statuses, events, startMs } = await started(inMemory);
    expect(isCardPresenter(reader)).toBe(true);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['simulated']));
    expect(startMs).toBeLessThan(1000);
    reader!.presentSampleCard();
    await until(() => events.filter((e) => e.type === 'card').length === 1);
    reader!.presentSampleCard();
    await until(() => events.filter((e) => e.type === 'card').length === 2);
    const card = events.find((e) => e.type === 'card');
    expect(card).toMatchObject({ type: 'card', card: SAMPLE_RESIDENT_CARD, source: '模拟身份证阅读器（虚拟串口 + 真实驱动）' });
    expect(statuses.every((s) => s === 'simulated')).toBe(true);
  });
});
