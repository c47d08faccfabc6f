import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StorageStatus } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { expectQuietConsole } from '../test-support/console-guard';
import { ClerkApp } from './ClerkApp';

expectQuietConsole();

const ready: StorageStatus = { state: 'ready', problem: null, disk: null };

describe('ClerkApp: a diagnostic log that cannot be written', () => {
  it('shows why beside the case screen, and takes it away once the log writes again', async () => {
    const api = new FakeCounterApi(sampleSnapshot({ storage: ready }));
    render(<ClerkApp api={api} connection={null} />);
    await screen.findByTestId('case-empty');
    expect(screen.queryByTestId('log-notice')).toBeNull();

    const message = strings.logs.unwritable('/home/counter/.config/窗口受理终端/logs', '磁盘已满（ENOSPC）');
    act(() => api.emit('storage.changed', { ...ready, log: { message } }));
    const notice = screen.getByTestId('log-notice');
    expect(notice.textContent).toContain(strings.logs.noticeTitle);
    expect(notice.textContent).toContain('磁盘已满');
    // The counter keeps working beside it.
    expect(screen.getByTestId('case-empty')).toBeTruthy();

    act(() => api.emit('storage.changed', { ...ready, log: null }));
    expect(screen.queryByTestId('log-notice')).toBeNull();
  });
});
