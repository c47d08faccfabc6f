import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StorageStatus } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { expectQuietConsole } from '../test-support/console-guard';
import { ClerkApp } from './ClerkApp';

expectQuietConsole();

const ready: StorageStatus = { state: 'ready', problem: null, disk: null };
const p = strings.dataProtection.permissions;

describe('ClerkApp: a data directory other accounts can read', () => {
  it('shows the start-up check’s warning beside the case screen when it arrives', async () => {
    const api = new FakeCounterApi(sampleSnapshot({ storage: ready }));
    render(<ClerkApp api={api} connection={null} />);
    await screen.findByTestId('case-empty');
    expect(screen.queryByTestId('permissions-notice')).toBeNull();

    const message = p.unfixable('/home/counter/.config/窗口受理终端', ['counter.sqlite']);
    act(() => api.emit('storage.changed', { ...ready, permissions: { message } }));
    const notice = screen.getByTestId('permissions-notice');
    expect(notice.textContent).toContain(p.title);
    expect(notice.textContent).toContain('counter.sqlite');
    expect(notice.getAttribute('role')).toBe('alert');
    // The counter keeps working beside it.
    expect(screen.getByTestId('case-empty')).toBeTruthy();
  });
});
