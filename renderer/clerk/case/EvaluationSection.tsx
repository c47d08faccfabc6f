import { useEffect, useId, useState, type FormEvent, type JSX } from 'react';
import type { ClerkEvaluationView, CounterApi } from '../../../shared/contract';
import { SKIP_EVALUATION_REASONS, type CaseStateOf } from '../../../shared/domain/case';
import { strings } from '../../../shared/i18n';
import { ActionMessage, escCloses, useCaseActions } from './case-actions';
import { allowedIn } from './case-model';

const t = strings.caseScreen.evaluation;
const f = strings.caseFlow;
const ev = strings.evaluation.clerk;

/**
 * The case's rating as the clerk may see it (getCaseEvaluation, then
 * evaluation.changed): 已请申请人评价 / 评价已收到 / 未评价; the level only
 * when the centre turned confidentiality off.
 */
function useCaseEvaluation(api: CounterApi, caseId: string): ClerkEvaluationView | null {
  const [view, setView] = useState<ClerkEvaluationView | null>(null);
  useEffect(() => {
    let live = true;
    const take = (next: ClerkEvaluationView | null) => {
      if (live) setView(next && next.caseId === caseId ? next : null);
    };
    const off = api.on('evaluation.changed', take);
    api.invoke('getCaseEvaluation', {}).then(take, () => undefined);
    return () => {
      live = false;
      off();
    };
  }, [api, caseId]);
  return view;
}

type SkipReason = (typeof SKIP_EVALUATION_REASONS)[number];

function SkipForm({ onClose }: { onClose(): void }): JSX.Element {
  const { act, busy, online } = useCaseActions();
  const id = useId();
  const [reason, setReason] = useState<SkipReason>('declined');
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act('skip-evaluation', { type: 'skipEvaluation', reason, ...(text.trim() ? { text: text.trim() } : {}) });
  };
  return (
    <form
      className="case-form"
      data-testid="skip-evaluation-form"
      onSubmit={submit}
      onKeyDown={escCloses(onClose)}
    >
      <label className="case-field case-field--wide">
        <span className="case-field__label">{t.skipReason}</span>
        <select id={`${id}-reason`} className="case-input" data-testid="skip-evaluation-reason" value={reason} autoFocus onChange={(e) => setReason(e.target.value as SkipReason)}>
          {SKIP_EVALUATION_REASONS.map((r) => (
            <option key={r} value={r}>
              {f.skipReasons[r]}
            </option>
          ))}
        </select>
      </label>
      <label className="case-field case-field--wide">
        <span className="case-field__label">{t.skipText}</span>
        <input className="case-input" data-testid="skip-evaluation-text" value={text} maxLength={200} placeholder={t.skipTextPlaceholder} onChange={(e) => setText(e.target.value)} />
      </label>
      <ActionMessage source="skip-evaluation" />
      <div className="case-form__actions">
        <button type="submit" className="button button--primary" data-testid="skip-evaluation-confirm" disabled={!online || busy !== null}>
          {t.confirmSkip}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

/**
 * 好差评: the citizen rates on the evaluator (its own issue). Here the
 * clerk asks for it, or records why there was no rating; then 办结.
 */
export function EvaluationSection({ state }: { state: CaseStateOf<'slipPrinted' | 'evaluated'> }): JSX.Element {
  const { act, request, busy, online, api } = useCaseActions();
  const [skipping, setSkipping] = useState(false);
  const view = useCaseEvaluation(api, state.caseId);
  return (
    <section className="evaluation" data-testid="evaluation-section" aria-labelledby="evaluation-title">
      <h3 className="case-section-title" id="evaluation-title">
        {t.title}
      </h3>
      {state.phase === 'slipPrinted' ? (
        <>
          <div className="evaluation__prompt" role="status">
            <svg className="evaluation__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path
                d="M12 3.5l2.6 5.3 5.8.8-4.2 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.2-4.1 5.8-.8z"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinejoin="round"
              />
            </svg>
            <div>
              <p className="evaluation__title">{t.prompt}</p>
              <p className="evaluation__hint">{t.promptHint}</p>
            </div>
          </div>
          {view && (
            <p className="evaluation__status" role="status" data-testid="evaluation-status" data-status={view.status}>
              {view.message}
            </p>
          )}
          <button
            type="button"
            className="button button--primary"
            data-testid="request-rating"
            disabled={!online || busy !== null}
            title={ev.requestHint}
            onClick={() => void request('request-rating', () => api.invoke('requestRating', {}))}
          >
            {ev.request}
          </button>
          <ActionMessage source="request-rating" />
          {allowedIn('skipEvaluation', state.phase) &&
            (skipping ? (
              <SkipForm onClose={() => setSkipping(false)} />
            ) : (
              <button type="button" className="button button--secondary" data-testid="skip-evaluation" disabled={!online || busy !== null} onClick={() => setSkipping(true)}>
                {t.skip}
              </button>
            ))}
        </>
      ) : (
        <>
          <p className="evaluation__result" data-testid="evaluation-result">
            {state.evaluation.kind !== 'skipped' ? (
              // Confidential: the clerk learns that a rating arrived, not which (the level only when the service sends it).
              <span className="evaluation__status" data-testid="evaluation-status" data-status={view?.status ?? 'rated'}>
                {view?.message ?? ev.received}
              </span>
            ) : (
              <>
                <span className="evaluation__result-label">{t.skipped}</span>
                <strong>{f.skipReasons[state.evaluation.reason]}</strong>
                {state.evaluation.text && <span>（{state.evaluation.text}）</span>}
              </>
            )}
          </p>
          {allowedIn('close', state.phase) && (
            <button
              type="button"
              className="button button--primary button--large"
              data-testid="close-case"
              disabled={!online || busy !== null}
              title={t.closeHint}
              onClick={() => void act('close', { type: 'close' })}
            >
              {t.close}
            </button>
          )}
          <ActionMessage source="close" />
        </>
      )}
    </section>
  );
}
