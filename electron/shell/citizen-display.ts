import { screen, type BrowserWindow, type Display, type Rectangle } from 'electron';
import { strings } from '../../shared/i18n';

const s = strings.counterOperation.citizenScreen;

/** What a display is to the choice: its id and where it lies. */
export type DisplayPlace = Pick<Display, 'id' | 'bounds'>;

export interface CitizenPlacementInput {
  displays: readonly DisplayPlace[];
  primaryId: number;
  /** The display the clerk window is on (mostly the primary); never given to the citizen. null: not known. */
  clerkDisplayId: number | null;
  /** Where the citizen window is now; null when there is none. */
  current: DisplayPlace | null;
}

export type CitizenPlacement =
  | { action: 'keep' }
  | { action: 'open'; display: DisplayPlace }
  | { action: 'move'; display: DisplayPlace }
  | { action: 'close' };

const sameBounds = (a: Rectangle, b: Rectangle) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/**
 * Where the citizen screen belongs after a display was plugged, unplugged or
 * changed: on a display that is neither the primary nor the clerk's — the one
 * it is on, while that one is still there, so it does not jump between a
 * third and a second screen; otherwise the first such display. None left:
 * closed, because the system would move it onto the clerk's screen.
 */
export function placeCitizenWindow(input: CitizenPlacementInput): CitizenPlacement {
  const { displays, primaryId, clerkDisplayId, current } = input;
  const candidates = displays.filter((d) => d.id !== primaryId && d.id !== clerkDisplayId);
  const target = (current && candidates.find((d) => d.id === current.id)) ?? candidates[0] ?? null;
  if (!target) return current ? { action: 'close' } : { action: 'keep' };
  if (!current) return { action: 'open', display: target };
  // Same display, other size (a resolution change, a rotation): placed again to fill it.
  if (target.id !== current.id || !sameBounds(target.bounds, current.bounds)) return { action: 'move', display: target };
  return { action: 'keep' };
}

export interface CitizenScreenOptions {
  /** Opens the citizen window full screen on the display (createCitizenWindow). */
  open: (display: Display) => BrowserWindow;
  /** The clerk's window, whose display the citizen screen must never take. */
  clerkWindow: () => BrowserWindow | null;
  log: (line: string) => void;
}

export interface CitizenScreen {
  /** The citizen window now open, if any. */
  window(): BrowserWindow | null;
  /** Stops following the displays and closes the citizen window. */
  dispose(): void;
}

const DISPLAY_EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'] as const;

/**
 * The citizen screen on the second display, following plug and unplug:
 * placed at once, then again on every display event. A move is a close and
 * a fresh window on the new display: a full-screen window moved between
 * displays is not reliably resized on X11 and Windows, and the citizen page
 * gets its whole state from the services when it loads.
 */
export function followCitizenDisplay(options: CitizenScreenOptions): CitizenScreen {
  const { open, clerkWindow, log } = options;
  let current: { window: BrowserWindow; place: DisplayPlace } | null = null;
  let disposed = false;

  const close = () => {
    const closing = current;
    current = null;
    if (closing && !closing.window.isDestroyed()) closing.window.destroy();
  };

  const openOn = (display: Display) => {
    const window = open(display);
    const entry = { window, place: { id: display.id, bounds: { ...display.bounds } } };
    current = entry;
    // Closed by anything else (the clerk window ending the app, a crash): forgotten, so a later display event may open it again.
    window.on('closed', () => {
      if (current === entry) current = null;
    });
  };

  const place = () => {
    if (disposed) return;
    const clerk = clerkWindow();
    const clerkDisplayId = clerk && !clerk.isDestroyed() ? screen.getDisplayMatching(clerk.getBounds()).id : null;
    const displays = screen.getAllDisplays();
    const choice = placeCitizenWindow({ displays, primaryId: screen.getPrimaryDisplay().id, clerkDisplayId, current: current?.place ?? null });
    if (choice.action === 'keep') return;
    if (choice.action === 'close') {
      close();
      log(s.closed);
      return;
    }
    const display = displays.find((d) => d.id === choice.display.id)!;
    if (choice.action === 'move') close();
    openOn(display);
    const { width, height } = display.bounds;
    log(choice.action === 'open' ? s.opened(display.id, width, height) : s.moved(display.id, width, height));
  };

  for (const event of DISPLAY_EVENTS) screen.on(event as 'display-added', place);
  place();
  if (!current) log(strings.shellMessages.noSecondDisplay);

  return {
    window: () => (current && !current.window.isDestroyed() ? current.window : null),
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const event of DISPLAY_EVENTS) screen.removeListener(event as 'display-added', place);
      close();
    },
  };
}
