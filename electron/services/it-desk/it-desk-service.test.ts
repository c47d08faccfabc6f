/**
 * 保存 restarts only the device saved: the others keep their very driver
 * (the ID reader its connection); and a device test takes the device's event
 * (a test card opens no case; a test key press rates nothing).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CounterConfigSchema, DEVICE_KINDS, type CounterConfig, type DeviceKind } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { tempDir } from '../../../test/support/temp-dir';
import type { DeviceDriver, DriverContext, SampleCardPresentation } from '../../devices/driver';
import { DeviceManager, type DriverRegistry } from '../../devices/manager';
import { EVALUATOR_TEST_CASE, ItDeskService } from './it-desk-service';
import type { ItGate } from './it-gate';

class FakeDriver implements DeviceDriver {
  started = 0;
  stopped = 0;
  context: DriverContext | null = null;
  constructor(
    readonly kind: DeviceKind,
    readonly name: string,
    private readonly state: 'simulated' | 'connected',
  ) {}
  async start(context: DriverContext) {
    this.started += 1;
    this.context = context;
    context.setStatus(this.state);
  }
  async stop() {
    this.stopped += 1;
  }
}

class FakeReader extends FakeDriver {
  presentSampleCard(): SampleCardPresentation {
    this.context!.report({ type: 'card', source: 'sim', card: { name: '张三丰', sex: '男', nation: '汉', birthDate: '19900101', address: '某地', idNumber: '110101199001011234', issuer: '某公安局', validFrom: '20200101', validTo: '20300101' } as never });
    return { placed: true };
  }
}

class FakeKeypad extends FakeDriver {
  asked: string[] = [];
  thanked: string[] = [];
  showClerk() {}
  showWelcome() {}
  showPaused() {}
  requestRating(caseId: string) {
    this.asked.push(caseId);
  }
  showThanks(caseId: string) {
    this.thanked.push(caseId);
  }
}

function rig() {
  const dataDir = tempDir('it-desk-service-');
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ devices: { idcard: { mode: 'simulated' } } }));
  const made: Record<DeviceKind, FakeDriver[]> = { idcard: [], camera: [], signature: [], evaluator: [], printer: [] };
  const make = <D extends FakeDriver>(kind: DeviceKind, driver: D): D => {
    made[kind].push(driver);
    return driver;
  };
  const registry: DriverRegistry = Object.fromEntries(
    DEVICE_KINDS.map((kind) => [
      kind,
      {
        simulated: () => make(kind, kind === 'idcard' ? new FakeReader(kind, '模拟阅读器', 'simulated') : kind === 'evaluator' ? new FakeKeypad(kind, '模拟评价器', 'simulated') : new FakeDriver(kind, '模拟', 'simulated')),
        hardware: () => make(kind, kind === 'evaluator' ? new FakeKeypad(kind, '串口评价器', 'connected') : new FakeDriver(kind, '硬件', 'connected')),
      },
    ]),
  );
  let config: CounterConfig = CounterConfigSchema.parse({});
  const devices = new DeviceManager({ settings: config.devices, registry, onDeviceEvent: (kind, event) => events.push({ kind, taken: desk.intercept(kind, event) }) });
  const events: Array<{ kind: DeviceKind; taken: boolean }> = [];
  const gate = { isUnlocked: () => true, refusal: () => null } as unknown as ItGate;
  const onSaved = vi.fn((_kind: DeviceKind, saved: CounterConfig) => (config = saved));
  const desk = new ItDeskService({ dataDir, gate, devices, config: () => config, centreFile: join(dataDir, 'no-centre.json'), onSaved, log: () => {} });
  return { dataDir, devices, desk, made, events, onSaved };
}

describe('ItDeskService', () => {
  it('保存 of the evaluator restarts the evaluator only: every other driver is the one that ran before, never stopped', async () => {
    const { dataDir, devices, desk, made, onSaved } = rig();
    await devices.start();
    const before = devices.list();
    const reader = made.idcard[0]!;

    const refused = await desk.save('evaluator', { mode: 'hardware', port: '/dev/pts/9', baudRate: 'x' }, 'IT01');
    expect(refused).toMatchObject({ ok: false, issues: [{ field: 'baudRate' }] });
    expect(made.evaluator).toHaveLength(1);

    const saved = await desk.save('evaluator', { mode: 'hardware', port: '/dev/pts/9', baudRate: '' }, 'IT01');
    expect(saved).toEqual({ ok: true, message: strings.itDesk.saved(strings.deviceKinds.evaluator, join(dataDir, 'config.json')), issues: [] });
    // The evaluator: the old driver stopped, a new one on the new settings, 已连接.
    expect(made.evaluator).toHaveLength(2);
    expect(made.evaluator[0]!.stopped).toBe(1);
    expect(made.evaluator[1]!.name).toBe('串口评价器');
    expect(devices.list().find((s) => s.kind === 'evaluator')!.state).toBe('connected');
    // Everyone else: the same driver, started once, never stopped, the same status object (its time unchanged).
    for (const kind of DEVICE_KINDS.filter((k) => k !== 'evaluator')) {
      expect(made[kind]).toHaveLength(1);
      expect(made[kind][0]!).toMatchObject({ started: 1, stopped: 0 });
      expect(devices.list().find((s) => s.kind === kind)).toEqual(before.find((s) => s.kind === kind));
    }
    expect(devices.driver('idcard')).toBe(reader);
    expect(onSaved).toHaveBeenCalledWith('evaluator', expect.objectContaining({ devices: expect.objectContaining({ evaluator: { mode: 'hardware', port: '/dev/pts/9' } }) }));
    expect(JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8'))).toEqual({ devices: { idcard: { mode: 'simulated' }, evaluator: { mode: 'hardware', port: '/dev/pts/9' } } });
    await devices.stop();
  });

  it('the ID reader’s test shows the card masked and opens no case; the evaluator’s takes the key press', async () => {
    const { devices, desk, made, events } = rig();
    await devices.start();
    expect(await desk.startTest('idcard')).toMatchObject({ state: 'passed', message: strings.itDesk.tests.idcard.read('张**', '110101********1234') });
    expect(events).toEqual([{ kind: 'idcard', taken: true }]);
    // Outside a test the card is the counter's again.
    (made.idcard[0] as FakeReader).presentSampleCard();
    expect(events[1]).toEqual({ kind: 'idcard', taken: false });

    const keypad = made.evaluator[0] as FakeKeypad;
    expect(await desk.startTest('evaluator')).toMatchObject({ state: 'running' });
    expect(keypad.asked).toEqual([EVALUATOR_TEST_CASE]);
    keypad.context!.report({ type: 'rating', source: 'sim', caseId: EVALUATOR_TEST_CASE, level: 'satisfied', keyCode: 2 });
    expect(desk.testView('evaluator')).toEqual({ kind: 'evaluator', state: 'passed', message: strings.itDesk.tests.evaluator.pressed(2, strings.evaluation.levels.satisfied) });
    expect(keypad.thanked).toEqual([EVALUATOR_TEST_CASE]);
    expect(events.at(-1)).toEqual({ kind: 'evaluator', taken: true });
    desk.close();
    await devices.stop();
  });

  it('a device that is not running is not tested', async () => {
    const { desk } = rig();
    expect(await desk.startTest('printer')).toMatchObject({ state: 'failed', message: strings.itDesk.tests.notReady(strings.itDesk.states.unconfigured) });
  });
});
