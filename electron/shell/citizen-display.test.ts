import { join, resolve } from 'node:path';
import type { Display } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { strings } from '../../shared/i18n';
import { resolveAppPage } from './app-page';
import { followCitizenDisplay, placeCitizenWindow, type DisplayPlace } from './citizen-display';
import { createCitizenWindow } from './citizen-window';
import { createClerkWindow } from './clerk-window';
import { FakeBrowserWindow, fake, type FakeDisplay } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

beforeEach(() => fake.reset());

const laptop: FakeDisplay = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } };
const second: FakeDisplay = { id: 2, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } };
const third: FakeDisplay = { id: 3, bounds: { x: 3286, y: 0, width: 1280, height: 1024 } };
const secondRotated: FakeDisplay = { id: 2, bounds: { x: 1366, y: 0, width: 1080, height: 1920 } };

describe('placeCitizenWindow', () => {
  it('chooses as a counter needs it', () => {
    const place = (displays: DisplayPlace[], current: DisplayPlace | null, clerkDisplayId: number | null = 1) =>
      placeCitizenWindow({ displays, primaryId: 1, clerkDisplayId, current });
    // One display: none, and an open one is closed (the system would put it over the clerk's screen).
    expect(place([laptop], null)).toEqual({ action: 'keep' });
    expect(place([laptop], second)).toEqual({ action: 'close' });
    // A second display appears: opened there; already there: kept.
    expect(place([laptop, second], null)).toEqual({ action: 'open', display: second });
    expect(place([laptop, second], second)).toEqual({ action: 'keep' });
    // Its size changed: placed again on the same display.
    expect(place([laptop, secondRotated], second)).toEqual({ action: 'move', display: secondRotated });
    // A third display does not pull it away; losing its own display moves it to the one left.
    expect(place([laptop, second, third], second)).toEqual({ action: 'keep' });
    expect(place([laptop, third], second)).toEqual({ action: 'move', display: third });
    // Never on the clerk's display, even when that is not the primary.
    expect(place([laptop, second], null, 2)).toEqual({ action: 'keep' });
    expect(place([laptop, second], second, 2)).toEqual({ action: 'close' });
    expect(place([laptop, second, third], second, 2)).toEqual({ action: 'move', display: third });
  });

  it('for every set of displays, clerk display and current place: never the primary or the clerk’s display, and closes only when none is left', () => {
    const all = [laptop, second, third, secondRotated];
    const sets: DisplayPlace[][] = [];
    // Every set of displays with distinct ids that contains the primary.
    for (let mask = 0; mask < 1 << all.length; mask++) {
      const set = all.filter((_, i) => mask & (1 << i));
      if (set.some((d) => d.id === 1) && new Set(set.map((d) => d.id)).size === set.length) sets.push(set);
    }
    let cases = 0;
    for (const displays of sets) {
      for (const clerkDisplayId of [null, 1, 2, 3]) {
        for (const current of [null, ...all.filter((d) => d.id !== 1)]) {
          const choice = placeCitizenWindow({ displays, primaryId: 1, clerkDisplayId, current });
          const candidates = displays.filter((d) => d.id !== 1 && d.id !== clerkDisplayId);
          cases++;
          if (choice.action === 'open' || choice.action === 'move') {
            expect(candidates).toContainEqual(choice.display);
            expect(choice.action === 'open').toBe(current === null);
          }
          if (choice.action === 'close') expect(current !== null && candidates.length === 0).toBe(true);
          if (choice.action === 'keep') expect(current === null ? candidates.length === 0 : candidates.some((d) => JSON.stringify(d) === JSON.stringify(current))).toBe(true);
        }
      }
    }
    expect(cases).toBe(6 * 4 * 4);
  });
});

describe('followCitizenDisplay', () => {
  const page = resolveAppPage({ outDir: resolve('/opt/counter/out'), isPackaged: true });
  const preloadPath = join(resolve('/opt/counter/out'), 'preload', 'index.js');

  function follow() {
    const log = vi.fn();
    const clerk = createClerkWindow({ page, preloadPath, log });
    const screen = followCitizenDisplay({ open: (display: Display) => createCitizenWindow({ page, preloadPath, display, log }), clerkWindow: () => clerk as never, log });
    const citizens = () => FakeBrowserWindow.instances.filter((w) => w !== (clerk as unknown as FakeBrowserWindow));
    return { screen, log, citizens };
  }

  it('one display: no citizen window; a second one plugged in: full screen there; unplugged: closed', () => {
    const { screen, log, citizens } = follow();
    expect(screen.window()).toBeNull();
    expect(log).toHaveBeenCalledWith(strings.shellMessages.noSecondDisplay);

    fake.screen.change('display-added', [laptop, second]);
    expect(citizens()).toHaveLength(1);
    const citizen = citizens()[0]!;
    expect(citizen.options).toMatchObject({ x: 1366, y: 0, width: 1920, height: 1080, fullscreen: true, frame: false });
    expect(screen.window()).toBe(citizen);
    expect(log).toHaveBeenCalledWith(strings.counterOperation.citizenScreen.opened(2, 1920, 1080));

    // A metrics event that changes nothing of its display (the taskbar moved): the same window stays.
    fake.screen.change('display-metrics-changed', [laptop, second]);
    expect(citizens()).toHaveLength(1);

    fake.screen.change('display-removed', [laptop]);
    expect(citizen.destroy).toHaveBeenCalled();
    expect(screen.window()).toBeNull();
    expect(log).toHaveBeenCalledWith(strings.counterOperation.citizenScreen.closed);

    // Plugged in again: a fresh window.
    fake.screen.change('display-added', [laptop, second]);
    expect(citizens()).toHaveLength(2);
    expect(screen.window()).toBe(citizens()[1]);
  });

  it('a resolution change or rotation of its display places it again to fill that display', () => {
    fake.displays = [laptop, second];
    const { screen, citizens } = follow();
    const first = screen.window() as unknown as FakeBrowserWindow;
    fake.screen.change('display-metrics-changed', [laptop, secondRotated]);
    expect(first.destroy).toHaveBeenCalled();
    expect(citizens().at(-1)!.options).toMatchObject({ width: 1080, height: 1920, fullscreen: true });
    expect(screen.window()).toBe(citizens().at(-1));
  });

  it('a citizen window closed by something else is forgotten and reopened at the next display event', () => {
    fake.displays = [laptop, second];
    const { screen, citizens } = follow();
    (screen.window() as unknown as FakeBrowserWindow).emit('closed');
    expect(screen.window()).toBeNull();
    fake.screen.change('display-metrics-changed', [laptop, second]);
    expect(citizens()).toHaveLength(2);
  });

  it('dispose closes the window and stops following the displays', () => {
    fake.displays = [laptop, second];
    const { screen, citizens } = follow();
    const citizen = citizens()[0]!;
    screen.dispose();
    expect(citizen.destroy).toHaveBeenCalled();
    for (const event of ['display-added', 'display-removed', 'display-metrics-changed']) expect(fake.screen.listenerCount(event)).toBe(0);
    fake.screen.change('display-added', [laptop, second, third]);
    expect(citizens()).toHaveLength(1);
  });
});
