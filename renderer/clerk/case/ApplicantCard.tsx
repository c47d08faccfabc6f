import { useEffect, useState, type JSX, type ReactNode } from 'react';
import { ActionMessage, useCaseActions } from './case-actions';
import type { ApplicantView } from '../../../shared/contract';
import type { Person } from '../../../shared/domain/case';
import { strings } from '../../../shared/i18n';
import { formatTimestamp, formatValidity } from '../format';

const p = strings.caseScreen.person;

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }): JSX.Element {
  return (
    <div className={`applicant__field${wide ? ' applicant__field--wide' : ''}`}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function optional(value: string | undefined): string {
  return value === undefined || value.trim() === '' ? strings.clerkScreen.notProvided : value;
}

/** The card photo, or a plain placeholder when no vendor decoder is installed: never a made-up photo. */
function CardPhoto({ photo }: { photo: ApplicantView['photo'] }): JSX.Element | null {
  if (!photo) return null;
  const t = strings.caseScreen.photo;
  if (photo.status === 'decoded') return <img className="applicant__photo" data-testid="applicant-photo" src={photo.dataUrl} alt={t.alt} />;
  return (
    <span className="applicant__photo applicant__photo--missing" data-testid="applicant-photo-missing" title={t.noDecoderHint}>
      {t.noDecoder}
    </span>
  );
}

/** How long a revealed number stays on screen before it is masked again. */
const REVEAL_MS = 15_000;

/**
 * The masked number, with 显示 for the clerk who must compare it with the
 * document: the full number comes from the service (which records the
 * reveal) and is masked again after a few seconds or on 隐藏. Keyed by the
 * masked number where used, so another person never inherits a reveal.
 */
function RevealableId({ masked, whose }: { masked: string; whose: 'applicant' | 'agent' }): JSX.Element {
  const { api, online, busy, request } = useCaseActions();
  const [full, setFull] = useState<string | null>(null);
  useEffect(() => {
    if (full === null) return;
    const timer = setTimeout(() => setFull(null), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [full]);
  const source = `reveal-${whose}`;
  const reveal = async () => {
    const result = await request(source, () => api.invoke('revealIdNumber', { whose }), { okText: () => strings.caseScreen.reveal.recorded });
    if (result?.ok && result.idNumber) setFull(result.idNumber);
  };
  return (
    <span className="applicant__id-row">
      <span className="applicant__id" data-testid="applicant-id" data-revealed={full !== null || undefined}>
        {full ?? masked}
      </span>
      <button
        type="button"
        className="button button--link applicant__reveal"
        data-testid={`reveal-${whose}-id`}
        disabled={!online || (busy !== null && busy !== source)}
        onClick={full === null ? () => void reveal() : () => setFull(null)}
        title={strings.caseScreen.reveal.hint}
      >
        {full === null ? strings.caseScreen.reveal.show : strings.caseScreen.reveal.hide}
      </button>
      <ActionMessage source={source} />
    </span>
  );
}

/** The applicant's card as read, laid out like the card's own fields; ID number masked. */
export function CardApplicant({ applicant }: { applicant: ApplicantView }): JSX.Element {
  const f = strings.case.fields;
  return (
    <div className="applicant" data-testid="applicant-panel">
      <div className="applicant__heading">
        <span className="applicant__card-type">{strings.case.cardTypes[applicant.cardType]}</span>
        <span className="applicant__source">
          {strings.clerkScreen.source}
          <span className="applicant__source-value">{applicant.source}</span>
        </span>
      </div>
      {applicant.warnings && applicant.warnings.length > 0 && (
        <ul className="applicant__warnings" data-testid="applicant-warnings" role="alert">
          {applicant.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="applicant__name-row">
        <span className="applicant__name-label">{f.name}</span>
        <span className="applicant__name" data-testid="applicant-name">
          {applicant.name}
        </span>
        <CardPhoto photo={applicant.photo} />
      </div>
      <dl className="applicant__fields">
        <Field label={f.gender}>{applicant.gender}</Field>
        <Field label={f.ethnicity}>{optional(applicant.ethnicity)}</Field>
        {/* The age, not the birth date: beside the masked number the date would complete it (the service sends no date). */}
        <Field label={strings.dataProtection.applicant.age}>
          <span data-testid="applicant-age">{applicant.age === null ? strings.dataProtection.applicant.ageUnknown : strings.dataProtection.applicant.years(applicant.age)}</span>
        </Field>
        <Field label={f.readAt}>{formatTimestamp(applicant.readAt)}</Field>
        <Field label={f.address} wide>
          {optional(applicant.address)}
        </Field>
        <Field label={f.idNumber} wide>
          <RevealableId key={applicant.idNumberMasked} masked={applicant.idNumberMasked} whose="applicant" />
        </Field>
        <Field label={f.issuingAuthority}>{optional(applicant.issuingAuthority)}</Field>
        <Field label={f.validity}>{formatValidity(applicant.validFrom, applicant.validTo)}</Field>
      </dl>
    </div>
  );
}

/** How a person was identified: read from a card, or typed in with a reason. */
export function entryLabel(person: Person): string {
  return person.entry.method === 'idCard'
    ? p.entryCard(person.entry.reader)
    : p.entryManual(person.entry.text ? `${strings.caseFlow.manualReasons[person.entry.reason]}（${person.entry.text}）` : strings.caseFlow.manualReasons[person.entry.reason]);
}

/** An applicant typed in by the clerk (no card): name, document and the reason for the manual entry; number masked. */
export function ManualApplicant({ person }: { person: Person }): JSX.Element {
  const f = strings.case.fields;
  return (
    <div className="applicant" data-testid="applicant-panel">
      <div className="applicant__heading">
        <span className="applicant__card-type">{strings.caseFlow.idTypes[person.idType]}</span>
        <span className="applicant__manual">{entryLabel(person)}</span>
      </div>
      <div className="applicant__name-row">
        <span className="applicant__name-label">{f.name}</span>
        <span className="applicant__name" data-testid="applicant-name">
          {person.name}
        </span>
      </div>
      <dl className="applicant__fields">
        <Field label={p.idNumber} wide>
          <RevealableId key={person.idNumber} masked={person.idNumber} whose="applicant" />
        </Field>
      </dl>
    </div>
  );
}
