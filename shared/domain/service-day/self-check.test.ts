import { describe, expect, it } from 'vitest';
import { DEVICE_KINDS, DEVICE_STATES, type DeviceKind, type DeviceState, type DeviceStatus } from '../../contract/devices';
import type { CheckException } from '../../contract/service-day';
import { evaluateSelfCheck, isPassing } from './self-check';

const status = (kind: DeviceKind, state: DeviceState, reason = ''): DeviceStatus => ({ kind, state, reason, driver: '', since: '2025-11-24T00:00:00.000Z' });
const exception = (kind: DeviceKind, at: string, reason = '已报修'): CheckException => ({ kind, state: 'fault', reason, at });

describe('the pre-shift self-check', () => {
  it('passes 已连接 and 模拟 only', () => {
    expect(DEVICE_STATES.filter(isPassing)).toEqual(['simulated', 'connected']);
  });

  it('gives every combination of state × required × exception its verdict', () => {
    for (const state of DEVICE_STATES) {
      for (const required of [true, false]) {
        for (const withException of [true, false]) {
          const check = evaluateSelfCheck([status('printer', state)], required ? ['printer'] : [], withException ? [exception('printer', '2025-11-24T00:10:00Z')] : []);
          const item = check.items[0]!;
          const expected = isPassing(state) ? 'pass' : !required ? 'optional' : withException ? 'exception' : 'fail';
          expect(item.verdict, `${state} required=${required} exception=${withException}`).toBe(expected);
          expect(check.canOpen).toBe(expected !== 'fail');
          expect(check.blocking).toEqual(expected === 'fail' ? ['printer'] : []);
          expect(item.required).toBe(required);
        }
      }
    }
  });

  it('lists every device in order with its reason, and blocks on each failing required one', () => {
    const devices = [
      status('idcard', 'simulated'),
      status('camera', 'unconfigured', '本窗口未配备此设备'),
      status('signature', 'disconnected'),
      status('evaluator', 'fault', '无响应'),
      status('printer', 'unconfigured', '本版本尚未提供模拟打印机，暂不可用'),
    ];
    const check = evaluateSelfCheck(devices, ['idcard', 'printer', 'evaluator'], []);
    expect(check.items.map((i) => i.kind)).toEqual([...DEVICE_KINDS]);
    expect(check.items.map((i) => i.verdict)).toEqual(['pass', 'optional', 'optional', 'fail', 'fail']);
    expect(check.items[3]!.reason).toBe('无响应');
    expect(check.blocking).toEqual(['evaluator', 'printer']);
    expect(check.canOpen).toBe(false);

    const oneException = evaluateSelfCheck(devices, ['idcard', 'printer', 'evaluator'], [exception('printer', '2025-11-24T00:10:00Z')]);
    expect(oneException.blocking).toEqual(['evaluator']);
    expect(oneException.canOpen).toBe(false);

    const both = evaluateSelfCheck(devices, ['idcard', 'printer', 'evaluator'], [
      exception('printer', '2025-11-24T00:10:00Z'),
      exception('evaluator', '2025-11-24T00:11:00Z'),
    ]);
    expect(both.canOpen).toBe(true);
    expect(both.items.filter((i) => i.verdict === 'exception').map((i) => i.kind)).toEqual(['evaluator', 'printer']);
  });

  it('shows the latest exception of a device, whatever order they come in', () => {
    const check = evaluateSelfCheck([status('printer', 'fault')], ['printer'], [
      exception('printer', '2025-11-24T00:12:00Z', '第二次'),
      exception('printer', '2025-11-24T00:10:00Z', '第一次'),
    ]);
    expect(check.items[0]!.exception?.reason).toBe('第二次');
  });

  it('an exception of another device does not unblock this one', () => {
    const check = evaluateSelfCheck([status('printer', 'fault'), status('evaluator', 'fault')], ['printer'], [exception('evaluator', '2025-11-24T00:10:00Z')]);
    expect(check.blocking).toEqual(['printer']);
    expect(check.items[1]!.verdict).toBe('optional');
  });

  it('a device that recovered passes, keeping its exception on record', () => {
    const check = evaluateSelfCheck([status('printer', 'connected')], ['printer'], [exception('printer', '2025-11-24T00:10:00Z')]);
    expect(check.items[0]!.verdict).toBe('pass');
    expect(check.items[0]!.exception?.reason).toBe('已报修');
  });

  it('nothing required: always open', () => {
    const check = evaluateSelfCheck(DEVICE_KINDS.map((k) => status(k, 'fault')), [], []);
    expect(check.canOpen).toBe(true);
    expect(check.items.every((i) => i.verdict === 'optional')).toBe(true);
  });
});
