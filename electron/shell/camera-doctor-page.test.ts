import { EventEmitter } from 'node:events';
import { get } from 'node:http';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: never[]) => unknown;

/** Just what the doctor's window uses of Electron: app, a partition session, a hidden BrowserWindow. */
const electron = vi.hoisted(() => {
  const state = {
    session: null as null | { request: Handler | null; check: Handler | null; device: Handler | null; partition: string },
    windows: [] as Array<{ options: Record<string, unknown>; url: string; destroyed: boolean; scripts: string[] }>,
  };
  return { state };
});

vi.mock('electron', () => {
  const app = Object.assign(new EventEmitter(), { whenReady: async () => undefined });
  const session = {
    fromPartition: (partition: string) => {
      const s = { request: null as Handler | null, check: null as Handler | null, device: null as Handler | null, partition };
      electron.state.session = s;
      return {
        setPermissionRequestHandler: (h: Handler) => void (s.request = h),
        setPermissionCheckHandler: (h: Handler) => void (s.check = h),
        setDevicePermissionHandler: (h: Handler) => void (s.device = h),
      };
    },
  };
  class BrowserWindow {
    private readonly record: { options: Record<string, unknown>; url: string; destroyed: boolean; scripts: string[] };
    readonly webContents: { executeJavaScript: (script: string) => Promise<unknown> };
    constructor(options: Record<string, unknown>) {
      this.record = { options, url: '', destroyed: false, scripts: [] };
      electron.state.windows.push(this.record);
      this.webContents = {
        executeJavaScript: async (script: string) => {
          this.record.scripts.push(script);
          return { ok: true, cameras: [] };
        },
      };
    }
    async loadURL(url: string) {
      this.record.url = url;
    }
    isDestroyed() {
      return this.record.destroyed;
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { app, session, BrowserWindow };
});

const { app } = await import('electron');
const { electronCameraPage } = await import('./camera-doctor-page');
const { listCameras } = await import('../devices/camera/camera-probe');

function fetchStatus(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

beforeEach(() => {
  electron.state.session = null;
  electron.state.windows = [];
});

describe('doctor camera in the installed app: a hidden window of its own Chromium', () => {
  it('opens a hidden, sandboxed window on a 127.0.0.1 page and grants that page the camera (video only), nothing else', async () => {
    const page = await electronCameraPage();
    const window = electron.state.windows[0]!;
    expect(window.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(window.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const origin = window.url.slice(0, -1);
    expect(await fetchStatus(window.url)).toBe(200);

    const request = (permission: string, details: Record<string, unknown>) =>
      new Promise<boolean>((resolve) => (electron.state.session!.request as unknown as (...a: unknown[]) => void)(null, permission, resolve, details));
    const page1 = { isMainFrame: true, requestingUrl: `${origin}/` };
    expect(await request('media', { ...page1, mediaTypes: ['video'] })).toBe(true);
    expect(await request('media', { ...page1, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(await request('media', { ...page1, mediaTypes: [] })).toBe(false);
    expect(await request('media', { isMainFrame: false, requestingUrl: `${origin}/`, mediaTypes: ['video'] })).toBe(false);
    expect(await request('media', { isMainFrame: true, requestingUrl: 'http://127.0.0.1:1/', mediaTypes: ['video'] })).toBe(false);
    expect(await request('geolocation', page1)).toBe(false);
    const check = electron.state.session!.check as unknown as (...a: unknown[]) => boolean;
    expect(check(null, 'media', origin, { mediaType: 'video', requestingUrl: `${origin}/` })).toBe(true);
    expect(check(null, 'media', origin, { mediaType: 'audio', requestingUrl: `${origin}/` })).toBe(false);
    expect((electron.state.session!.device as unknown as () => boolean)()).toBe(false);

    // The probe runs in that window.
    expect(await listCameras(page)).toEqual([]);
    expect(window.scripts[0]).toContain('enumerateDevices');
    // Closing the last window must not quit the app before the command has printed.
    expect(app.listenerCount('window-all-closed')).toBe(1);

    await page.close();
    expect(window.destroyed).toBe(true);
    expect(await fetchStatus(window.url)).toBe('ECONNREFUSED');
    expect(app.listenerCount('window-all-closed')).toBe(0);
  });
});
