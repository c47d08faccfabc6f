import { join } from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow, type WebContents } from 'electron';
import { strings } from '../../shared/i18n';
import type { CounterServices, StartOptions } from '../services/app/types';
import { createFileLog } from '../services/log/file-log';
import { isReadOnlyDirectory } from '../services/app/storage-gate';
import { resolveAppPage } from './app-page';
import { createCitizenWindow } from './citizen-window';
import { followCitizenDisplay, type CitizenScreen } from './citizen-display';
import { keepCrashDumpsLocally } from './crash-dumps';
import { keepDisplayAwakeDuringService } from './display-awake';
import { createClerkWindow } from './clerk-window';
import { registerIpc } from './ipc';
import { hardenSession, installSecurityHooks } from './security';
import { ElectronPrinter } from './printing/electron-printer';
import { ElectronPdfRenderer } from './slip-pdf';
import { saveFileWithDialog } from './export-save';
import { defaultKeyDir } from '../services/privacy/key-store';
import { SafeStorageKeyStore } from './safe-storage-key-store';
import { resolveConfig } from '../services/config/config-file';
import type { CounterConfig } from '../../shared/contract';

export interface ShellOptions {
  /** startCounterServices; injected so tests run the lifecycle without a database. */
  startServices: (options: StartOptions) => Promise<CounterServices>;
  /** The build output folder (out/): main/, preload/, renderer/. */
  outDir: string;
  env?: NodeJS.ProcessEnv;
  /** Defaults to the daily diagnostic file under the data directory (echoed to stderr), shared with the services. */
  log?: (line: string) => void;
  /** How long quitting waits for the services to close before giving up on them. */
  closeTimeoutMs?: number;
  /** The shell's settings (config.json `shell`), read once the services started; default: the merged configuration, read without writing. */
  shellConfig?: (dataDir: string) => CounterConfig['shell'];
  /** Crash dumps kept in the data directory (crash-dumps.ts); injected so lifecycle tests write nothing. */
  crashDumps?: (dataDir: string, log: (line: string) => void) => void;
}

export type ShellStart =
  /** Another instance holds the lock: this one only asked it to show itself, and quits. */
  | { status: 'second-instance' }
  /** Settles once the clerk window exists (or start-up failed and the app is exiting). */
  | { status: 'primary'; ready: Promise<void> };

/**
 * The Electron app's lifecycle: one instance per data directory, sandbox for
 * every renderer, security hooks before any window, services started once,
 * IPC registered before the clerk window loads, services closed before exit.
 */
export function startShell(options: ShellOptions): ShellStart {
  const env = options.env ?? process.env;

  // COUNTER_DATA_DIR (as in the web shell) moves Electron's userData too,
  // so the single-instance lock, Chromium's profile and our database all
  // follow it: two counters on one PC, or a test on a temporary folder.
  if (env.COUNTER_DATA_DIR) app.setPath('userData', env.COUNTER_DATA_DIR);
  const dataDir = app.getPath('userData');
  const log = options.log ?? createFileLog(dataDir);

  // Chromium keeps the lock as a file in userData: on a read-only data directory it is refused although no other
  // instance runs. The counter then starts anyway, so that the clerk screen can say why nothing can be saved.
  if (!app.requestSingleInstanceLock() && !startsWithoutLock(dataDir, log)) {
    // The running instance gets 'second-instance' and brings its window forward.
    process.stdout.write(`${strings.shellMessages.alreadyRunning}\n`);
    app.quit();
    return { status: 'second-instance' };
  }

  // Every renderer sandboxed, whatever a window's preferences say.
  app.enableSandbox();
  // Before ready, so that every process the app starts is watched; dumps stay on this PC.
  (options.crashDumps ?? keepCrashDumpsLocally)(dataDir, log);

  const page = resolveAppPage({
    outDir: options.outDir,
    isPackaged: app.isPackaged,
    devServerUrl: env.ELECTRON_RENDERER_URL,
    log,
  });
  installSecurityHooks({ page, log });

  let clerkWindow: BrowserWindow | null = null;
  let citizenScreen: CitizenScreen | null = null;
  let disposeIpc: (() => void) | null = null;
  let disposeDisplayAwake: (() => void) | null = null;

  app.on('second-instance', () => {
    if (!clerkWindow || clerkWindow.isDestroyed()) return;
    if (clerkWindow.isMinimized()) clerkWindow.restore();
    clerkWindow.show();
    clerkWindow.focus();
  });

  // Started at once: opening the database and devices overlaps with
  // Electron getting ready. The catch only marks the rejection as seen;
  // it is reported where the promise is awaited.
  const services = options.startServices({
    shell: 'electron',
    dataDir,
    log,
    pdfRenderer: new ElectronPdfRenderer(),
    // A printer in hardware mode prints silently through Electron, on Windows as on Linux.
    hardwarePrinter: (printerName) => new ElectronPrinter(printerName),
    // A lead's export leaves through the save dialog (page downloads stay blocked).
    saveFile: saveFileWithDialog(() => (clerkWindow && !clerkWindow.isDestroyed() ? clerkWindow : null)),
    // The field key sealed by the OS, or the account's key file where the OS cannot seal (electron/services/privacy).
    keyStore: new SafeStorageKeyStore(dataDir, defaultKeyDir(), log),
  });
  services.catch(() => undefined);

  const ready = app.whenReady().then(async () => {
    // No application menu in the packaged app: no Reload, no DevTools
    // accelerators for the clerk. Development keeps Electron's default.
    if (app.isPackaged) Menu.setApplicationMenu(null);
    hardenSession(session.defaultSession, { page, log });

    let running: CounterServices;
    try {
      running = await services;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(`桌面外壳：终端服务启动失败：${reason}`);
      dialog.showErrorBox(strings.shellMessages.startFailedTitle, strings.shellMessages.servicesFailed(reason));
      app.exit(1);
      return;
    }

    const citizenWindow = () => citizenScreen?.window() ?? null;
    disposeIpc = registerIpc({
      services: running,
      page,
      trustedContents: () => [clerkWindow, citizenWindow()].filter((w): w is BrowserWindow => w !== null && !w.isDestroyed()).map((w) => w.webContents),
      // The shell made each window and knows what it is: the citizen window calls only the citizen's methods and hears only its events.
      roleOf: (contents) => (isWindowOf(clerkWindow, contents) ? 'clerk' : isWindowOf(citizenWindow(), contents) ? 'citizen' : null),
      log,
    });
    const preloadPath = join(options.outDir, 'preload', 'index.js');
    const { kiosk } = readShellConfig(dataDir, options.shellConfig, log);
    if (kiosk) {
      // No application menu at all, in development too: a kiosk counter offers nothing but the page.
      Menu.setApplicationMenu(null);
      log(strings.counterOperation.kiosk);
    }
    clerkWindow = createClerkWindow({ page, preloadPath, kiosk, log });
    clerkWindow.on('closed', () => {
      clerkWindow = null;
      // The citizen screen lives and ends with the clerk's.
      citizenScreen?.dispose();
    });
    // On the second display, and following it as displays are plugged and unplugged.
    citizenScreen = followCitizenDisplay({
      open: (display) => createCitizenWindow({ page, preloadPath, display, log }),
      clerkWindow: () => clerkWindow,
      log,
    });
    disposeDisplayAwake = keepDisplayAwakeDuringService({ services: running, log });
  });
  ready.catch((error: unknown) => {
    log(`桌面外壳：启动失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(1);
  });

  // One window is the app: closing it ends the session, on every platform.
  app.on('window-all-closed', () => app.quit());

  // Electron does not wait for async 'will-quit' work, so quitting is held
  // once, the services are closed (database, device ports), and quit resumes.
  let closeState: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (closeState === 'closed') return;
    event.preventDefault();
    if (closeState === 'closing') return;
    closeState = 'closing';
    disposeIpc?.();
    disposeIpc = null;
    // The display may sleep again once the counter is gone.
    disposeDisplayAwake?.();
    disposeDisplayAwake = null;
    citizenScreen?.dispose();
    void closeServices(services, options.closeTimeoutMs ?? 5000, log).finally(() => {
      closeState = 'closed';
      app.quit();
    });
  });

  return { status: 'primary', ready: ready.catch(() => undefined) };
}

/** The live window shows these web contents. */
function isWindowOf(window: BrowserWindow | null, contents: WebContents): boolean {
  return window !== null && !window.isDestroyed() && window.webContents === contents;
}

/** config.json `shell`, as the counter's merged configuration has it; the defaults when it cannot be read (a window must still open). */
function readShellConfig(
  dataDir: string,
  read: ((dataDir: string) => CounterConfig['shell']) | undefined,
  log: (line: string) => void,
): CounterConfig['shell'] {
  try {
    return read ? read(dataDir) : resolveConfig(dataDir).config.shell;
  } catch (error) {
    log(strings.counterOperation.configUnreadable(error instanceof Error ? error.message : String(error)));
    return { kiosk: false };
  }
}

/** The single-instance lock was refused: true when that is only because the data directory is read-only. */
function startsWithoutLock(dataDir: string, log: (line: string) => void): boolean {
  if (!isReadOnlyDirectory(dataDir)) return false;
  log(strings.storageHealth.log.lockSkipped);
  return true;
}

/** Closes the services if they started; never waits longer than timeoutMs. */
async function closeServices(services: Promise<CounterServices>, timeoutMs: number, log: (line: string) => void): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const closing = services.then(
      (running) => running.close(),
      () => undefined, // never started: nothing to close
    );
    if ((await Promise.race([closing, timeout])) === 'timeout') log(`桌面外壳：终端服务 ${timeoutMs} 毫秒内未关闭，直接退出`);
  } catch (error) {
    log(`桌面外壳：关闭终端服务出错：${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
