/**
 * The HID keypad profile with node-hid replaced by a fake device (no keypad
 * here): key reports in, ratings out through the key map, de-bouncing,
 * unplug and replug.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultHidKeyMap, parseKeyMap } from '../../../shared/domain/evaluation';
import type { DeviceEvent } from '../driver';
import { HidKeypadDriver } from './hid-driver';
import { until as waitUntil } from '../../../test/support/until';

class FakeDevice extends EventEmitter {
  closed = false;
  async close() {
    this.closed = true;
  }
}

const fake = { device: new FakeDevice(), opens: [] as unknown[][], fail: [] as string[] };

vi.mock('node-hid', () => ({
  HIDAsync: {
    open: async (...args: unknown[]) => {
      fake.opens.push(args);
      const failure = fake.fail.shift();
      if (failure) throw new Error(failure);
      fake.device = new FakeDevice();
      return fake.device;
    },
  },
}));

beforeEach(() => {
  fake.opens = [];
  fake.fail = [];
});

const settle = (ms = 5) => new Promise((r) => setTimeout(r, ms));
const until = (what: () => boolean, ms = 2000) => waitUntil(what, { timeoutMs: ms });

function start(options: Partial<ConstructorParameters<typeof HidKeypadDriver>[0]> = {}) {
  const statuses: Array<{ state: string; reason: string }> = [];
  const notices: string[] = [];
  const events: DeviceEvent[] = [];
  const driver = new HidKeypadDriver({ target: { vendorId: 0x1a2b, productId: 0x3c4d }, keyMap: defaultHidKeyMap('five'), debounceMs: 80, reconnectDelaysMs: [20], ...options });
  const started = driver.start({
    setStatus: (state, reason = '') => statuses.push({ state, reason }),
    notice: (_l, m) => notices.push(m),
    report: (e) => events.push(e),
  });
  return { driver, statuses, notices, events, started, ratings: () => events.filter((e) => e.type === 'rating') };
}

const report = (key: number, offset = 2) => {
  const r = Buffer.alloc(8);
  r[offset] = key;
  return r;
};

describe('HID keypad driver', () => {
  it('turns a key press into the rating of the requested case; holding a key is one press', async () => {
    const k = start();
    await k.started;
    await until(() => k.driver.state === 'ready');
    expect(fake.opens[0]).toEqual([0x1a2b, 0x3c4d]);
    expect(k.statuses.at(-1)).toEqual({ state: 'connected', reason: 'HID 评价器就绪（hid:1A2B:3C4D）' });
    fake.device.emit('data', report(0x1e)); // no request yet: ignored
    fake.device.emit('data', report(0));
    expect(k.ratings()).toEqual([]);
    k.driver.requestRating('08-20260925-0001', '食品经营许可');
    await settle(100);
    fake.device.emit('data', report(0x1f));
    fake.device.emit('data', report(0x1f)); // key held: the keyboard repeats the report
    fake.device.emit('data', report(0x1f));
    fake.device.emit('data', report(0));
    expect(k.ratings()).toEqual([{ type: 'rating', source: '评价器（USB HID 键盘式）', caseId: '08-20260925-0001', level: 'satisfied', keyCode: 0x1f }]);
    await k.driver.stop();
  });

  it('de-bounces a contact that chatters, and passes a real second press on (one rating per case is the service’s rule)', async () => {
    const k = start();
    await until(() => k.driver.state === 'ready');
    k.driver.requestRating('C-1', 'x');
    for (const key of [0x5d, 0, 0x5d, 0, 0x5d, 0]) fake.device.emit('data', report(key)); // keypad 5, bouncing
    expect(k.ratings().map((e) => e.type === 'rating' && e.level)).toEqual(['veryDissatisfied']);
    await settle(120);
    fake.device.emit('data', report(0x5d));
    expect(k.ratings()).toHaveLength(2);
    k.driver.showThanks('C-1');
    fake.device.emit('data', report(0));
    fake.device.emit('data', report(0x1e));
    expect(k.ratings()).toHaveLength(2); // thanked: no request any more
    await k.driver.stop();
  });

  it('uses the configured key map and report offset; a four-key keypad’s 一般 is 基本满意; unknown keys are told to IT', async () => {
    const k = start({ keyMap: parseKeyMap({ '0x3A': 'verySatisfied', '0x3B': 'satisfied', '0x3C': 'basicallySatisfied', '0x3D': 'dissatisfied' }), keyOffset: 0 });
    await until(() => k.driver.state === 'ready');
    k.driver.requestRating('C-2', 'x');
    fake.device.emit('data', report(0x3c, 0));
    fake.device.emit('data', report(0x44, 0));
    expect(k.ratings().map((e) => e.type === 'rating' && e.level)).toEqual(['basicallySatisfied']);
    expect(k.notices).toEqual(['评价器按键 0x44 没有对应的评价等级，请信息化技术人员检查按键映射']);
    await k.driver.stop();

    const four = start({ keyMap: defaultHidKeyMap('four') });
    await until(() => four.driver.state === 'ready');
    four.driver.requestRating('C-3', 'x');
    fake.device.emit('data', report(0x20)); // the third key: 一般
    expect(four.ratings().map((e) => e.type === 'rating' && e.level)).toEqual(['basicallySatisfied']);
    await four.driver.stop();
  });

  it('unplugged: 已断开 at once; re-opens by itself and keeps the case being rated', async () => {
    const k = start();
    await until(() => k.driver.state === 'ready');
    k.driver.requestRating('C-4', 'x');
    fake.fail = ['could not open device', 'could not open device'];
    const lostAt = performance.now();
    fake.device.emit('error', new Error('could not read from HID device'));
    expect(k.statuses.at(-1)).toEqual({ state: 'disconnected', reason: '评价器已断开（hid:1A2B:3C4D），插回后将自动重新连接' });
    expect(performance.now() - lostAt).toBeLessThan(50);
    await until(() => k.statuses.some((s) => s.reason.startsWith('找不到评价器端口')));
    await until(() => k.driver.state === 'ready');
    expect(fake.opens.length).toBeGreaterThanOrEqual(4);
    expect(k.statuses.at(-1)!.state).toBe('connected');
    fake.device.emit('data', report(0x1e));
    expect(k.ratings()).toHaveLength(1);
    await k.driver.stop();
    expect(fake.device.closed).toBe(true);
  });

  it('a press the service cannot store yet (a locked database) is not thrown back into the device’s data handler', async () => {
    const logs: string[] = [];
    const events: DeviceEvent[] = [];
    let storing = false;
    const driver = new HidKeypadDriver({ target: { vendorId: 0x1a2b, productId: 0x3c4d }, keyMap: defaultHidKeyMap('five'), debounceMs: 80, log: (l) => logs.push(l) });
    await driver.start({
      setStatus: () => undefined,
      notice: () => undefined,
      report: (e) => {
        if (!storing) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        events.push(e);
      },
    });
    await until(() => driver.state === 'ready');
    driver.requestRating('C-5', 'x');
    // An exception out of a 'data' listener would end the process: it must stay in the driver.
    expect(() => fake.device.emit('data', report(0x1e))).not.toThrow();
    expect(logs).toContain('评价器：评价暂未保存：Error');
    fake.device.emit('data', report(0));
    storing = true;
    await settle(100);
    fake.device.emit('data', report(0x1f));
    expect(events).toHaveLength(1);
    await driver.stop();
  });

  it('tells IT when the device may not be opened', async () => {
    fake.fail = ['Permission denied'];
    const k = start({ target: { path: '/dev/hidraw5' } });
    await until(() => k.statuses.some((s) => s.reason.includes('没有权限')));
    expect(k.statuses.find((s) => s.reason.includes('没有权限'))!.reason).toBe('没有权限打开评价器端口 hid:/dev/hidraw5，请联系信息化技术人员配置设备权限');
    await k.driver.stop();
  });
});
