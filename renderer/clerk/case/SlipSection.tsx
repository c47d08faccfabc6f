import { useId, useState, type JSX } from 'react';
import type { CaseView, SlipSummary } from '../../../shared/contract';
import { ALLOWED_PHASES } from '../../../shared/domain/case';
import { SLIP_OF_DECISION } from '../../../shared/domain/slips/slip-from-case';
import { strings } from '../../../shared/i18n';
import { formatTimestamp } from '../format';
import { ActionMessage, useCaseActions } from './case-actions';
import { type WithDecision } from './case-model';
import { DeliveryField, PhoneField } from './CaseDetails';
import { signatureSettled, useSigning } from '../signature/signing-context';

const t = strings.caseScreen.slip;
type Paper = SlipSummary['paper'];
const PAPERS: readonly Paper[] = ['a4', 'receipt80'];

function PrintStatus({ slip, testId }: { slip: SlipSummary; testId?: string }): JSX.Element {
  const { api, request, busy, online } = useCaseActions();
  const label = t.statuses[slip.print.status] ?? slip.print.status;
  // The queue's own message says more than the label when something is off (no printer, the printer's error).
  const detail = slip.print.status === 'none' || slip.print.status === 'failed' ? slip.print.message : '';
  return (
    // The full status on hover: once printed, the copies sent with the spooler's ids (and any a crash left unconfirmed).
    <span className={`print-status print-status--${slip.print.status}`} data-testid={testId} data-status={slip.print.status} title={slip.print.message}>
      <span className="print-status__label">{label}</span>
      {detail && <span className="print-status__detail">{detail}</span>}
      {slip.print.status === 'failed' && (
        <button
          type="button"
          className="button button--quiet button--small"
          data-testid="slip-retry"
          disabled={!online || busy !== null}
          onClick={() => void request(`slip-retry-${slip.id}`, () => api.invoke('retryPrint', { slipId: slip.id }).then((r) => ({ ...r, message: r.ok ? t.retried : t.retryFailed })))}
        >
          {t.retry}
        </button>
      )}
      <ActionMessage source={`slip-retry-${slip.id}`} />
    </span>
  );
}

/**
 * The slip of the decision: 出具通知书 (A4, or 80 mm receipt paper), then
 * its number and print status, 重新打印 for a failed job, 补打 (recorded),
 * and in the web shell 打印 through the browser's print dialog (recorded)
 * and a link to the archived PDF.
 */
export function SlipSection({ view, state, pdfLinks }: { view: CaseView; state: WithDecision; pdfLinks: boolean }): JSX.Element {
  const { api, request, busy, online } = useCaseActions();
  const id = useId();
  const [paper, setPaper] = useState<Paper>('a4');
  const slips = view.flow.slips;
  const title = strings.slips.titles[slips[0]?.kind ?? SLIP_OF_DECISION[state.decision.kind].kind];
  const accepted = state.decision.kind === 'accept' || state.decision.kind === 'tolerate';
  const canReprint = ALLOWED_PHASES.slipReprinted.includes(state.phase);
  // A slip that must be signed waits for the signature or the recorded reason (the service refuses it too).
  const signing = useSigning();
  const unsigned = !signatureSettled(signing?.view ?? null);

  if (state.phase === 'decided') {
    const issuing = busy === 'issue-slip';
    return (
      <section className="slip-section" data-testid="slip-section" aria-labelledby={`${id}-title`}>
        <h3 className="case-section-title" id={`${id}-title`}>
          {t.title}
          <span className="slip-section__kind">{title}</span>
        </h3>
        {accepted && (
          <div className="slip-section__details">
            <p className="slip-section__hint">{t.needDetails}</p>
            <PhoneField view={view} />
            <DeliveryField view={view} />
          </div>
        )}
        <div className="case-detail">
          <span className="case-detail__label" id={`${id}-paper`}>
            {t.paper}
          </span>
          <div className="case-segmented" role="radiogroup" aria-labelledby={`${id}-paper`}>
            {PAPERS.map((p) => (
              <label key={p} className={`case-segmented__option${paper === p ? ' case-segmented__option--on' : ''}`}>
                <input type="radio" name={`${id}-paper`} value={p} data-testid={`slip-paper-${p}`} checked={paper === p} onChange={() => setPaper(p)} />
                <span>{t.papers[p]}</span>
              </label>
            ))}
          </div>
        </div>
        <div className="slip-section__issue">
          <button
            type="button"
            className="button button--primary button--large"
            data-testid="issue-slip"
            disabled={!online || busy !== null || unsigned}
            aria-describedby={unsigned ? `${id}-unsigned` : undefined}
            aria-busy={issuing}
            onClick={() => void request('issue-slip', () => api.invoke('issueSlip', { paper }))}
          >
            {issuing && <span className="spinner spinner--small spinner--inverse" aria-hidden="true" />}
            {issuing ? t.issuing : t.issue}
          </button>
          {unsigned && (
            <p className="slip-section__blocked" id={`${id}-unsigned`} data-testid="issue-slip-blocked">
              {strings.signatureScreen.clerk.slipBlocked}
            </p>
          )}
        </div>
        <ActionMessage source="issue-slip" prominent />
      </section>
    );
  }

  const original = slips[0];
  const latest = slips.at(-1);
  return (
    <section className="slip-section slip-section--issued" data-testid="slip-section" aria-labelledby={`${id}-title`}>
      <h3 className="case-section-title" id={`${id}-title`}>
        {t.title}
        <span className="slip-section__kind">{title}</span>
      </h3>
      <dl className="slip-facts">
        <div>
          <dt>{t.number}</dt>
          <dd className="slip-facts__number" data-testid="slip-number">
            {'slip' in state ? state.slip.number : (original?.number ?? '')}
          </dd>
        </div>
        {original && original.signature !== 'none' && (
          <div>
            <dt>{strings.signatureScreen.step}</dt>
            <dd data-testid="slip-signature" data-signature={original.signature}>
              {original.signature === 'signed' ? strings.signatureScreen.clerk.signed : strings.signatureScreen.clerk.waived}
            </dd>
          </div>
        )}
        {latest && (
          <div>
            <dt>{t.status}</dt>
            <dd>
              <PrintStatus slip={latest} testId="slip-print-status" />
            </dd>
          </div>
        )}
      </dl>
      {slips.length > 1 && (
        <ol className="slip-copies" data-testid="slip-copies">
          {slips.map((slip) => (
            <li key={slip.id}>
              <span>{t.copy(slip.copy)}</span>
              <span className="slip-copies__time">{formatTimestamp(slip.issuedAt)}</span>
              <span>{t.papers[slip.paper]}</span>
              <PrintStatus slip={slip} />
            </li>
          ))}
        </ol>
      )}
      <div className="slip-section__actions">
        {canReprint && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="slip-reprint"
            disabled={!online || busy !== null}
            onClick={() => void request('slip-reprint', () => api.invoke('reprintSlip', {}))}
          >
            {t.reprint}
          </button>
        )}
        {pdfLinks && latest && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="slip-browser-print"
            title={strings.desktopPrinting.browser.printHint}
            disabled={!online || busy !== null}
            onClick={() => {
              // Opened at once, inside the click, so the browser does not take it for a pop-up; the page prints itself.
              window.open(`/slips/${latest.id}/print`, '_blank', 'noopener');
              void request('slip-browser-print', () => api.invoke('printSlipInBrowser', { slipId: latest.id }));
            }}
          >
            {strings.desktopPrinting.browser.print}
          </button>
        )}
        {pdfLinks && latest && (
          <a className="button button--quiet" data-testid="slip-pdf-link" href={`/slips/${latest.id}.pdf`} target="_blank" rel="noopener" title={t.openPdfHint}>
            {t.openPdf}
          </a>
        )}
      </div>
      <ActionMessage source={['slip-reprint', 'issue-slip', 'slip-browser-print']} />
    </section>
  );
}
