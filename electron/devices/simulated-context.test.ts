import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../../shared/contract';
import type { DriverContext } from './driver';
import { simulatedStatusContext } from './simulated-context';

describe('simulatedStatusContext', () => {
  it('shows 已连接 as 模拟, hides what comes before, and passes later losses and faults through', () => {
    const seen: [DeviceState, string | undefined][] = [];
    const context: DriverContext = { setStatus: (s, r) => seen.push([s, r]), notice: () => {}, report: () => {} };
    const sim = simulatedStatusContext(context, '模拟原因');
    sim.setStatus('disconnected', '正在连接');
    sim.setStatus('fault', '端口打不开');
    sim.setStatus('connected');
    sim.setStatus('disconnected', '已拔出');
    expect(seen).toEqual([
      ['fault', '端口打不开'],
      ['simulated', '模拟原因'],
      ['disconnected', '已拔出'],
    ]);
  });
});
