import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ParamsOf, ServiceDayView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { FakeCounterApi, sampleCase, sampleSnapshot } from '../../test-support/fake-api';
import { sampleDaySummary, sampleServiceDay } from '../../test-support/fake-service-day';
import { expectQuietConsole } from '../../test-support/console-guard';
import { ClerkApp } from '../ClerkApp';
import { normaliseTime } from './PauseDialog';

const sd = strings.serviceDay;
expectQuietConsole();

function apiWith(day: ServiceDayView, overrides: ConstructorParameters<typeof FakeCounterApi>[1] = {}, currentCase = sampleSnapshot().currentCase) {
  return new FakeCounterApi(sampleSnapshot({ serviceDay: day, currentCase }), overrides);
}

async function renderApp(api: FakeCounterApi) {
  const view = render(<ClerkApp api={api} connection={null} />);
  await screen.findByTestId('header-window');
  return view;
}

const lastParams = (api: FakeCounterApi, method: 'signIn') => api.calls.filter((c) => c.method === method).at(-1)?.params as ParamsOf<'signIn'> | undefined;

describe('sign-in', () => {
  it('replaces the case area until a clerk signs in; F2 does nothing meanwhile', async () => {
    const api = apiWith(sampleServiceDay('signedOut'));
    await renderApp(api);
    const view = screen.getByTestId('sign-in-view');
    expect(view.textContent).toContain(sd.signIn.title);
    expect(view.textContent).toContain('办公时间 09:00–17:00');
    expect(screen.queryByTestId('case-empty')).toBeNull();
    expect(screen.queryByTestId('service-day-bar')).toBeNull();
    // The device bar stays: the clerk sees the devices before the check.
    expect(screen.getByTestId('device-chip-idcard')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'F2' });
    expect(api.callsOf('simulateCardRead')).toBe(0);
    // Prefilled with the configured clerk of this window; the PIN is a password field with a numeric keyboard, never prefilled.
    expect((screen.getByTestId('sign-in-staff-number') as HTMLInputElement).value).toBe('0007');
    const pin = screen.getByTestId('sign-in-pin') as HTMLInputElement;
    expect(pin.type).toBe('password');
    expect(pin.inputMode).toBe('numeric');
    expect(pin.value).toBe('');
    expect(screen.queryByTestId('sign-in-name')).toBeNull();
  });

  it('checks the staff number and PIN before asking, then signs in with the staff number trimmed', async () => {
    const checking = sampleServiceDay('checking');
    const api = apiWith(sampleServiceDay('signedOut'), {
      signIn: () => ({ ok: true, message: sd.service.signedIn('王芳'), day: checking }),
    });
    await renderApp(api);
    fireEvent.change(screen.getByTestId('sign-in-staff-number'), { target: { value: '03/42' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(screen.getByTestId('sign-in-error').textContent).toBe(sd.signIn.staffNumberInvalid);
    fireEvent.change(screen.getByTestId('sign-in-staff-number'), { target: { value: ' 0342 ' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(screen.getByTestId('sign-in-error').textContent).toBe(strings.credentials.clerk.pinNeeded);
    fireEvent.change(screen.getByTestId('sign-in-pin'), { target: { value: '1234' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect(screen.getByTestId('sign-in-error').textContent).toBe(strings.credentials.signIn.pinInvalid);
    expect(api.callsOf('signIn')).toBe(0);

    fireEvent.change(screen.getByTestId('sign-in-pin'), { target: { value: '13572468' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await screen.findByTestId('pre-shift-check');
    expect(lastParams(api, 'signIn')).toEqual({ staffNumber: '0342', pin: '13572468' });
  });

  it('shows a refusal from the terminal inline (a lock-out with its wait) and clears the PIN', async () => {
    const locked = strings.credentials.limits.staffLocked(5);
    const api = apiWith(sampleServiceDay('signedOut'), {
      signIn: () => ({ ok: false, message: locked, day: sampleServiceDay('signedOut') }),
    });
    await renderApp(api);
    fireEvent.change(screen.getByTestId('sign-in-pin'), { target: { value: '13572468' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('输错次数过多，请 5 分钟后再试');
    expect(screen.getByTestId('sign-in-view')).toBeTruthy();
    expect((screen.getByTestId('sign-in-pin') as HTMLInputElement).value).toBe('');
  });

  it('takes a PNG photo with a preview and sends its bytes; refuses other types and big files', async () => {
    const api = apiWith(sampleServiceDay('signedOut'));
    await renderApp(api);
    const input = screen.getByTestId('sign-in-photo') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['GIF89a'], 'a.gif', { type: 'image/gif' })] } });
    expect(screen.getByTestId('sign-in-error').textContent).toBe(sd.service.photoBadType);
    fireEvent.change(input, { target: { files: [new File([new Uint8Array(150 * 1024 + 1)], 'big.png', { type: 'image/png' })] } });
    expect(screen.getByTestId('sign-in-error').textContent).toBe(sd.service.photoTooLarge(150));

    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    fireEvent.change(input, { target: { files: [new File([bytes], 'me.png', { type: 'image/png' })] } });
    const preview = (await screen.findByTestId('sign-in-photo-preview')) as HTMLImageElement;
    expect(preview.src).toMatch(/^data:image\/png;base64,/);
    fireEvent.change(screen.getByTestId('sign-in-pin'), { target: { value: '13572468' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() => expect(api.callsOf('signIn')).toBe(1));
    expect(lastParams(api, 'signIn')?.photo).toEqual({ mediaType: 'image/png', base64: btoa(String.fromCharCode(...bytes)) });
  });

  it('shows the summary of the last sign-out beside the form', async () => {
    await renderApp(apiWith(sampleServiceDay('signedOut', { lastSummary: sampleDaySummary() })));
    const summary = within(screen.getByTestId('last-summary'));
    expect(summary.getByTestId('day-summary-cases').textContent).toBe('共 3 件受理 2已结束（未作决定） 1');
    expect(summary.getByTestId('day-summary-extended').textContent).toBe('10 分钟，办件 1 件');
    expect(summary.getByTestId('day-summary-lunch').textContent).toBe('1 小时 30 分钟，办件 2 件');
    expect(summary.getByTestId('day-summary-exceptions').textContent).toBe('打印机：打印机缺纸，已报信息科');
    expect(summary.getByTestId('day-summary-pauses').textContent).toContain('交 王五（05 号窗口）');
  });
});

describe('the pre-shift self-check', () => {
  function blockedDay(): ServiceDayView {
    const day = sampleServiceDay('checking');
    return {
      ...day,
      canOpen: false,
      check: day.check.map((c) => (c.kind === 'printer' ? { ...c, required: true, verdict: 'fail' as const } : c)),
    };
  }

  it('lists every device; 开始服务 waits for an exception on the failing required one', async () => {
    const blocked = blockedDay();
    const recorded: ServiceDayView = {
      ...blocked,
      canOpen: true,
      check: blocked.check.map((c) =>
        c.kind === 'printer' ? { ...c, verdict: 'exception' as const, exception: { kind: 'printer', state: 'unconfigured', reason: '缺纸', at: '2025-11-24T00:52:00.000Z' } } : c,
      ),
    };
    const api = apiWith(blocked, {
      recordCheckException: () => ({ ok: true, message: sd.service.exceptionRecorded('打印机'), day: recorded }),
      openService: () => ({ ok: true, message: sd.service.opened, day: sampleServiceDay('open') }),
    });
    await renderApp(api);
    expect(screen.getAllByTestId(/^check-row-/).map((r) => `${r.dataset.testid}:${r.dataset.verdict}`)).toEqual([
      'check-row-idcard:pass',
      'check-row-camera:optional',
      'check-row-signature:optional',
      'check-row-evaluator:optional',
      'check-row-printer:fail',
    ]);
    expect(screen.getByTestId('check-gate').textContent).toBe(sd.check.openBlocked(1));
    expect((screen.getByTestId('open-service') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByTestId('check-record-printer'));
    fireEvent.click(screen.getByTestId('check-exception-save'));
    expect(screen.getByTestId('check-error').textContent).toBe(sd.service.exceptionReasonNeeded);
    fireEvent.change(screen.getByTestId('check-exception-text'), { target: { value: ' 缺纸 ' } });
    fireEvent.click(screen.getByTestId('check-exception-save'));
    await screen.findByTestId('check-exception-printer');
    expect(api.calls.filter((c) => c.method === 'recordCheckException').map((c) => c.params)).toEqual([{ kind: 'printer', reason: '缺纸' }]);
    expect(screen.getByTestId('check-exception-printer').textContent).toContain('缺纸');
    expect(screen.getByTestId('check-gate').textContent).toBe(sd.check.openReadyWithExceptions(1));

    fireEvent.click(screen.getByTestId('open-service'));
    await screen.findByTestId('service-day-bar');
    expect(api.callsOf('openService')).toBe(1);
    expect(screen.getByTestId('case-empty')).toBeTruthy();
  });

  it('follows serviceDay.changed: a device that comes back unblocks the button', async () => {
    const api = apiWith(blockedDay());
    await renderApp(api);
    expect((screen.getByTestId('open-service') as HTMLButtonElement).disabled).toBe(true);
    act(() => api.emit('serviceDay.changed', sampleServiceDay('checking')));
    expect((screen.getByTestId('open-service') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('serving, pausing and signing out', () => {
  it('shows the signed-in clerk in the header instead of the configured one', async () => {
    const day = sampleServiceDay('open');
    day.session!.clerk = { staffNumber: '0342', name: '王芳', hasPhoto: false };
    await renderApp(apiWith(day));
    expect(screen.getByTestId('header-clerk').textContent).toContain('王芳');
    expect(screen.getByTestId('header-clerk').textContent).toContain('0342');
    expect(screen.getByTestId('header-clerk').textContent).not.toContain('李四');
    expect(screen.getByTestId('service-day-status').textContent).toBe(sd.phases.open);
  });

  it('F9 opens the pause dialog; Esc closes it without ending the case', async () => {
    const api = apiWith(sampleServiceDay('open'), {}, sampleCase());
    await renderApp(api);
    fireEvent.keyDown(window, { key: 'F9' });
    const dialog = await screen.findByTestId('pause-dialog');
    fireEvent.keyDown(within(dialog).getByTestId('pause-reason-text'), { key: 'Escape' });
    expect(screen.queryByTestId('pause-dialog')).toBeNull();
    expect(api.callsOf('clearCase')).toBe(0);
  });

  it('pauses with a reason, a return time and a hand-over; refusals show in the dialog', async () => {
    const paused = sampleServiceDay('paused', {
      pause: { reason: 'other', reasonText: '窗口设备更换', startedAt: '2025-11-24T02:00:00.000Z', expectedReturnAt: '2025-11-24T02:30:00.000Z', handover: { name: '王五', window: '05' } },
    });
    let refuse = true;
    const api = apiWith(sampleServiceDay('open'), {
      pauseService: () =>
        refuse
          ? { ok: false, message: sd.service.returnInPast, day: sampleServiceDay('open') }
          : { ok: true, message: sd.service.paused, day: paused },
    });
    await renderApp(api);
    fireEvent.click(screen.getByTestId('pause-service'));
    fireEvent.click(screen.getByTestId('pause-reason-other'));
    fireEvent.click(screen.getByTestId('pause-confirm'));
    expect(screen.getByTestId('pause-error').textContent).toBe(sd.service.otherReasonNeeded);
    fireEvent.change(screen.getByTestId('pause-reason-text'), { target: { value: '窗口设备更换' } });
    fireEvent.change(screen.getByTestId('pause-return'), { target: { value: '10:30' } });
    fireEvent.click(screen.getByTestId('pause-handover'));
    fireEvent.change(screen.getByTestId('pause-handover-name'), { target: { value: '王五' } });
    fireEvent.click(screen.getByTestId('pause-confirm'));
    expect(screen.getByTestId('pause-error').textContent).toBe(sd.pauseDialog.handoverIncomplete);
    fireEvent.change(screen.getByTestId('pause-handover-window'), { target: { value: '05' } });
    expect(screen.getByTestId('pause-dialog').textContent).toContain('请到 05 号窗口办理');
    expect(api.callsOf('pauseService')).toBe(0);

    fireEvent.click(screen.getByTestId('pause-confirm'));
    expect((await screen.findByTestId('pause-error')).textContent).toBe(sd.service.returnInPast);
    refuse = false;
    fireEvent.click(screen.getByTestId('pause-confirm'));
    const overlay = await screen.findByTestId('paused-overlay');
    expect(api.calls.filter((c) => c.method === 'pauseService').at(-1)?.params).toEqual({
      reason: 'other',
      reasonText: '窗口设备更换',
      expectedReturn: '10:30',
      handover: { name: '王五', window: '05' },
    });
    expect(screen.queryByTestId('pause-dialog')).toBeNull();
    expect(within(overlay).getByTestId('paused-reason').textContent).toBe('其他（窗口设备更换）');
    expect(within(overlay).getByTestId('paused-handover').textContent).toBe('王五（05 号窗口）');
  });

  it('keeps the single-key shortcuts of the screen beneath from acting under the pause dialog, but lets the clerk type', async () => {
    await renderApp(apiWith(sampleServiceDay('open')));
    fireEvent.keyDown(window, { key: 'F9' });
    const dialog = await screen.findByTestId('pause-dialog');
    const onRadio = fireEvent.keyDown(within(dialog).getByTestId('pause-reason-training'), { key: '1' });
    expect(onRadio).toBe(false); // default prevented: the phrase panel skips handled keys
    const inField = fireEvent.keyDown(within(dialog).getByTestId('pause-reason-text'), { key: '1' });
    expect(inField).toBe(true);
  });

  it('while paused the screen is covered and inert; F2 does nothing; F9 resumes', async () => {
    const api = apiWith(sampleServiceDay('paused'), { resumeService: () => ({ ok: true, message: sd.service.resumed, day: sampleServiceDay('open') }) });
    const { container } = await renderApp(api);
    expect(screen.getByTestId('paused-overlay')).toBeTruthy();
    expect(container.querySelector('.app__screen')?.hasAttribute('inert')).toBe(true);
    expect(screen.getByTestId('service-day-status').textContent).toBe(sd.phases.paused);
    fireEvent.keyDown(window, { key: 'F2' });
    expect(api.callsOf('simulateCardRead')).toBe(0);
    fireEvent.keyDown(window, { key: 'F9' });
    await waitFor(() => expect(screen.queryByTestId('paused-overlay')).toBeNull());
    expect(api.callsOf('resumeService')).toBe(1);
    expect(container.querySelector('.app__screen')?.hasAttribute('inert')).toBe(false);
    fireEvent.keyDown(window, { key: 'F2' });
    expect(api.callsOf('simulateCardRead')).toBe(1);
  });

  it('signs out after showing the day so far, warning of a case still open', async () => {
    const api = apiWith(sampleServiceDay('open'), { signOut: () => ({ ok: true, message: sd.service.signedOut('李四'), day: sampleServiceDay('signedOut'), summary: sampleDaySummary() }) }, sampleCase());
    await renderApp(api);
    fireEvent.click(screen.getByTestId('sign-out'));
    const dialog = screen.getByTestId('sign-out-dialog');
    expect(dialog.textContent).toContain(sd.summary.openCaseWarning);
    expect(within(dialog).getByTestId('day-summary-on-duty').textContent).toBe('8 小时');
    fireEvent.click(within(dialog).getByTestId('sign-out-confirm'));
    await screen.findByTestId('sign-in-view');
    expect(api.callsOf('signOut')).toBe(1);
  });

  it('marks 延时服务 after closing time with a case open, and 午间值班 in the lunch window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 10, 24, 17, 20));
    const { unmount } = await renderApp(apiWith(sampleServiceDay('open'), {}, sampleCase()));
    expect(screen.getByTestId('extended-service').textContent).toBe(sd.bar.extended);
    expect(screen.queryByTestId('lunch-duty')).toBeNull();
    unmount();

    vi.setSystemTime(new Date(2025, 10, 24, 12, 30));
    await renderApp(apiWith(sampleServiceDay('open')));
    expect(screen.queryByTestId('extended-service')).toBeNull();
    expect(screen.getByTestId('lunch-duty').textContent).toBe(sd.bar.lunchDuty);
  });

  it('the pause dialog suggests 午间休息 until the end of the lunch window around lunchtime', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 10, 24, 11, 50));
    await renderApp(apiWith(sampleServiceDay('open')));
    fireEvent.keyDown(window, { key: 'F9' });
    expect((screen.getByTestId('pause-reason-lunchBreak') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('pause-return') as HTMLInputElement).value).toBe('13:30');
    fireEvent.click(screen.getByTestId('pause-reason-temporaryLeave'));
    fireEvent.click(screen.getByText(sd.pauseDialog.quick(30)));
    expect((screen.getByTestId('pause-return') as HTMLInputElement).value).toBe('12:20');
  });
});

describe('typing the return time', () => {
  it('reads 24-hour times as typed in a hurry', () => {
    expect(normaliseTime('1430')).toBe('14:30');
    expect(normaliseTime('930')).toBe('09:30');
    expect(normaliseTime(' 9:05 ')).toBe('09:05');
    expect(normaliseTime('１４：３０')).toBe('14:30');
    expect(normaliseTime('14.30')).toBe('14:30');
    expect(normaliseTime('下午两点')).toBe('下午两点');
  });
});
