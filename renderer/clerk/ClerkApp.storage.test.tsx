import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StorageStatus } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { sampleServiceDay } from '../test-support/fake-service-day';
import { expectQuietConsole } from '../test-support/console-guard';
import { ClerkApp } from './ClerkApp';

expectQuietConsole();

const t = strings.storageHealth;
const locked: StorageStatus = { state: 'waiting', problem: { kind: 'locked', message: t.locked(3000) }, disk: null };
const ready: StorageStatus = { state: 'ready', problem: null, disk: null };
const GiB = 1024 ** 3;
const low = 150 * 1024 ** 2;
const critical: StorageStatus = { ...ready, disk: { level: 'critical', freeBytes: low, totalBytes: 100 * GiB, message: t.disk.critical(low, 100 * GiB) } };

describe('ClerkApp: storage problems', () => {
  it('while the database is locked: explains why in place of the sign-in, then loads the snapshot again once it opens', async () => {
    const api = new FakeCounterApi(sampleSnapshot({ devices: [], serviceDay: sampleServiceDay('signedOut'), storage: locked }));
    render(<ClerkApp api={api} connection={null} />);
    const panel = await screen.findByTestId('storage-problem');
    expect(panel.dataset.kind).toBe('locked');
    expect(panel.textContent).toContain('数据库被占用');
    expect(panel.textContent).toContain(t.waitingHint);
    expect(panel.getAttribute('role')).toBe('alert');
    expect(api.callsOf('getSnapshot')).toBe(1);

    // The services started behind the same connection: the screen reloads its snapshot by itself.
    api.snapshot = sampleSnapshot({ storage: ready });
    act(() => api.emit('storage.changed', ready));
    await waitFor(() => expect(screen.queryByTestId('storage-problem')).toBeNull());
    expect(api.callsOf('getSnapshot')).toBe(2);
    expect(await screen.findByTestId('case-empty')).toBeTruthy();
  });

  it('a disk change arriving just after the snapshot, before the screen has drawn it, does not load the snapshot again', async () => {
    const api: FakeCounterApi = new FakeCounterApi(sampleSnapshot({ storage: ready }), {
      getSnapshot: () => {
        // Two microtasks on: after the screen has taken the snapshot, before React has drawn it (as on a busy machine).
        queueMicrotask(() => queueMicrotask(() => api.emit('storage.changed', critical)));
        return structuredClone(api.snapshot);
      },
    });
    render(<ClerkApp api={api} connection={null} />);
    const notice = await screen.findByTestId('disk-space-notice');
    expect(notice.dataset.level).toBe('critical');
    await screen.findByTestId('case-empty');
    expect(api.callsOf('getSnapshot')).toBe(1);
  });

  it('a disk change while ready updates the notice without reloading', async () => {
    const api = new FakeCounterApi(sampleSnapshot({ storage: ready }));
    render(<ClerkApp api={api} connection={null} />);
    await screen.findByTestId('case-empty');
    expect(screen.queryByTestId('disk-space-notice')).toBeNull();

    act(() => api.emit('storage.changed', critical));
    const notice = screen.getByTestId('disk-space-notice');
    expect(notice.dataset.level).toBe('critical');
    expect(notice.textContent).toContain(t.disk.criticalTitle);
    expect(notice.textContent).toContain('150 MB');
    expect(api.callsOf('getSnapshot')).toBe(1);
    // The case screen stays usable beside the warning.
    expect(screen.getByTestId('case-empty')).toBeTruthy();

    act(() => api.emit('storage.changed', { ...ready, disk: { level: 'ok', freeBytes: 50 * GiB, totalBytes: 100 * GiB, message: '' } }));
    expect(screen.queryByTestId('disk-space-notice')).toBeNull();
  });
});
