import { BrowserWindow, type Display } from 'electron';
import { strings } from '../../shared/i18n';
import { CITIZEN_PAGE, type AppPage } from './app-page';
import { describeUrl } from './security';

export interface CitizenWindowOptions {
  page: AppPage;
  preloadPath: string;
  /** The citizen-facing display (the second screen or the evaluator tablet). */
  display: Display;
  log: (line: string) => void;
}

/**
 * The citizen-facing window: full screen on the second display (chosen, and
 * followed as displays come and go, by citizen-display.ts), no frame,
 * the same hardened preferences and preload as the clerk window (the page
 * talks to the same CounterApi). Not created when the counter has only one
 * display: the citizen page then runs on a keypad evaluator or not at all.
 */
export function createCitizenWindow(options: CitizenWindowOptions): BrowserWindow {
  const { page, preloadPath, display, log } = options;
  const { x, y, width, height } = display.bounds;
  const window = new BrowserWindow({
    title: strings.appTitle,
    x,
    y,
    width,
    height,
    fullscreen: true,
    frame: false,
    show: false,
    backgroundColor: '#f0f4f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => window.showInactive());
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame) log(`桌面外壳：评价页加载失败 ${code} ${description}（${describeUrl(url)}）`);
  });
  const loading = page.kind === 'file' ? window.loadFile(page.citizenFilePath) : window.loadURL(new URL(CITIZEN_PAGE, page.url).href);
  loading.catch((error: unknown) => log(`桌面外壳：评价页未能加载：${error instanceof Error ? error.message : String(error)}`));
  return window;
}
