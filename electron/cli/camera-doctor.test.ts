import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { createRgba } from '../../shared/domain/camera/image';
import { strings } from '../../shared/i18n';
import { tempDir } from '../../test/support/temp-dir';
import { writeY4m } from '../../test/support/y4m';
import type { CameraPage } from '../devices/camera/camera-probe';
import { CAMERA_TEST_ARGS_ENV } from '../devices/camera/chromium-camera-page';
import { findChromium } from '../services/platform/chromium';
import { runCameraDoctor } from './camera-doctor';
import { runDoctor } from './doctor-commands';
import type { OverviewDeps } from './device-overview';

const root = join(__dirname, '..', '..');
const t = strings.cameraDevice.doctor;
const chromium = findChromium();
const noListings: OverviewDeps = {
  listDevices: async () => ({ serial: [], hid: [], usb: [], problems: [] }),
  listHid: async () => [],
  listPrinters: async () => ({ ok: true, printers: [] }),
};

/** A camera file: the left half white, the right half dark blue, so a saved frame shows which way round it came. */
function cameraFile(dir: string, width: number, height: number): string {
  const image = createRgba(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const left = x < width / 2;
      image.data.set(left ? [250, 250, 250, 255] : [20, 30, 120, 255], at);
    }
  }
  const file = join(dir, 'document-camera.y4m');
  writeY4m(file, [image, image], 10);
  return file;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

/** Processes whose command line names `needle` (the test's own camera file): Chromium must be gone once the doctor returns. */
function processesNaming(needle: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(needle) && !line.includes('ps -eo'));
}

describe.runIf(chromium)('doctor camera through Chromium with a fake camera (a .y4m file)', () => {
  it('lists the camera with its largest mode and, with --capture, saves a JPEG of the granted size; no Chromium is left running', () => {
    const dir = tempDir('doctor-camera-');
    const y4m = cameraFile(dir, 1280, 720);
    const jpeg = join(dir, 'frame.jpg');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ devices: { camera: { mode: 'hardware', document: 'document-camera' } } }));
    const env = { ...process.env, [CAMERA_TEST_ARGS_ENV]: `--use-fake-device-for-media-stream --use-file-for-fake-video-capture=${y4m}` };
    const ran = spawnSync('npm', ['run', '--silent', 'doctor', '--', 'camera', '--data-dir', dir, '--capture', jpeg], { cwd: root, env, encoding: 'utf8', timeout: 90_000 });
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toContain('高拍仪（camera）');
    expect(ran.stdout).toContain(t.heads('document-camera', null));
    // Chromium names the fake camera after its file; the mode is the file's.
    expect(ran.stdout).toContain(`1. ${y4m}`);
    expect(ran.stdout).toContain(t.max(1280, 720, 10));
    expect(ran.stdout).toContain(t.granted(1280, 720, 10));
    expect(ran.stdout).toContain(t.chosen(t.roles.document));
    expect(ran.stdout).toContain(t.captured(jpeg, 1280, 720));

    const frame = decode(readFileSync(jpeg), { useTArray: true });
    expect([frame.width, frame.height]).toEqual([1280, 720]);
    const pixel = (x: number, y: number) => Array.from(frame.data.subarray((y * 1280 + x) * 4, (y * 1280 + x) * 4 + 3));
    for (const value of pixel(320, 360)) expect(value).toBeGreaterThan(220);
    const [r, g, b] = pixel(960, 360) as [number, number, number];
    expect(b).toBeGreaterThan(r + 50);
    expect(g).toBeLessThan(80);

    expect(processesNaming(y4m)).toEqual([]);
  });

  it('--json: the camera section of `doctor all`, with the cameras and the capture, in the same shape', async () => {
    const dir = tempDir('doctor-camera-json-');
    const y4m = cameraFile(dir, 640, 480);
    const jpeg = join(dir, 'frame.jpg');
    const before = process.env[CAMERA_TEST_ARGS_ENV];
    process.env[CAMERA_TEST_ARGS_ENV] = `--use-fake-device-for-media-stream --use-file-for-fake-video-capture=${y4m}`;
    const run = capture();
    let code: number;
    try {
      code = await runDoctor(['camera', '--json', '--data-dir', dir, '--capture', jpeg], run.io, { overviewDeps: noListings });
    } finally {
      if (before === undefined) delete process.env[CAMERA_TEST_ARGS_ENV];
      else process.env[CAMERA_TEST_ARGS_ENV] = before;
    }
    expect(run.err).toEqual([]);
    expect(code).toBe(0);
    const json = JSON.parse(run.out.join('\n'));
    expect(Object.keys(json)).toEqual(['dataDir', 'config', 'camera', 'capture', 'problems']);
    expect(json.camera).toEqual({
      mode: 'simulated',
      port: null,
      portSeen: null,
      document: null,
      face: null,
      cameras: [
        {
          deviceId: expect.stringMatching(/^\w+$/),
          label: y4m,
          max: { width: 640, height: 480, frameRate: 10 },
          granted: { width: 640, height: 480, frameRate: 10 },
          error: null,
          role: 'document',
        },
      ],
      note: null,
    });
    expect(json.capture).toEqual({ file: jpeg, width: 640, height: 480, bytes: readFileSync(jpeg).length });

    // `doctor all` has the same section, without opening a camera.
    const all = capture();
    expect(await runDoctor(['all', '--json', '--data-dir', dir], all.io, { overviewDeps: noListings })).toBe(0);
    const overview = JSON.parse(all.out.join('\n'));
    expect(Object.keys(overview.camera)).toEqual(Object.keys(json.camera));
    expect(overview.camera).toMatchObject({ cameras: null, note: t.overviewNote });
    expect(processesNaming(y4m)).toEqual([]);
  });

  it('says 未发现摄像头 on a machine without cameras (Chromium with no video device), and --capture then fails', async () => {
    const dir = tempDir('doctor-camera-none-');
    const before = process.env[CAMERA_TEST_ARGS_ENV];
    // Chromium's fake capture with zero devices: no camera whatever the machine has.
    process.env[CAMERA_TEST_ARGS_ENV] = '--use-fake-device-for-media-stream=device-count=0';
    const listed = capture();
    const saved = capture();
    const jpeg = join(dir, 'none.jpg');
    try {
      expect(await runCameraDoctor(['--data-dir', dir], listed.io, { overviewDeps: noListings })).toBe(0);
      expect(await runCameraDoctor(['--data-dir', dir, '--capture', jpeg], saved.io, { overviewDeps: noListings })).toBe(2);
    } finally {
      if (before === undefined) delete process.env[CAMERA_TEST_ARGS_ENV];
      else process.env[CAMERA_TEST_ARGS_ENV] = before;
    }
    expect(listed.out.join('\n')).toContain(t.none);
    expect(saved.err).toEqual([t.captureNone]);
    expect(existsSync(jpeg)).toBe(false);
  });
});

describe('doctor camera with an injected page (the installed app passes its own Chromium)', () => {
  it('shows a camera that cannot be opened with the reason, and the configured heads by role', async () => {
    const dir = tempDir('doctor-camera-page-');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ devices: { camera: { mode: 'hardware', face: 'Face' } } }));
    let closed = 0;
    const page: CameraPage = {
      evaluate: async () => ({
        ok: true,
        cameras: [
          { deviceId: 'a1', label: 'Face Cam', max: { width: 1920, height: 1080, frameRate: 30 }, granted: { width: 1920, height: 1080, frameRate: 30 }, error: null },
          { deviceId: 'b2', label: 'Eloam S1000', max: null, granted: null, error: 'NotReadableError: Could not start video source' },
        ],
      }),
      close: async () => void closed++,
    };
    const run = capture();
    expect(await runCameraDoctor(['--data-dir', dir], run.io, { openCameraPage: async () => page, overviewDeps: noListings })).toBe(0);
    const text = run.out.join('\n');
    expect(text).toContain(t.heads(null, 'Face'));
    expect(text).toContain(`${t.camera(1, 'Face Cam', 'a1')}\n${t.max(1920, 1080, 30)}\n${t.granted(1920, 1080, 30)}\n${t.chosen(t.roles.face)}`);
    expect(text).toContain(`${t.camera(2, 'Eloam S1000', 'b2')}\n${t.openFailed('NotReadableError: Could not start video source')}\n${t.chosen(t.roles.document)}`);
    expect(closed).toBe(1);
  });

  it('says why when no page can be opened (no Chromium), exit 2; flags it does not know are refused', async () => {
    const dir = tempDir('doctor-camera-nopage-');
    const run = capture();
    const code = await runCameraDoctor(['--data-dir', dir], run.io, { openCameraPage: () => Promise.reject(new Error(t.noChromium)), overviewDeps: noListings });
    expect(code).toBe(2);
    expect(run.out.join('\n')).toContain(t.listFailed(t.noChromium));
    const bad = capture();
    expect(await runCameraDoctor(['--port', 'x'], bad.io)).toBe(1);
    expect(bad.err[0]).toBe(t.unknownFlag('--port'));
    expect(await runCameraDoctor(['--capture'], bad.io)).toBe(1);
    expect(bad.err).toContain(t.missingValue('--capture'));
  });
});
