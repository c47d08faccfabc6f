import { useId, useState, type FormEvent, type JSX } from 'react';
import type { DeviceKind, SelfCheckItem, ServiceDayView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { clockTime } from './format';

const t = strings.serviceDay.check;

interface PreShiftCheckViewProps {
  day: ServiceDayView;
  online: boolean;
  /** Resolves to the refusal to show, or null when recorded. */
  onException(kind: DeviceKind, reason: string): Promise<string | null>;
  onOpen(): Promise<string | null>;
  onRestart(kind: DeviceKind): void;
  onSignOut(): void;
}

const VERDICT_ICON: Record<SelfCheckItem['verdict'], JSX.Element> = {
  pass: <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />,
  exception: (
    <>
      <path d="M12 4l9 16H3z" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round" />
      <path d="M12 10v4.5M12 17.3v.2" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </>
  ),
  fail: <path d="M6.5 6.5l11 11M17.5 6.5l-11 11" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />,
  optional: <path d="M6 12h12" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />,
};

/** 班前设备自检 (Zhumadian 19): each device, required or not, and 开始服务 once the required ones pass or have an exception. */
export function PreShiftCheckView({ day, online, onException, onOpen, onRestart, onSignOut }: PreShiftCheckViewProps): JSX.Element {
  const ids = useId();
  const [editing, setEditing] = useState<DeviceKind | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const blocking = day.check.filter((c) => c.verdict === 'fail').length;
  const exceptions = day.check.filter((c) => c.verdict === 'exception').length;

  const saveException = (event: FormEvent): void => {
    event.preventDefault();
    if (!editing) return;
    if (text.trim() === '') {
      setError(strings.serviceDay.service.exceptionReasonNeeded);
      return;
    }
    setBusy(true);
    onException(editing, text.trim())
      .then((refusal) => {
        setError(refusal);
        if (!refusal) {
          setEditing(null);
          setText('');
        }
      })
      .finally(() => setBusy(false));
  };

  const open = (): void => {
    setBusy(true);
    setError(null);
    onOpen()
      .then((refusal) => setError(refusal))
      .finally(() => setBusy(false));
  };

  const session = day.session;
  return (
    <section className="day-view" data-testid="pre-shift-check" aria-labelledby={`${ids}-title`}>
      <div className="day-card day-card--check">
        <header className="day-card__header day-card__header--row">
          <div>
            <h2 className="day-card__title" id={`${ids}-title`}>
              {t.title}
            </h2>
            {session && (
              <p className="day-card__subtitle">{t.signedInAs(session.clerk.name, session.clerk.staffNumber, clockTime(session.signedInAt))}</p>
            )}
          </div>
          <button type="button" className="button button--quiet" onClick={onSignOut} disabled={!online || busy} data-testid="check-sign-out">
            {t.signOut}
          </button>
        </header>
        <p className="day-card__lead">{t.lead}</p>
        <div className="day-check-scroll">
        <table className="day-check-table">
          <thead>
            <tr>
              <th scope="col">{t.device}</th>
              <th scope="col">{t.state}</th>
              <th scope="col">{t.required}</th>
              <th scope="col">{t.verdict}</th>
            </tr>
          </thead>
          <tbody>
            {day.check.map((item) => (
              <tr key={item.kind} className={`day-check-row day-check-row--${item.verdict}`} data-testid={`check-row-${item.kind}`} data-verdict={item.verdict}>
                <th scope="row" className="day-check-row__device">
                  {strings.deviceKinds[item.kind]}
                </th>
                <td>
                  <span className="day-check-row__state-line">
                    <span className={`device-chip device-chip--${item.state} day-check-row__state`}>
                      <span className="device-chip__dot" aria-hidden="true" />
                      <span className="device-chip__state">{strings.deviceStates[item.state]}</span>
                    </span>
                    {item.reason && (
                      <span className="day-check-row__reason" title={item.reason}>
                        {item.reason}
                      </span>
                    )}
                  </span>
                </td>
                <td className={item.required ? 'day-check-row__required' : 'day-check-row__optional'}>{item.required ? t.requiredYes : t.requiredNo}</td>
                <td className="day-check-row__verdict-cell">
                  <span className="day-check-row__verdict">
                    <svg viewBox="0 0 24 24" className="day-check-row__icon" aria-hidden="true" focusable="false">
                      {VERDICT_ICON[item.verdict]}
                    </svg>
                    {strings.serviceDay.verdicts[item.verdict]}
                  </span>
                  {item.exception && item.verdict !== 'optional' && (
                    <span className="day-check-row__exception" data-testid={`check-exception-${item.kind}`}>
                      {t.exceptionRecordedAt(clockTime(item.exception.at), item.exception.reason)}
                    </span>
                  )}
                  {item.verdict === 'fail' && editing !== item.kind && (
                    <span className="day-check-row__actions">
                      <button
                        type="button"
                        className="button button--secondary day-button--small"
                        onClick={() => {
                          setEditing(item.kind);
                          setText('');
                          setError(null);
                        }}
                        disabled={!online || busy}
                        data-testid={`check-record-${item.kind}`}
                      >
                        {t.recordException}
                      </button>
                      <button type="button" className="button button--quiet day-button--small" onClick={() => onRestart(item.kind)} disabled={!online || busy}>
                        {t.restart}
                      </button>
                    </span>
                  )}
                  {editing === item.kind && (
                    <form className="day-check-row__form" onSubmit={saveException}>
                      <label className="day-field">
                        <span className="day-field__label">{t.exceptionLabel(strings.deviceKinds[item.kind])}</span>
                        <input
                          className="day-field__input"
                          value={text}
                          onChange={(e) => setText(e.target.value)}
                          placeholder={t.exceptionPlaceholder}
                          maxLength={200}
                          autoFocus
                          data-testid="check-exception-text"
                        />
                      </label>
                      <span className="day-check-row__form-actions">
                        <button type="submit" className="button button--primary day-button--small" disabled={busy} data-testid="check-exception-save">
                          {t.exceptionSave}
                        </button>
                        <button type="button" className="button button--quiet day-button--small" onClick={() => setEditing(null)}>
                          {t.exceptionCancel}
                        </button>
                      </span>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        {error && (
          <p className="day-card__error" role="alert" data-testid="check-error">
            {error}
          </p>
        )}
        <footer className="day-card__footer">
          <p className={`day-check-gate ${day.canOpen ? 'day-check-gate--ready' : 'day-check-gate--blocked'}`} data-testid="check-gate" role="status">
            {day.canOpen ? (exceptions > 0 ? t.openReadyWithExceptions(exceptions) : t.openReady) : t.openBlocked(blocking)}
          </p>
          <button
            type="button"
            className="button button--primary day-button--large"
            onClick={open}
            disabled={!online || busy || !day.canOpen}
            aria-busy={busy}
            data-testid="open-service"
          >
            {t.open}
          </button>
        </footer>
      </div>
    </section>
  );
}
