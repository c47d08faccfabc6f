/**
 * The real evaluator driver over the real serial transport against the
 * keypad simulator (written from docs/evaluator-serial-protocol.md) on a
 * socat pty pair paced at 9600 baud: ratings, key bounce and repeated
 * frames, line garbage and damaged frames, a hung keypad, unplug/replug, a
 * four-key keypad, an address on a bus, and the evaluation service storing
 * each rating before the keypad hears back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getEvaluation } from '../../electron/services/evaluation/rows';
import { caseAtSlip, rig as serviceRig } from '../../electron/services/evaluation/test-kit';
import { startEvaluatorRig, type EvaluatorRig } from './evaluator-pty';

let rig: EvaluatorRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const connected = (r: EvaluatorRig) => r.until(() => r.last()?.state === 'connected');
const CASE = '08-20261123-0007';

async function asking(r: EvaluatorRig, caseId = CASE) {
  r.driver.requestRating(caseId, '食品经营许可');
  await r.until(() => r.pty.keypad.requestedCase === caseId);
}

describe('evaluator driver over a pty', () => {
  it('connects, shows the clerk card and the welcome screen, asks for a rating and reports the key with the case', async () => {
    rig = await startEvaluatorRig();
    rig.driver.showClerk({ window: '08', name: '李娜', staffNumber: '0123' });
    await connected(rig);
    expect(rig.last()!.reason).toMatch(/^评价器就绪（.*，5 键）$/);
    await rig.until(() => rig!.pty.keypad.clerk !== null);
    expect(rig.pty.keypad.clerk).toEqual({ window: '08', name: '李娜', staffNumber: '0123' });
    await asking(rig);
    expect(rig.pty.keypad.screen).toEqual({ kind: 'rating', caseId: CASE, itemName: '食品经营许可' });
    rig.pty.keypad.pressLevel('satisfied');
    await rig.until(() => rig!.ratings.length === 1);
    expect(rig.ratings[0]).toMatchObject({ type: 'rating', caseId: CASE, level: 'satisfied', keyCode: 2, pressCounter: 1 });
    await rig.until(() => rig!.pty.keypad.acked.size === 1);
    rig.driver.showThanks(CASE);
    await rig.until(() => rig!.pty.keypad.screen.kind === 'thanks');
    await settle(500); // acknowledged: the keypad does not send it again
    expect(rig.pty.keypad.keyFramesSent).toBe(1);
    expect(rig.ratings).toHaveLength(1);
  });

  it('drops repeated frames of one press; passes bounce on, which the service then stores once for the case', async () => {
    const service = serviceRig();
    const caseId = caseAtSlip(service.cases);
    service.evaluation.requestCurrent();
    rig = await startEvaluatorRig({ script: { bounce: 2, repeatFrames: 3 } }, {}, (event) => service.evaluation.keyPressed(event));
    await connected(rig);
    await asking(rig, caseId);
    rig.pty.keypad.pressLevel('verySatisfied');
    await rig.until(() => rig!.pty.keypad.acked.size === 3 && rig!.pty.keypad.unacknowledged === 0);
    await settle(300);
    // 3 presses (1 + 2 bounces), each sent 4 times at once: 12 frames (more when a repeat timer fires while the
    // 9600-baud line is still busy with them); 3 presses reported, 1 rating stored.
    expect(rig.pty.keypad.keyFramesSent).toBeGreaterThanOrEqual(12);
    expect(rig.ratings.map((r) => r.pressCounter)).toEqual([1, 2, 3]);
    expect(getEvaluation(service.db, caseId)).toMatchObject({ status: 'rated', level: 'verySatisfied', key_code: 1 });
    expect(service.display.named('showThanks')).toHaveLength(1);
  });

  it('a rating that could not be stored is not acknowledged; the keypad sends it again and the repeat is stored', async () => {
    let failures = 1;
    rig = await startEvaluatorRig({}, {}, () => {
      if (failures-- > 0) throw new Error('disk full');
    });
    await connected(rig);
    await asking(rig);
    rig.pty.keypad.pressLevel('dissatisfied');
    await rig.until(() => rig!.ratings.length === 1, 2000);
    expect(rig.pty.keypad.keyFramesSent).toBeGreaterThanOrEqual(2); // the first send went unacknowledged
    expect(rig.ratings[0]).toMatchObject({ level: 'dissatisfied', pressCounter: 1 });
    await rig.until(() => rig!.pty.keypad.acked.size === 1);
  });

  it('line garbage, noise before every frame, damaged frames and writes in tiny pieces stop nothing', async () => {
    rig = await startEvaluatorRig({ splitWrites: true, script: { noiseBeforeFrames: 7 } });
    await connected(rig);
    await asking(rig);
    rig.pty.keypad.sendRaw([0xa5, 0x01, 0x99, 0x82, 0x02, 0x00, 0x13, 0x5a, 0x00, 0xff]); // a damaged header announcing 512 bytes
    rig.pty.keypad.setScript({ corruptFrames: 1 }); // the first key event goes out with a bad CRC and is repeated
    rig.pty.keypad.pressLevel('basicallySatisfied');
    await rig.until(() => rig!.ratings.length === 1, 3000);
    expect(rig.ratings[0]).toMatchObject({ caseId: CASE, level: 'basicallySatisfied' });
    for (const level of ['verySatisfied', 'veryDissatisfied'] as const) rig.pty.keypad.pressLevel(level);
    await rig.until(() => rig!.ratings.length === 3, 3000);
    expect(rig.statuses.filter((s) => s.state !== 'connected' && !s.reason.includes('正在连接'))).toEqual([]);
    expect(rig.notices).toEqual([]);
  });

  it('unplugged: 已断开 within 1 s; plugged back: reconnects by itself and shows the card and the request again', async () => {
    rig = await startEvaluatorRig();
    rig.driver.showClerk({ window: '08', name: '李娜', staffNumber: '0123' });
    await connected(rig);
    await asking(rig);
    for (let round = 0; round < 2; round++) {
      const unpluggedAt = performance.now();
      await rig.pty.unplug();
      await rig.until(() => rig!.last()?.state === 'disconnected', 1000);
      expect(rig.last()!.at - unpluggedAt).toBeLessThan(1000);
      expect(rig.last()!.reason).toMatch(/评价器已断开/);
      await settle(800);
      expect(rig.last()?.state).toBe('disconnected');
      const repluggedAt = performance.now();
      await rig.pty.replug();
      expect(rig.pty.keypad.clerk).toBeNull(); // a keypad powered up afresh
      await rig.until(() => rig!.last()?.state === 'connected', 2000);
      expect(rig.last()!.at - repluggedAt).toBeLessThan(2000);
      await rig.until(() => rig!.pty.keypad.requestedCase === CASE && rig!.pty.keypad.clerk !== null, 1000);
    }
    rig.pty.keypad.pressLevel('satisfied');
    await rig.until(() => rig!.ratings.length === 1);
  });

  it('a keypad that stops answering (the adapter stays plugged in) is 已断开 within 1 s and found again when it answers', async () => {
    rig = await startEvaluatorRig();
    await connected(rig);
    await settle(300);
    const hungAt = performance.now();
    rig.pty.keypad.setScript({ silent: true });
    await rig.until(() => rig!.last()?.state === 'disconnected', 1500);
    expect(rig.last()!.at - hungAt).toBeLessThan(1000);
    expect(rig.last()!.reason).toMatch(/^评价器无响应/);
    rig.pty.keypad.setScript({ silent: false });
    await rig.until(() => rig!.last()?.state === 'connected', 3000);
  });

  it('a four-key keypad (非常满意 / 满意 / 一般 / 不满意) that sends key codes only is mapped onto the five levels', async () => {
    rig = await startEvaluatorRig({ script: { keyCount: 4, reportsLevel: false, model: 'OLD-4' } });
    await connected(rig);
    expect(rig.last()!.reason).toMatch(/4 键/);
    expect(rig.driver.keyCount).toBe(4);
    await asking(rig);
    rig.pty.keypad.pressKey(3); // 一般
    rig.pty.keypad.pressKey(4); // 不满意
    await rig.until(() => rig!.ratings.length === 2);
    expect(rig.ratings.map((r) => r.level)).toEqual(['basicallySatisfied', 'dissatisfied']);
    expect(() => rig!.pty.keypad.pressLevel('veryDissatisfied')).toThrow(/no 非常不满意/);
  });

  it('talks only to its own address on a bus, and says so when nothing answers at its address', async () => {
    rig = await startEvaluatorRig({ script: { address: 7 } }, { address: 7 });
    await connected(rig);
    await asking(rig);
    rig.pty.keypad.pressLevel('verySatisfied');
    await rig.until(() => rig!.ratings.length === 1);
    await rig.close();
    rig = await startEvaluatorRig({ script: { address: 7 } }, { address: 1 });
    await rig.until(() => rig!.statuses.some((s) => s.reason.startsWith('评价器无响应')), 3000);
    expect(rig.statuses.some((s) => s.state === 'connected')).toBe(false);
  });

  it('shows 暂停服务 with the reason and return time, and a keypad press then carries no case', async () => {
    rig = await startEvaluatorRig();
    await connected(rig);
    await asking(rig);
    rig.driver.showPaused('午间休息', '13:30');
    await rig.until(() => rig!.pty.keypad.screen.kind === 'paused');
    expect(rig.pty.keypad.screen).toEqual({ kind: 'paused', reason: '午间休息', returnAt: '13:30' });
    rig.pty.keypad.pressLevel('satisfied');
    await rig.until(() => rig!.pty.keypad.acked.size === 1);
    expect(rig.ratings).toEqual([]);
  });
});
