import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/config-file';
import { StorageError, type Db } from '../storage/database';
import { strings } from '../../../shared/i18n';
import { until } from '../../../test/support/until';
import { classifyStorageProblem, startBehindStorageGate, StorageHealth, waitingViews } from './storage-gate';
import type { CounterServices, EventListener } from './types';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
const fakeDb = { close: () => undefined } as unknown as Db;

function fakeServices(): CounterServices & { listeners: Set<EventListener>; closed: number } {
  const listeners = new Set<EventListener>();
  const services = {
    listeners,
    closed: 0,
    shell: 'web' as const,
    dataDir: '/data',
    handle: async (method: unknown) => ({ ok: true as const, result: method === 'getSnapshot' ? { devices: [], serviceDay: { phase: 'signedOut', session: null, pause: null }, currentCase: null } : 'real' }),
    onEvent: (listener: EventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    slipPdf: () => null,
    exportFile: () => ({ ok: false as const, reason: 'missing' as const }),
    endConnection: () => undefined,
    close: async () => {
      services.closed++;
    },
  };
  return services;
}

function gate(open: () => Db, start: () => Promise<CounterServices>) {
  const logs: string[] = [];
  let closedGate = 0;
  const promise = startBehindStorageGate({
    shell: 'web',
    dataDir: '/data',
    log: (line) => logs.push(line),
    health: new StorageHealth(),
    open,
    start,
    waiting: waitingViews(defaultConfig(), []),
    retryMs: 10,
    onClose: () => closedGate++,
  });
  return { promise, logs, closedGate: () => closedGate };
}

describe('classifyStorageProblem', () => {
  it('tells a lock, a read-only disk and anything else apart, in Chinese', () => {
    expect(classifyStorageProblem(busy(), '/data', 3000).kind).toBe('locked');
    expect(classifyStorageProblem(Object.assign(new Error('x'), { code: 'EROFS' }), '/data', 3000)).toMatchObject({ kind: 'readOnly', message: expect.stringContaining('/data') });
    expect(classifyStorageProblem(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }), '/d', 3000).kind).toBe('readOnly');
    const other = classifyStorageProblem(Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' }), '/d', 3000);
    expect(other.kind).toBe('failed');
    expect(other.message).not.toContain('malformed');
    const newer = classifyStorageProblem(new StorageError(strings.storage.newerThanApp(50, 20)), '/d', 3000);
    expect(newer).toMatchObject({ kind: 'failed', message: strings.storageHealth.failed(strings.storage.newerThanApp(50, 20), 3000) });
  });
});

describe('startBehindStorageGate', () => {
  it('answers in the services’ place while waiting, then hands over to them, its listeners included', async () => {
    let locked = true;
    const real = fakeServices();
    const { promise, logs } = gate(
      () => {
        if (locked) throw busy();
        return fakeDb;
      },
      async () => real,
    );
    const services = await promise;
    const events: string[] = [];
    services.onEvent((event) => events.push(event));

    const snapshot = await services.handle('getSnapshot', {});
    expect(snapshot).toMatchObject({ ok: true, result: { storage: { state: 'waiting', problem: { kind: 'locked' } }, devices: [] } });
    expect(await services.handle('signIn', { staffNumber: '0001', pin: '13572468' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await services.handle('dropDatabase', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    // One log line for the reason, not one per retry.
    await new Promise((r) => setTimeout(r, 60));
    expect(logs.filter((l) => l.includes('数据库被占用'))).toHaveLength(1);

    locked = false;
    await until(() => events.includes('storage.changed'), { label: 'storage.changed' });
    expect(await services.handle('getCaseEvaluation', {})).toEqual({ ok: true, result: 'real' });
    expect(real.listeners.size).toBe(1);
    expect(events).toEqual(expect.arrayContaining(['storage.changed', 'devices.changed', 'serviceDay.changed', 'citizen.serviceDay', 'case.changed', 'evaluation.request']));
    await services.close();
    expect(real.closed).toBe(1);
  });

  it('while waiting keeps the roles: the citizen screen gets its own view only, the clerk’s snapshot is refused to it', async () => {
    const { promise } = gate(
      () => {
        throw busy();
      },
      async () => fakeServices(),
    );
    const services = await promise;
    const citizen = { connection: 'ws:c', role: 'citizen' as const };
    expect(await services.handle('getCitizenScreen', {}, citizen)).toMatchObject({ ok: true });
    expect(await services.handle('getSnapshot', {}, citizen)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await services.handle('getServiceDay', {}, citizen)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await services.handle('getCitizenScreen', {}, { connection: 'ws:k', role: 'clerk' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await services.close();
  });

  it('throws a first start that fails for another reason than storage (a bug), as before', async () => {
    const { promise, closedGate } = gate(
      () => fakeDb,
      async () => {
        throw new TypeError('x is undefined');
      },
    );
    await expect(promise).rejects.toThrow('x is undefined');
    expect(closedGate()).toBe(1);
  });

  it('closed while waiting: stops retrying and starts nothing', async () => {
    let opens = 0;
    const { promise, closedGate } = gate(
      () => {
        opens++;
        throw busy();
      },
      async () => fakeServices(),
    );
    const services = await promise;
    await services.close();
    const after = opens;
    await new Promise((r) => setTimeout(r, 50));
    expect(opens).toBe(after);
    expect(closedGate()).toBe(1);
  });
});
