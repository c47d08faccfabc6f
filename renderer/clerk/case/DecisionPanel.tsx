import { useId, useState, type FormEvent, type JSX } from 'react';
import type { CaseFlowView } from '../../../shared/contract';
import type { Referral, ServiceItem } from '../../../shared/domain/catalogue/schema';
import { CREDIT_CHECKS, REJECT_REASONS, type NoticeEntry, type RejectReason } from '../../../shared/domain/case';
import { strings } from '../../../shared/i18n';
import { ActionMessage, escCloses, useCaseActions } from './case-actions';

const t = strings.caseScreen.decision;
const f = strings.caseFlow;

type CreditCheck = (typeof CREDIT_CHECKS)[number];
type Assessment = NonNullable<CaseFlowView['assessment']>;

function ToleratedForm({ onClose }: { onClose(): void }): JSX.Element {
  const { act, busy, online, say } = useCaseActions();
  const id = useId();
  const [signed, setSigned] = useState(false);
  const [credit, setCredit] = useState<CreditCheck | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!credit) return say('tolerate', 'error', t.tolerate.creditNeeded);
    await act('tolerate', { type: 'acceptTolerated', commitmentSigned: signed, creditCheck: credit });
  };
  return (
    <form className="case-form decision-form" data-testid="tolerate-form" onSubmit={submit} onKeyDown={escCloses(onClose)} aria-labelledby={`${id}-title`}>
      <h4 className="case-form__title" id={`${id}-title`}>
        {t.tolerate.title}
      </h4>
      <label className="case-check">
        {/* The clerk ticks it having seen the signed letter: never pre-ticked. */}
        <input type="checkbox" data-testid="tolerate-commitment" checked={signed} autoFocus onChange={(e) => setSigned(e.target.checked)} />
        <span>{t.tolerate.commitment}</span>
      </label>
      <fieldset className="case-fieldset">
        <legend>{t.tolerate.credit}</legend>
        {CREDIT_CHECKS.map((value) => (
          <label key={value} className="case-check">
            <input type="radio" name={`${id}-credit`} value={value} data-testid={`tolerate-credit-${value}`} checked={credit === value} onChange={() => setCredit(value)} />
            <span>{f.creditChecks[value]}</span>
          </label>
        ))}
      </fieldset>
      <ActionMessage source="tolerate" prominent />
      <div className="case-form__actions">
        <button type="submit" className="button button--primary" data-testid="tolerate-confirm" disabled={!online || busy !== null}>
          {t.tolerate.confirm}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t.tolerate.cancel}
        </button>
      </div>
    </form>
  );
}

function referralText(r: Referral): string {
  return [r.department, r.window, r.address, r.phone].filter(Boolean).join(' · ');
}

function RejectForm({ item, onClose }: { item: ServiceItem; onClose(): void }): JSX.Element {
  const { act, busy, online, say } = useCaseActions();
  const id = useId();
  const [reason, setReason] = useState<RejectReason | null>(null);
  const [text, setText] = useState('');
  const [referral, setReferral] = useState({ department: '', window: '', address: '', phone: '' });
  const field = (key: keyof typeof referral) => ({
    value: referral[key],
    onChange: (e: { target: { value: string } }) => setReferral((r) => ({ ...r, [key]: e.target.value })),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason) return say('reject', 'error', t.reject.reasonNeeded);
    const given = Object.fromEntries(Object.entries(referral).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')) as Partial<Referral>;
    const withReferral = reason === 'outsideCompetence' && given.department ? { referral: given as Referral } : {};
    await act('reject', { type: 'reject', reason, text: text.trim(), ...withReferral });
  };

  return (
    <form className="case-form decision-form" data-testid="reject-form" onSubmit={submit} onKeyDown={escCloses(onClose)} aria-labelledby={`${id}-title`}>
      <h4 className="case-form__title" id={`${id}-title`}>
        {t.reject.title}
      </h4>
      <fieldset className="case-fieldset">
        <legend>{t.reject.reason}</legend>
        {REJECT_REASONS.map((value, i) => (
          <label key={value} className="case-check">
            <input
              type="radio"
              name={`${id}-reason`}
              value={value}
              data-testid={`reject-reason-${value}`}
              checked={reason === value}
              autoFocus={i === 0}
              onChange={() => setReason(value)}
            />
            <span>{f.rejectReasons[value]}</span>
          </label>
        ))}
      </fieldset>
      {reason === 'outsideCompetence' &&
        (item.referral ? (
          <p className="case-form__note">{t.reject.itemReferral(referralText(item.referral))}</p>
        ) : (
          <fieldset className="case-fieldset case-form__grid">
            <legend>{t.reject.referralTitle}</legend>
            <label className="case-field case-field--wide">
              <span className="case-field__label">{t.reject.department}</span>
              <input className="case-input case-input--compact" data-testid="reject-referral-department" maxLength={60} {...field('department')} />
            </label>
            <label className="case-field">
              <span className="case-field__label">{t.reject.window}</span>
              <input className="case-input case-input--compact" maxLength={40} {...field('window')} />
            </label>
            <label className="case-field">
              <span className="case-field__label">{t.reject.phone}</span>
              <input className="case-input case-input--compact" maxLength={20} {...field('phone')} />
            </label>
            <label className="case-field case-field--wide">
              <span className="case-field__label">{t.reject.address}</span>
              <input className="case-input case-input--compact" maxLength={100} {...field('address')} />
            </label>
          </fieldset>
        ))}
      <label className="case-field case-field--wide">
        <span className="case-field__label">{t.reject.text}</span>
        <textarea
          className="case-input case-textarea"
          data-testid="reject-text"
          value={text}
          maxLength={500}
          rows={3}
          placeholder={t.reject.textPlaceholder}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {/* The forbidden-phrase guard's answer (with the suggested standard phrase) stands out here. */}
      <ActionMessage source="reject" prominent />
      <div className="case-form__actions">
        <button type="submit" className="button button--danger" data-testid="reject-confirm" disabled={!online || busy !== null}>
          {t.reject.confirm}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t.reject.cancel}
        </button>
      </div>
    </form>
  );
}

/** What a one-time notice would list now: every missing and defective material, as the clerk goes. */
export function NoticePreview({ entries }: { entries: readonly NoticeEntry[] }): JSX.Element {
  return (
    <section className="notice-preview" data-testid="notice-preview" aria-labelledby="notice-preview-title">
      <div className="notice-preview__header">
        <h3 className="case-section-title" id="notice-preview-title">
          {t.preview.title}
        </h3>
        {entries.length > 0 && <span className="notice-preview__count">{t.preview.count(entries.length)}</span>}
      </div>
      {entries.length === 0 ? (
        <p className="notice-preview__empty">{t.preview.empty}</p>
      ) : (
        <NoticeList entries={entries} testId="notice-preview-item" />
      )}
    </section>
  );
}

export function NoticeList({ entries, testId }: { entries: readonly NoticeEntry[]; testId: string }): JSX.Element {
  return (
    <ol className="notice-list">
      {entries.map((entry) => (
        <li key={entry.materialId} className="notice-list__item" data-testid={testId} data-material={entry.materialId}>
          <p className="notice-list__head">
            <span className="notice-list__name">{entry.name}</span>
            <span className={`notice-list__detail notice-list__detail--${entry.problem}`}>{entry.detail}</span>
            {entry.tolerable && <span className="tag tag--ok">{t.preview.tolerable}</span>}
          </p>
          <p className="notice-list__requirement">{entry.requirement}</p>
        </li>
      ))}
    </ol>
  );
}

type Kind = 'accept' | 'tolerate' | 'notify' | 'reject';
const KINDS: readonly Kind[] = ['accept', 'tolerate', 'notify', 'reject'];

/**
 * The four decisions, each enabled as the material check allows (the
 * service's assessment), with the reason why under the buttons for each
 * disabled one (said once when several share it). 容缺受理 asks for the
 * signed commitment and the credit check; 不予受理 for a reason and its
 * wording.
 */
export function DecisionPanel({ item, assessment }: { item: ServiceItem; assessment: Assessment }): JSX.Element {
  const { act, busy, online } = useCaseActions();
  const id = useId();
  const [open, setOpen] = useState<'tolerate' | 'reject' | null>(null);
  const shownOpen = open === 'tolerate' && !assessment.tolerate.ok ? null : open;

  // Why each blocked decision is blocked, grouped by reason (before the check is complete all three share one).
  const groups: { kinds: Kind[]; reason: string }[] = [];
  for (const kind of ['accept', 'tolerate', 'notify'] as const) {
    const ready = assessment[kind];
    if (ready.ok) continue;
    const group = groups.find((g) => g.reason === ready.reason);
    if (group) group.kinds.push(kind);
    else groups.push({ kinds: [kind], reason: ready.reason });
  }
  const whyId = (kind: Kind) => {
    const index = groups.findIndex((g) => g.kinds.includes(kind));
    return index < 0 ? undefined : `${id}-why-${index}`;
  };

  const decide = (kind: Kind) => {
    if (kind === 'tolerate' || kind === 'reject') setOpen(shownOpen === kind ? null : kind);
    else {
      setOpen(null);
      void act(`decision-${kind}`, kind === 'accept' ? { type: 'accept' } : { type: 'notifyOnce' });
    }
  };

  return (
    <section className="decision-panel" aria-labelledby={`${id}-title`} data-testid="decision-panel">
      <h3 className="case-section-title" id={`${id}-title`}>
        {t.title}
      </h3>
      <div className="decision-buttons">
        {KINDS.map((kind) => {
          const ready = kind === 'reject' || assessment[kind].ok;
          const form = kind === 'tolerate' || kind === 'reject';
          return (
            <button
              key={kind}
              type="button"
              className={`decision__button decision__button--${kind}${shownOpen === kind ? ' decision__button--open' : ''}`}
              data-testid={`decision-${kind}`}
              disabled={!ready || !online || busy !== null}
              aria-expanded={form ? shownOpen === kind : undefined}
              aria-describedby={whyId(kind)}
              title={kind === 'reject' ? t.rejectHint : undefined}
              onClick={() => decide(kind)}
            >
              {t.buttons[kind]}
            </button>
          );
        })}
      </div>
      {groups.length > 0 && (
        <ul className="decision-why">
          {groups.map((group, index) => (
            <li key={group.kinds.join('-')} id={`${id}-why-${index}`} data-testid="decision-reason" data-kinds={group.kinds.join(' ')}>
              <span className="decision-why__kinds">{group.kinds.map((k) => t.buttons[k]).join('、')}</span>
              <span className="decision-why__text">{group.reason}</span>
            </li>
          ))}
        </ul>
      )}
      <ActionMessage source={['decision-accept', 'decision-notify']} />
      {shownOpen === 'tolerate' && <ToleratedForm onClose={() => setOpen(null)} />}
      {shownOpen === 'reject' && <RejectForm item={item} onClose={() => setOpen(null)} />}
    </section>
  );
}
