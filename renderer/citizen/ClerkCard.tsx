import { type JSX } from 'react';
import type { CitizenScreen } from '../../shared/contract';
import { strings } from '../../shared/i18n';

const t = strings.serviceDay.citizen;

/** The clerk's card as the evaluator shows it: photo, name, staff number. */
export function ClerkCard({ clerk }: { clerk: NonNullable<CitizenScreen['clerk']> }): JSX.Element {
  return (
    <figure className="clerk-card" data-testid="citizen-clerk-card">
      {clerk.photo ? (
        <img className="clerk-card__photo" src={clerk.photo} alt={clerk.name} data-testid="citizen-clerk-photo" />
      ) : (
        <svg className="clerk-card__photo clerk-card__photo--empty" viewBox="0 0 60 80" role="img" aria-label={t.noPhoto}>
          <circle cx="30" cy="28" r="13" fill="currentColor" />
          <path d="M6 80c0-16 10-26 24-26s24 10 24 26z" fill="currentColor" />
        </svg>
      )}
      <figcaption className="clerk-card__caption">
        <span className="clerk-card__label">{t.clerkLabel}</span>
        <span className="clerk-card__name" data-testid="citizen-clerk-name">
          {clerk.name}
        </span>
        <span className="clerk-card__number" data-testid="citizen-clerk-number">
          {t.staffNumber(clerk.staffNumber)}
        </span>
      </figcaption>
    </figure>
  );
}
