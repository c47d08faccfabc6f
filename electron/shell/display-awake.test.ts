import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SERVICE_DAY_PHASES, type ServiceDayPhase } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import type { EventListener, HandleResult } from '../services/app/types';
import { keepDisplayAwakeDuringService, shouldKeepDisplayAwake } from './display-awake';
import { fake } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

beforeEach(() => fake.reset());

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('shouldKeepDisplayAwake', () => {
  it('keeps the display awake exactly while the window is open for service or paused', () => {
    const awake = Object.fromEntries([...SERVICE_DAY_PHASES, null].map((phase) => [String(phase), shouldKeepDisplayAwake(phase)]));
    expect(awake).toEqual({ signedOut: false, checking: false, open: true, paused: true, null: false });
  });
});

/** Services that answer getServiceDay with `first` (or fail) and let the test publish events. */
function services(first: Promise<HandleResult>) {
  const listeners: EventListener[] = [];
  const unsubscribe = vi.fn();
  const handle = vi.fn(async (_method: unknown, _params: unknown, _caller?: unknown) => first);
  return {
    services: {
      handle,
      onEvent: vi.fn((listener: EventListener) => {
        listeners.push(listener);
        return unsubscribe;
      }),
    },
    unsubscribe,
    publish: (phase: ServiceDayPhase) => listeners.forEach((l) => l('serviceDay.changed', { phase } as never)),
    publishOther: () => listeners.forEach((l) => l('case.changed', null)),
  };
}

const day = (phase: ServiceDayPhase): Promise<HandleResult> => Promise.resolve({ ok: true, result: { phase } });
const blockers = () => [...fake.powerSaveBlocker.active.values()];

describe('keepDisplayAwakeDuringService', () => {
  it('asks the service day as a clerk-role connection of its own and blocks display sleep when the window is already open', async () => {
    const s = services(day('open'));
    const log = vi.fn();
    keepDisplayAwakeDuringService({ services: s.services, log });
    await settle();
    expect(s.services.handle).toHaveBeenCalledWith('getServiceDay', {}, { connection: 'shell:display-awake', role: 'clerk' });
    expect(blockers()).toEqual(['prevent-display-sleep']);
    expect(log).toHaveBeenCalledWith(strings.counterOperation.displayAwake.started);
  });

  it('follows the service day: one blocker through open and paused, none signed out or checking, none after dispose', async () => {
    const s = services(day('signedOut'));
    const dispose = keepDisplayAwakeDuringService({ services: s.services, log: vi.fn() });
    await settle();
    expect(blockers()).toEqual([]);
    s.publish('checking');
    expect(blockers()).toEqual([]);
    s.publish('open');
    s.publishOther();
    s.publish('paused');
    s.publish('open');
    expect(blockers()).toEqual(['prevent-display-sleep']);
    expect(fake.powerSaveBlocker.start).toHaveBeenCalledTimes(1);
    s.publish('signedOut');
    expect(blockers()).toEqual([]);
    s.publish('open');
    expect(blockers()).toHaveLength(1);
    dispose();
    expect(blockers()).toEqual([]);
    expect(s.unsubscribe).toHaveBeenCalledTimes(1);
    // Nothing after dispose starts a blocker again.
    s.publish('open');
    expect(blockers()).toEqual([]);
  });

  it('an event heard before the first answer wins over that older answer', async () => {
    let answer: (r: HandleResult) => void = () => undefined;
    const s = services(new Promise((resolve) => (answer = resolve)));
    keepDisplayAwakeDuringService({ services: s.services, log: vi.fn() });
    s.publish('signedOut');
    answer({ ok: true, result: { phase: 'open' } });
    await settle();
    expect(blockers()).toEqual([]);
  });

  it('services that cannot say: the display follows the system settings, and the log says why', async () => {
    const s = services(Promise.resolve({ ok: false, error: { code: 'failed', message: '数据库被占用' } }));
    const log = vi.fn();
    keepDisplayAwakeDuringService({ services: s.services, log });
    await settle();
    expect(blockers()).toEqual([]);
    expect(log).toHaveBeenCalledWith(strings.counterOperation.displayAwake.unknownPhase('数据库被占用'));
  });
});
