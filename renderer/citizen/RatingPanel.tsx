import { useState, type JSX } from 'react';
import type { CitizenScreen, CounterApi, RatingRequestView } from '../../shared/contract';
import { RATINGS } from '../../shared/domain/case/vocabulary';
import { strings } from '../../shared/i18n';
import { ClerkCard } from './ClerkCard';

const e = strings.evaluation;
const c = strings.evaluation.citizen;

type Level = (typeof RATINGS)[number];
type Clerk = CitizenScreen['clerk'];

/** The mouth of each level's face: from a wide smile to a frown (SVG path in a 48×48 box). */
const MOUTHS: Record<Level, string> = {
  verySatisfied: 'M14 28q10 11 20 0',
  satisfied: 'M15 29q9 6 18 0',
  basicallySatisfied: 'M15 31h18',
  dissatisfied: 'M15 33q9 -5 18 0',
  veryDissatisfied: 'M14 35q10 -10 20 0',
};

function Face({ level }: { level: Level }): JSX.Element {
  return (
    <svg className="rate-level__face" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="17" cy="19" r="2.6" fill="currentColor" />
      <circle cx="31" cy="19" r="2.6" fill="currentColor" />
      <path d={MOUTHS[level]} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export interface RatingPanelProps {
  api: CounterApi | undefined;
  /** rating: the five levels (then reasons on a 差评); reasons: a keypad's 差评 waits for its reasons. */
  mode: 'rating' | 'reasons';
  request: RatingRequestView & { caseId: string };
  clerk: Clerk;
  onSkip(): void;
  /** The service took the rating: the page asks what to show next (thanks). */
  onSubmitted(): void;
}

/**
 * 好差评 on the citizen-facing screen: the case being rated (item name
 * only), the clerk card, the five national levels as large touch buttons;
 * on 不满意 / 非常不满意 at least one reason of the centre's list and an
 * optional comment. Rating is voluntary: 跳过 goes back to the welcome.
 */
export function RatingPanel({ api, mode, request, clerk, onSkip, onSubmitted }: RatingPanelProps): JSX.Element {
  // In 'reasons' mode the level stays with the service (it is not sent); any 差评 level carries the reasons.
  const [level, setLevel] = useState<Level | null>(mode === 'reasons' ? 'dissatisfied' : null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const needsReasons = level !== null && request.reasonsRequiredFor.includes(level);

  const submit = async (chosen: Level, codes: string[]) => {
    if (!api || busy) return;
    if (request.reasonsRequiredFor.includes(chosen) && codes.length === 0) {
      setProblem(e.reasons.required);
      return;
    }
    setBusy(true);
    setProblem('');
    try {
      const text = comment.trim();
      const result = await api.invoke('submitRating', {
        caseId: request.caseId,
        level: chosen,
        ...(codes.length > 0 ? { reasons: codes } : {}),
        ...(text ? { comment: text } : {}),
      });
      if (result.ok) onSubmitted();
      else setProblem(result.message || c.failed);
    } catch {
      setProblem(c.failed);
    } finally {
      setBusy(false);
    }
  };

  const choose = (chosen: Level) => {
    setProblem('');
    if (request.reasonsRequiredFor.includes(chosen)) setLevel(chosen);
    else void submit(chosen, []);
  };

  const toggle = (code: string) => {
    setProblem('');
    setReasons((list) => (list.includes(code) ? list.filter((r) => r !== code) : [...list, code]));
  };

  const groups = [...new Set(request.reasons.map((r) => r.group))];

  return (
    <section className="citizen-panel rate" data-testid={mode === 'rating' ? 'citizen-rate' : 'citizen-reasons'} data-step={needsReasons ? 'reasons' : 'levels'}>
      <div className="rate__head">
        {clerk && <ClerkCard clerk={clerk} />}
        <div className="rate__intro">
          <h1 className="citizen-panel__title">{mode === 'reasons' || needsReasons ? c.reasonsTitle : c.rateTitle}</h1>
          {request.itemName && (
            <p className="rate__item" data-testid="citizen-rate-item">
              <span className="rate__item-label">{c.item}</span>
              <span className="rate__item-name">{request.itemName}</span>
            </p>
          )}
          <p className="citizen-panel__lead">{mode === 'reasons' ? c.keypadReasonsLead : needsReasons ? c.reasonsLead : c.rateLead}</p>
        </div>
      </div>

      {!needsReasons ? (
        <div className="rate__levels" role="group" aria-label={c.rateTitle}>
          {RATINGS.map((l) => (
            <button key={l} type="button" className={`rate-level rate-level--${l}`} data-testid={`citizen-rate-${l}`} disabled={busy} onClick={() => choose(l)}>
              <Face level={l} />
              <span className="rate-level__name">{e.levels[l]}</span>
            </button>
          ))}
        </div>
      ) : (
        <div className="rate__reasons">
          {mode === 'rating' && level && (
            <p className={`rate__chosen rate__chosen--${level}`} data-testid="citizen-rate-chosen">
              {c.chosen(e.levels[level])}
            </p>
          )}
          {groups.map((group) => (
            <fieldset key={group} className="rate__group">
              <legend className="rate__group-name">{e.reasonGroups[group]}</legend>
              <div className="rate__group-options">
                {request.reasons
                  .filter((r) => r.group === group)
                  .map((r) => {
                    const on = reasons.includes(r.code);
                    return (
                      <button
                        key={r.code}
                        type="button"
                        className={`rate-reason${on ? ' rate-reason--on' : ''}`}
                        aria-pressed={on}
                        data-testid={`citizen-reason-${r.code}`}
                        onClick={() => toggle(r.code)}
                      >
                        <span className="rate-reason__box" aria-hidden="true">
                          {on ? '✓' : ''}
                        </span>
                        {r.label}
                      </button>
                    );
                  })}
              </div>
            </fieldset>
          ))}
          <label className="rate__comment">
            <span className="rate__comment-label">{c.comment}</span>
            <textarea
              className="rate__comment-input"
              data-testid="citizen-rate-comment"
              rows={2}
              maxLength={500}
              placeholder={c.commentPlaceholder}
              value={comment}
              onChange={(ev) => setComment(ev.target.value)}
            />
          </label>
        </div>
      )}

      {problem !== '' && (
        <p className="rate__problem" role="alert" data-testid="citizen-rate-problem">
          {problem}
        </p>
      )}

      <div className="rate__actions">
        {needsReasons && level && (
          <button type="button" className="rate-action rate-action--primary" data-testid="citizen-rate-submit" disabled={busy} onClick={() => void submit(level, reasons)}>
            {busy ? c.submitting : mode === 'reasons' ? c.submitReasons : c.submit}
          </button>
        )}
        {needsReasons && mode === 'rating' && (
          <button
            type="button"
            className="rate-action"
            data-testid="citizen-rate-change"
            disabled={busy}
            onClick={() => {
              setLevel(null);
              setReasons([]);
              setProblem('');
            }}
          >
            {c.change}
          </button>
        )}
        <button type="button" className="rate-action rate-action--quiet" data-testid="citizen-rate-skip" disabled={busy} onClick={onSkip} title={c.skipHint}>
          {c.skip}
        </button>
      </div>
    </section>
  );
}

/** 感谢您的评价, then the service goes back to the welcome by itself. */
export function ThanksPanel({ clerk, message }: { clerk: Clerk; message: string }): JSX.Element {
  return (
    <section className="citizen-panel citizen-panel--split" data-testid="citizen-thanks" role="status">
      {clerk && <ClerkCard clerk={clerk} />}
      <div className="citizen-panel__text">
        <h1 className="citizen-panel__title citizen-panel__title--welcome">{message || c.thanks}</h1>
        <p className="citizen-panel__lead">{c.thanksLead}</p>
      </div>
    </section>
  );
}
