import { useId, useState, type FormEvent, type JSX } from 'react';
import {
  CLERK_PHOTO_MAX_BYTES,
  CLERK_PHOTO_TYPES,
  STAFF_NUMBER_PATTERN,
  type DaySummary,
  type ParamsOf,
  type ServiceHours,
  type Snapshot,
} from '../../../shared/contract';
import { PIN_PATTERN } from '../../../shared/domain/lead/pin-format';
import { strings } from '../../../shared/i18n';
import { DaySummaryCard } from './DaySummaryCard';
import { readPhoto } from './format';

const t = strings.serviceDay.signIn;
const svc = strings.serviceDay.service;
const pinText = strings.credentials.signIn;

interface SignInViewProps {
  counter: Snapshot['counter'] | null;
  hours: ServiceHours;
  /** The summary of the last sign-out today, shown beside the form. */
  lastSummary: DaySummary | null;
  online: boolean;
  /** Resolves to the refusal to show, or null when signed in. */
  onSignIn(params: ParamsOf<'signIn'>): Promise<string | null>;
}

type Photo = { mediaType: (typeof CLERK_PHOTO_TYPES)[number]; base64: string; dataUrl: string; name: string };

/**
 * 上岗签到: staff number and PIN (set by IT; the name comes from the
 * account), and an optional photo for the evaluator and the citizen screen.
 * A refusal (wrong PIN with the tries left, a lock-out with the minutes to
 * wait, no accounts on this counter) is shown as the service words it.
 */
export function SignInView({ counter, hours, lastSummary, online, onSignIn }: SignInViewProps): JSX.Element {
  const ids = useId();
  // The clerk who signed out last today is the likeliest to sign in again (after lunch); else this window's clerk.
  const [staffNumber, setStaffNumber] = useState(lastSummary?.clerk.staffNumber ?? counter?.clerkStaffNumber ?? '');
  const [pin, setPin] = useState('');
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choosePhoto = (file: File | undefined): void => {
    setError(null);
    if (!file) return;
    if (!(CLERK_PHOTO_TYPES as readonly string[]).includes(file.type)) {
      setError(svc.photoBadType);
      return;
    }
    if (file.size > CLERK_PHOTO_MAX_BYTES) {
      setError(svc.photoTooLarge(CLERK_PHOTO_MAX_BYTES / 1024));
      return;
    }
    readPhoto(file).then(
      ({ base64, dataUrl }) => setPhoto({ mediaType: file.type as Photo['mediaType'], base64, dataUrl, name: file.name }),
      () => setError(t.photoReadFailed),
    );
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const staff = staffNumber.trim();
    if (!STAFF_NUMBER_PATTERN.test(staff)) return setError(t.staffNumberInvalid);
    if (pin === '') return setError(strings.credentials.clerk.pinNeeded);
    if (!PIN_PATTERN.test(pin)) return setError(pinText.pinInvalid);
    setBusy(true);
    setError(null);
    onSignIn({ staffNumber: staff, pin, ...(photo ? { photo: { mediaType: photo.mediaType, base64: photo.base64 } } : {}) })
      .then((refusal) => {
        setError(refusal);
        // A refused PIN is typed again, never left on screen.
        if (refusal) setPin('');
      })
      .finally(() => setBusy(false));
  };

  return (
    <section className="day-view" data-testid="sign-in-view" aria-labelledby={`${ids}-title`}>
      <div className={`day-view__layout${lastSummary ? ' day-view__layout--two' : ''}`}>
        <form className="day-card" onSubmit={submit} noValidate>
          <header className="day-card__header">
            <h2 className="day-card__title" id={`${ids}-title`}>
              {t.title}
            </h2>
            {counter && <p className="day-card__subtitle">{t.windowLine(counter.centreName, counter.windowNumber)}</p>}
            <p className="day-card__meta">
              {t.hours(hours.openingTime, hours.closingTime)} · {t.lunch(hours.lunchStart, hours.lunchEnd)}
            </p>
          </header>
          <p className="day-card__lead">{t.lead}</p>
          <div className="day-sign-in__fields">
            <div className="day-sign-in__photo">
              {photo ? (
                <img className="day-sign-in__photo-img" src={photo.dataUrl} alt={t.photoPreview} data-testid="sign-in-photo-preview" />
              ) : (
                <svg className="day-sign-in__photo-empty" viewBox="0 0 60 80" aria-hidden="true" focusable="false">
                  <circle cx="30" cy="28" r="13" fill="currentColor" />
                  <path d="M6 80c0-16 10-26 24-26s24 10 24 26z" fill="currentColor" />
                </svg>
              )}
              <label className="button button--quiet day-sign-in__photo-button">
                {photo ? t.photoChange : t.photoChoose}
                <input
                  type="file"
                  accept={CLERK_PHOTO_TYPES.join(',')}
                  className="sd-visually-hidden"
                  data-testid="sign-in-photo"
                  onChange={(e) => choosePhoto(e.target.files?.[0])}
                />
              </label>
            </div>
            <div className="day-sign-in__inputs">
              <label className="day-field">
                <span className="day-field__label">{t.staffNumber}</span>
                <input
                  className="day-field__input day-field__input--mono"
                  value={staffNumber}
                  onChange={(e) => setStaffNumber(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={20}
                  data-testid="sign-in-staff-number"
                  data-autofocus
                  required
                />
                <span className="day-field__hint">{t.staffNumberHint}</span>
              </label>
              <label className="day-field">
                <span className="day-field__label">{pinText.pin}</span>
                <input
                  className="day-field__input day-field__input--mono"
                  type="password"
                  inputMode="numeric"
                  pattern="[0-9]*"
                  value={pin}
                  onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
                  autoComplete="off"
                  maxLength={12}
                  placeholder={pinText.pinPlaceholder}
                  data-testid="sign-in-pin"
                  required
                />
                <span className="day-field__hint">{pinText.nameFromAccount}</span>
              </label>
              <p className="day-field__hint">
                <span className="day-field__label">{t.photo}</span> {t.photoHint} {!photo && t.photoKept}
              </p>
            </div>
          </div>
          {error && (
            <p className="day-card__error" role="alert" data-testid="sign-in-error">
              {error}
            </p>
          )}
          <div className="day-card__actions">
            <button type="submit" className="button button--primary day-button--large" disabled={!online || busy} aria-busy={busy} data-testid="sign-in-submit">
              {t.submit}
            </button>
          </div>
        </form>
        {lastSummary && (
          <aside className="day-card day-card--summary" data-testid="last-summary">
            <h2 className="day-card__title">{strings.serviceDay.summary.titleSignedOut}</h2>
            <DaySummaryCard summary={lastSummary} />
          </aside>
        )}
      </div>
    </section>
  );
}
