import { describe, expect, it } from 'vitest';
import { SERVICE_DAY_PHASES, type ServiceDayPhase } from '../../contract/service-day';
import { strings } from '../../i18n';
import { checkPause, phaseOf, refusal, sameWindow, type ServiceDayAction } from './rules';

const s = strings.serviceDay.service;
const now = new Date(2025, 10, 24, 10, 0);

describe('service-day phases', () => {
  it('derives the phase from the session and the running pause', () => {
    expect(phaseOf(null, false)).toBe('signedOut');
    expect(phaseOf(null, true)).toBe('signedOut');
    expect(phaseOf({ openedAt: null }, false)).toBe('checking');
    expect(phaseOf({ openedAt: '2025-11-24T01:00:00Z' }, false)).toBe('open');
    expect(phaseOf({ openedAt: '2025-11-24T01:00:00Z' }, true)).toBe('paused');
  });

  it('allows each action only in its phases (full table)', () => {
    const allowed: Record<ServiceDayAction, ServiceDayPhase[]> = {
      signIn: ['signedOut'],
      recordException: ['checking', 'open', 'paused'],
      open: ['checking'],
      pause: ['open'],
      resume: ['paused'],
      signOut: ['checking', 'open', 'paused'],
    };
    for (const [action, phases] of Object.entries(allowed) as [ServiceDayAction, ServiceDayPhase[]][]) {
      for (const phase of SERVICE_DAY_PHASES) {
        const answer = refusal(phase, action, '李四');
        if (phases.includes(phase)) expect(answer, `${action} in ${phase}`).toBeNull();
        else expect(answer, `${action} in ${phase}`).toMatch(/\S/);
      }
    }
  });

  it('says why in plain words', () => {
    expect(refusal('open', 'signIn', '李四')).toBe(s.alreadySignedIn('李四'));
    expect(refusal('checking', 'pause')).toBe(s.notOpenYet);
    expect(refusal('open', 'resume')).toBe(s.notPaused);
    expect(refusal('signedOut', 'open')).toBe(s.notSignedIn);
  });
});

describe('checking a pause', () => {
  const ctx = { now, ownWindow: '12' };

  it('accepts a standard reason with a return time later today, and gives the return as an instant', () => {
    const result = checkPause({ reason: 'temporaryLeave', expectedReturn: '10:15' }, ctx);
    expect(result).toEqual({ ok: true, reasonText: '', expectedReturnAt: new Date(2025, 10, 24, 10, 15).toISOString(), handover: null });
  });

  it('requires the text for 其他', () => {
    expect(checkPause({ reason: 'other', expectedReturn: '10:30' }, ctx)).toEqual({ ok: false, message: s.otherReasonNeeded });
    expect(checkPause({ reason: 'other', reasonText: '   ', expectedReturn: '10:30' }, ctx)).toEqual({ ok: false, message: s.otherReasonNeeded });
    expect(checkPause({ reason: 'other', reasonText: ' 窗口设备更换 ', expectedReturn: '10:30' }, ctx)).toMatchObject({ ok: true, reasonText: '窗口设备更换' });
  });

  it('refuses a reason text with a forbidden phrase: it would reach the citizen screen', () => {
    const result = checkPause({ reason: 'other', reasonText: '快点，我要下班了', expectedReturn: '10:30' }, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('服务忌语');
      expect(result.message).toContain('快点，我要下班了');
    }
    // An honest reason that merely contains 不知道 in a question is fine.
    expect(checkPause({ reason: 'systemFault', reasonText: '网络中断，不知道是否需要重启', expectedReturn: '10:30' }, ctx).ok).toBe(true);
  });

  it('refuses a return time that is now or earlier', () => {
    expect(checkPause({ reason: 'training', expectedReturn: '10:00' }, ctx)).toEqual({ ok: false, message: s.returnInPast });
    expect(checkPause({ reason: 'training', expectedReturn: '09:59' }, ctx)).toEqual({ ok: false, message: s.returnInPast });
    expect(checkPause({ reason: 'training', expectedReturn: '10:01' }, ctx).ok).toBe(true);
  });

  it('takes a hand-over to another window, trimmed, and refuses the own window', () => {
    expect(checkPause({ reason: 'lunchBreak', expectedReturn: '13:30', handover: { name: ' 王五 ', window: ' 5 ' } }, ctx)).toMatchObject({
      ok: true,
      handover: { name: '王五', window: '5' },
    });
    expect(checkPause({ reason: 'lunchBreak', expectedReturn: '13:30', handover: { name: '王五', window: '012' } }, ctx)).toEqual({
      ok: false,
      message: s.handoverOwnWindow,
    });
  });

  it('compares window numbers as the public reads them', () => {
    expect(sameWindow('05', '5')).toBe(true);
    expect(sameWindow('5号窗口', '05')).toBe(true);
    expect(sameWindow('15', '5')).toBe(false);
    expect(sameWindow('A3', 'A3')).toBe(true);
    expect(sameWindow('0', '00')).toBe(true);
  });
});
