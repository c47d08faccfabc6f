import { type JSX, type ReactNode } from 'react';
import type { ApplicantView, CaseView } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { formatCardDate, formatTimestamp, formatValidity } from './format';

interface CasePanelProps {
  currentCase: CaseView | null;
  restored: boolean;
  idcardSimulated: boolean;
  /** Buttons for the panel's toolbar (模拟刷证, 结束本次办件). */
  actions: ReactNode;
}

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

function Applicant({ applicant }: { applicant: ApplicantView }): JSX.Element {
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
      <div className="applicant__name-row">
        <span className="applicant__name-label">{f.name}</span>
        <span className="applicant__name" data-testid="applicant-name">
          {applicant.name}
        </span>
      </div>
      <dl className="applicant__fields">
        <Field label={f.gender}>{applicant.gender}</Field>
        <Field label={f.ethnicity}>{optional(applicant.ethnicity)}</Field>
        <Field label={f.birthDate}>{formatCardDate(applicant.birthDate)}</Field>
        <Field label={f.readAt}>{formatTimestamp(applicant.readAt)}</Field>
        <Field label={f.address} wide>
          {optional(applicant.address)}
        </Field>
        <Field label={f.idNumber} wide>
          <span className="applicant__id" data-testid="applicant-id">
            {applicant.idNumberMasked}
          </span>
        </Field>
        <Field label={f.issuingAuthority}>{optional(applicant.issuingAuthority)}</Field>
        <Field label={f.validity}>{formatValidity(applicant.validFrom, applicant.validTo)}</Field>
      </dl>
    </div>
  );
}

function EmptyCase({ idcardSimulated }: { idcardSimulated: boolean }): JSX.Element {
  return (
    <div className="case-empty" data-testid="case-empty">
      <svg className="case-empty__icon" viewBox="0 0 96 64" aria-hidden="true" focusable="false">
        <rect x="3" y="3" width="90" height="58" rx="7" fill="none" stroke="currentColor" strokeWidth="3" />
        <circle cx="28" cy="26" r="9" fill="none" stroke="currentColor" strokeWidth="3" />
        <path d="M14 50c2-9 8-13 14-13s12 4 14 13" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
        <path d="M54 22h28M54 32h28M54 42h18" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      </svg>
      <p className="case-empty__title">{strings.case.emptyTitle}</p>
      <p className="case-empty__hint">{idcardSimulated ? strings.case.emptyHintSimulated : strings.case.emptyHint}</p>
    </div>
  );
}

/** The case in progress: the applicant read from the ID card, or the waiting state. */
export function CasePanel({ currentCase, restored, idcardSimulated, actions }: CasePanelProps): JSX.Element {
  const applicant = currentCase?.applicant ?? null;
  return (
    <section className="panel case-panel" aria-labelledby="case-panel-title">
      <div className="panel__header">
        <h2 className="panel__title" id="case-panel-title">
          {strings.case.panelTitle}
        </h2>
        {currentCase && (
          <dl className="case-panel__meta">
            <div>
              <dt>{strings.case.caseNumber}</dt>
              <dd className="case-panel__number">{currentCase.id}</dd>
            </div>
            <div>
              <dt>{strings.clerkScreen.caseOpenedAt}</dt>
              <dd>{formatTimestamp(currentCase.openedAt)}</dd>
            </div>
          </dl>
        )}
        <div className="panel__actions">{actions}</div>
      </div>
      {restored && applicant && (
        <p className="case-panel__restored" role="status">
          {strings.case.restoredNotice}
        </p>
      )}
      <div className="panel__body case-panel__body">
        {applicant ? <Applicant applicant={applicant} /> : <EmptyCase idcardSimulated={idcardSimulated} />}
      </div>
    </section>
  );
}
