import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { citizenDayOf, type CitizenScreen, type RatingRequestView } from '../../shared/contract';
import { defaultReasons } from '../../shared/domain/evaluation';
import { strings } from '../../shared/i18n';
import { FakeConnection, FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { sampleCitizenScreen, sampleServiceDay } from '../test-support/fake-service-day';
import { expectQuietConsole } from '../test-support/console-guard';
import { CitizenApp } from './CitizenApp';
import { citizenStateOf } from './CitizenStage';

const t = strings.serviceDay.citizen;
expectQuietConsole();

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

  it('follows citizen.serviceDay: paused, then back to the welcome card', async () => {
    const { api, state } = apiShowing(sampleCitizenScreen());
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-welcome');
    state.current = sampleCitizenScreen({ status: 'paused', pause: { reason: 'training', reasonText: '', expectedReturnAt: at(11, 0), handover: null } });
    act(() => api.emit('citizen.serviceDay', citizenDayOf(sampleServiceDay('paused'))));
    await screen.findByTestId('citizen-paused');
    state.current = sampleCitizenScreen();
    act(() => api.emit('citizen.serviceDay', citizenDayOf(sampleServiceDay('open'))));
    await screen.findByTestId('citizen-welcome');
    expect(api.callsOf('getCitizenScreen')).toBe(3);
    // A device or case change repeats the same service day: nothing to fetch again.
    act(() => api.emit('citizen.serviceDay', citizenDayOf(sampleServiceDay('open'))));
    expect(api.callsOf('getCitizenScreen')).toBe(3);
  });

  it('before service: closed with the office hours, then preparing with the clerk card', async () => {
    const { api, state } = apiShowing(sampleCitizenScreen({ status: 'closed', clerk: null }));
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    const closed = await screen.findByTestId('citizen-closed');
    expect(closed.textContent).toContain(t.closed);
    expect(screen.getByTestId('citizen-hours').textContent).toBe('办公时间 09:00–17:00');
    state.current = sampleCitizenScreen({ status: 'preparing' });
    act(() => api.emit('citizen.serviceDay', citizenDayOf(sampleServiceDay('checking'))));
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

// ---------------------------------------------------------------- 好差评 on the citizen screen

const ev = strings.evaluation;

function ratingView(overrides: Partial<RatingRequestView> = {}): RatingRequestView {
  return {
    screen: 'rating',
    clerk: { window: '01', name: '李四', staffNumber: '0001' },
    caseId: 'C1',
    itemName: '食品经营许可（新办）',
    reasons: defaultReasons(),
    reasonsRequiredFor: ['dissatisfied', 'veryDissatisfied'],
    paused: null,
    message: '',
    ...overrides,
  };
}

/** A citizen page whose rating service answers like the real one: thanks after a rating, 差评 needs a reason. */
function ratingApi(initial: RatingRequestView) {
  const state = { rating: initial };
  const api = new FakeCounterApi(sampleSnapshot(), {
    getCitizenScreen: () => sampleCitizenScreen(),
    getRatingRequest: () => structuredClone(state.rating),
    submitRating: ({ level, reasons }) => {
      if ((level === 'dissatisfied' || level === 'veryDissatisfied') && !reasons?.length) return { ok: false, message: ev.reasons.required, status: 'requested' };
      state.rating = ratingView({ screen: 'thanks', itemName: null, message: ev.citizen.thanks });
      return { ok: true, message: ev.service.recorded, status: 'rated' };
    },
  });
  return { api, state };
}

const submitted = (api: FakeCounterApi) => api.calls.filter((c) => c.method === 'submitRating').map((c) => c.params);
const tap = async (id: string) => {
  await act(async () => {
    fireEvent.click(screen.getByTestId(id));
    await Promise.resolve();
  });
};

describe('the rating page (好差评)', () => {
  it('evaluation.request shows the item, the clerk card and the five levels; 满意 is sent at once, then thanks, then welcome', async () => {
    const { api, state } = ratingApi(ratingView({ screen: 'welcome', caseId: null, itemName: null }));
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-welcome');
    state.rating = ratingView();
    act(() => api.emit('evaluation.request', ratingView()));
    await screen.findByTestId('citizen-rate');
    expect(screen.getByTestId('citizen-screen').dataset.state).toBe('rating');
    expect(screen.getByTestId('citizen-rate-item').textContent).toContain('食品经营许可（新办）');
    expect(screen.getByTestId('citizen-clerk-name').textContent).toBe('李四');
    expect(['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'].map((l) => screen.getByTestId(`citizen-rate-${l}`).textContent)).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    await tap('citizen-rate-satisfied');
    await screen.findByTestId('citizen-thanks');
    expect(submitted(api)).toEqual([{ caseId: 'C1', level: 'satisfied' }]);
    expect(screen.getByTestId('citizen-thanks').textContent).toContain(ev.citizen.thanks);
    act(() => api.emit('evaluation.request', ratingView({ screen: 'welcome', caseId: null, itemName: null })));
    await screen.findByTestId('citizen-welcome');
  });

  it('loads a request already waiting (getRatingRequest) when the page opens', async () => {
    const { api } = ratingApi(ratingView());
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-rate');
    expect(api.callsOf('getRatingRequest')).toBeGreaterThan(0);
  });

  it('不满意 asks for at least one reason: refused without, sent with the reasons and the comment', async () => {
    const { api } = ratingApi(ratingView());
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-rate');
    await tap('citizen-rate-dissatisfied');
    expect(screen.getByTestId('citizen-rate').dataset.step).toBe('reasons');
    expect(screen.getByTestId('citizen-rate-chosen').textContent).toBe('您的评价：不满意');
    // The groups and reasons of the configured list.
    expect(screen.getByText('服务效率')).toBeTruthy();
    expect(screen.getByTestId('citizen-reason-E01').textContent).toContain('等候时间过长');
    await tap('citizen-rate-submit');
    expect(screen.getByTestId('citizen-rate-problem').textContent).toBe(ev.reasons.required);
    expect(submitted(api)).toEqual([]);

    await tap('citizen-reason-E01');
    expect(screen.getByTestId('citizen-reason-E01').getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('citizen-rate-problem')).toBeNull();
    await tap('citizen-reason-A01');
    await tap('citizen-reason-A01');
    await tap('citizen-reason-S02');
    fireEvent.change(screen.getByTestId('citizen-rate-comment'), { target: { value: '  排队太久  ' } });
    await tap('citizen-rate-submit');
    await screen.findByTestId('citizen-thanks');
    expect(submitted(api)).toEqual([{ caseId: 'C1', level: 'dissatisfied', reasons: ['E01', 'S02'], comment: '排队太久' }]);
  });

  it('重新选择 goes back to the five levels; a refusal of the service is shown on the page', async () => {
    const { api } = ratingApi(ratingView());
    api.handlers.submitRating = () => ({ ok: false, message: ev.service.alreadyRated, status: 'rated' });
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-rate');
    await tap('citizen-rate-veryDissatisfied');
    await tap('citizen-rate-change');
    expect(screen.getByTestId('citizen-rate').dataset.step).toBe('levels');
    await tap('citizen-rate-verySatisfied');
    expect(screen.getByTestId('citizen-rate-problem').textContent).toBe(ev.service.alreadyRated);
    expect(screen.getByTestId('citizen-rate')).toBeTruthy();
  });

  it('跳过: rating is voluntary, the page goes back to the welcome until the next request', async () => {
    const { api } = ratingApi(ratingView());
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-rate');
    await tap('citizen-rate-skip');
    await screen.findByTestId('citizen-welcome');
    expect(submitted(api)).toEqual([]);
    // The same request again stays skipped; the next case's request shows.
    act(() => api.emit('evaluation.request', ratingView()));
    expect(screen.queryByTestId('citizen-rate')).toBeNull();
    act(() => api.emit('evaluation.request', ratingView({ caseId: 'C2' })));
    await screen.findByTestId('citizen-rate');
  });

  it('a keypad 差评 without reasons: the reasons screen asks for them only (no level shown)', async () => {
    const { api } = ratingApi(ratingView({ screen: 'reasons' }));
    render(<CitizenApp api={api} connection={null} now={tenOClock} />);
    await screen.findByTestId('citizen-reasons');
    expect(screen.getByTestId('citizen-screen').dataset.state).toBe('reasons');
    expect(screen.queryByTestId('citizen-rate-verySatisfied')).toBeNull();
    expect(screen.queryByTestId('citizen-rate-chosen')).toBeNull();
    expect(screen.getByTestId('citizen-rate-submit').textContent).toBe(ev.citizen.submitReasons);
    await tap('citizen-rate-submit');
    expect(screen.getByTestId('citizen-rate-problem').textContent).toBe(ev.reasons.required);
    await tap('citizen-reason-S01');
    await tap('citizen-rate-submit');
    await screen.findByTestId('citizen-thanks');
    expect(submitted(api)).toEqual([{ caseId: 'C1', level: 'dissatisfied', reasons: ['S01'] }]);
  });

  it('暂停服务 wins over a rating request', () => {
    const paused = sampleCitizenScreen({ status: 'paused', pause: { reason: 'training', reasonText: '', expectedReturnAt: null, handover: null } });
    expect(citizenStateOf(paused, 'open', ratingView()).kind).toBe('paused');
    expect(citizenStateOf(sampleCitizenScreen(), 'open', ratingView()).kind).toBe('rating');
    expect(citizenStateOf(sampleCitizenScreen(), 'open', ratingView(), 'C1').kind).toBe('welcome');
    expect(citizenStateOf(sampleCitizenScreen(), 'open', ratingView({ screen: 'thanks' })).kind).toBe('thanks');
  });
});
