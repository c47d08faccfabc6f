import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CameraSettings, DeviceDesk, DeviceSetting } from '../../shared/contract';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { strings } from '../../shared/i18n';
import { CameraProvider, type CaptureEnvironment } from '../capture/camera-context';
import { DocumentCamera, type MediaDevicesLike } from '../capture/document-camera';
import type { CaptureIo } from '../capture/frame-io';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { ItDeskDialog } from './ItDeskDialog';

afterEach(cleanup);

const t = strings.itDesk;
const CENTRE = '/etc/counter-terminal/centre.json';

function itDesk(snapshot = sampleSnapshot()): DeviceDesk {
  const printer: DeviceSetting[] = [
    { key: 'mode', type: 'choice', choices: ['simulated', 'hardware', 'disabled'], value: 'hardware', source: 'counter', locked: false },
    { key: 'port', type: 'text', value: 'Front_Laser', source: 'centre', locked: true },
  ];
  const evaluator: DeviceSetting[] = [
    { key: 'mode', type: 'choice', choices: ['simulated', 'hardware', 'disabled'], value: 'simulated', source: 'default', locked: false },
    { key: 'port', type: 'text', value: null, source: 'default', locked: false },
    { key: 'baudRate', type: 'number', value: null, source: 'default', locked: false },
  ];
  return {
    access: 'it',
    devices: snapshot.devices.map((status) => ({ status, settings: status.kind === 'printer' ? printer : status.kind === 'evaluator' ? evaluator : [] })),
    candidates: { serial: [{ where: 'serial', path: '/dev/ttyUSB0', usbId: '1A86:7523', label: null, guess: 'CH340/CH341 USB 转串口' }], hid: [], usb: [], pads: [], printers: [], printerNote: null, problems: [] },
    configFile: '/data/config.json',
    centreFile: CENTRE,
  };
}

describe('设备与诊断 (the IT screen)', () => {
  it('a clerk sees the states only: no settings, no tests, no bundle', async () => {
    const api = new FakeCounterApi(sampleSnapshot());
    render(<ItDeskDialog api={api} onClose={() => {}} />);
    await screen.findByTestId('it-read-only');
    expect(await screen.findByTestId('it-device-state-idcard')).toBeTruthy();
    expect(screen.queryByTestId('it-field-evaluator-port')).toBeNull();
    expect(screen.queryByTestId('it-test-idcard')).toBeNull();
    expect(screen.queryByTestId('it-bundle')).toBeNull();
  });

  it('IT: a locked field is shown, not editable, and not sent; each wrong field gets its message beside it', async () => {
    const session = { configured: true, it: { staffNo: 'IT01', name: '赵工' }, idleMinutes: 15 };
    const api = new FakeCounterApi(sampleSnapshot(), {
      getItSession: () => session,
      getDeviceDesk: () => itDesk(),
      saveDeviceSettings: ({ kind }) =>
        kind === 'evaluator' ? { ok: false, message: t.invalid, issues: [{ field: 'baudRate', message: strings.config.notPositive }] } : { ok: true, message: '已保存', issues: [] },
    });
    render(<ItDeskDialog api={api} onClose={() => {}} />);
    const port = (await screen.findByTestId('it-field-printer-port')) as HTMLInputElement;
    expect(port.disabled).toBe(true);
    expect(screen.getByText(t.lockedField(CENTRE))).toBeTruthy();
    expect(screen.getByText('CH340/CH341 USB 转串口')).toBeTruthy();

    fireEvent.click(screen.getByTestId('it-save-printer'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'saveDeviceSettings')).toBe(true));
    expect(api.calls.find((c) => c.method === 'saveDeviceSettings')!.params).toEqual({ kind: 'printer', values: { mode: 'hardware' } });

    fireEvent.change(screen.getByTestId('it-field-evaluator-baudRate'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('it-save-evaluator'));
    expect((await screen.findByTestId('it-field-issue-evaluator-baudRate')).textContent).toBe(strings.config.notPositive);
    expect(screen.getByTestId('it-save-message-evaluator').textContent).toBe(t.invalid);
    expect(api.calls.filter((c) => c.method === 'saveDeviceSettings').at(-1)!.params).toEqual({ kind: 'evaluator', values: { mode: 'simulated', port: '', baudRate: '0' } });
  });
});

const IT_SESSION = { configured: true, it: { staffNo: 'IT01', name: '赵工' }, idleMinutes: 15 };
const cam = t.tests.camera;

/** navigator.mediaDevices as a script: the cameras plugged in, each stream opened and each track stopped. */
class FakeMedia implements MediaDevicesLike {
  devices = [
    { kind: 'videoinput', deviceId: 'f1', label: 'USB Camera (face)' },
    { kind: 'videoinput', deviceId: 'd1', label: 'Eloam HD Document' },
  ];
  readonly opened: MediaStreamConstraints[] = [];
  readonly stopped: number[] = [];
  /** While set, an open waits until release() is called (a camera slow to start). */
  private held: (() => void) | null = null;
  hold = false;
  release() {
    this.held?.();
  }
  async enumerateDevices() {
    return this.devices;
  }
  async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.opened.push(constraints);
    if (this.hold) await new Promise<void>((resolve) => (this.held = resolve));
    const n = this.opened.length;
    const stream = new MediaStream();
    const track = { label: 'Eloam HD Document', getSettings: () => ({ width: 3264, height: 2448, frameRate: 15 }), stop: () => this.stopped.push(n), addEventListener: () => {} };
    return Object.assign(stream, { getTracks: () => [track], getVideoTracks: () => [track] });
  }
  addEventListener() {}
  removeEventListener() {}
}

/** Drawing as a script: the video shows a 3264×2448 picture once it has data. */
function fakeIo(): CaptureIo & { drawn: RgbaImage[] } {
  const drawn: RgbaImage[] = [];
  return {
    drawn,
    frameSource: () => ({
      size: () => ({ width: 3264, height: 2448 }),
      grab: (maxSide) => ({ image: { width: maxSide ?? 3264, height: 360, data: new Uint8ClampedArray((maxSide ?? 3264) * 360 * 4) }, display: null, source: { width: 3264, height: 2448 } }),
      capture: () => Promise.reject(new Error('the IT desk only grabs stills')),
    }),
    encodeJpeg: async () => '',
    draw: (_canvas, image) => void drawn.push(image),
    picture: () => null,
  };
}

function cameraCounter(settings: CameraSettings) {
  const api = new FakeCounterApi(sampleSnapshot(), {
    getItSession: () => IT_SESSION,
    getDeviceDesk: () => ({ ...itDesk(), devices: itDesk().devices.map((d) => (d.status.kind === 'camera' ? { ...d, settings: [] } : d)) }),
    getCameraSettings: () => settings,
    saveDeviceSettings: () => ({ ok: true, message: '已保存', issues: [] }),
  });
  const media = new FakeMedia();
  const simulatedOpened: number[] = [];
  const io = fakeIo();
  const camera = new DocumentCamera(api, {
    media,
    simulated: async () => {
      simulatedOpened.push(1);
      return media.getUserMedia({ video: true });
    },
  });
  const environment: CaptureEnvironment = { camera, io, createEngine: () => { throw new Error('no engine on the IT screen'); } };
  return { api, media, io, camera, environment, simulatedOpened };
}

/** The clerk screen with the IT screen over it, inside the camera provider as ClerkApp has it; 关闭 unmounts the dialog. */
function Screen({ api, environment }: { api: FakeCounterApi; environment: CaptureEnvironment }) {
  const [open, setOpen] = useState(true);
  return (
    <CameraProvider api={api} online environment={environment}>
      {open && <ItDeskDialog api={api} onClose={() => setOpen(false)} />}
    </CameraProvider>
  );
}

/**
 * The camera's first picture arrives. Only once the preview has its stream: the 等待画面 text and the stream are
 * committed in one render, but the effect that starts listening for the picture runs after it, and a picture
 * that comes before it is not seen (a test that fired it at once failed on a loaded machine).
 */
async function showPicture(): Promise<void> {
  const video = screen.getByTestId('it-camera-video') as HTMLVideoElement;
  await waitFor(() => expect(video.srcObject).toBeTruthy());
  act(() => void video.dispatchEvent(new Event('loadeddata')));
}

describe('设备与诊断: the document camera', () => {
  it('the card shows what the device runs at (DeviceStatus.detail)', async () => {
    const snapshot = sampleSnapshot();
    snapshot.devices = snapshot.devices.map((d) => (d.kind === 'camera' ? { ...d, state: 'connected', driver: 'Eloam HD', detail: '1280×720，10 帧/秒' } : d));
    render(<ItDeskDialog api={new FakeCounterApi(snapshot)} onClose={() => {}} />);
    expect((await screen.findByTestId('it-device-detail-camera')).textContent).toBe('1280×720，10 帧/秒');
    expect(screen.queryByTestId('it-device-detail-idcard')).toBeNull();
  });

  it('测试 opens the document head the capture panel would (by its label, never the face head), takes one frame, and 结束测试 turns it off', async () => {
    const { api, media, io, environment } = cameraCounter({ mode: 'hardware', document: 'eloam', face: 'USB Camera', jpegQuality: 0.85 });
    render(<Screen api={api} environment={environment} />);
    fireEvent.click(await screen.findByTestId('it-test-camera'));
    await waitFor(() => expect(screen.getByTestId('it-test-result-camera').textContent).toBe(cam.waiting('Eloam HD Document', '3264×2448，15 帧/秒')));
    // The same choice rule as 拍摄: the document head by id, at its largest mode.
    const video = media.opened.at(-1)!.video as MediaTrackConstraints;
    expect(video.deviceId).toEqual({ exact: 'd1' });
    expect(video.width).toEqual({ ideal: 4096 });
    // devices.camera was read afresh for the test (IT may just have saved it).
    expect(api.calls.filter((c) => c.method === 'getCameraSettings').length).toBeGreaterThanOrEqual(2);

    await showPicture();
    expect(screen.getByTestId('it-test-result-camera').textContent).toBe(cam.passed('3264×2448', 'Eloam HD Document', '3264×2448，15 帧/秒'));
    expect(screen.getByTestId('it-test-result-camera').className).toContain('it-test--passed');
    expect(io.drawn).toHaveLength(1);
    expect(media.stopped).toEqual([]);

    fireEvent.click(screen.getByTestId('it-test-camera-stop'));
    expect(screen.queryByTestId('it-camera-test')).toBeNull();
    expect(media.stopped).toEqual([media.opened.length]);
    // The result stays for IT to read.
    expect(screen.getByTestId('it-test-result-camera').className).toContain('it-test--passed');
  });

  it('closing the IT screen during the test turns the camera off', async () => {
    const { api, media, environment } = cameraCounter({ mode: 'hardware', document: null, face: 'USB Camera', jpegQuality: 0.85 });
    render(<Screen api={api} environment={environment} />);
    fireEvent.click(await screen.findByTestId('it-test-camera'));
    await screen.findByTestId('it-camera-test');
    await waitFor(() => expect(media.opened.some((c) => (c.video as MediaTrackConstraints).deviceId !== undefined)).toBe(true));
    await waitFor(() => expect(screen.getByTestId('it-test-result-camera').textContent).toContain('3264×2448'));
    fireEvent.click(screen.getByTestId('it-close'));
    expect(screen.queryByTestId('it-desk')).toBeNull();
    expect(media.stopped).toEqual([media.opened.length]);
  });

  it('closed while the camera was still opening: the stream it then gets is turned off at once', async () => {
    const { api, media, camera, environment } = cameraCounter({ mode: 'hardware', document: 'eloam', face: null, jpegQuality: 0.85 });
    render(<Screen api={api} environment={environment} />);
    await screen.findByTestId('it-test-camera');
    media.hold = true;
    fireEvent.click(screen.getByTestId('it-test-camera'));
    await waitFor(() => expect(media.opened.some((c) => (c.video as MediaTrackConstraints).deviceId !== undefined)).toBe(true));
    fireEvent.click(screen.getByTestId('it-close'));
    media.release();
    await waitFor(() => expect(media.stopped).toEqual([media.opened.length]));
    expect(camera.current.streaming).toBe(false);
  });

  it('simulated: the simulated scene is opened and said to be one', async () => {
    const { api, environment, simulatedOpened } = cameraCounter({ mode: 'simulated', document: null, face: null, jpegQuality: 0.85 });
    render(<Screen api={api} environment={environment} />);
    fireEvent.click(await screen.findByTestId('it-test-camera'));
    await waitFor(() => expect(simulatedOpened).toEqual([1]));
    expect(await screen.findByText(cam.simulated)).toBeTruthy();
    await showPicture();
    // Named as the simulated camera, not by its stream's track label.
    expect(screen.getByTestId('it-test-result-camera').textContent).toBe(cam.passed('3264×2448', strings.camera.capture.simulated, '3264×2448，15 帧/秒'));
  });

  it('a camera that cannot be found fails the test with the reason the capture panel gives', async () => {
    const { api, media, environment } = cameraCounter({ mode: 'hardware', document: 'Kodak', face: null, jpegQuality: 0.85 });
    render(<Screen api={api} environment={environment} />);
    fireEvent.click(await screen.findByTestId('it-test-camera'));
    await waitFor(() => expect(screen.getByTestId('it-test-result-camera').textContent).toBe(cam.failed(strings.camera.capture.reasons.notFound('Kodak'))));
    expect(media.opened.filter((c) => (c.video as MediaTrackConstraints).deviceId !== undefined)).toEqual([]);
    fireEvent.click(screen.getByTestId('it-test-camera-stop'));
    expect(screen.getByTestId('it-test-result-camera').className).toContain('it-test--failed');
  });

  it('保存 of the camera makes the page read devices.camera again', async () => {
    const { api, environment } = cameraCounter({ mode: 'hardware', document: 'eloam', face: null, jpegQuality: 0.85 });
    render(<Screen api={api} environment={environment} />);
    fireEvent.click(await screen.findByTestId('it-save-camera'));
    const reads = () => api.calls.filter((c) => c.method === 'getCameraSettings').length;
    await waitFor(() => expect(reads()).toBe(2));
  });
});
