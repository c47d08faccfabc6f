import type { JSX, ReactNode } from 'react';
import { strings } from '../../../shared/i18n';
import { ActionMessage, useCaseActions } from './case-actions';
import { allowedIn, formatIsoDate, type WithDecision } from './case-model';
import { NoticeList } from './DecisionPanel';

const t = strings.caseScreen.outcome;
const f = strings.caseFlow;
const date = (iso: string) => formatIsoDate(iso, strings.clerkScreen.date);

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }): JSX.Element {
  return (
    <div className="outcome__row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * The decision made: its kind, its dates (promised completion, supply
 * deadline) and the calendar's warnings, the materials a notice lists, the
 * reasons and referral of a refusal; 撤回决定 until the slip is out.
 */
export function DecisionOutcome({ state }: { state: WithDecision }): JSX.Element {
  const { act, busy, online } = useCaseActions();
  const d = state.decision;
  const immediate = state.item.handling === 'immediate';
  return (
    <section className={`outcome outcome--${d.kind}`} data-testid="decision-summary" data-kind={d.kind} aria-labelledby="outcome-title">
      <div className="outcome__header">
        <span className="outcome__label" id="outcome-title">
          {t.title}
        </span>
        <span className={`outcome__kind outcome__kind--${d.kind}`} data-testid="decision-kind">
          {f.decisions[d.kind]}
        </span>
        <span className="outcome__item">{state.item.name}</span>
      </div>
      {d.kind === 'reject' && d.automatic && (
        <p className="outcome__automatic" role="status">
          {t.automatic}
        </p>
      )}
      <dl className="outcome__rows">
        <Row label={t.decidedOn}>{date(d.on)}</Row>
        {(d.kind === 'accept' || d.kind === 'tolerate') && (
          <Row label={t.promised} testId="decision-promised">
            <strong>{date(d.promisedDate)}</strong>
            {immediate && <span className="outcome__note">{t.immediate}</span>}
          </Row>
        )}
        {(d.kind === 'tolerate' || d.kind === 'notify') && (
          <Row label={t.supplyDeadline} testId="decision-deadline">
            <strong>{date(d.supplyDeadline)}</strong>
          </Row>
        )}
        {d.kind === 'tolerate' && (
          <>
            <Row label={t.credit}>{f.creditChecks[d.creditCheck]}</Row>
            <Row label={t.commitmentLabel}>{t.commitment}</Row>
          </>
        )}
        {d.kind === 'reject' && (
          <Row label={t.reason} testId="decision-reason">
            {f.rejectReasons[d.reason]}
            {d.text && <span className="outcome__text">{d.text}</span>}
          </Row>
        )}
        {d.kind === 'reject' && d.referral && (
          <Row label={t.referral} testId="decision-referral">
            <strong>{[d.referral.department, d.referral.window].filter(Boolean).join(' ')}</strong>
            {(d.referral.address || d.referral.phone) && (
              <span className="outcome__note">{[d.referral.address, d.referral.phone].filter(Boolean).join(' · ')}</span>
            )}
          </Row>
        )}
      </dl>
      {d.warnings.length > 0 && (
        <div className="outcome__warnings" role="note" data-testid="decision-warnings">
          <span className="outcome__warnings-title">{t.warnings}</span>
          <ul>
            {d.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {(d.kind === 'tolerate' || d.kind === 'notify') && (
        <div className="outcome__notice">
          <h4 className="outcome__notice-title">{t.notice(d.notice.length)}</h4>
          <NoticeList entries={d.notice} testId="decision-notice-item" />
        </div>
      )}
      {allowedIn('withdrawDecision', state.phase) && (
        <div className="outcome__actions">
          <button
            type="button"
            className="button button--quiet"
            data-testid="withdraw-decision"
            disabled={!online || busy !== null}
            title={t.withdrawHint}
            onClick={() => void act('withdraw', { type: 'withdrawDecision' })}
          >
            {t.withdraw}
          </button>
          <span className="outcome__hint">{t.withdrawHint}</span>
          <ActionMessage source="withdraw" />
        </div>
      )}
    </section>
  );
}
