import { describe, expect, it } from 'vitest';
import type { CameraReport, DeviceStatus } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { evaluateSelfCheck } from '../../../shared/domain/service-day/self-check';
import { defaultConfig } from '../../services/config/config-file';
import { until } from '../../../test/support/until';
import { DeviceManager } from '../manager';
import { cameraRegistryEntry, isCameraReportSink } from './page-reported-camera';

const t = strings.cameraDevice;

function report(state: CameraReport['state'], patch: Partial<CameraReport> = {}): CameraReport {
  return { state, label: '', width: null, height: null, frameRate: null, reason: '', ...patch };
}

/** The device manager as the counter runs it, with the camera's entry and a config of the given camera mode. */
function counter(mode: 'simulated' | 'hardware' | 'disabled', pageGraceMs = 60_000) {
  const devices = defaultConfig().devices;
  devices.camera.mode = mode;
  const changes: DeviceStatus[] = [];
  const manager = new DeviceManager({ settings: devices, registry: { camera: cameraRegistryEntry({ pageGraceMs }) }, onStatusChange: (_all, changed) => changes.push(changed) });
  const camera = () => manager.list().find((s) => s.kind === 'camera')!;
  const sink = () => {
    const driver = manager.driver('camera');
    if (!isCameraReportSink(driver)) throw new Error('no camera driver');
    return driver;
  };
  return { manager, camera, sink, changes };
}

describe('the document camera in the device manager (state from the page reports)', () => {
  it('simulated: 模拟 (模拟高拍仪) at once, before any page has reported', async () => {
    const { manager, camera } = counter('simulated');
    await manager.start();
    expect(camera()).toMatchObject({ state: 'simulated', driver: '模拟高拍仪', reason: strings.devices.simulatedReason });
    await manager.stop();
  });

  it('disabled: 未配置, with no driver for a page to report to', async () => {
    const { manager, camera } = counter('disabled');
    await manager.start();
    expect(camera()).toMatchObject({ state: 'unconfigured', reason: strings.devices.disabledReason });
    expect(manager.driver('camera')).toBeUndefined();
    await manager.stop();
  });

  it('hardware needs no port: 已断开 until the page reports the camera, then 已连接 with its label and granted mode', async () => {
    const { manager, camera, sink } = counter('hardware');
    await manager.start();
    expect(camera()).toMatchObject({ state: 'disconnected', reason: t.waitingForPage, driver: t.hardwareDriver });

    expect(sink().pageReport(report('connected', { label: 'Eloam USB Camera (2bdf:0289)' }), 'ws:a')).toBe(true);
    expect(camera()).toMatchObject({ state: 'connected', driver: 'Eloam USB Camera (2bdf:0289)', reason: '' });
    expect(camera().detail).toBeUndefined();

    sink().pageReport(report('connected', { label: 'Eloam USB Camera (2bdf:0289)', width: 3264, height: 2448, frameRate: 15 }), 'ws:a');
    expect(camera()).toMatchObject({ state: 'connected', detail: '3264×2448，15 帧/秒' });
    // The capture panel closed and the page looked again: the mode it granted last time stays, marked as such.
    sink().pageReport(report('connected', { label: 'Eloam USB Camera (2bdf:0289)' }), 'ws:a');
    expect(camera().detail).toBe('上次打开：3264×2448，15 帧/秒');
    await manager.stop();
  });

  it('follows an unplug within the report itself: connected → 已断开 with the page reason, then back', async () => {
    const { manager, camera, sink, changes } = counter('hardware');
    await manager.start();
    sink().pageReport(report('connected', { label: 'USB Camera', width: 1920, height: 1080, frameRate: 30 }), 'ws:a');
    const before = changes.length;
    sink().pageReport(report('disconnected', { reason: '摄像头已断开' }), 'ws:a');
    // No timer, no poll: the status changed before pageReport returned, and was published once.
    expect(camera()).toMatchObject({ state: 'disconnected', reason: '摄像头已断开' });
    expect(camera().detail).toBeUndefined();
    expect(changes.slice(before).map((c) => c.state)).toEqual(['disconnected']);
    sink().pageReport(report('fault', { label: 'USB Camera', reason: '摄像头被其他程序占用' }), 'ws:a');
    expect(camera()).toMatchObject({ state: 'fault', reason: '摄像头被其他程序占用' });
    sink().pageReport(report('connected', { label: 'USB Camera' }), 'ws:a');
    expect(camera()).toMatchObject({ state: 'connected', detail: '上次打开：1920×1080，30 帧/秒' });
    await manager.stop();
  });

  it('refuses a report that does not fit the configured mode (a page still on old settings) and changes nothing', async () => {
    const hardware = counter('hardware');
    await hardware.manager.start();
    expect(hardware.sink().pageReport(report('simulated', { label: '模拟高拍仪' }), 'ws:a')).toBe(false);
    expect(hardware.camera().state).toBe('disconnected');
    await hardware.manager.stop();

    const simulated = counter('simulated');
    await simulated.manager.start();
    expect(simulated.sink().pageReport(report('connected', { label: 'USB Camera' }), 'ws:a')).toBe(false);
    expect(simulated.camera().state).toBe('simulated');
    // A simulated camera that fails in the page (its textures) is 故障, and the page's next report restores it.
    expect(simulated.sink().pageReport(report('fault', { reason: '模拟高拍仪的示例画面无法加载' }), 'ws:a')).toBe(true);
    expect(simulated.camera()).toMatchObject({ state: 'fault', reason: '模拟高拍仪的示例画面无法加载', driver: '模拟高拍仪' });
    simulated.sink().pageReport(report('simulated', { label: '模拟高拍仪', width: 1280, height: 720, frameRate: 30 }), 'ws:a');
    expect(simulated.camera()).toMatchObject({ state: 'simulated', detail: '1280×720，30 帧/秒' });
    await simulated.manager.stop();
  });

  it('says 未知 (页面未连接) when the last page that reported has gone, not what it said before; a new page restores it', async () => {
    const { manager, camera, sink } = counter('hardware', 30);
    await manager.start();
    sink().pageReport(report('connected', { label: 'USB Camera' }), 'ws:a');
    sink().pageReport(report('connected', { label: 'USB Camera' }), 'ws:b');
    sink().pageGone('ws:a');
    sink().pageGone('ws:unrelated');
    // ws:b still reports: the grace never starts.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(camera().state).toBe('connected');

    sink().pageGone('ws:b');
    await until(() => camera().state === 'unknown');
    expect(camera()).toMatchObject({ state: 'unknown', reason: t.pageGone });
    expect(strings.deviceStates.unknown).toBe('未知');

    sink().pageReport(report('connected', { label: 'USB Camera' }), 'ws:c');
    expect(camera().state).toBe('connected');
    await manager.stop();
  });

  it('says 未知 when no page ever reports after the start, and a page that reloads within the grace keeps the state', async () => {
    const never = counter('hardware', 30);
    await never.manager.start();
    await until(() => never.camera().state === 'unknown');
    await never.manager.stop();

    const reload = counter('hardware', 60_000);
    await reload.manager.start();
    reload.sink().pageReport(report('connected', { label: 'USB Camera' }), 'ws:a');
    reload.sink().pageGone('ws:a');
    reload.sink().pageReport(report('connected', { label: 'USB Camera' }), 'ws:b');
    expect(reload.camera().state).toBe('connected');
    await reload.manager.stop();
  });

  it('is optional in the pre-shift self-check by default: 未知 or 已断开 does not block 开始服务, 已连接 passes', async () => {
    const { manager, sink } = counter('hardware', 30);
    await manager.start();
    const required = defaultConfig().serviceDay.requiredDevices;
    expect(required).not.toContain('camera');
    const item = () => evaluateSelfCheck(manager.list(), required, []).items.find((i) => i.kind === 'camera')!;
    expect(item()).toMatchObject({ state: 'disconnected', verdict: 'optional' });
    await until(() => item().state === 'unknown');
    expect(item().verdict).toBe('optional');
    expect(evaluateSelfCheck(manager.list(), ['camera'], []).blocking).toEqual(['camera']);
    sink().pageReport(report('connected', { label: 'USB Camera' }), 'ws:a');
    expect(item().verdict).toBe('pass');
    await manager.stop();
  });
});
