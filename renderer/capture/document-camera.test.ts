import { describe, expect, it } from 'vitest';
import type { CameraReport, CameraSettings } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { chooseDocumentCamera } from './camera-choice';
import { defaultKindFor } from './capture-model';
import { DocumentCamera, type MediaDevicesLike } from './document-camera';

const r = strings.camera.capture.reasons;

/** navigator.mediaDevices as a script: the cameras plugged in, the streams opened, devicechange on demand. */
class FakeMedia implements MediaDevicesLike {
  devices: { kind: string; deviceId: string; label: string }[] = [];
  readonly opened: MediaStreamConstraints[] = [];
  readonly stopped: string[] = [];
  private readonly listeners = new Set<() => void>();
  hideLabelsUntilOpened = false;
  async enumerateDevices() {
    return this.hideLabelsUntilOpened && this.opened.length === 0 ? this.devices.map((d) => ({ ...d, deviceId: '', label: '' })) : this.devices;
  }
  async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.opened.push(constraints);
    const id = this.opened.length;
    const track = {
      label: 'Eloam HD',
      getSettings: () => ({ width: 3264, height: 2448, frameRate: 15 }),
      stop: () => this.stopped.push(`t${id}`),
      addEventListener: () => {},
    };
    return { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream;
  }
  addEventListener(_type: 'devicechange', listener: () => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'devicechange', listener: () => void) {
    this.listeners.delete(listener);
  }
  plug(devices: { deviceId: string; label: string }[]) {
    this.devices = devices.map((d) => ({ kind: 'videoinput', ...d }));
    for (const listener of this.listeners) listener();
  }
}

const FACE = { deviceId: 'f1', label: 'USB Camera (face)' };
const DOC = { deviceId: 'd1', label: 'Eloam HD Document' };

/** The simulated camera's stream comes from `simulated` (by default it cannot be made). */
function setUp(settings: Partial<CameraSettings> = {}, simulated: () => Promise<MediaStream> = () => Promise.reject(new Error('no'))) {
  const api = new FakeCounterApi(sampleSnapshot());
  const reports: CameraReport[] = [];
  api.handlers.getCameraSettings = () => ({ mode: 'hardware', document: 'eloam', face: 'USB Camera', jpegQuality: 0.85, ...settings });
  api.handlers.reportCamera = (report) => {
    reports.push(report);
    return { ok: true };
  };
  const media = new FakeMedia();
  const camera = new DocumentCamera(api, { media, simulated });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { api, media, camera, reports, settle };
}

describe('the document camera as the page sees it', () => {
  it('chooses the camera devices.camera.document names (id or part of the label), never the face head', () => {
    expect(chooseDocumentCamera([FACE, DOC], { document: 'ELOAM', face: 'USB' }).device).toEqual(DOC);
    expect(chooseDocumentCamera([FACE, DOC], { document: 'd1', face: null }).device).toEqual(DOC);
    expect(chooseDocumentCamera([FACE, DOC], { document: null, face: 'face' }).device).toEqual(DOC);
    expect(chooseDocumentCamera([FACE], { document: null, face: 'face' })).toEqual({ device: null, reason: r.onlyFace });
    expect(chooseDocumentCamera([FACE], { document: 'Eloam', face: null })).toEqual({ device: null, reason: r.notFound('Eloam') });
    expect(chooseDocumentCamera([], { document: null, face: null })).toEqual({ device: null, reason: r.noCamera });
  });

  it('reports 已连接 / 已断开 as the camera is plugged and unplugged (devicechange)', async () => {
    const { media, camera, reports, settle } = setUp();
    media.plug([FACE, DOC]);
    await camera.start();
    expect(reports.at(-1)).toMatchObject({ state: 'connected', label: DOC.label, reason: '' });
    media.plug([FACE]);
    await settle();
    expect(reports.at(-1)).toMatchObject({ state: 'disconnected', reason: r.notFound('eloam') });
    media.plug([FACE, DOC]);
    await settle();
    expect(reports.at(-1)).toMatchObject({ state: 'connected', label: DOC.label });
    camera.stop();
  });

  it('opens the document head at its largest mode and reports what was granted', async () => {
    const { media, camera, reports } = setUp();
    media.plug([FACE, DOC]);
    await camera.start();
    await camera.open();
    const video = media.opened.at(-1)!.video as MediaTrackConstraints;
    expect(video).toMatchObject({ deviceId: { exact: 'd1' }, width: { ideal: 4096 }, height: { ideal: 3072 } });
    expect(media.opened.at(-1)!.audio).toBe(false);
    expect(reports.at(-1)).toMatchObject({ state: 'connected', width: 3264, height: 2448, frameRate: 15 });
    camera.close();
    expect(media.stopped).toContain('t1');
  });

  it('when Chromium hides the labels, opens once to see them, and stops that probe at once', async () => {
    const { media, camera, reports } = setUp();
    media.hideLabelsUntilOpened = true;
    media.plug([FACE, DOC]);
    await camera.start();
    expect(media.opened).toEqual([{ video: true, audio: false }]);
    expect(media.stopped).toEqual(['t1']);
    expect(reports.at(-1)).toMatchObject({ state: 'connected', label: DOC.label });
  });

  it('reports the simulated and the disabled camera without touching any device', async () => {
    const simulated = setUp({ mode: 'simulated' });
    await simulated.camera.start();
    expect(simulated.reports).toEqual([expect.objectContaining({ state: 'simulated', label: strings.camera.capture.simulated })]);
    const disabled = setUp({ mode: 'disabled' });
    await disabled.camera.start();
    expect(disabled.reports).toEqual([expect.objectContaining({ state: 'unconfigured' })]);
    expect(simulated.media.opened.length + disabled.media.opened.length).toBe(0);
  });

  it('names the opened simulated camera 模拟高拍仪, not by its canvas track label (a random id Chromium makes up)', async () => {
    const track = { label: 'EjTHwGbbZ/YEBKs1hvksm5xtoJT0SkhUmYkbfRND84Gka48cp1Wp3NStkBlS8FQIchbzGEIyHat2KzpYP1okLA==', getSettings: () => ({ width: 1280, height: 960, frameRate: 15 }), stop: () => {}, addEventListener: () => {} };
    const stream = { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream;
    const { camera, reports } = setUp({ mode: 'simulated', document: null, face: null }, () => Promise.resolve(stream));
    await camera.start();
    await camera.open();
    expect(reports.at(-1)).toMatchObject({ state: 'simulated', label: strings.camera.capture.simulated });
    expect(camera.current.report.label).toBe(strings.camera.capture.simulated);
    camera.close();
  });

  it('two opens at once get one stream; reload reads devices.camera again and reports afresh', async () => {
    const { api, media, camera, reports } = setUp();
    media.plug([FACE, DOC]);
    await camera.start();
    const [a, b] = await Promise.all([camera.open(), camera.open()]);
    expect(a).toBe(b);
    expect(media.opened.filter((c) => (c.video as MediaTrackConstraints).deviceId !== undefined)).toHaveLength(1);
    // Never under an open stream: the panel showing it keeps its camera.
    await camera.reload();
    expect(api.calls.filter((c) => c.method === 'getCameraSettings')).toHaveLength(1);
    camera.close();

    // IT saved another document head: after reload the page looks for that one, and says so even if nothing else changed.
    api.handlers.getCameraSettings = () => ({ mode: 'hardware', document: 'USB Camera', face: null, jpegQuality: 0.85 });
    const sent = reports.length;
    await camera.reload();
    expect(reports.length).toBeGreaterThan(sent);
    expect(reports.at(-1)).toMatchObject({ state: 'connected', label: FACE.label });
    camera.stop();
  });

  it('asks an ID card material for front and back by its name', () => {
    expect(defaultKindFor({ name: '居民身份证' })).toBe('idCard');
    expect(defaultKindFor({ name: '经营者身份证件' })).toBe('idCard');
    expect(defaultKindFor({ name: '夫妻双方居民身份证' })).toBe('idCard');
    expect(defaultKindFor({ name: '授权委托书及受托人身份证件' })).toBe('page');
    expect(defaultKindFor({ name: '查询人身份证明' })).toBe('page');
    expect(defaultKindFor({ name: '食品经营许可申请书' })).toBe('page');
  });
});
