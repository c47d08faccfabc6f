/**
 * The serial evaluator driver against the keypad simulator joined in memory
 * (no pty): the mapping rules of protocol §5.2, a key event without a case,
 * a malformed key event, and the screen shown again after a replug.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseKeyMap } from '../../../shared/domain/evaluation';
import type { DeviceEvent } from '../driver';
import { createLoopbackPair, type LoopbackEnd } from '../idcard/transports/loopback';
import { SerialEvaluatorDriver } from './driver';
import { KeypadSimulator, type KeypadScript } from './simulator/keypad-simulator';
import { frame, text } from './simulator/wire';
import { until as waitUntil } from '../../../test/support/until';

interface Bench {
  driver: SerialEvaluatorDriver;
  keypad: KeypadSimulator;
  device: LoopbackEnd;
  host: LoopbackEnd;
  ratings: Array<Extract<DeviceEvent, { type: 'rating' }>>;
  states: string[];
  until(what: () => boolean, ms?: number): Promise<void>;
}

let open: Bench | undefined;
afterEach(async () => {
  await open?.driver.stop();
  open = undefined;
});

async function bench(script: Partial<KeypadScript> = {}, options: Partial<ConstructorParameters<typeof SerialEvaluatorDriver>[0]> = {}): Promise<Bench> {
  const [host, device] = createLoopbackPair('test');
  await device.open();
  const keypad = new KeypadSimulator((bytes) => void device.write(bytes).catch(() => {}), { baudRate: 0, script });
  device.onData((bytes) => keypad.receive(bytes));
  const ratings: Bench['ratings'] = [];
  const states: string[] = [];
  const driver = new SerialEvaluatorDriver({ openTransport: () => host, reconnectDelaysMs: [20], ...options });
  await driver.start({ setStatus: (s) => states.push(s), notice: () => {}, report: (e) => e.type === 'rating' && ratings.push(e) });
  const b: Bench = {
    driver,
    keypad,
    device,
    host,
    ratings,
    states,
    until: (what, ms = 2000) => waitUntil(what, { timeoutMs: ms, intervalMs: 2, label: () => `states ${states.join(',')}` }),
  };
  open = b;
  await b.until(() => driver.state === 'ready');
  return b;
}

describe('serial evaluator driver (in memory)', () => {
  it('IT’s key map wins over the level the keypad sends', async () => {
    const b = await bench({ reportsLevel: true }, { keyMap: parseKeyMap({ 1: 'dissatisfied', 2: 'satisfied' }) });
    b.driver.requestRating('C-1', 'x');
    await b.until(() => b.keypad.requestedCase === 'C-1');
    b.keypad.pressKey(1);
    b.keypad.pressKey(3); // not in the map: no level, nothing reported
    await b.until(() => b.keypad.acked.size === 2);
    expect(b.ratings.map((r) => [r.keyCode, r.level])).toEqual([[1, 'dissatisfied']]);
  });

  it('the configured layout overrides the key count the keypad reports', async () => {
    const b = await bench({ keyCount: 5, reportsLevel: false }, { layout: 'four' });
    b.driver.requestRating('C-2', 'x');
    await b.until(() => b.keypad.requestedCase === 'C-2');
    b.keypad.pressKey(3);
    await b.until(() => b.ratings.length === 1);
    expect(b.ratings[0]!.level).toBe('basicallySatisfied');
  });

  it('a key event without a case is given the case being rated; one the keypad garbled is answered with ERROR 04', async () => {
    const b = await bench();
    b.driver.requestRating('C-3', 'x');
    await b.until(() => b.keypad.requestedCase === 'C-3');
    const answers: number[][] = [];
    b.device.onData((bytes) => answers.push(Array.from(bytes)));
    b.keypad.sendRaw(frame(1, 0x40, 0x82, [0, 2, 2, 0, 9])); // case '' → the requested one
    b.keypad.sendRaw(frame(1, 0x41, 0x82, [...text('C-3'), 9, 2, 0])); // level 9, counter cut short
    await b.until(() => b.ratings.length === 1 && answers.some((a) => a[3] === 0x15));
    expect(b.ratings[0]).toMatchObject({ caseId: 'C-3', level: 'satisfied', pressCounter: 9 });
    expect(answers.find((a) => a[3] === 0x15)!.slice(0, 8)).toEqual([0xa5, 0x01, 0x41, 0x15, 0x00, 0x02, 0x82, 0x04]);
  });

  it('after a replug the keypad is shown the clerk card and the current screen again', async () => {
    const b = await bench();
    b.driver.showClerk({ window: '08', name: '李娜', staffNumber: '0123' });
    b.driver.showPaused('业务培训', null);
    await b.until(() => b.keypad.screen.kind === 'paused' && b.keypad.clerk !== null);
    b.host.unplug();
    await b.until(() => b.driver.state === 'disconnected');
    b.keypad.powerUp();
    expect(b.keypad.screen.kind).toBe('welcome');
    b.host.replug();
    await b.device.open();
    await b.until(() => b.keypad.screen.kind === 'paused' && b.keypad.clerk?.name === '李娜');
    expect(b.keypad.screen).toEqual({ kind: 'paused', reason: '业务培训', returnAt: null });
  });
});
