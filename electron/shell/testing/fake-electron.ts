/**
 * A stand-in for the parts of `electron` the shell uses, for unit tests
 * (the Electron binary is not available on CI machines). Each test file does
 *
 *   vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);
 *
 * and drives `fake` (same instance) to play Electron's part: emit app
 * events, call the handlers the shell registered, read what it sent.
 * Objects are stable for the whole file; `fake.reset()` clears them between tests.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

type AnyFn = (...args: unknown[]) => unknown;

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(public url: string) {}
}

export class FakeSession extends EventEmitter {
  headersListener: AnyFn | null = null;
  requestHandler: AnyFn | null = null;
  checkHandler: AnyFn | null = null;
  deviceHandler: AnyFn | null = null;
  readonly webRequest = {
    onHeadersReceived: vi.fn((listener: AnyFn) => {
      this.headersListener = listener;
    }),
  };
  readonly setPermissionRequestHandler = vi.fn((handler: AnyFn) => {
    this.requestHandler = handler;
  });
  readonly setPermissionCheckHandler = vi.fn((handler: AnyFn) => {
    this.checkHandler = handler;
  });
  readonly setDevicePermissionHandler = vi.fn((handler: AnyFn) => {
    this.deviceHandler = handler;
  });
}

export class FakeWebContents extends EventEmitter {
  private static lastId = 0;
  /** Like Electron's webContents.id: unique per contents. */
  readonly id = ++FakeWebContents.lastId;
  private url = '';
  destroyed = false;
  readonly mainFrame = new FakeFrame('');
  windowOpenHandler: AnyFn | null = null;
  readonly sent: unknown[][] = [];
  readonly printToPDF = vi.fn(async (_options: unknown) => Buffer.from('%PDF-fake'));
  /** Like Electron's NativeImage of the captured rect (a 1× display: the rect's own size). */
  readonly capturePage = vi.fn(async (rect: { width: number; height: number }) => ({
    getSize: () => ({ width: rect.width, height: rect.height }),
    resize: vi.fn(),
    toPNG: () => Buffer.from(`PNG ${rect.width}x${rect.height}`),
  }));
  /** Like Electron: the callback gets (success, failureReason) once the job is spooled; `fake.printOutcome` decides which. */
  readonly print = vi.fn((options: unknown, callback?: (success: boolean, failureReason: string) => void) => {
    void fake.printOutcome(options).then(([success, reason]) => callback?.(success, reason));
  });
  readonly getPrintersAsync = vi.fn(async () => {
    if (fake.printersError) throw fake.printersError;
    return fake.printers.map((p) => ({ ...p }));
  });
  /** The Chrome DevTools protocol as the shell uses it: print media, a viewport, the page's laid-out size. */
  readonly debugger = new FakeDebugger();
  constructor(readonly session: FakeSession) {
    super();
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: AnyFn): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  /** As if the main frame had committed a navigation to `url`. */
  showUrl(url: string): void {
    this.url = url;
    this.mainFrame.url = url;
  }
  /** A child frame of the main frame, showing `url`. */
  subframe(url: string): FakeFrame {
    const frame = new FakeFrame(url);
    frame.parent = this.mainFrame;
    return frame;
  }
}

export class FakeDebugger {
  attached = false;
  readonly attach = vi.fn(() => {
    if (this.attached) throw new Error('Another debugger is already attached');
    this.attached = true;
  });
  readonly detach = vi.fn(() => {
    this.attached = false;
  });
  isAttached(): boolean {
    return this.attached;
  }
  readonly sendCommand = vi.fn(async (method: string, _params?: unknown): Promise<unknown> => {
    if (!this.attached) throw new Error('Debugger is not attached');
    if (method === 'Page.getLayoutMetrics') return { cssContentSize: { x: 0, y: 0, width: 279, height: fake.contentHeightPx } };
    return {};
  });
}

/** An Electron-like event: records preventDefault and carries extra fields. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented(): boolean } {
  const preventDefault = vi.fn();
  return Object.assign(Object.create(null) as object, fields, {
    preventDefault,
    defaultPrevented: () => preventDefault.mock.calls.length > 0,
  }) as T & { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented(): boolean };
}

export class FakeApp extends EventEmitter {
  lock = true;
  isPackaged = false;
  private paths = new Map<string, string>([['userData', '/fake/userData']]);
  private markReady: () => void = () => undefined;
  private readyPromise: Promise<void> = Promise.resolve();
  readonly requestSingleInstanceLock = vi.fn(() => this.lock);
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly enableSandbox = vi.fn();
  readonly getPath = vi.fn((name: string) => this.paths.get(name) ?? `/fake/${name}`);
  readonly setPath = vi.fn((name: string, value: string) => {
    this.paths.set(name, value);
  });
  readonly whenReady = vi.fn(() => this.readyPromise);

  reset(): void {
    this.removeAllListeners();
    this.lock = true;
    this.isPackaged = false;
    this.paths = new Map([['userData', '/fake/userData']]);
    this.readyPromise = new Promise((resolve) => {
      this.markReady = resolve;
    });
    for (const fn of [this.requestSingleInstanceLock, this.quit, this.exit, this.enableSandbox, this.getPath, this.setPath, this.whenReady]) {
      fn.mockClear();
    }
  }
  /** Electron finished starting: whenReady() resolves. */
  ready(): void {
    this.markReady();
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  destroyed = false;
  minimized = false;
  readonly show = vi.fn();
  readonly showInactive = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  readonly loadFile = vi.fn(async (path: string) => {
    this.webContents.showUrl(pathToFileURL(path).href);
  });
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.showUrl(url);
  });
  constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    super();
    this.webContents = new FakeWebContents(fake.session.defaultSession);
    FakeBrowserWindow.instances.push(this);
    // Electron announces every new web contents, the window's included.
    fake.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  /** Like Electron: 'closed' is emitted once, even though 'close' and beforeunload are skipped. */
  readonly destroy = vi.fn(() => {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  });
  readonly removeMenu = vi.fn();
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  /** Where the window was placed (its constructor options; Electron's default size otherwise). */
  getBounds(): { x: number; y: number; width: number; height: number } {
    const o = this.options as { x?: number; y?: number; width?: number; height?: number };
    return { x: o.x ?? 0, y: o.y ?? 0, width: o.width ?? 800, height: o.height ?? 600 };
  }
}

type FakeRect = { x: number; y: number; width: number; height: number };
/** A display as the shell reads it: its id and bounds. */
export type FakeDisplay = { id: number; bounds: FakeRect };

/** Electron's screen: the displays tests set, and the plug/unplug events they emit. */
export class FakeScreen extends EventEmitter {
  getAllDisplays(): FakeDisplay[] {
    return fake.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    return fake.displays[0]!;
  }
  /** Like Electron: the display the rectangle overlaps most (the primary when it overlaps none). */
  getDisplayMatching(rect: FakeRect): FakeDisplay {
    const overlap = (b: FakeRect) =>
      Math.max(0, Math.min(rect.x + rect.width, b.x + b.width) - Math.max(rect.x, b.x)) *
      Math.max(0, Math.min(rect.y + rect.height, b.y + b.height) - Math.max(rect.y, b.y));
    let best = this.getPrimaryDisplay();
    for (const d of fake.displays) if (overlap(d.bounds) > overlap(best.bounds)) best = d;
    return best;
  }
  /** The system changed its displays: replace them, then emit the event as Electron does. */
  change(event: 'display-added' | 'display-removed' | 'display-metrics-changed', displays: FakeDisplay[]): void {
    fake.displays = displays;
    this.emit(event, fakeEvent(), displays.at(-1));
  }
}

/** Electron's powerSaveBlocker: ids of the blockers started and not yet stopped. */
export class FakePowerSaveBlocker {
  private next = 0;
  readonly active = new Map<number, string>();
  readonly start = vi.fn((type: string) => {
    const id = this.next++;
    this.active.set(id, type);
    return id;
  });
  readonly stop = vi.fn((id: number) => {
    this.active.delete(id);
  });
  isStarted(id: number): boolean {
    return this.active.has(id);
  }
  reset(): void {
    this.active.clear();
    this.start.mockClear();
    this.stop.mockClear();
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, AnyFn>();
  readonly handle = vi.fn((channel: string, handler: AnyFn) => {
    // Like Electron: a second handler on one channel is an error.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  readonly removeHandler = vi.fn((channel: string) => {
    this.handlers.delete(channel);
  });
  reset(): void {
    this.handlers.clear();
    this.handle.mockClear();
    this.removeHandler.mockClear();
  }
}

export class FakeIpcRenderer extends EventEmitter {
  readonly invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined);
  reset(): void {
    this.removeAllListeners();
    this.invoke.mockReset();
  }
}

/** A system printer as webContents.getPrintersAsync() reports it. */
export interface FakePrinter {
  name: string;
  displayName: string;
  description: string;
  options: Record<string, string>;
}

export const fake = {
  app: new FakeApp(),
  /** The system's printers. */
  printers: [] as FakePrinter[],
  /** Set to make getPrintersAsync fail (the print spooler not running). */
  printersError: null as Error | null,
  /** What webContents.print reports for a job: success, or the failure reason Electron gives. Tests replace it. */
  printOutcome: async (_options: unknown): Promise<[boolean, string]> => [true, ''],
  /** The height, in CSS px, that Page.getLayoutMetrics reports for a slip. */
  contentHeightPx: 900,
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  session: { defaultSession: new FakeSession() },
  contextBridge: {
    exposeInMainWorld: vi.fn(),
    exposeInIsolatedWorld: vi.fn(),
    executeInMainWorld: vi.fn(),
  },
  dialog: {
    showErrorBox: vi.fn(),
    showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> => ({ canceled: true })),
  },
  Menu: { setApplicationMenu: vi.fn() },
  /** Displays the shell sees; tests set a second one to get the citizen window. */
  displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }] as FakeDisplay[],
  screen: new FakeScreen(),
  powerSaveBlocker: new FakePowerSaveBlocker(),
  crashReporter: { start: vi.fn() },
  reset(): void {
    this.printers = [];
    this.printersError = null;
    this.printOutcome = async () => [true, ''];
    this.contentHeightPx = 900;
    this.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }];
    this.app.reset();
    this.ipcMain.reset();
    this.ipcRenderer.reset();
    this.session.defaultSession = new FakeSession();
    this.screen.removeAllListeners();
    this.powerSaveBlocker.reset();
    this.crashReporter.start.mockReset();
    FakeBrowserWindow.instances = [];
    for (const fn of [...Object.values(this.contextBridge), this.dialog.showErrorBox, this.Menu.setApplicationMenu]) fn.mockClear();
    this.dialog.showSaveDialog.mockReset();
    this.dialog.showSaveDialog.mockImplementation(async () => ({ canceled: true }));
  },
};
fake.reset();

/** What `vi.mock('electron', …)` returns: the same objects as `fake`. */
export const fakeElectronModule = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: fake.ipcMain,
  ipcRenderer: fake.ipcRenderer,
  contextBridge: fake.contextBridge,
  dialog: fake.dialog,
  Menu: fake.Menu,
  screen: fake.screen,
  powerSaveBlocker: fake.powerSaveBlocker,
  crashReporter: fake.crashReporter,
  // A getter: reset() swaps the default session for a fresh one.
  session: {
    get defaultSession() {
      return fake.session.defaultSession;
    },
  },
};
