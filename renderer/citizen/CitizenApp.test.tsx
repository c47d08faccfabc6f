import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CitizenScreen } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { FakeConnection, FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { sampleCitizenScreen, sampleServiceDay } from '../test-support/fake-service-day';
import { CitizenApp } from './CitizenApp';
import { citizenStateOf } from './CitizenStage';

const t = strings.serviceDay.citizen;
let consoleErrors: unknown[][];

beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => consoleErrors.push(args));
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => consoleErrors.push(args));
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  expect(consoleErrors).toEqual([]);
});

/** 10:00 local on 2025-11-24. */
const tenOClock = () => new Date(2025, 10, 24, 10, 0);
const at = (h: number, m: number) => new Date(2025, 10, 24, h, m).toISOString();

function apiShowing(screenState: CitizenScreen) {
  const state = { current: screenState };
  const api = new FakeCounterApi(sampleSnapshot(), { getCitizenScreen: () => structuredClone(state.current) });
  return { api, state };
}

describe('the citizen screen', () => {
  it('welcomes the citizen with the window and the clerk card, photo included', async () => {
    const photo = 'data:image/png;base64,iVBORw0KGgo=';
    const { api } = apiShowing(sampleCitizenScreen({ windowNumber: '12', clerk: { name: '王芳', staffNumber: '0342', photo } }));
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-welcome');
    expect(screen.getByTestId('citizen-window').textContent).toBe('12 号窗口');
    expect(screen.getByText(t.welcome)).toBeTruthy();
    expect(screen.getByTestId('citizen-clerk-name').textContent).toBe('王芳');
    expect(screen.getByTestId('citizen-clerk-number').textContent).toBe('工号 0342');
    expect((screen.getByTestId('citizen-clerk-photo') as HTMLImageElement).src).toBe(photo);
    expect(screen.getByTestId('citizen-screen').dataset.state).toBe('welcome');
  });

  it('shows 暂停服务 with the reason, the expected return and where to go meanwhile', async () => {
    const { api } = apiShowing(
      sampleCitizenScreen({
        status: 'paused',
        pause: { reason: 'lunchBreak', reasonText: '', expectedReturnAt: at(13, 30), handover: { name: '王五', window: '05' } },
      }),
    );
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-paused');
    expect(screen.getByTestId('citizen-paused-title').textContent).toBe('暂停服务');
    expect(screen.getByTestId('citizen-paused-reason').textContent).toBe('暂停原因：午间休息');
    expect(screen.getByTestId('citizen-paused-return').textContent).toBe('预计 13:30 恢复服务');
    expect(screen.getByTestId('citizen-handover').textContent).toContain('请到 05 号窗口办理');
    expect(screen.getByTestId('citizen-handover').textContent).toContain('由 王五 为您办理');
    // The clerk card gives way to the pause sign.
    expect(screen.queryByTestId('citizen-clerk-card')).toBeNull();
  });

  it('for 其他 shows the clerk’s own words, and no hand-over box without one', async () => {
    const { api } = apiShowing(sampleCitizenScreen({ status: 'paused', pause: { reason: 'other', reasonText: '窗口设备更换', expectedReturnAt: at(10, 30), handover: null } }));
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    expect((await screen.findByTestId('citizen-paused-reason')).textContent).toBe('暂停原因：窗口设备更换');
    expect(screen.queryByTestId('citizen-handover')).toBeNull();
  });

  it('says 即将恢复服务 rather than a time already past', async () => {
    const { api } = apiShowing(sampleCitizenScreen({ status: 'paused', pause: { reason: 'temporaryLeave', reasonText: '', expectedReturnAt: at(9, 45), handover: null } }));
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    expect((await screen.findByTestId('citizen-paused-return')).textContent).toBe(t.returningSoon);
  });

  it('follows serviceDay.changed: paused, then back to the welcome card', async () => {
    const { api, state } = apiShowing(sampleCitizenScreen());
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-welcome');
    state.current = sampleCitizenScreen({ status: 'paused', pause: { reason: 'training', reasonText: '', expectedReturnAt: at(11, 0), handover: null } });
    act(() => api.emit('serviceDay.changed', sampleServiceDay('paused')));
    await screen.findByTestId('citizen-paused');
    state.current = sampleCitizenScreen();
    act(() => api.emit('serviceDay.changed', sampleServiceDay('open')));
    await screen.findByTestId('citizen-welcome');
    expect(api.callsOf('getCitizenScreen')).toBe(3);
    // A device or case change repeats the same service day: nothing to fetch again.
    act(() => api.emit('serviceDay.changed', sampleServiceDay('open')));
    expect(api.callsOf('getCitizenScreen')).toBe(3);
  });

  it('before service: closed with the office hours, then preparing with the clerk card', async () => {
    const { api, state } = apiShowing(sampleCitizenScreen({ status: 'closed', clerk: null }));
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    const closed = await screen.findByTestId('citizen-closed');
    expect(closed.textContent).toContain(t.closed);
    expect(screen.getByTestId('citizen-hours').textContent).toBe('办公时间 09:00–17:00');
    state.current = sampleCitizenScreen({ status: 'preparing' });
    act(() => api.emit('serviceDay.changed', sampleServiceDay('checking')));
    const preparing = await screen.findByTestId('citizen-preparing');
    expect(preparing.textContent).toContain(t.preparing);
    expect(screen.getByTestId('citizen-clerk-name').textContent).toBe('李四');
  });

  it('waits for the connection, loads when it opens, and says so plainly when refused', async () => {
    const connection = new FakeConnection('connecting');
    const { api } = apiShowing(sampleCitizenScreen());
    render(<CitizenApp api={api} connection={connection} now={tenOClock} />);
    expect(screen.getByTestId('citizen-connecting').textContent).toBe(t.connecting);
    expect(api.callsOf('getCitizenScreen')).toBe(0);
    act(() => connection.set('open'));
    await screen.findByTestId('citizen-welcome');
    act(() => connection.set('rejected'));
    await waitFor(() => expect(screen.getByTestId('citizen-connecting').textContent).toBe(t.rejected));
  });

  it('maps every status to one state (the switch the rating page will extend)', () => {
    expect(citizenStateOf(null, 'open').kind).toBe('connecting');
    expect(citizenStateOf(sampleCitizenScreen({ status: 'open' }), 'lost').kind).toBe('welcome');
    expect(citizenStateOf(sampleCitizenScreen({ status: 'paused', pause: null }), 'open').kind).toBe('closed');
    expect(citizenStateOf(sampleCitizenScreen({ status: 'closed' }), 'rejected')).toEqual({ kind: 'connecting', rejected: true });
  });
});
