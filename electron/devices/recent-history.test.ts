import { afterEach, describe, expect, it } from 'vitest';
import { encodeCommand } from './evaluator/codec/messages';
import { DEFAULT_ADDRESS, encodeFrame } from './evaluator/codec/frames';
import { KeypadSimulator } from './evaluator/simulator/keypad-simulator';
import { SamSimulator } from './idcard/simulator/sam-simulator';
import { RECENT_HISTORY_LIMIT, remember } from './recent-history';

const bytes = (h: string) => Uint8Array.from(h.split(' '), (x) => parseInt(x, 16));

let stop: (() => void)[] = [];
afterEach(() => {
  for (const s of stop) s();
  stop = [];
});

describe('remember', () => {
  it('keeps the most recent entries in order, never more than the limit', () => {
    const history: number[] = [];
    for (let i = 1; i <= 25; i++) remember(history, i, 10);
    expect(history).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
  });
});

// Issue 14: the simulated devices run inside the counter for weeks. Their
// record of the traffic grew with every poll and heartbeat, idle or not.
describe('a simulated device that runs for long holds a bounded record of its traffic', () => {
  it('the ID reader simulator, polled for a card far more often than the limit', () => {
    const sim = new SamSimulator(() => {}, { baudRate: 115200 });
    stop.push(() => sim.powerDown());
    // 寻找证/卡 (20 01) from the spec, then one 读卡 (30 01) last.
    const find = bytes('AA AA AA 96 69 00 03 20 01 22');
    for (let i = 0; i < RECENT_HISTORY_LIMIT + 500; i++) sim.receive(find);
    sim.receive(bytes('AA AA AA 96 69 00 03 30 01 32'));
    expect(sim.received).toHaveLength(RECENT_HISTORY_LIMIT);
    expect(sim.received.at(-1)).toBe('30 01');
    expect(sim.received.at(-2)).toBe('20 01');
  });

  it('the keypad simulator, heartbeaten and shown screens far more often than the limit', () => {
    const keypad = new KeypadSimulator(() => {}, { baudRate: 9600 });
    stop.push(() => keypad.powerDown());
    // The heartbeat of the protocol document, byte for byte (SEQ 00).
    const heartbeat = bytes('A5 01 00 01 00 00 48 00 5A');
    for (let i = 0; i < RECENT_HISTORY_LIMIT + 500; i++) keypad.receive(heartbeat);
    expect(keypad.received).toHaveLength(RECENT_HISTORY_LIMIT);

    // Each case shows a rating screen and then a thanks screen: well over the limit of them.
    const command = (seq: number, text: string) => {
      const { cmd, payload } = encodeCommand({ type: 'welcome', text });
      return encodeFrame({ address: DEFAULT_ADDRESS, seq, cmd, payload });
    };
    for (let i = 0; i < RECENT_HISTORY_LIMIT + 300; i++) keypad.receive(command(i & 0xff, `欢迎 ${i}`));
    expect(keypad.screens).toHaveLength(RECENT_HISTORY_LIMIT);
    expect(keypad.screens.at(-1)).toEqual({ kind: 'welcome', text: `欢迎 ${RECENT_HISTORY_LIMIT + 299}` });
    expect(keypad.received).toHaveLength(RECENT_HISTORY_LIMIT);
    expect(keypad.received.at(-1)).toMatchObject({ cmd: 0x10, seq: (RECENT_HISTORY_LIMIT + 299) & 0xff });
  });
});
