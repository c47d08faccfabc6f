import { useId, useState, type FormEvent, type JSX } from 'react';
import type { CaseView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { ActionMessage, useCaseActions } from './case-actions';
import { PriorityField } from './CaseDetails';
import { PersonForm } from './PersonForm';

const t = strings.caseScreen;

function CardIcon(): JSX.Element {
  return (
    <svg className="case-empty__icon" viewBox="0 0 96 64" aria-hidden="true" focusable="false">
      <rect x="3" y="3" width="90" height="58" rx="7" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="28" cy="26" r="9" fill="none" stroke="currentColor" strokeWidth="3" />
      <path d="M14 50c2-9 8-13 14-13s12 4 14 13" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      <path d="M54 22h28M54 32h28M54 42h18" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

/** No case open: waiting for a card, or 开始办件 with an optional queue ticket. */
export function StartCase({ idcardSimulated }: { idcardSimulated: boolean }): JSX.Element {
  const { act, busy, online } = useCaseActions();
  const id = useId();
  const [ticket, setTicket] = useState('');
  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (await act('start', { type: 'start', ...(ticket.trim() ? { ticket: ticket.trim() } : {}) })) setTicket('');
  };
  return (
    <div className="case-empty" data-testid="case-empty">
      <CardIcon />
      <p className="case-empty__title">{strings.case.emptyTitle}</p>
      <p className="case-empty__hint">{idcardSimulated ? strings.case.emptyHintSimulated : strings.case.emptyHint}</p>
      <form className="case-start" onSubmit={start}>
        <label className="case-start__ticket" htmlFor={`${id}-ticket`}>
          {t.start.ticket}
        </label>
        <input
          id={`${id}-ticket`}
          className="case-input case-input--compact case-input--mono"
          data-testid="start-ticket"
          value={ticket}
          maxLength={20}
          placeholder={t.start.ticketPlaceholder}
          onChange={(e) => setTicket(e.target.value)}
        />
        <button type="submit" className="button button--secondary" data-testid="start-case" disabled={!online || busy !== null}>
          {t.start.button}
        </button>
      </form>
      <ActionMessage source="start" />
    </div>
  );
}

/** A case is open and nobody is identified yet: the card, or a manual entry with its reason. */
export function WaitingApplicant({ view, idcardSimulated }: { view: CaseView; idcardSimulated: boolean }): JSX.Element {
  const [manual, setManual] = useState(false);
  const state = view.flow.state;
  return (
    <div className="case-waiting" data-testid="case-waiting">
      <div className="case-waiting__card">
        <CardIcon />
        <div>
          <p className="case-waiting__title">{t.waiting.title}</p>
          <p className="case-empty__hint">{idcardSimulated ? t.waiting.simulated : t.waiting.card}</p>
          {state.ticket && (
            <p className="case-waiting__ticket">
              {t.summary.ticket} <span className="case-mono">{state.ticket}</span>
            </p>
          )}
        </div>
      </div>
      {manual ? (
        <PersonForm role="applicant" onDone={() => setManual(false)} />
      ) : (
        <div className="case-waiting__manual">
          <button type="button" className="button button--secondary" data-testid="manual-entry" onClick={() => setManual(true)}>
            {t.waiting.manual}
          </button>
          <span className="case-waiting__hint">{t.waiting.manualHint}</span>
        </div>
      )}
      <div className="case-details case-details--single">
        <PriorityField view={view} />
      </div>
    </div>
  );
}
