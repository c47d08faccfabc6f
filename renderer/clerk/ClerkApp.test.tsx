import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CounterApiError } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import {
  FakeConnection,
  FakeCounterApi,
  device,
  devicesAll,
  sampleApplicant,
  sampleCase,
  sampleSnapshot,
} from '../test-support/fake-api';
import { expectQuietConsole } from '../test-support/console-guard';
import { ClerkApp } from './ClerkApp';

expectQuietConsole();

async function renderApp(api: FakeCounterApi, connection: FakeConnection | null = null) {
  const view = render(<ClerkApp api={api} connection={connection} />);
  if (!connection || connection.state === 'open') await screen.findByTestId('header-window');
  return view;
}

describe('ClerkApp', () => {
  it('draws the header from the snapshot', async () => {
    await renderApp(new FakeCounterApi(sampleSnapshot()));
    expect(screen.getByTestId('header-window').textContent).toBe('01 号窗口');
    expect(screen.getByTestId('header-clerk').textContent).toContain('李四');
    expect(screen.getByTestId('header-clerk').textContent).toContain('0007');
    expect(screen.getByText(strings.shell.electron)).toBeTruthy();
  });

  it('shows the simulated banner only when a device is simulated', async () => {
    const api = new FakeCounterApi(sampleSnapshot({ devices: devicesAll('connected') }));
    await renderApp(api);
    expect(screen.queryByTestId('simulated-banner')).toBeNull();
    expect(screen.queryByTestId('simulate-card')).toBeNull();

    act(() => api.emit('devices.changed', [device('evaluator', 'simulated')]));
    expect(screen.getByTestId('simulated-banner').textContent).toContain('当前使用模拟设备：评价器。');
    expect(screen.getByTestId('device-chip-evaluator').dataset.state).toBe('simulated');
    // Only the ID reader being simulated enables 模拟刷证.
    expect(screen.queryByTestId('simulate-card')).toBeNull();

    act(() => api.emit('devices.changed', [device('evaluator', 'connected')]));
    expect(screen.queryByTestId('simulated-banner')).toBeNull();
  });

  it('shows the waiting state, with the F2 hint when the ID reader is simulated', async () => {
    await renderApp(new FakeCounterApi(sampleSnapshot()));
    const empty = screen.getByTestId('case-empty');
    expect(empty.textContent).toContain(strings.case.emptyTitle);
    expect(empty.textContent).toContain('F2');
    expect(screen.queryByTestId('applicant-panel')).toBeNull();
    expect(screen.queryByTestId('clear-case')).toBeNull();
  });

  it('fills the applicant from a case.changed event, with the masked ID as received', async () => {
    const api = new FakeCounterApi(sampleSnapshot());
    await renderApp(api);
    act(() => api.emit('case.changed', sampleCase('C-1', { ...sampleApplicant, validTo: '20350101' })));

    const panel = screen.getByTestId('applicant-panel');
    expect(screen.getByTestId('applicant-name').textContent).toBe('张三');
    expect(screen.getByTestId('applicant-id').textContent).toBe('110101********1234');
    for (const text of [
      strings.case.cardTypes.resident,
      '男',
      '汉',
      '35 岁', // the age, never the birth date: beside the masked number it would complete it
      '北京市东城区某某街道 1 号',
      '北京市公安局东城分局',
      '2015年01月01日 至 2035年01月01日',
      '模拟身份证阅读器',
    ]) {
      expect(panel.textContent).toContain(text);
    }
    expect(screen.getByText('C-1')).toBeTruthy();
    expect(screen.queryByTestId('case-empty')).toBeNull();
    expect(screen.queryByText(strings.case.restoredNotice)).toBeNull();

    act(() => api.emit('case.changed', sampleCase('C-2', { ...sampleApplicant, validTo: '长期' })));
    expect(screen.getByTestId('applicant-panel').textContent).toContain(`2015年01月01日 至 ${strings.case.longTerm}`);

    act(() => api.emit('case.changed', null));
    expect(screen.getByTestId('case-empty')).toBeTruthy();
    expect(screen.queryByTestId('applicant-name')).toBeNull();
  });

  it('tells the clerk when a case was restored after a restart', async () => {
    const api = new FakeCounterApi(sampleSnapshot({ currentCase: sampleCase('C-9') }));
    await renderApp(api);
    expect(screen.getByText(strings.case.restoredNotice)).toBeTruthy();
    expect(screen.getByTestId('applicant-name').textContent).toBe('张三');
    act(() => api.emit('case.changed', sampleCase('C-10')));
    expect(screen.queryByText(strings.case.restoredNotice)).toBeNull();
  });

  it('F2 calls simulateCardRead and shows the message when not accepted', async () => {
    const api = new FakeCounterApi(sampleSnapshot(), {
      simulateCardRead: () => ({ accepted: false, message: '模拟阅读器忙，请稍后再试' }),
    });
    await renderApp(api);
    fireEvent.keyDown(window, { key: 'F2' });
    expect(api.callsOf('simulateCardRead')).toBe(1);
    const toast = await screen.findByText('模拟阅读器忙，请稍后再试');
    expect(toast.closest('[role="status"]')).toBeTruthy();
  });

  it('the 模拟刷证 button calls simulateCardRead; F2 does nothing when the reader is real', async () => {
    const api = new FakeCounterApi(sampleSnapshot());
    await renderApp(api);
    fireEvent.click(screen.getByTestId('simulate-card'));
    await waitFor(() => expect(api.callsOf('simulateCardRead')).toBe(1));
    await waitFor(() => expect((screen.getByTestId('simulate-card') as HTMLButtonElement).disabled).toBe(false));

    act(() => api.emit('devices.changed', [device('idcard', 'connected')]));
    expect(screen.queryByTestId('simulate-card')).toBeNull();
    fireEvent.keyDown(window, { key: 'F2' });
    expect(api.callsOf('simulateCardRead')).toBe(1);
  });

  it('Esc calls clearCase when a case is open, and the panel returns to waiting', async () => {
    const api = new FakeCounterApi(sampleSnapshot());
    await renderApp(api);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(api.callsOf('clearCase')).toBe(0);

    act(() => api.emit('case.changed', sampleCase()));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(api.callsOf('clearCase')).toBe(1);
    await screen.findByText(strings.case.cleared);
    expect(screen.getByTestId('case-empty')).toBeTruthy();
  });

  it('the 结束本次办件 button calls clearCase; a failure is shown as an alert', async () => {
    const api = new FakeCounterApi(sampleSnapshot({ currentCase: sampleCase() }), {
      clearCase: () => Promise.reject(new CounterApiError('failed', '操作失败：数据库忙')),
    });
    await renderApp(api);
    fireEvent.click(screen.getByTestId('clear-case'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('操作失败：数据库忙');
    expect(screen.getByTestId('applicant-name')).toBeTruthy();
  });

  it('lists config issues with field and message, and can be dismissed', async () => {
    const api = new FakeCounterApi(
      sampleSnapshot({
        configIssues: [
          { field: 'counter.windowNumber', message: '不能超过 10 个字符' },
          { field: '', message: '配置文件不是有效的 JSON' },
        ],
      }),
    );
    await renderApp(api);
    const box = screen.getByTestId('config-issues');
    expect(box.textContent).toContain(strings.config.issuesTitle);
    const items = within(box).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('counter.windowNumber');
    expect(items[0]?.textContent).toContain('不能超过 10 个字符');
    expect(items[1]?.textContent).toContain(strings.config.wholeFile);

    fireEvent.click(within(box).getByRole('button', { name: strings.clerkScreen.dismiss }));
    expect(screen.queryByTestId('config-issues')).toBeNull();

    act(() => api.emit('config.issues', [{ field: 'devices.idcard.mode', message: '取值无效' }]));
    expect(screen.getByTestId('config-issues').textContent).toContain('devices.idcard.mode');

    act(() => api.emit('config.issues', []));
    expect(screen.queryByTestId('config-issues')).toBeNull();
  });

  it('shows device notices as toasts, errors as alerts', async () => {
    const api = new FakeCounterApi(sampleSnapshot());
    await renderApp(api);
    act(() => api.emit('device.notice', { kind: 'printer', level: 'info', message: '打印机已就绪' }));
    act(() => api.emit('device.notice', { kind: 'idcard', level: 'error', message: '身份证阅读器无响应' }));
    expect(screen.getByText('打印机已就绪').closest('[role="status"]')).toBeTruthy();
    const alert = screen.getByText('身份证阅读器无响应').closest('[role="alert"]');
    expect(alert?.textContent).toContain(strings.deviceKinds.idcard);
    fireEvent.click(within(alert as HTMLElement).getByRole('button', { name: strings.clerkScreen.closeToast }));
    expect(screen.queryByText('身份证阅读器无响应')).toBeNull();
  });

  it('covers the screen while the web connection is not open and re-fetches the snapshot on reconnect', async () => {
    const api = new FakeCounterApi(sampleSnapshot({ shell: 'web' }));
    const connection = new FakeConnection('connecting');
    await renderApp(api, connection);
    expect(screen.getByTestId('connection-overlay').textContent).toContain(strings.connection.connecting);
    expect(api.callsOf('getSnapshot')).toBe(0);

    act(() => connection.set('open'));
    await screen.findByTestId('header-window');
    expect(screen.queryByTestId('connection-overlay')).toBeNull();
    expect(api.callsOf('getSnapshot')).toBe(1);
    expect(screen.getByText(strings.shell.web)).toBeTruthy();

    act(() => connection.set('lost'));
    expect(screen.getByTestId('connection-overlay').textContent).toContain(strings.connection.lost);
    // Shortcuts are off while the connection is down.
    fireEvent.keyDown(window, { key: 'F2' });
    expect(api.callsOf('simulateCardRead')).toBe(0);

    api.snapshot = sampleSnapshot({ shell: 'web', currentCase: sampleCase('C-7') });
    act(() => connection.set('open'));
    await screen.findByTestId('applicant-name');
    expect(api.callsOf('getSnapshot')).toBe(2);

    act(() => connection.set('rejected'));
    const overlay = screen.getByTestId('connection-overlay');
    expect(overlay.textContent).toContain(strings.connection.rejected);
    expect(within(overlay).getByRole('alert')).toBeTruthy();
  });

  it('offers a retry when the first snapshot cannot be read', async () => {
    let fail = true;
    const api = new FakeCounterApi(sampleSnapshot(), {});
    const realSnapshot = api.handlers.getSnapshot;
    api.handlers.getSnapshot = (params) =>
      fail ? Promise.reject(new CounterApiError('unavailable', strings.api.unavailable)) : realSnapshot(params);
    render(<ClerkApp api={api} connection={null} />);
    const retry = await screen.findByRole('button', { name: strings.clerkScreen.retry });
    expect(screen.getByText(strings.clerkScreen.loadFailed(strings.api.unavailable))).toBeTruthy();
    fail = false;
    fireEvent.click(retry);
    await screen.findByTestId('header-window');
  });

  it('unsubscribes from events on unmount', async () => {
    const api = new FakeCounterApi(sampleSnapshot());
    const view = await renderApp(api);
    expect(api.listenerCount('case.changed')).toBe(1);
    view.unmount();
    expect(api.listenerCount('case.changed')).toBe(0);
    expect(api.listenerCount('device.notice')).toBe(0);
  });
});
