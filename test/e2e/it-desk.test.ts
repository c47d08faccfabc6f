/**
 * 设备与诊断 in Chromium through the web shell (issue 12's proof): the IT
 * screen unlocks with an IT PIN, lists the simulated devices and a pty that
 * looks like a CH340, tests the ID reader (it reads the sample card, shown
 * masked, and no case opens), refuses wrong values field by field in
 * Chinese, changes the evaluator's port to that pty and saves: the evaluator
 * restarts on it (已连接 to the keypad simulator behind the pty) while the
 * ID reader keeps its state — no status change recorded for it, and it
 * reads again at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyKeypad } from '../../electron/devices/evaluator/simulator/pty-keypad';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import { strings } from '../../shared/i18n';
import { IT, itConfig, listingWithCh340 } from '../integration/it-fixture';
import { byId } from './case-steps';
import { screenshot } from './chromium';
import { useCounterInChromium } from './counter-fixture';

const counter = useCounterInChromium();

const t = strings.itDesk;
let keypad: PtyKeypad | undefined;
afterEach(async () => {
  await keypad?.close();
  keypad = undefined;
});

/** Status changes recorded for a device kind (every change of state is a row). */
function statusRows(dataDir: string, kind: string): number {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM device_events WHERE kind = ?').get(kind) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('设备与诊断 in Chromium', () => {
  it('unlock, devices and a CH340 pty, ID reader test, wrong values refused, the evaluator moved to the pty alone', { timeout: 90_000 }, async () => {
    // The keypad simulator on the device end of a pty pair; the services see its host end as a CH340.
    keypad = new PtyKeypad({ baudRate: 9600 });
    await keypad.start();
    const port = keypad.hostPath;
    const { running, page, problems } = await counter.openClerkScreen({
      shell: { config: { it: await itConfig() }, services: { deviceListing: listingWithCh340(port) } },
      context: { viewport: { width: 1440, height: 900 } },
    });
    const configFile = join(running.dataDir, 'config.json');

    // A clerk opens it: 状态 only.
    await byId(page, 'open-it-desk').click();
    await byId(page, 'it-read-only').waitFor();
    await expect.poll(() => byId(page, 'it-device-state-idcard').innerText()).toBe(t.states.simulated);
    expect(await byId(page, 'it-field-evaluator-port').count()).toBe(0);

    // IT unlocks: a wrong PIN first.
    await byId(page, 'it-open-unlock').click();
    await byId(page, 'it-staff-no').fill(IT.staffNo);
    await byId(page, 'it-pin').fill('11112222');
    await byId(page, 'it-unlock-submit').click();
    await expect.poll(() => byId(page, 'it-unlock-problem').innerText()).toBe(t.gate.wrong(4));
    await byId(page, 'it-pin').fill(IT.pin);
    await byId(page, 'it-unlock-submit').click();
    await expect.poll(() => byId(page, 'it-who').innerText(), { timeout: 10_000 }).toContain(t.signedInAs(IT.name, IT.staffNo));

    // Every device with its state and settings; the pty listed with its USB id and what it probably is.
    for (const kind of ['idcard', 'camera', 'signature', 'evaluator', 'printer']) await byId(page, `it-device-${kind}`).waitFor();
    await expect.poll(() => byId(page, 'it-device-state-evaluator').innerText()).toBe(t.states.simulated);
    const ch340 = page.locator(`[data-testid="it-candidate"][data-path="${port}"]`);
    await expect.poll(() => ch340.innerText()).toContain('1A86:7523');
    expect(await ch340.innerText()).toContain(strings.itCommands.overview.guesses.ch340);
    expect(await byId(page, 'it-field-camera-jpegQuality').inputValue()).toBe('0.85');
    // The camera is chosen by label or id: no port, no baud rate.
    expect(await byId(page, 'it-field-camera-port').count()).toBe(0);
    expect(await byId(page, 'it-field-camera-baudRate').count()).toBe(0);

    // 测试 the (simulated) document camera in the page: the scene is shown, one frame taken at the granted mode; 结束测试 stops the stream.
    await byId(page, 'it-test-camera').click();
    await expect.poll(() => byId(page, 'it-test-result-camera').innerText(), { timeout: 30_000 }).toContain(t.tests.camera.passed('1280×960', '', '').split('（')[0]!);
    // Named as the simulated camera, not by the canvas track's made-up label.
    expect(await byId(page, 'it-test-result-camera').innerText()).toContain(`（${strings.camera.capture.simulated}，`);
    expect(await byId(page, 'it-camera-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(1280);
    await expect.poll(() => byId(page, 'it-device-detail-camera').innerText()).toContain('1280×960');
    const track = await byId(page, 'it-camera-video').evaluate((v: HTMLVideoElement) => {
      const stream = v.srcObject as MediaStream;
      (window as unknown as { testTrack: MediaStreamTrack }).testTrack = stream.getVideoTracks()[0]!;
      return stream.getVideoTracks()[0]!.readyState;
    });
    expect(track).toBe('live');
    await byId(page, 'it-device-camera').scrollIntoViewIfNeeded();
    await screenshot(page, 'it-desk-camera-test');
    await byId(page, 'it-test-camera-stop').click();
    await byId(page, 'it-camera-test').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as unknown as { testTrack: MediaStreamTrack }).testTrack.readyState)).toBe('ended');

    // 测试 the ID reader: the sample card, masked; no case opened behind the dialog.
    await byId(page, 'it-test-idcard').click();
    await expect.poll(() => byId(page, 'it-test-result-idcard').innerText(), { timeout: 15_000 }).toBe(t.tests.idcard.read('张**', '110101********3511'));
    const snapshot = await running.services.handle('getSnapshot', {});
    expect(snapshot).toMatchObject({ ok: true, result: { currentCase: null } });

    // Wrong values: each refused beside its field, in Chinese; nothing written.
    const before = readFileSync(configFile, 'utf8');
    await byId(page, 'it-field-idcard-baudRate').fill('快一点');
    await byId(page, 'it-field-idcard-pollIntervalMs').fill('50');
    await byId(page, 'it-save-idcard').click();
    await expect.poll(() => byId(page, 'it-field-issue-idcard-baudRate').innerText()).toBe(strings.config.wrongType(strings.config.types.number!));
    expect(await byId(page, 'it-field-issue-idcard-pollIntervalMs').innerText()).toBe(strings.config.tooSmall(100));
    expect(await byId(page, 'it-save-message-idcard').innerText()).toBe(t.invalid);
    await byId(page, 'it-field-evaluator-mode').selectOption('hardware');
    await byId(page, 'it-field-evaluator-port').fill(port);
    await byId(page, 'it-field-evaluator-baudRate').fill('0');
    await byId(page, 'it-save-evaluator').click();
    await expect.poll(() => byId(page, 'it-field-issue-evaluator-baudRate').innerText()).toBe(strings.config.notPositive);
    expect(readFileSync(configFile, 'utf8')).toBe(before);
    await screenshot(page, 'it-desk-refused');

    // The evaluator on the CH340 pty: saved, restarted alone, 已连接 to the keypad behind it.
    const idcardRows = statusRows(running.dataDir, 'idcard');
    const evaluatorRows = statusRows(running.dataDir, 'evaluator');
    await byId(page, 'it-field-evaluator-baudRate').fill('9600');
    await byId(page, 'it-save-evaluator').click();
    await expect.poll(() => byId(page, 'it-save-message-evaluator').innerText()).toBe(t.saved(strings.deviceKinds.evaluator, configFile));
    await expect.poll(() => byId(page, 'it-device-state-evaluator').innerText(), { timeout: 15_000 }).toBe(t.states.connected);
    expect(JSON.parse(readFileSync(configFile, 'utf8')).devices).toEqual({ evaluator: { mode: 'hardware', port, baudRate: 9600 } });
    expect(statusRows(running.dataDir, 'evaluator')).toBeGreaterThan(evaluatorRows);
    // The ID reader kept its state: no status change recorded, still 模拟, and it reads again at once.
    expect(statusRows(running.dataDir, 'idcard')).toBe(idcardRows);
    expect(await byId(page, 'it-device-state-idcard').innerText()).toBe(t.states.simulated);
    await byId(page, 'it-test-idcard').click();
    await expect.poll(() => byId(page, 'it-test-result-idcard').innerText(), { timeout: 15_000 }).toBe(t.tests.idcard.read('张**', '110101********3511'));
    await byId(page, 'it-field-issue-evaluator-baudRate').waitFor({ state: 'detached' });

    // The screen as IT first sees it: the devices from the top, the candidates beside them.
    await page.locator('.it-desk__body').evaluate((el) => el.scrollTo(0, 0));
    const shot = await screenshot(page, 'it-desk');
    expect(shot.endsWith('it-desk.png')).toBe(true);
    expect(problems).toEqual([]);
  });
});
