/**
 * Which service-day action is allowed when, and the checks on a pause. Pure.
 */
import type { PauseReason, ServiceDayPhase } from '../../contract/service-day';
import { strings } from '../../i18n';
import { checkForbidden } from '../phrases/forbidden-guard';
import { atTimeOfDay } from './time';

const s = strings.serviceDay.service;

export type ServiceDayAction = 'signIn' | 'recordException' | 'open' | 'pause' | 'resume' | 'signOut';

export function phaseOf(session: { openedAt: string | null } | null, pausedNow: boolean): ServiceDayPhase {
  if (!session) return 'signedOut';
  if (!session.openedAt) return 'checking';
  return pausedNow ? 'paused' : 'open';
}

/** null when the action is allowed in the phase, else why not (Chinese). */
export function refusal(phase: ServiceDayPhase, action: ServiceDayAction, clerkName = ''): string | null {
  switch (action) {
    case 'signIn':
      return phase === 'signedOut' ? null : s.alreadySignedIn(clerkName);
    case 'recordException':
    case 'signOut':
      return phase === 'signedOut' ? s.notSignedIn : null;
    case 'open':
      if (phase === 'signedOut') return s.notSignedIn;
      return phase === 'checking' ? null : s.alreadyOpen;
    case 'pause':
      if (phase === 'signedOut') return s.notSignedIn;
      if (phase === 'checking') return s.notOpenYet;
      return phase === 'paused' ? s.alreadyPaused : null;
    case 'resume':
      if (phase === 'signedOut') return s.notSignedIn;
      return phase === 'paused' ? null : s.notPaused;
  }
}

export interface PauseRequest {
  reason: PauseReason;
  reasonText?: string | undefined;
  /** HH:MM today. */
  expectedReturn: string;
  handover?: { name: string; window: string } | undefined;
}

export type PauseCheck =
  | { ok: true; reasonText: string; expectedReturnAt: string; handover: { name: string; window: string } | null }
  | { ok: false; message: string };

/**
 * Checks a pause before it is recorded. The reason text reaches the citizen
 * screen, so it goes through the forbidden-phrase guard (norms §4).
 */
export function checkPause(request: PauseRequest, context: { now: Date; ownWindow: string }): PauseCheck {
  const reasonText = (request.reasonText ?? '').trim();
  if (request.reason === 'other' && reasonText === '') return { ok: false, message: s.otherReasonNeeded };
  if (reasonText !== '') {
    const guard = checkForbidden(reasonText);
    if (guard.flagged) {
      // Quote the words as the clerk typed them.
      const phrases = guard.spans.map((span) => span.text).join('、');
      return { ok: false, message: s.reasonForbidden(phrases, guard.suggestion ?? '') };
    }
  }
  const expected = atTimeOfDay(context.now, request.expectedReturn);
  if (expected.getTime() <= context.now.getTime()) return { ok: false, message: s.returnInPast };

  let handover: { name: string; window: string } | null = null;
  if (request.handover) {
    const name = request.handover.name.trim();
    const window = request.handover.window.trim();
    if (sameWindow(window, context.ownWindow)) return { ok: false, message: s.handoverOwnWindow };
    handover = { name, window };
  }
  return { ok: true, reasonText, expectedReturnAt: expected.toISOString(), handover };
}

/** 05 and 5 are the same window. */
export function sameWindow(a: string, b: string): boolean {
  const norm = (w: string) => w.trim().replace(/号?窗口$/, '').replace(/^0+(?=\d)/, '');
  return norm(a) === norm(b);
}
