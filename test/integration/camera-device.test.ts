import { afterEach, describe, expect, it } from 'vitest';
import type { CameraReport, CameraSettings, DeviceStatus, ServerMessage, Snapshot } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { cameraRegistryEntry } from '../../electron/devices/camera/page-reported-camera';
import { startShell, TestClient, type Running } from './web-shell-harness';

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const report = (state: CameraReport['state'], patch: Partial<CameraReport> = {}): CameraReport => ({
  state,
  label: '',
  width: null,
  height: null,
  frameRate: null,
  reason: '',
  ...patch,
});

async function cameraOf(client: TestClient): Promise<DeviceStatus> {
  const res = await client.request('getSnapshot');
  return (res as { result: Snapshot }).result.devices.find((d) => d.kind === 'camera')!;
}

describe('the document camera over the web shell: settings to the page, its reports to the status bar', () => {
  it('hardware: the page reads the settings, reports 已连接 with the granted mode, an unplug, and 未知 once its socket closes', async () => {
    running = await startShell({
      config: { devices: { camera: { mode: 'hardware', document: 'Eloam', face: 'Face', jpegQuality: 0.8 } } },
      // The counter's own camera entry, with a short grace so the page's absence shows within the test.
      services: { drivers: { camera: cameraRegistryEntry({ pageGraceMs: 100 }) } },
    });
    const page = await TestClient.connect(running.shell);
    const settings = (await page.request('getCameraSettings')) as { ok: true; result: CameraSettings };
    expect(settings.result).toEqual({ mode: 'hardware', document: 'Eloam', face: 'Face', jpegQuality: 0.8 });
    // (Before the page reports: 已断开, then 未知 after the grace — page-reported-camera.test.ts; the grace here is too short to look.)

    const connected = await page.request('reportCamera', report('connected', { label: 'Eloam S1000', width: 3264, height: 2448, frameRate: 15 }));
    expect(connected).toMatchObject({ ok: true, result: { ok: true } });
    // Every screen hears of it as a device change.
    await page.waitFor((m): m is typeof m => m.type === 'event' && m.event === 'devices.changed' && JSON.stringify(m.payload).includes('Eloam S1000'));
    expect(await cameraOf(page)).toMatchObject({ state: 'connected', driver: 'Eloam S1000', detail: '3264×2448，15 帧/秒' });

    await page.request('reportCamera', report('disconnected', { reason: '摄像头已断开' }));
    expect(await cameraOf(page)).toMatchObject({ state: 'disconnected', reason: '摄像头已断开' });
    // A report that does not fit the mode is refused, and the params are checked by the contract.
    expect(await page.request('reportCamera', report('simulated'))).toMatchObject({ ok: true, result: { ok: false } });
    expect(await page.request('reportCamera', { ...report('connected'), width: -1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    // Another screen stays; the page that reported goes away.
    const other = await TestClient.connect(running.shell);
    page.close();
    const cameraUnknown = (m: ServerMessage): m is ServerMessage =>
      m.type === 'event' && m.event === 'devices.changed' && (m.payload as DeviceStatus[]).some((d) => d.kind === 'camera' && d.state === 'unknown');
    await other.waitFor(cameraUnknown);
    expect(await cameraOf(other)).toMatchObject({ state: 'unknown', reason: strings.cameraDevice.pageGone });
    other.close();
  });

  it('simulated is 模拟 at once; disabled is 未配置 and the page saying so is fine', async () => {
    running = await startShell();
    const page = await TestClient.connect(running.shell);
    expect(await cameraOf(page)).toMatchObject({ state: 'simulated', driver: '模拟高拍仪' });
    expect(await page.request('reportCamera', report('simulated', { label: '模拟高拍仪', width: 1280, height: 720, frameRate: 30 }))).toMatchObject({ result: { ok: true } });
    expect(await cameraOf(page)).toMatchObject({ state: 'simulated', detail: '1280×720，30 帧/秒' });
    page.close();
    await running.stop();

    running = await startShell({ config: { devices: { camera: { mode: 'disabled' } } } });
    const disabled = await TestClient.connect(running.shell);
    expect(await cameraOf(disabled)).toMatchObject({ state: 'unconfigured' });
    expect(await disabled.request('getCameraSettings')).toMatchObject({ result: { mode: 'disabled', document: null, face: null, jpegQuality: 0.85 } });
    expect(await disabled.request('reportCamera', report('unconfigured'))).toMatchObject({ result: { ok: true } });
    expect(await disabled.request('reportCamera', report('connected', { label: 'x' }))).toMatchObject({ result: { ok: false } });
    disabled.close();
  });
});
