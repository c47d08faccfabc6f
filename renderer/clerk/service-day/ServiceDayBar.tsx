import { type JSX } from 'react';
import type { ServiceDayView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { clockTime } from './format';

const t = strings.serviceDay.bar;

interface ServiceDayBarProps {
  day: ServiceDayView;
  /** After closing time with a case in progress (延时服务). */
  extended: boolean;
  /** Serving inside the lunch window (午间值班). */
  lunchDuty: boolean;
  disabled: boolean;
  onPause(): void;
  onSignOut(): void;
}

/** The service state while serving: since when, today's cases, extended service or lunch duty, and 暂停服务 / 签退. */
export function ServiceDayBar({ day, extended, lunchDuty, disabled, onPause, onSignOut }: ServiceDayBarProps): JSX.Element {
  const paused = day.phase === 'paused';
  return (
    <section className={`day-bar${paused ? ' day-bar--paused' : ''}`} data-testid="service-day-bar" data-phase={day.phase} aria-label={t.label}>
      <span className={`day-bar__status day-bar__status--${day.phase}`} data-testid="service-day-status">
        <span className="day-bar__dot" aria-hidden="true" />
        {strings.serviceDay.phases[day.phase]}
      </span>
      {day.session?.openedAt && <span className="day-bar__item">{t.since(clockTime(day.session.openedAt))}</span>}
      {day.today && <span className="day-bar__item">{t.casesToday(day.today.cases.total)}</span>}
      {extended && (
        <span className="day-bar__badge day-bar__badge--extended" title={t.extendedHint} data-testid="extended-service">
          {t.extended}
        </span>
      )}
      {lunchDuty && !paused && (
        <span className="day-bar__badge day-bar__badge--lunch" data-testid="lunch-duty">
          {t.lunchDuty}
        </span>
      )}
      <span className="day-bar__actions">
        <button
          type="button"
          className="button day-button--pause day-button--compact"
          onClick={onPause}
          disabled={disabled || paused}
          aria-keyshortcuts="F9"
          data-testid="pause-service"
        >
          {t.pause}
          <kbd className="button__key">F9</kbd>
        </button>
        <button type="button" className="button button--quiet day-button--compact" onClick={onSignOut} disabled={disabled} data-testid="sign-out">
          {t.signOut}
        </button>
      </span>
    </section>
  );
}
