import { useState, type JSX } from 'react';
import type { CaseView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { allowedIn } from './case-model';
import { CaseDetails } from './CaseDetails';

const t = strings.caseScreen;

function deliveryText(view: CaseView): string | null {
  const d = view.flow.state.delivery;
  if (!d) return null;
  return d.method === 'post' ? t.delivery.post(d.address) : strings.caseFlow.delivery[d.method];
}

/**
 * The case at a glance once the work has moved past the applicant: who,
 * for whom, priority, ticket, phone and delivery, with 办件信息 to change
 * them while the case may still change.
 */
export function CaseSummary({ view }: { view: CaseView }): JSX.Element | null {
  const [open, setOpen] = useState(false);
  const state = view.flow.state;
  const applicant = state.applicant;
  if (!applicant) return null;
  const editable = allowedIn('setContactPhone', state.phase);
  const delivery = deliveryText(view);
  // Not yet given: a gentle prompt while it can still be given.
  const none = editable ? 'case-summary__none case-summary__none--todo' : 'case-summary__none';
  return (
    <div className="case-summary-wrap">
      <div className="case-summary" data-testid="case-summary">
        <div className="case-summary__person">
          <span className="case-summary__label">{t.summary.applicant}</span>
          <strong className="case-summary__name" data-testid="applicant-name">
            {applicant.name}
          </strong>
          <span className="case-mono" data-testid="applicant-id">
            {view.applicant?.idNumberMasked ?? applicant.idNumber}
          </span>
        </div>
        {state.agent && (
          <div className="case-summary__item">
            <span className="case-summary__label">{t.summary.agent}</span>
            <span data-testid="summary-agent">{state.agent.name}</span>
          </div>
        )}
        {state.priority.on && (
          <span className="tag tag--priority" data-testid="summary-priority">
            {t.priority.badge}
            {state.priority.reason ? ` · ${state.priority.reason}` : ''}
          </span>
        )}
        {state.ticket && (
          <div className="case-summary__item">
            <span className="case-summary__label">{t.summary.ticket}</span>
            <span className="case-mono">{state.ticket}</span>
          </div>
        )}
        <div className="case-summary__item">
          <span className="case-summary__label">{t.summary.phone}</span>
          <span className={state.contactPhone ? 'case-mono' : none}>{state.contactPhone ?? t.phone.none}</span>
        </div>
        <div className="case-summary__item">
          <span className="case-summary__label">{t.summary.delivery}</span>
          <span className={delivery ? '' : none}>{delivery ?? t.delivery.none}</span>
        </div>
        {editable && (
          <button type="button" className="link-button case-summary__toggle" data-testid="case-details-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t.details.hide : t.details.edit}
          </button>
        )}
      </div>
      {open && editable && (
        <div className="case-summary__details">
          <CaseDetails view={view} />
        </div>
      )}
    </div>
  );
}
