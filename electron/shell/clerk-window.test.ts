import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { strings } from '../../shared/i18n';
import { resolveAppPage } from './app-page';
import { createClerkWindow } from './clerk-window';
import { FakeBrowserWindow, fake, fakeEvent } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const outDir = resolve('/opt/counter/out');
const preloadPath = join(outDir, 'preload', 'index.js');

beforeEach(() => fake.reset());

function open(page = resolveAppPage({ outDir, isPackaged: true })) {
  const log = vi.fn();
  createClerkWindow({ page, preloadPath, log });
  const window = FakeBrowserWindow.instances.at(-1)!;
  return { window, log };
}

describe('clerk window', () => {
  it('is created with locked-down web preferences and our preload', () => {
    const { window } = open();
    expect(window.options.webPreferences).toEqual(
      expect.objectContaining({
        preload: preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
      }),
    );
    // Nothing that would loosen the sandbox sneaks in.
    expect(window.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(window.options.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('has the product title, the counter screen size and stays hidden until ready-to-show', () => {
    const { window } = open();
    expect(window.options).toEqual(
      expect.objectContaining({
        title: strings.appTitle,
        width: 1366,
        height: 768,
        minWidth: 1280,
        minHeight: 720,
        show: false,
      }),
    );
    expect(window.options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('keeps its title when the page sets another', () => {
    const { window } = open();
    const event = fakeEvent();
    window.emit('page-title-updated', event, 'something else');
    expect(event.defaultPrevented()).toBe(true);
  });

  it('loads the built renderer from disk', () => {
    const { window } = open();
    expect(window.loadFile).toHaveBeenCalledWith(join(outDir, 'renderer', 'index.html'));
    expect(window.loadURL).not.toHaveBeenCalled();
  });

  it('loads the dev server in development', () => {
    const { window } = open(resolveAppPage({ outDir, isPackaged: false, devServerUrl: 'http://localhost:5173/' }));
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(window.loadFile).not.toHaveBeenCalled();
  });

  it('logs a page that fails to load', () => {
    const page = resolveAppPage({ outDir, isPackaged: true });
    const log = vi.fn();
    createClerkWindow({ page, preloadPath, log });
    const window = FakeBrowserWindow.instances.at(-1)!;
    window.webContents.emit('did-fail-load', fakeEvent(), -6, 'ERR_FILE_NOT_FOUND', 'file:///opt/counter/out/renderer/index.html', true);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND'));
  });

  it('is a normal window with its menu unless kiosk is asked for', () => {
    const { window } = open();
    expect(window.options).toMatchObject({ kiosk: false, fullscreen: false });
    expect(window.removeMenu).not.toHaveBeenCalled();
  });

  it('kiosk: full screen, kiosk mode and no menu', () => {
    createClerkWindow({ page: resolveAppPage({ outDir, isPackaged: true }), preloadPath, kiosk: true, log: vi.fn() });
    const window = FakeBrowserWindow.instances.at(-1)!;
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    expect(window.removeMenu).toHaveBeenCalledTimes(1);
    // The same locked-down page as ever.
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });
});
