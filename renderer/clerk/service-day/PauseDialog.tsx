import { useId, useState, type FormEvent, type JSX } from 'react';
import { PAUSE_REASONS, TIME_OF_DAY_PATTERN, type PauseParams, type PauseReason, type ServiceHours } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { formatTimeOfDay } from '../../../shared/domain/service-day/time';
import { DayDialog } from './DayDialog';
import { returnTimeIn } from './format';

const t = strings.serviceDay.pauseDialog;
const QUICK_MINUTES = [15, 30, 60] as const;

interface PauseDialogProps {
  hours: ServiceHours;
  now: Date;
  /** Resolves to the refusal to show, or null when paused. */
  onConfirm(params: PauseParams): Promise<string | null>;
  onCancel(): void;
}

/** 24-hour HH:MM as typed in a hurry: 1430, 9:30 and 14：30 (full-width colon) become 14:30, 09:30, 14:30. */
export function normaliseTime(text: string): string {
  const half = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[：.。]/g, ':');
  const compact = /^(\d{1,2})(\d{2})$/.exec(half);
  const parts = compact ?? /^(\d{1,2}):(\d{2})$/.exec(half);
  return parts ? `${parts[1]!.padStart(2, '0')}:${parts[2]}` : half;
}

/** Lunch break is the likely reason from a quarter before the lunch window to its end. */
function likelyReason(hours: ServiceHours, now: Date): PauseReason {
  const time = formatTimeOfDay(new Date(now.getTime() + 15 * 60_000));
  return time >= hours.lunchStart && formatTimeOfDay(now) < hours.lunchEnd ? 'lunchBreak' : 'temporaryLeave';
}

function defaultReturn(reason: PauseReason, hours: ServiceHours, now: Date): string {
  if (reason === 'lunchBreak' && hours.lunchEnd > formatTimeOfDay(now)) return hours.lunchEnd;
  return returnTimeIn(now, 15);
}

/** 暂停服务: reason, expected return, and the A/B post hand-over the citizen screen points to. */
export function PauseDialog({ hours, now, onConfirm, onCancel }: PauseDialogProps): JSX.Element {
  const ids = useId();
  const [reason, setReason] = useState<PauseReason>(() => likelyReason(hours, now));
  const [reasonText, setReasonText] = useState('');
  const [expectedReturn, setExpectedReturn] = useState(() => defaultReturn(likelyReason(hours, now), hours, now));
  const [handoverOn, setHandoverOn] = useState(false);
  const [handoverName, setHandoverName] = useState('');
  const [handoverWindow, setHandoverWindow] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pickReason = (next: PauseReason): void => {
    setReason(next);
    if (next === 'lunchBreak') setExpectedReturn(defaultReturn(next, hours, now));
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const time = normaliseTime(expectedReturn);
    setExpectedReturn(time);
    if (!TIME_OF_DAY_PATTERN.test(time)) return setError(t.returnNeeded);
    if (reason === 'other' && reasonText.trim() === '') return setError(strings.serviceDay.service.otherReasonNeeded);
    if (handoverOn && (handoverName.trim() === '' || handoverWindow.trim() === '')) return setError(t.handoverIncomplete);
    setBusy(true);
    setError(null);
    const params: PauseParams = {
      reason,
      expectedReturn: time,
      ...(reasonText.trim() !== '' ? { reasonText: reasonText.trim() } : {}),
      ...(handoverOn ? { handover: { name: handoverName.trim(), window: handoverWindow.trim() } } : {}),
    };
    onConfirm(params)
      .then((refusal) => setError(refusal))
      .finally(() => setBusy(false));
  };

  const lunchAhead = hours.lunchEnd > formatTimeOfDay(now);
  return (
    <DayDialog title={t.title} tone="pause" onClose={onCancel} testId="pause-dialog">
      <form className="day-pause-form" onSubmit={submit} noValidate>
        <p className="day-dialog__lead">{t.lead}</p>
        <fieldset className="day-pause-form__group">
          <legend className="day-field__label">{t.reason}</legend>
          <div className="day-segmented" role="radiogroup" aria-label={t.reason}>
            {PAUSE_REASONS.map((r) => (
              <label key={r} className={`day-segmented__option${reason === r ? ' day-segmented__option--on' : ''}`}>
                <input
                  type="radio"
                  name={`${ids}-reason`}
                  value={r}
                  checked={reason === r}
                  onChange={() => pickReason(r)}
                  data-testid={`pause-reason-${r}`}
                  data-autofocus={reason === r ? true : undefined}
                />
                {strings.serviceDay.pauseReasons[r]}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="day-field">
          <span className="day-field__label">{reason === 'other' ? t.reasonTextRequired : t.reasonText}</span>
          <input
            className="day-field__input"
            value={reasonText}
            onChange={(e) => setReasonText(e.target.value)}
            placeholder={t.reasonTextPlaceholder}
            maxLength={40}
            data-testid="pause-reason-text"
          />
        </label>
        <div className="day-field">
          <label className="day-field__label" htmlFor={`${ids}-return`}>
            {t.expectedReturn}
          </label>
          <div className="day-pause-form__return">
            <input
              id={`${ids}-return`}
              className="day-field__input day-field__input--time"
              value={expectedReturn}
              onChange={(e) => setExpectedReturn(e.target.value)}
              onBlur={() => setExpectedReturn(normaliseTime(expectedReturn))}
              inputMode="numeric"
              maxLength={5}
              placeholder="14:30"
              required
              data-testid="pause-return"
            />
            {QUICK_MINUTES.map((m) => (
              <button key={m} type="button" className="day-chip-button" onClick={() => setExpectedReturn(returnTimeIn(now, m))}>
                {t.quick(m)}
              </button>
            ))}
            {lunchAhead && (
              <button type="button" className="day-chip-button" onClick={() => setExpectedReturn(hours.lunchEnd)}>
                {t.lunchEnd(hours.lunchEnd)}
              </button>
            )}
          </div>
        </div>
        <fieldset className="day-pause-form__handover">
          <label className="day-checkbox">
            <input type="checkbox" checked={handoverOn} onChange={(e) => setHandoverOn(e.target.checked)} data-testid="pause-handover" />
            {t.handover}
          </label>
          {handoverOn && (
            <>
              <div className="day-pause-form__row">
                <label className="day-field">
                  <span className="day-field__label">{t.handoverName}</span>
                  <input className="day-field__input" value={handoverName} onChange={(e) => setHandoverName(e.target.value)} maxLength={20} data-testid="pause-handover-name" />
                </label>
                <label className="day-field day-field--narrow">
                  <span className="day-field__label">{t.handoverWindow}</span>
                  <input
                    className="day-field__input day-field__input--mono"
                    value={handoverWindow}
                    onChange={(e) => setHandoverWindow(e.target.value)}
                    maxLength={10}
                    inputMode="numeric"
                    data-testid="pause-handover-window"
                  />
                </label>
              </div>
              <p className="day-pause-form__preview">{t.handoverHint(handoverWindow.trim())}</p>
            </>
          )}
        </fieldset>
        {error && (
          <p className="day-card__error" role="alert" data-testid="pause-error">
            {error}
          </p>
        )}
        <div className="day-dialog__actions">
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" className="button day-button--pause" disabled={busy} aria-busy={busy} data-testid="pause-confirm">
            {t.confirm}
          </button>
        </div>
      </form>
    </DayDialog>
  );
}
