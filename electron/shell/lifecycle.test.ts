import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../shared/contract/wire';
import { strings } from '../../shared/i18n';
import type { CounterServices, EventListener, StartOptions } from '../services/app/types';
import { startShell, type ShellOptions } from './lifecycle';
import { ElectronPrinter } from './printing/electron-printer';
import { contentSecurityPolicyListener } from './security';
import { tempDir } from '../../test/support/temp-dir';
import { FakeBrowserWindow, fake, fakeEvent } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const outDir = resolve('/opt/counter/out');

beforeEach(() => fake.reset());

function fakeServices(): CounterServices & { close: ReturnType<typeof vi.fn> } {
  return {
    shell: 'electron',
    dataDir: '/fake/userData',
    handle: vi.fn(async () => ({ ok: true as const, result: null })),
    onEvent: vi.fn(() => () => undefined),
    slipPdf: vi.fn(() => null),
    exportFile: vi.fn(() => ({ ok: false as const, reason: 'missing' as const })),
    endConnection: vi.fn(),
    close: vi.fn(async () => undefined),
  };
}

function start(overrides: Partial<ShellOptions> = {}) {
  const services = fakeServices();
  const startServices = vi.fn(async (_options: StartOptions) => services);
  const log = vi.fn();
  // Crash dumps and the shell's settings are their own tests' business (crash-dumps.test.ts, below): nothing written under /fake.
  const result = startShell({ startServices, outDir, env: {}, log, crashDumps: vi.fn(), shellConfig: () => ({ kiosk: false }), ...overrides });
  return { result, services, startServices, log };
}

async function startReady(overrides: Partial<ShellOptions> = {}) {
  const started = start(overrides);
  fake.app.ready();
  if (started.result.status !== 'primary') throw new Error('expected the primary instance');
  await started.result.ready;
  return { ...started, window: FakeBrowserWindow.instances.at(-1) };
}

/** Lets promise callbacks (service close, quit) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('single instance', () => {
  it('quits at once when another instance holds the lock, starting nothing', async () => {
    fake.app.lock = false;
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const { result, startServices } = start();
      fake.app.ready();
      await settle();
      expect(result).toEqual({ status: 'second-instance' });
      expect(fake.app.quit).toHaveBeenCalledTimes(1);
      expect(startServices).not.toHaveBeenCalled();
      expect(fake.app.whenReady).not.toHaveBeenCalled();
      expect(FakeBrowserWindow.instances).toHaveLength(0);
      expect(fake.ipcMain.handle).not.toHaveBeenCalled();
      expect(stdout).toHaveBeenCalledWith(`${strings.shellMessages.alreadyRunning}\n`);
    } finally {
      stdout.mockRestore();
    }
  });

  it('the first instance brings its window forward on second-instance', async () => {
    const { window } = await startReady();
    window!.minimized = true;
    fake.app.emit('second-instance', fakeEvent(), ['electron', '.'], '/');
    expect(window!.restore).toHaveBeenCalled();
    expect(window!.show).toHaveBeenCalled();
    expect(window!.focus).toHaveBeenCalled();
  });

  it('COUNTER_DATA_DIR moves userData before the lock is taken', () => {
    const { startServices } = start({ env: { COUNTER_DATA_DIR: '/tmp/counter-2' } });
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', '/tmp/counter-2');
    expect(fake.app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(fake.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
    expect(startServices).toHaveBeenCalledWith(expect.objectContaining({ dataDir: '/tmp/counter-2' }));
  });
});

describe('start-up', () => {
  it('enables the sandbox and starts the services for the Electron shell in userData', () => {
    const { startServices } = start();
    expect(fake.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(startServices).toHaveBeenCalledWith(expect.objectContaining({ shell: 'electron', dataDir: '/fake/userData', saveFile: expect.any(Function) }));
  });

  it('hands the services a silent Electron printer for a printer in hardware mode', () => {
    const { startServices } = start();
    const printer = startServices.mock.calls[0]![0].hardwarePrinter!('Front_Laser');
    expect(printer).toBeInstanceOf(ElectronPrinter);
    expect(printer.kind).toBe('printer');
    expect(printer.name).toBe('打印机 Front_Laser');
  });

  it('on ready: hardens the default session, registers IPC, then creates the clerk window with the preload', async () => {
    const { window } = await startReady();
    expect(fake.session.defaultSession.headersListener).toBe(contentSecurityPolicyListener);
    expect(fake.session.defaultSession.requestHandler).not.toBeNull();
    expect(fake.ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(fake.ipcMain.handle.mock.invocationCallOrder[0]!).toBeLessThan(window!.loadFile.mock.invocationCallOrder[0]!);
    expect(window!.options.webPreferences.preload).toBe(join(outDir, 'preload', 'index.js'));
    expect(window!.loadFile).toHaveBeenCalledWith(join(outDir, 'renderer', 'index.html'));
  });

  it('guards the clerk window’s web contents (navigation, window.open)', async () => {
    const { window } = await startReady();
    const event = fakeEvent({ url: 'https://evil.example/' });
    window!.webContents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented()).toBe(true);
    expect(window!.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('the IPC handler trusts the clerk window showing our page', async () => {
    const { window, services } = await startReady();
    const handler = fake.ipcMain.handlers.get(IPC_INVOKE_CHANNEL)!;
    const contents = window!.webContents;
    await handler({ sender: contents, senderFrame: contents.mainFrame }, 'getSnapshot', {});
    expect(services.handle).toHaveBeenCalledWith('getSnapshot', {}, { connection: `ipc:${contents.id}`, role: 'clerk' });
  });

  it('removes the application menu in the packaged app only', async () => {
    await startReady();
    expect(fake.Menu.setApplicationMenu).not.toHaveBeenCalled();
    fake.reset();
    fake.app.isPackaged = true;
    await startReady();
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('if the services cannot start: a Chinese error box and exit code 1, no window', async () => {
    const startServices = vi.fn(async () => {
      throw new Error('数据库已被占用');
    });
    const result = startShell({ startServices, outDir, env: {}, log: vi.fn(), crashDumps: vi.fn() });
    fake.app.ready();
    if (result.status === 'primary') await result.ready;
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith(
      strings.shellMessages.startFailedTitle,
      strings.shellMessages.servicesFailed('数据库已被占用'),
    );
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('quitting', () => {
  it('quits when the window is closed', async () => {
    await startReady();
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
  });

  it('holds will-quit until the services are closed, then quits once', async () => {
    const { services } = await startReady();
    let finishClose: () => void = () => undefined;
    services.close.mockImplementation(() => new Promise<void>((resolve) => (finishClose = resolve)));

    const first = fakeEvent();
    fake.app.emit('will-quit', first);
    expect(first.defaultPrevented()).toBe(true);
    await settle();
    expect(services.close).toHaveBeenCalledTimes(1);
    expect(fake.ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);

    // A second quit attempt while closing waits too, and does not close twice.
    const again = fakeEvent();
    fake.app.emit('will-quit', again);
    expect(again.defaultPrevented()).toBe(true);
    expect(fake.app.quit).not.toHaveBeenCalled();

    finishClose();
    await settle();
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    const last = fakeEvent();
    fake.app.emit('will-quit', last);
    expect(last.defaultPrevented()).toBe(false);
    expect(services.close).toHaveBeenCalledTimes(1);
  });

  it('gives up on services that do not close in time', async () => {
    const { services, log } = await startReady({ closeTimeoutMs: 5 });
    services.close.mockImplementation(() => new Promise<void>(() => undefined));
    fake.app.emit('will-quit', fakeEvent());
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('未关闭'));
  });
});

describe('the citizen window', () => {
  const second = { id: 2, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } };

  it('opens full screen on the second display with the same preload, and IPC trusts it', async () => {
    fake.displays = [fake.displays[0]!, second];
    const { services } = await startReady();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    const citizen = FakeBrowserWindow.instances[1]!;
    expect(citizen.options).toMatchObject({
      x: 1366,
      y: 0,
      width: 1920,
      height: 1080,
      fullscreen: true,
      frame: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: join(outDir, 'preload', 'index.js') },
    });
    expect(citizen.loadFile).toHaveBeenCalledWith(join(outDir, 'renderer', 'citizen.html'));
    const handler = fake.ipcMain.handlers.get(IPC_INVOKE_CHANNEL)!;
    await handler({ sender: citizen.webContents, senderFrame: citizen.webContents.mainFrame }, 'getCitizenScreen', {});
    expect(services.handle).toHaveBeenCalledWith('getCitizenScreen', {}, { connection: `ipc:${citizen.webContents.id}`, role: 'citizen' });
  });

  it('gives the clerk window the clerk role and the citizen window the citizen role, and sends each only its events', async () => {
    fake.displays = [fake.displays[0]!, second];
    const { services } = await startReady();
    const publish = (services.onEvent as unknown as { mock: { calls: [EventListener][] } }).mock.calls[0]![0];
    const [clerk, citizen] = FakeBrowserWindow.instances;
    const handler = fake.ipcMain.handlers.get(IPC_INVOKE_CHANNEL)!;
    await handler({ sender: clerk!.webContents, senderFrame: clerk!.webContents.mainFrame }, 'getSnapshot', {});
    expect(services.handle).toHaveBeenLastCalledWith('getSnapshot', {}, { connection: `ipc:${clerk!.webContents.id}`, role: 'clerk' });
    publish('case.changed', null);
    publish('evaluation.request', null as never);
    expect(citizen!.webContents.sent.map((call) => call[1])).toEqual(['evaluation.request']);
    expect(clerk!.webContents.sent.map((call) => call[1])).toEqual(['case.changed']);
  });

  it('once the citizen window is closed, its web contents may call nothing and hear nothing', async () => {
    fake.displays = [fake.displays[0]!, second];
    const { services } = await startReady();
    const publish = (services.onEvent as unknown as { mock: { calls: [EventListener][] } }).mock.calls[0]![0];
    const citizen = FakeBrowserWindow.instances[1]!;
    citizen.emit('closed');
    const handler = fake.ipcMain.handlers.get(IPC_INVOKE_CHANNEL)!;
    const reply = await handler({ sender: citizen.webContents, senderFrame: citizen.webContents.mainFrame }, 'getCitizenScreen', {});
    expect(reply).toMatchObject({ ok: false });
    publish('evaluation.request', null as never);
    expect(citizen.webContents.sent).toEqual([]);
  });

  it('is not opened on a counter with one display, and says so in the log', async () => {
    const { log } = await startReady();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(log).toHaveBeenCalledWith(strings.shellMessages.noSecondDisplay);
  });

  it('closes with the clerk window', async () => {
    fake.displays = [fake.displays[0]!, second];
    await startReady();
    const [clerk, citizen] = FakeBrowserWindow.instances;
    clerk!.emit('closed');
    expect(citizen!.destroy).toHaveBeenCalled();
  });
});

describe('counter operation', () => {
  const second = { id: 2, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } };

  it('keeps crash dumps in the data directory, set up before Electron is ready', () => {
    const crashDumps = vi.fn();
    start({ crashDumps, env: { COUNTER_DATA_DIR: '/tmp/counter-3' } });
    expect(crashDumps).toHaveBeenCalledWith('/tmp/counter-3', expect.any(Function));
    expect(crashDumps.mock.invocationCallOrder[0]!).toBeLessThan(fake.app.whenReady.mock.invocationCallOrder[0]!);
  });

  it('shell.kiosk in config.json: the clerk window opens full screen in kiosk mode, with no menu even in development', async () => {
    const dataDir = tempDir('shell-kiosk-');
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ shell: { kiosk: true } }));
    const { window, log } = await startReady({ env: { COUNTER_DATA_DIR: dataDir }, shellConfig: undefined });
    expect(window!.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(window!.removeMenu).toHaveBeenCalled();
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(log).toHaveBeenCalledWith(strings.counterOperation.kiosk);
  });

  it('without shell.kiosk the clerk window is as it always was', async () => {
    const dataDir = tempDir('shell-kiosk-');
    writeFileSync(join(dataDir, 'config.json'), '{}');
    const { window } = await startReady({ env: { COUNTER_DATA_DIR: dataDir }, shellConfig: undefined });
    expect(window!.options).toMatchObject({ kiosk: false, fullscreen: false });
    expect(fake.Menu.setApplicationMenu).not.toHaveBeenCalled();
  });

  it('settings that cannot be read still open a normal clerk window, and the log says why', async () => {
    const { window, log } = await startReady({
      shellConfig: () => {
        throw new Error('EACCES');
      },
    });
    expect(window!.options).toMatchObject({ kiosk: false });
    expect(log).toHaveBeenCalledWith(strings.counterOperation.configUnreadable('EACCES'));
  });

  it('keeps the display awake while the window is open for service, and lets it sleep at quit', async () => {
    const services = fakeServices();
    services.handle = vi.fn(async (method: unknown) => ({ ok: true as const, result: method === 'getServiceDay' ? { phase: 'open' } : null }));
    await startReady({ startServices: async () => services });
    await settle();
    expect([...fake.powerSaveBlocker.active.values()]).toEqual(['prevent-display-sleep']);
    const publish = (services.onEvent as unknown as { mock: { calls: [EventListener][] } }).mock.calls;
    for (const [listener] of publish) listener('serviceDay.changed', { phase: 'paused' } as never);
    expect(fake.powerSaveBlocker.active.size).toBe(1);
    fake.app.emit('will-quit', fakeEvent());
    expect(fake.powerSaveBlocker.active.size).toBe(0);
  });

  it('the citizen window follows the second display: opened when plugged in (and trusted as the citizen), closed when unplugged', async () => {
    const { services } = await startReady();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    fake.screen.change('display-added', [fake.displays[0]!, second]);
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    const citizen = FakeBrowserWindow.instances[1]!;
    expect(citizen.options).toMatchObject({ x: 1366, width: 1920, fullscreen: true });
    const handler = fake.ipcMain.handlers.get(IPC_INVOKE_CHANNEL)!;
    await handler({ sender: citizen.webContents, senderFrame: citizen.webContents.mainFrame }, 'getCitizenScreen', {});
    expect(services.handle).toHaveBeenLastCalledWith('getCitizenScreen', {}, { connection: `ipc:${citizen.webContents.id}`, role: 'citizen' });

    fake.screen.change('display-removed', [fake.displays[0]!]);
    expect(citizen.destroy).toHaveBeenCalled();
    const reply = await handler({ sender: citizen.webContents, senderFrame: citizen.webContents.mainFrame }, 'getCitizenScreen', {});
    expect(reply).toMatchObject({ ok: false });
  });

  it('stops following the displays once the clerk window is closed', async () => {
    await startReady();
    FakeBrowserWindow.instances[0]!.emit('closed');
    fake.screen.change('display-added', [fake.displays[0]!, second]);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});
