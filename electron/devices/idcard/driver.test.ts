/**
 * The driver's state machine against the simulator over an in-memory link
 * (fast, no pty). The same driver over real ptys and the serial transport
 * is in test/integration/idcard-driver.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../../shared/contract';
import type { DeviceEvent } from '../driver';
import { SamReaderDriver, type SamReaderOptions } from './driver';
import { SAMPLE_CARDS, SAMPLE_HMT_CARD, SAMPLE_RESIDENT_CARD } from './sample-cards';
import { simCardOf } from './simulator/card-image';
import { SamSimulator, type SimulatorScript } from './simulator/sam-simulator';
import { createLoopbackPair } from './transports/loopback';
import { responseFrame } from './simulator/wire';
import { until as waitUntil } from '../../../test/support/until';

const running: SamReaderDriver[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
});

function harness(script: Partial<SimulatorScript> = {}, options: Partial<SamReaderOptions> = {}) {
  const [host, device] = createLoopbackPair('test');
  const sim = new SamSimulator((bytes) => void device.write(bytes).catch(() => {}), { baudRate: 0, script });
  device.onData((bytes) => sim.receive(bytes));
  const plugIn = async () => {
    host.replug();
    await device.open();
    sim.powerUp();
  };
  const statuses: Array<{ state: DeviceState; reason: string }> = [];
  const notices: Array<{ level: string; message: string }> = [];
  const events: DeviceEvent[] = [];
  const logs: string[] = [];
  const driver = new SamReaderDriver({
    openTransport: () => host,
    pollIntervalMs: 15,
    timeouts: { sam: 100, find: 100, select: 100, read: 200 },
    retry: { attempts: 3, baseDelayMs: 5 },
    reconnectDelaysMs: [10, 20, 40],
    log: (line) => logs.push(line),
    ...options,
  });
  running.push(driver);
  const start = async () => {
    await plugIn();
    await driver.start({
      setStatus: (state, reason = '') => statuses.push({ state, reason }),
      notice: (level, message) => notices.push({ level, message }),
      report: (event) => events.push(event),
    });
  };
  const until = (what: () => boolean, ms = 3000) => waitUntil(what, { timeoutMs: ms });
  const cards = () => events.filter((e): e is Extract<DeviceEvent, { type: 'card' }> => e.type === 'card');
  const last = () => statuses[statuses.length - 1];
  return { driver, sim, host, device, plugIn, start, until, statuses, notices, events, logs, cards, last };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small seeded generator: the same noise on every run. */
function seeded(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/**
 * Line noise that holds well-formed frames: random bytes with, every few
 * milliseconds, a frame with a valid CHK a SAM could send — no card, card
 * found, a bare 90, a 16-byte "SAM id", an odd status, an unknown one — sent
 * whatever the host asked, like a line picking up another device's traffic.
 */
function lineNoise(write: (bytes: Uint8Array) => void, seed = 7) {
  const random = seeded(seed);
  const bytes = (n: number) => Array.from({ length: n }, () => (random() * 256) | 0);
  const frames = [
    () => responseFrame(0x80),
    () => responseFrame(0x9f, [0, 0, 0, 0]),
    () => responseFrame(0x90),
    () => responseFrame(0x90, bytes(16)),
    () => responseFrame(0x90, bytes(8)),
    () => responseFrame(0x24),
    () => responseFrame(0x5a, bytes(3)),
  ];
  const timer = setInterval(() => {
    write(Uint8Array.from([...bytes((random() * 12) | 0), ...frames[(random() * frames.length) | 0]!(), ...bytes((random() * 12) | 0)]));
  }, 4);
  return () => clearInterval(timer);
}

const stopNoise: Array<() => void> = [];
afterEach(() => {
  for (const stop of stopNoise.splice(0)) stop();
});

describe('ID card driver (in-memory link)', () => {
  it('checks the SAM, then reports 已连接 with its id', async () => {
    const h = harness();
    await h.start();
    await h.until(() => h.last()?.state === 'connected');
    expect(h.driver.samInfo?.samId).toBe('05000100443322110D0C0B0A04030201');
    expect(h.sim.received.slice(0, 2)).toEqual(['11 FF', '12 FF']);
    expect(h.driver.state).toBe('polling');
  });

  it.each(Object.keys(SAMPLE_CARDS) as Array<keyof typeof SAMPLE_CARDS>)('reads a %s card with its photo bytes', async (type) => {
    const h = harness();
    await h.start();
    h.sim.placeCard(simCardOf(SAMPLE_CARDS[type]));
    await h.until(() => h.cards().length === 1);
    const event = h.cards()[0]!;
    expect(event.card).toEqual(SAMPLE_CARDS[type]);
    expect(event.photoWlt).toHaveLength(1024);
    expect(event.photoBmp).toBeUndefined();
  });

  it('reads a card once per placement, reports its removal, and reads it again when placed again', async () => {
    const h = harness();
    await h.start();
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.cards().length === 1);
    await settle(150); // ~10 polls with the card still on the reader
    expect(h.cards()).toHaveLength(1);
    h.sim.removeCard();
    await h.until(() => h.events.some((e) => e.type === 'card-removed'));
    h.sim.placeCard(simCardOf(SAMPLE_HMT_CARD));
    await h.until(() => h.cards().length === 2);
    expect(h.cards()[1]!.card.cardType).toBe('hmt');
  });

  it('with a reader that keeps finding a read card, still reads it once; a re-read on purpose reads it again', async () => {
    const h = harness({ afterRead: 'stay' });
    await h.start();
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.cards().length === 1);
    const finds = h.sim.received.filter((c) => c === '20 01').length;
    await settle(150);
    expect(h.sim.received.filter((c) => c === '20 01').length).toBeGreaterThan(finds + 3);
    expect(h.cards()).toHaveLength(1);
    h.driver.reread();
    await h.until(() => h.cards().length === 2);
  });

  it('a re-read of a halted card that no longer answers tells the clerk to place it again', async () => {
    const h = harness();
    await h.start();
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.cards().length === 1);
    h.driver.reread();
    await h.until(() => h.notices.length === 1);
    expect(h.notices[0]!.message).toContain('请将证件移开后重新放置');
    expect(h.cards()).toHaveLength(1);
  });

  it('retries a read that failed once (41) on the same placement without bothering the clerk', async () => {
    const h = harness({ readFailures: 1 });
    await h.start();
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.cards().length === 1);
    expect(h.notices).toEqual([]);
    expect(h.sim.received.filter((c) => c === '30 01')).toHaveLength(2);
  });

  it('after repeated read failures (41) tells the clerk in Chinese and waits for the card to be placed again', async () => {
    const h = harness({ readFailures: 2 });
    await h.start();
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.notices.length === 1);
    expect(h.notices[0]).toEqual({ level: 'error', message: '读卡失败：读卡失败，请重新放置证件。请将证件移开后重新放置' });
    await settle(100);
    expect(h.cards()).toHaveLength(0);
    expect(h.sim.received.filter((c) => c === '30 01')).toHaveLength(2);
    h.sim.removeCard();
    await settle(50);
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.cards().length === 1);
  });

  it('shows a SAM that failed its self-test (60) as 故障 and keeps checking it', async () => {
    const h = harness({ samStatus: 0x60 });
    await h.start();
    await h.until(() => h.last()?.state === 'fault');
    expect(h.last()!.reason).toBe('安全模块异常：安全模块自检失败，阅读器无法工作，请重新插拔阅读器或联系信息化技术人员');
    expect(h.sim.received).toContain('10 FF'); // it tried a reset
    h.sim.setScript({ samStatus: 0x90 });
    await h.until(() => h.last()?.state === 'connected');
  });

  it('recovers from a damaged response (bad CHK) and a lost one by retrying', async () => {
    const h = harness();
    await h.start();
    await h.until(() => h.last()?.state === 'connected');
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    h.sim.setScript({ corruptResponses: 1 });
    await h.until(() => h.cards().length === 1);
    h.sim.removeCard();
    await h.until(() => h.events.some((e) => e.type === 'card-removed'));
    h.sim.setScript({ dropCommands: 1 });
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.cards().length === 2);
    expect(h.statuses.filter((s) => s.state !== 'connected' && s.state !== 'disconnected')).toEqual([]);
  });

  it('a reader that stops answering becomes 已断开 (无响应) and is picked up again when it answers', async () => {
    const h = harness();
    await h.start();
    await h.until(() => h.last()?.state === 'connected');
    h.sim.setScript({ dropCommands: 1_000_000 });
    await h.until(() => h.last()?.state === 'disconnected');
    expect(h.last()!.reason).toContain('阅读器无响应');
    h.sim.setScript({ dropCommands: 0 });
    await h.until(() => h.last()?.state === 'connected');
  });

  it('unplugged: 已断开 at once, never throws; plugged back: reconnects by itself', async () => {
    const h = harness();
    await h.start();
    await h.until(() => h.last()?.state === 'connected');
    const t0 = performance.now();
    h.host.unplug();
    await h.until(() => h.last()?.state === 'disconnected');
    expect(performance.now() - t0).toBeLessThan(100);
    expect(h.last()!.reason).toContain('已断开');
    await settle(100);
    const t1 = performance.now();
    await h.plugIn();
    await h.until(() => h.last()?.state === 'connected');
    expect(performance.now() - t1).toBeLessThan(500);
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.cards().length === 1);
  });

  it('a line of noise holding well-formed frames, with no SAM answering, is 故障 within a few polls and never 已连接 while it lasts', async () => {
    const h = harness();
    await h.start();
    await h.until(() => h.last()?.state === 'connected');
    // The reader falls silent and the line carries noise with frames in it.
    h.sim.setScript({ dropCommands: Number.MAX_SAFE_INTEGER });
    stopNoise.push(lineNoise((bytes) => void h.device.write(bytes).catch(() => {})));
    const noiseFrom = h.statuses.length;
    await h.until(() => h.last()?.state === 'fault');
    expect(h.last()!.reason).toContain('阅读器应答不符合协议');
    expect(h.last()!.reason).toContain('未经请求的应答');
    expect(h.driver.sessionLive).toBe(false);
    // It keeps trying the line (each attempt a SAM check), and none of them makes it 已连接.
    let checks = 0;
    const off = h.driver.onState((state) => void (state === 'samCheck' && checks++));
    await h.until(() => checks >= 4);
    off();
    expect(h.statuses.slice(noiseFrom).map((s) => s.state)).not.toContain('connected');
    expect(h.cards()).toEqual([]);
  });

  it('noise with well-formed frames from the start: never 已连接, 故障 with the reason', async () => {
    const h = harness({ dropCommands: Number.MAX_SAFE_INTEGER });
    stopNoise.push(lineNoise((bytes) => void h.device.write(bytes).catch(() => {}), 11));
    await h.start();
    await h.until(() => h.last()?.state === 'fault');
    let checks = 0;
    const off = h.driver.onState((state) => void (state === 'samCheck' && checks++));
    await h.until(() => checks >= 4);
    off();
    expect(h.statuses.map((s) => s.state)).not.toContain('connected');
    expect(h.last()!.reason).toContain('阅读器应答不符合协议');
  });

  it('a reader that passes the SAM check but answers find with a status no SAM gives is 故障, and stays so', async () => {
    // A device that knows the SAM check by heart and answers everything else with status 5A (not in the protocol).
    const [host, device] = createLoopbackPair('odd');
    await device.open();
    const samId = Array.from({ length: 16 }, (_, i) => i + 1);
    device.onData((bytes) => {
      const command = `${bytes[7]!.toString(16)} ${bytes[8]!.toString(16)}`;
      const answer = command === '11 ff' ? responseFrame(0x90) : command === '12 ff' ? responseFrame(0x90, samId) : responseFrame(0x5a);
      void device.write(answer).catch(() => {});
    });
    const statuses: Array<{ state: DeviceState; reason: string }> = [];
    const driver = new SamReaderDriver({
      openTransport: () => host,
      pollIntervalMs: 15,
      timeouts: { sam: 100, find: 100, select: 100, read: 200 },
      reconnectDelaysMs: [10, 20, 40],
    });
    running.push(driver);
    await driver.start({ setStatus: (state, reason = '') => statuses.push({ state, reason }), notice: () => {}, report: () => {} });
    await waitUntil(() => statuses.at(-1)?.state === 'fault');
    expect(statuses.at(-1)!.reason).toContain('与命令不符的应答');
    const faultAt = statuses.length;
    let checks = 0;
    const off = driver.onState((state) => void (state === 'samCheck' && checks++));
    await waitUntil(() => checks >= 4);
    off();
    expect(statuses.slice(faultAt).map((s) => s.state)).not.toContain('connected');
  });

  it('asks for the SAM id again while polling: a different id is 故障', async () => {
    const h = harness({}, { samRecheckMs: 50 });
    await h.start();
    await h.until(() => h.last()?.state === 'connected');
    const asked = h.sim.received.filter((c) => c === '12 FF').length;
    await h.until(() => h.sim.received.filter((c) => c === '12 FF').length >= asked + 2);
    expect(h.last()?.state).toBe('connected');
    h.sim.setScript({ samId: Uint8Array.from({ length: 16 }, () => 0x77) });
    await h.until(() => h.last()?.state === 'fault');
    expect(h.last()!.reason).toContain('安全模块编号与连接时不一致');
  });

  it('decodes the photo with a configured decoder, and reads the card anyway when decoding fails', async () => {
    const bmp = Uint8Array.of(0x42, 0x4d, 1, 2, 3);
    const seen: Uint8Array[] = [];
    const h = harness({}, { photoDecoder: { decode: (wlt) => (seen.push(wlt), bmp) } });
    await h.start();
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.cards().length === 1);
    expect(h.cards()[0]!.photoBmp).toEqual(bmp);
    expect(seen[0]).toEqual(h.cards()[0]!.photoWlt);

    const failing = harness({}, { photoDecoder: async () => ({ decode: () => { throw new Error('照片解码失败：返回值 0'); } }) });
    await failing.start();
    failing.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await failing.until(() => failing.cards().length === 1);
    expect(failing.cards()[0]!.photoBmp).toBeUndefined();
    expect(failing.notices).toEqual([{ level: 'warning', message: '照片解码失败：返回值 0' }]);
  });

  it('tells IT when the configured decoder library cannot be loaded, and reads cards without photos', async () => {
    const h = harness({}, { photoDecoder: async () => Promise.reject(new Error('无法加载照片解码库 /x.so：not found')) });
    await h.start();
    expect(h.notices).toEqual([{ level: 'warning', message: '无法加载照片解码库 /x.so：not found' }]);
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.until(() => h.cards().length === 1);
  });

  it('reports an undecodable card in words naming fields, never values', async () => {
    const h = harness();
    await h.start();
    const card = simCardOf({ ...SAMPLE_RESIDENT_CARD, birthDate: '1990-3-7' });
    h.sim.placeCard(card);
    await h.until(() => h.notices.length === 1);
    expect(h.notices[0]!.message).toContain('证件内容无法识别：birthDate');
    expect(h.notices[0]!.message).not.toContain('1990');
  });

  it('never writes personal data to its log', async () => {
    const h = harness({ readFailures: 1 });
    await h.start();
    for (const card of Object.values(SAMPLE_CARDS)) {
      h.sim.placeCard(simCardOf(card));
      await h.until(() => h.cards().some((e) => e.card.idNumber === card.idNumber));
      h.sim.removeCard();
      await settle(40);
    }
    const log = h.logs.join('\n');
    expect(log).toContain('已读取证件：resident');
    for (const card of Object.values(SAMPLE_CARDS)) {
      expect(log).not.toContain(card.idNumber);
      expect(log).not.toContain(card.name);
    }
  });

  it('stops cleanly in any state and can be stopped twice', async () => {
    const h = harness();
    await h.start();
    h.sim.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await h.driver.stop();
    await h.driver.stop();
    expect(h.driver.state).toBe('closed');
    const count = h.sim.received.length;
    await settle(60);
    expect(h.sim.received.length).toBe(count);
  });
});
