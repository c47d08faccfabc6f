/**
 * The real driver over the real serial transport against the simulator on
 * a socat pty pair, paced at 115200 baud: every card type, no card, read
 * and SAM errors, stray bytes, split writes, damaged frames, unplug/replug.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_CARDS, SAMPLE_RESIDENT_CARD, SAMPLE_RESIDENT_LONG_TERM } from '../../electron/devices/idcard/sample-cards';
import { simCardOf } from '../../electron/devices/idcard/simulator/card-image';
import { wireTimeMs } from '../../electron/devices/idcard/simulator/paced-writer';
import { startRig, type Rig } from './idcard-pty';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const connected = (r: Rig) => r.until(() => r.last()?.state === 'connected');

describe('ID card driver over a pty', () => {
  it('reads every card type, each once, with a read that takes at least its wire time', async () => {
    rig = await startRig();
    await connected(rig);
    const cards = [...Object.values(SAMPLE_CARDS), SAMPLE_RESIDENT_LONG_TERM];
    for (const [i, card] of cards.entries()) {
      const placedAt = performance.now();
      rig.pty.simulator.placeCard(simCardOf(card));
      await rig.until(() => rig!.cards().length === i + 1);
      const event = rig.cards()[i]!;
      expect(event.card).toEqual(card);
      expect(event.photoWlt).toEqual(simCardOf(card).photo);
      // find + select + read responses alone are 15 + 19 + 1295 bytes on the wire.
      expect(event.at - placedAt).toBeGreaterThan(wireTimeMs(15 + 19 + 1295, 115200) * 0.95);
      rig.pty.simulator.removeCard();
      await rig.until(() => rig!.events.filter((e) => e.type === 'card-removed').length === i + 1);
    }
    expect(rig.cards()).toHaveLength(cards.length);
  });

  it('with no card: 已连接, keeps polling, reports nothing', async () => {
    rig = await startRig();
    await connected(rig);
    const before = rig.pty.simulator.received.filter((c) => c === '20 01').length;
    await settle(800);
    expect(rig.pty.simulator.received.filter((c) => c === '20 01').length).toBeGreaterThanOrEqual(before + 5);
    expect(rig.events).toEqual([]);
    expect(rig.notices).toEqual([]);
    expect(rig.last()?.state).toBe('connected');
  });

  it('read failures (41): tells the clerk to place the card again, then reads the next placement', async () => {
    rig = await startRig({ script: { readFailures: 2 } });
    await connected(rig);
    rig.pty.simulator.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await rig.until(() => rig!.notices.length === 1);
    expect(rig.notices[0]!.message).toBe('读卡失败：读卡失败，请重新放置证件。请将证件移开后重新放置');
    expect(rig.cards()).toEqual([]);
    rig.pty.simulator.removeCard();
    await settle(250);
    rig.pty.simulator.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await rig.until(() => rig!.cards().length === 1);
  });

  it('a SAM error (60) shows 故障 with the reason; a SAM that recovers is used again', async () => {
    rig = await startRig({ script: { samStatus: 0x60 } }, { reconnectDelaysMs: [100] });
    await rig.until(() => rig!.last()?.state === 'fault');
    expect(rig.last()!.reason).toContain('安全模块自检失败');
    rig.pty.simulator.setScript({ samStatus: 0x90 });
    await connected(rig);
  });

  it('stray bytes before every answer and answers written in tiny pieces do not stop any card type', async () => {
    rig = await startRig({ splitWrites: true, script: { noiseBeforeResponses: 9 } });
    await connected(rig);
    for (const [i, card] of Object.values(SAMPLE_CARDS).entries()) {
      rig.pty.simulator.placeCard(simCardOf(card));
      await rig.until(() => rig!.cards().length === i + 1, 10_000);
      expect(rig.cards()[i]!.card).toEqual(card);
      rig.pty.simulator.removeCard();
      await rig.until(() => rig!.events.filter((e) => e.type === 'card-removed').length === i + 1);
    }
    expect(rig.notices).toEqual([]);
  });

  it('a damaged answer (bad CHK) or a lost one is retried without the clerk noticing', async () => {
    rig = await startRig();
    await connected(rig);
    rig.pty.simulator.setScript({ corruptResponses: 2 });
    rig.pty.simulator.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await rig.until(() => rig!.cards().length === 1);
    rig.pty.simulator.removeCard();
    await rig.until(() => rig!.events.some((e) => e.type === 'card-removed'));
    rig.pty.simulator.setScript({ dropCommands: 1 });
    rig.pty.simulator.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await rig.until(() => rig!.cards().length === 2);
    expect(rig.notices).toEqual([]);
    expect(rig.statuses.filter((s) => s.state !== 'connected' && !s.reason.includes('正在连接'))).toEqual([]);
  });

  it('unplugged: 已断开 within 1 s; plugged back: reconnects by itself within 2 s and reads again', async () => {
    rig = await startRig();
    await connected(rig);
    for (let round = 0; round < 2; round++) {
      const unpluggedAt = performance.now();
      await rig.pty.unplug();
      await rig.until(() => rig!.last()?.state === 'disconnected', 1000);
      expect(rig.last()!.at - unpluggedAt).toBeLessThan(1000);
      await settle(1500 + round * 1500); // the driver keeps trying in the background
      expect(rig.last()?.state).toBe('disconnected');
      const repluggedAt = performance.now();
      await rig.pty.replug();
      await rig.until(() => rig!.last()?.state === 'connected', 2000);
      expect(rig.last()!.at - repluggedAt).toBeLessThan(2000);
    }
    rig.pty.simulator.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await rig.until(() => rig!.cards().length === 1);
  });

  it('a card pulled away between find and select is neither reported nor complained about; the next placement is read', async () => {
    rig = await startRig();
    await connected(rig);
    rig.pty.simulator.setScript({ removeAfterFind: 1 });
    rig.pty.simulator.placeCard(simCardOf(SAMPLE_RESIDENT_CARD));
    await rig.until(() => rig!.pty.simulator.received.includes('20 02'));
    await settle(400);
    expect(rig.pty.simulator.received).not.toContain('30 01');
    expect(rig.cards()).toEqual([]);
    expect(rig.notices).toEqual([]);
    rig.pty.simulator.placeCard(simCardOf(SAMPLE_CARDS.hmt));
    await rig.until(() => rig!.cards().length === 1);
    expect(rig.cards()[0]!.card.cardType).toBe('hmt');
  });
});
