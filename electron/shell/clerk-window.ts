import { BrowserWindow } from 'electron';
import { strings } from '../../shared/i18n';
import { describeUrl } from './security';
import type { AppPage } from './app-page';

export interface ClerkWindowOptions {
  page: AppPage;
  /** Absolute path of the built preload (out/preload/index.js). */
  preloadPath: string;
  /** config.json shell.kiosk: full screen (Electron's kiosk mode), no menu. Default false: a normal window. */
  kiosk?: boolean;
  log: (line: string) => void;
}

/** The renderer's page background (--c-bg in renderer/theme.css): no white flash while it loads. */
export const CLERK_WINDOW_BACKGROUND = '#eef2f6';

/**
 * Creates the clerk's window and loads our page into it.
 *
 * The options are written out in the `new BrowserWindow({...})` call itself,
 * not built by a helper: electronegativity (scripts/electronegativity-gate.mjs)
 * reads the literal there, and a reviewer sees every web preference in one
 * place. Tests read them back from the constructor call.
 */
export function createClerkWindow(options: ClerkWindowOptions): BrowserWindow {
  const { page, preloadPath, log } = options;
  const kiosk = options.kiosk === true;
  const window = new BrowserWindow({
    title: strings.appTitle,
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    // Shown on ready-to-show: the clerk never sees a half-drawn page.
    show: false,
    backgroundColor: CLERK_WINDOW_BACKGROUND,
    autoHideMenuBar: true,
    // A kiosk counter: the clerk window fills the screen and cannot be left (no window frame to drag, no task switching on macOS).
    kiosk,
    fullscreen: kiosk,
    webPreferences: {
      preload: preloadPath,
      // The page gets only what the preload hands over with contextBridge.
      contextIsolation: true,
      // The renderer process runs in Chromium's OS sandbox; the preload can
      // require nothing but 'electron'.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle click must not open anything (see setWindowOpenHandler too).
      disableBlinkFeatures: 'Auxclick',
      // A file dropped on the window must not replace our page.
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });

  // Not even Alt (autoHideMenuBar) brings a menu back in kiosk mode.
  if (kiosk) window.removeMenu();
  window.once('ready-to-show', () => window.show());
  // The page sets its own title; keep ours, which names the product.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame) log(`桌面外壳：页面加载失败 ${code} ${description}（${describeUrl(url)}）`);
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    log(`桌面外壳：页面进程已退出（${details.reason}，退出码 ${details.exitCode}）`);
  });

  const loading = page.kind === 'file' ? window.loadFile(page.filePath) : window.loadURL(page.url);
  loading.catch((error: unknown) => {
    log(`桌面外壳：页面未能加载：${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}
