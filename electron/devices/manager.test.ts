import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../shared/contract';
import { defaultConfig } from '../services/config/config-file';
import type { DeviceDriver, DeviceEvent, DriverContext } from './driver';
import { DeviceManager, type DriverRegistry } from './manager';

/** The smallest simulated driver: reports 模拟 on start, like every simulator does. */
class SimulatedIdCardReader implements DeviceDriver {
  readonly kind = 'idcard' as const;
  readonly name = '模拟身份证阅读器';
  async start(context: DriverContext): Promise<void> {
    context.setStatus('simulated', '未配置硬件，使用模拟设备');
  }
  async stop(): Promise<void> {}
}

function settings(overrides: Partial<Record<string, object>> = {}) {
  const devices = defaultConfig().devices;
  for (const [kind, value] of Object.entries(overrides)) Object.assign(devices[kind as keyof typeof devices], value);
  return devices;
}

function harness(registry: DriverRegistry, devices = settings()) {
  const changes: DeviceStatus[] = [];
  const events: DeviceEvent[] = [];
  const notices: string[] = [];
  const manager = new DeviceManager({
    settings: devices,
    registry,
    onStatusChange: (_all, changed) => changes.push(changed),
    onDeviceEvent: (_kind, event) => events.push(event),
    onNotice: (_kind, _level, message) => notices.push(message),
  });
  return { manager, changes, events, notices };
}

const stateOf = (manager: DeviceManager) => Object.fromEntries(manager.list().map((s) => [s.kind, s.state]));

describe('DeviceManager', () => {
  it('lists every kind in status-bar order, simulated by default where a simulator exists', async () => {
    const { manager } = harness({ idcard: { simulated: () => new SimulatedIdCardReader() } });
    await manager.start();
    expect(manager.list().map((s) => s.kind)).toEqual(['idcard', 'camera', 'signature', 'evaluator', 'printer']);
    expect(stateOf(manager)).toEqual({
      idcard: 'simulated',
      camera: 'unconfigured',
      signature: 'unconfigured',
      evaluator: 'unconfigured',
      printer: 'unconfigured',
    });
    expect(manager.list()[0]?.driver).toBe('模拟身份证阅读器');
    expect(manager.list()[1]?.reason).toBe('本版本尚未提供模拟高拍仪，暂不可用');
  });

  it('says why a kind is not running: disabled, hardware without a port, hardware without a driver', async () => {
    const { manager } = harness(
      {},
      settings({ camera: { mode: 'disabled' }, idcard: { mode: 'hardware' }, printer: { mode: 'hardware', port: '/dev/usb/lp0' } }),
    );
    await manager.start();
    const byKind = Object.fromEntries(manager.list().map((s) => [s.kind, s]));
    expect(byKind.camera).toMatchObject({ state: 'unconfigured', reason: '本窗口未配备此设备' });
    expect(byKind.idcard).toMatchObject({ state: 'fault', reason: '已选择硬件模式，但未配置端口' });
    expect(byKind.printer).toMatchObject({ state: 'fault', reason: '已选择硬件模式，但本版本尚未提供打印机驱动' });
  });

  it('turns a driver that throws on start into 故障 with its reason, leaving the others running', async () => {
    const failing: DeviceDriver = {
      kind: 'idcard',
      name: '坏驱动',
      start: async () => {
        throw new Error('端口被占用');
      },
      stop: async () => {},
    };
    const { manager } = harness({ idcard: { simulated: () => failing } });
    await manager.start();
    expect(manager.list()[0]).toMatchObject({ state: 'fault', reason: '端口被占用' });
    expect(manager.driver('idcard')).toBeUndefined();
  });

  it('forwards status changes and device events, and ignores a stopped driver', async () => {
    let context: DriverContext | undefined;
    const driver: DeviceDriver = {
      kind: 'idcard',
      name: '测试驱动',
      start: async (ctx) => {
        context = ctx;
        ctx.setStatus('connected');
      },
      stop: async () => {},
    };
    const { manager, changes, events } = harness({ idcard: { simulated: () => driver } });
    await manager.start();
    context!.setStatus('disconnected', '已拔出');
    context!.report({ type: 'card', card: { cardType: 'resident' } as never, source: '测试驱动' });
    expect(changes.filter((c) => c.kind === 'idcard').map((c) => c.state)).toEqual(['connected', 'disconnected']);
    expect(events).toHaveLength(1);

    await manager.stop();
    context!.setStatus('connected');
    context!.report({ type: 'card', card: {} as never, source: 'x' });
    expect(manager.list()[0]?.state).toBe('disconnected');
    expect(events).toHaveLength(1);
  });

  it('restarts a kind with a fresh driver', async () => {
    let built = 0;
    const { manager } = harness({
      idcard: {
        simulated: () => {
          built++;
          return new SimulatedIdCardReader();
        },
      },
    });
    await manager.start();
    const first = manager.driver('idcard');
    await manager.restart('idcard');
    expect(built).toBe(2);
    expect(manager.driver('idcard')).not.toBe(first);
    expect(manager.list()[0]?.state).toBe('simulated');
  });

  it('does not report an unchanged status twice', async () => {
    const { manager, changes } = harness({ idcard: { simulated: () => new SimulatedIdCardReader() } });
    await manager.start();
    const before = changes.length;
    await manager.restart('idcard');
    expect(changes.length).toBe(before);
  });
});
