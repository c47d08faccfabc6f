import { useEffect, useRef, type JSX } from 'react';
import type { PauseView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { clockTime } from './format';

const t = strings.serviceDay.pausedOverlay;

/** Covers the clerk screen while paused, with what the citizens see and 恢复服务. */
export function PausedOverlay({ pause, busy, onResume, onSignOut }: { pause: PauseView; busy: boolean; onResume(): void; onSignOut(): void }): JSX.Element {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  const reason = strings.serviceDay.pauseReasons[pause.reason] ?? pause.reason;
  return (
    <div className="day-dialog day-dialog--paused" data-testid="paused-overlay">
      <div className="day-dialog__card day-dialog__card--pause day-paused-card" role="alertdialog" aria-modal="true" aria-labelledby="paused-title">
        <svg className="day-paused-card__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
          <path d="M19 16v16M29 16v16" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
        </svg>
        <h2 className="day-paused-card__title" id="paused-title">
          {t.title}
        </h2>
        <dl className="day-paused-card__facts">
          <div>
            <dt>{t.reason}</dt>
            <dd data-testid="paused-reason">
              {reason}
              {pause.reasonText !== '' && `（${pause.reasonText}）`}
            </dd>
          </div>
          <div>
            <dt>{t.since}</dt>
            <dd>{clockTime(pause.startedAt)}</dd>
          </div>
          {pause.expectedReturnAt && (
            <div>
              <dt>{t.expectedReturn}</dt>
              <dd data-testid="paused-return">{clockTime(pause.expectedReturnAt)}</dd>
            </div>
          )}
          {pause.handover && (
            <div>
              <dt>{t.handover}</dt>
              <dd data-testid="paused-handover">{t.handoverValue(pause.handover.name, pause.handover.window)}</dd>
            </div>
          )}
        </dl>
        <p className="day-paused-card__note">{t.citizenNote}</p>
        <button
          ref={button}
          type="button"
          className="button button--primary day-button--large"
          onClick={onResume}
          disabled={busy}
          aria-busy={busy}
          aria-keyshortcuts="F9"
          data-testid="resume-service"
        >
          {t.resume}
          <kbd className="button__key">F9</kbd>
        </button>
        <button type="button" className="day-link-button" onClick={onSignOut} disabled={busy} data-testid="paused-sign-out">
          {strings.serviceDay.bar.signOut}
        </button>
      </div>
    </div>
  );
}
