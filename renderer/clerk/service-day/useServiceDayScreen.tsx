import { useCallback, useEffect, useLayoutEffect, useMemo, useState, type JSX } from 'react';
import type { CounterApi, DeviceKind, ParamsOf, ServiceDayResult, ServiceDayView, Snapshot } from '../../../shared/contract';
import { liveFlags } from '../../../shared/domain/service-day/summary';
import { extendedServiceNotice, type ExtendedServiceNotice } from '../../../shared/domain/prompts/closing';
import { strings } from '../../../shared/i18n';
import { messageOf } from '../../api';
import type { ToastLevel } from '../../components/Toasts';
import { PausedOverlay } from './PausedOverlay';
import { PauseDialog } from './PauseDialog';
import { PreShiftCheckView } from './PreShiftCheckView';
import { ServiceDayBar } from './ServiceDayBar';
import { SignInView } from './SignInView';
import { SignOutDialog } from './SignOutDialog';
import './service-day.css';

type DayMethod = 'signIn' | 'recordCheckException' | 'openService' | 'pauseService' | 'resumeService' | 'signOut';

export interface ServiceDayScreenInput {
  api: CounterApi;
  /** From the snapshot and serviceDay.changed; null before the first snapshot. */
  day: ServiceDayView | null;
  counter: Snapshot['counter'] | null;
  online: boolean;
  /** A case is in progress (for 延时服务 and the sign-out warning). */
  caseOpen: boolean;
  /** When the case in progress opened (for the minutes of 延时服务 in the prompt area). */
  caseOpenedAt?: string | null;
  push(level: ToastLevel, message: string): void;
  /** A fresher view arrived in an answer: keep it. */
  onDay(day: ServiceDayView): void;
}

export interface ServiceDayScreen {
  /** The counter with the signed-in clerk in place of the configured one. */
  counter: Snapshot['counter'] | null;
  /** The counter screen takes input: signed in, open, not paused, no dialog over it. */
  serving: boolean;
  /** Replaces the case area before the window opens (sign-in, self-check); null once open. */
  gate: JSX.Element | null;
  /** Service state and 暂停服务 / 签退, under the device bar while open or paused. */
  bar: JSX.Element | null;
  /** The paused overlay or a dialog: the screen beneath is inert while it shows. */
  overlay: JSX.Element | null;
  /** Footer shortcut hint, while the window is open. */
  shortcut: string | null;
  /** 延时服务 right now (after closing time, a case in progress, serving), for the prompt area; null otherwise. */
  extended: ExtendedServiceNotice | null;
}

/** A field that takes the key as text (where preventDefault would swallow the character). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit', 'file'].includes(target.type);
}

/** Ticks every 30 s: enough for closing time, the lunch window and the pause dialog's defaults. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * The service day on the clerk screen (norms §1): sign-in, the pre-shift
 * self-check, then the counter screen with 暂停服务 (F9), the paused overlay
 * with 恢复服务 (F9), and 签退 with the day summary.
 */
export function useServiceDayScreen({ api, day, counter, online, caseOpen, caseOpenedAt = null, push, onDay }: ServiceDayScreenInput): ServiceDayScreen {
  const now = useMinuteClock();
  const [dialog, setDialog] = useState<null | 'pause' | 'signOut'>(null);
  const [busy, setBusy] = useState(false);
  const phase = day?.phase ?? null;

  /** Runs an action; resolves to the refusal or failure to show, or null when done (success is toasted). */
  const act = useCallback(
    async <M extends DayMethod>(method: M, params: ParamsOf<M>): Promise<string | null> => {
      try {
        const result = (await api.invoke(method, params)) as ServiceDayResult;
        onDay(result.day);
        if (!result.ok) return result.message;
        // Sign-in, exceptions and opening show in the view itself; a toast would only cover 开始服务.
        if (method === 'pauseService' || method === 'resumeService' || method === 'signOut') push('success', result.message);
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },
    [api, onDay, push],
  );

  const resume = useCallback(() => {
    if (busy) return;
    setBusy(true);
    act('resumeService', {})
      .then((refusal) => {
        if (refusal) push('warning', refusal);
      })
      .finally(() => setBusy(false));
  }, [act, busy, push]);

  // A dialog that no longer fits the phase (another screen paused or signed out) closes.
  const shownDialog = (dialog === 'pause' && phase !== 'open') || (dialog === 'signOut' && (phase === 'signedOut' || phase === null)) ? null : dialog;

  // F9: 暂停服务 while open, 恢复服务 while paused. Layout effects (here and the guard below) so the keys
  // change in the same commit as the screen, never a moment after it.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'F9' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      if (event.repeat || !online) return;
      if (phase === 'open' && shownDialog === null) setDialog('pause');
      else if (phase === 'paused') resume();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [online, phase, shownDialog, resume]);

  // While the paused overlay or a dialog covers the screen, the screen's own single-key shortcuts
  // (1–9 copy a phrase, F3 and / search) must not act beneath it: they skip keys already handled.
  const covered = phase === 'paused' || shownDialog !== null;
  useLayoutEffect(() => {
    if (!covered) return undefined;
    const guard = (event: KeyboardEvent): void => {
      if (!/^[0-9/]$|^F[23]$/.test(event.key) || isTyping(event.target)) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', guard, true);
    return () => window.removeEventListener('keydown', guard, true);
  }, [covered]);

  const restartDevice = useCallback(
    (kind: DeviceKind) => {
      api.invoke('restartDevice', { kind }).catch((error: unknown) => push('error', messageOf(error)));
    },
    [api, push],
  );

  const shownCounter = useMemo(() => {
    if (!counter || !day?.session) return counter;
    return { ...counter, clerkName: day.session.clerk.name, clerkStaffNumber: day.session.clerk.staffNumber };
  }, [counter, day]);

  if (!day) return { counter, serving: false, gate: null, bar: null, overlay: null, shortcut: null, extended: null };

  let gate: JSX.Element | null = null;
  if (day.phase === 'signedOut') {
    gate = <SignInView counter={counter} hours={day.hours} lastSummary={day.lastSummary} online={online} onSignIn={(params) => act('signIn', params)} />;
  } else if (day.phase === 'checking') {
    gate = (
      <PreShiftCheckView
        day={day}
        online={online}
        onException={(kind, reason) => act('recordCheckException', { kind, reason })}
        onOpen={() => act('openService', {})}
        onRestart={restartDevice}
        onSignOut={() => setDialog('signOut')}
      />
    );
  }

  const flags = liveFlags(day.hours, now, caseOpen);
  const bar =
    day.phase === 'open' || day.phase === 'paused' ? (
      <ServiceDayBar
        day={day}
        extended={flags.extendedService}
        lunchDuty={flags.lunchWindow}
        disabled={!online || busy}
        onPause={() => setDialog('pause')}
        onSignOut={() => setDialog('signOut')}
      />
    ) : null;

  let overlay: JSX.Element | null = null;
  if (shownDialog === 'signOut') {
    overlay = (
      <SignOutDialog
        summary={day.today}
        caseOpen={caseOpen}
        onConfirm={async () => {
          const refusal = await act('signOut', {});
          if (!refusal) setDialog(null);
          return refusal;
        }}
        onCancel={() => setDialog(null)}
      />
    );
  } else if (day.phase === 'paused' && day.pause) {
    overlay = <PausedOverlay pause={day.pause} busy={busy || !online} onResume={resume} onSignOut={() => setDialog('signOut')} />;
  } else if (shownDialog === 'pause') {
    overlay = (
      <PauseDialog
        hours={day.hours}
        now={now}
        onConfirm={async (params) => {
          const refusal = await act('pauseService', params);
          if (!refusal) setDialog(null);
          return refusal;
        }}
        onCancel={() => setDialog(null)}
      />
    );
  }

  return {
    counter: shownCounter,
    serving: day.phase === 'open' && overlay === null,
    gate,
    bar,
    overlay,
    shortcut: day.phase === 'open' || day.phase === 'paused' ? strings.serviceDay.shortcut : null,
    extended:
      day.phase === 'open' || day.phase === 'paused'
        ? extendedServiceNotice(day.hours.closingTime, now, caseOpen ? { openedAt: caseOpenedAt ?? now.toISOString() } : null)
        : null,
  };
}
