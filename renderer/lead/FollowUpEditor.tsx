import { useState, type FormEvent, type JSX, type ReactNode } from 'react';
import type { CounterApi, FollowUpView, UpdateFollowUpParams } from '../../shared/contract';
import { FIX_VIEWS, type FixView } from '../../shared/domain/evaluation';
import { strings } from '../../shared/i18n';
import { dateTime, messageOf } from './format';

const f = strings.lead.followUps;
const ev = strings.evaluation;
const VERIFICATIONS = ['confirmed', 'partlyConfirmed', 'unfounded'] as const;
type Verification = (typeof VERIFICATIONS)[number];

interface Draft {
  reached: '' | 'yes' | 'no';
  callbackNote: string;
  verification: '' | Verification;
  verificationNote: string;
  measures: string;
  rectified: boolean;
  outcome: string;
  fixView: '' | FixView;
}

function draftOf(x: FollowUpView): Draft {
  return {
    reached: x.callback ? (x.callback.reached ? 'yes' : 'no') : '',
    callbackNote: x.callback?.note ?? '',
    verification: x.verification?.result ?? '',
    verificationNote: x.verification?.note ?? '',
    measures: x.rectification?.measures ?? '',
    rectified: Boolean(x.rectification?.rectifiedAt),
    outcome: x.outcome,
    fixView: x.fixView ?? '',
  };
}

/**
 * The update to send: only the steps the lead changed (a step sent again
 * would take a new time, e.g. the call back's), or a Chinese reason why not.
 */
export function changesOf(stored: FollowUpView, d: Draft): { params: Omit<UpdateFollowUpParams, 'id' | 'close'> } | { problem: string } {
  const before = draftOf(stored);
  const params: Omit<UpdateFollowUpParams, 'id' | 'close'> = {};
  if (d.reached !== before.reached || d.callbackNote.trim() !== before.callbackNote) {
    if (d.reached === '') return { problem: f.needsChoice(f.callbackChoice) };
    params.callback = { reached: d.reached === 'yes', note: d.callbackNote.trim() };
  }
  if (d.verification !== before.verification || d.verificationNote.trim() !== before.verificationNote) {
    if (d.verification === '') return { problem: f.needsChoice(f.verificationResult) };
    params.verification = { result: d.verification, note: d.verificationNote.trim() };
  }
  if (d.measures.trim() !== before.measures || d.rectified !== before.rectified) params.rectification = { measures: d.measures.trim(), done: d.rectified };
  if (d.outcome.trim() !== before.outcome) params.outcome = d.outcome.trim();
  if (d.fixView !== before.fixView && d.fixView !== '') params.fixView = d.fixView;
  return { params };
}

function Step({ name, done, children }: { name: string; done: boolean; children: ReactNode }): JSX.Element {
  return (
    <fieldset className="lead-step" data-done={done || undefined}>
      <legend>
        {name} <span className="lead-step__state">{done ? f.stepDone : f.stepTodo}</span>
      </legend>
      {children}
    </fieldset>
  );
}

export function FollowUpEditor({
  api,
  followUp,
  onSaved,
  onError,
}: {
  api: CounterApi;
  followUp: FollowUpView;
  onSaved: (updated: FollowUpView) => void;
  onError: (error: unknown) => void;
}): JSX.Element {
  const [draft, setDraft] = useState<Draft>(() => draftOf(followUp));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const closed = followUp.status === 'closed';
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const save = (close: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    if (busy || closed) return;
    const changes = changesOf(followUp, draft);
    if ('problem' in changes) return setMessage({ ok: false, text: changes.problem });
    if (!close && Object.keys(changes.params).length === 0) return setMessage({ ok: false, text: f.changedNothing });
    setBusy(true);
    setMessage(null);
    api
      .invoke('updateFollowUp', { id: followUp.id, ...changes.params, ...(close ? { close: true } : {}) })
      .then(
        (result) => {
          setMessage({ ok: result.ok, text: result.message });
          if (result.followUp) {
            onSaved(result.followUp);
            if (result.ok) setDraft(draftOf(result.followUp));
          }
        },
        (error: unknown) => {
          setMessage({ ok: false, text: messageOf(error) });
          onError(error);
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="lead-record" onSubmit={save(false)} data-testid="lead-follow-editor" data-status={followUp.status}>
      <dl className="lead-record__facts">
        <dt>{f.caseId}</dt>
        <dd data-testid="lead-record-case">{followUp.caseId}</dd>
        <dt>{f.day}</dt>
        <dd>{followUp.day}</dd>
        <dt>{f.item}</dt>
        <dd>{followUp.itemName}</dd>
        <dt>{f.clerk}</dt>
        <dd>{`${followUp.responsible.name}（${followUp.responsible.staffNumber}）`}</dd>
        <dt>{f.window}</dt>
        <dd>{followUp.windowNumber}</dd>
        <dt>{f.level}</dt>
        <dd>
          <span className={`lead-level lead-level--${followUp.level}`}>{ev.levels[followUp.level]}</span>
        </dd>
        <dt>{f.reasons}</dt>
        <dd data-testid="lead-record-reasons">{followUp.reasons.map((r) => r.label).join('；') || '—'}</dd>
        <dt>{f.comment}</dt>
        <dd data-testid="lead-record-comment">{followUp.comment || f.noComment}</dd>
        <dt>{f.rater}</dt>
        <dd>{followUp.rater || f.anonymous}</dd>
        <dt>{f.deadline}</dt>
        <dd data-testid="lead-record-deadline" data-overdue={followUp.overdue || undefined}>
          {f.deadlineText(followUp.deadline)}
          {followUp.overdue && <b className="lead__overdue">{f.overdue}</b>}
        </dd>
        <dt>{f.status}</dt>
        <dd data-testid="lead-record-status">{closed && followUp.closedAt ? f.closedAt(dateTime(followUp.closedAt)) : ev.followUp.statuses[followUp.status]}</dd>
      </dl>

      <fieldset className="lead-record__steps" disabled={closed || busy}>
        <Step name={f.steps.callback} done={followUp.callback !== null}>
          <div className="lead-step__row" role="radiogroup" aria-label={f.steps.callback}>
            <label>
              <input type="radio" name="reached" checked={draft.reached === 'yes'} onChange={() => set('reached', 'yes')} data-testid="lead-callback-reached" />
              {f.callbackReached}
            </label>
            <label>
              <input type="radio" name="reached" checked={draft.reached === 'no'} onChange={() => set('reached', 'no')} data-testid="lead-callback-not-reached" />
              {f.callbackNotReached}
            </label>
            {followUp.callback && <span className="lead__note">{dateTime(followUp.callback.at)}</span>}
          </div>
          <label className="lead-step__text">
            <span>{f.callbackNote}</span>
            <textarea value={draft.callbackNote} maxLength={500} rows={2} onChange={(e) => set('callbackNote', e.target.value)} data-testid="lead-callback-note" />
          </label>
        </Step>
        <Step name={f.steps.verification} done={followUp.verification !== null}>
          <label>
            <span>{f.verificationResult}</span>
            <select value={draft.verification} onChange={(e) => set('verification', e.target.value as Draft['verification'])} data-testid="lead-verification">
              <option value="">{f.choose}</option>
              {VERIFICATIONS.map((v) => (
                <option key={v} value={v}>
                  {ev.followUp.verifications[v]}
                </option>
              ))}
            </select>
          </label>
          <label className="lead-step__text">
            <span>{f.verificationNote}</span>
            <textarea value={draft.verificationNote} maxLength={500} rows={2} onChange={(e) => set('verificationNote', e.target.value)} data-testid="lead-verification-note" />
          </label>
        </Step>
        <Step name={f.steps.rectification} done={Boolean(followUp.rectification?.rectifiedAt)}>
          <label className="lead-step__text">
            <span>{f.measures}</span>
            <textarea value={draft.measures} maxLength={1000} rows={2} onChange={(e) => set('measures', e.target.value)} data-testid="lead-measures" />
          </label>
          <label className="lead-step__check">
            <input type="checkbox" checked={draft.rectified} onChange={(e) => set('rectified', e.target.checked)} data-testid="lead-rectified" />
            {f.rectified}
            {followUp.rectification?.rectifiedAt && <span className="lead__note">{dateTime(followUp.rectification.rectifiedAt)}</span>}
          </label>
        </Step>
        <Step name={f.steps.outcome} done={followUp.outcome.trim() !== ''}>
          <label className="lead-step__text">
            <span>{f.outcomeText}</span>
            <textarea value={draft.outcome} maxLength={1000} rows={2} onChange={(e) => set('outcome', e.target.value)} data-testid="lead-outcome" />
          </label>
        </Step>
        <Step name={f.steps.fixView} done={followUp.fixView !== null}>
          <label>
            <span>{f.fixViewLabel}</span>
            <select value={draft.fixView} onChange={(e) => set('fixView', e.target.value as Draft['fixView'])} data-testid="lead-fix-view">
              <option value="">{f.choose}</option>
              {FIX_VIEWS.map((v) => (
                <option key={v} value={v}>
                  {ev.followUp.fixViews[v]}
                </option>
              ))}
            </select>
          </label>
        </Step>
      </fieldset>

      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'lead__ok' : 'lead__problem'} data-testid="lead-follow-message">
          {message.text}
        </p>
      )}
      {!closed && (
        <div className="lead__actions">
          <button type="submit" className="button button--secondary" disabled={busy} data-testid="lead-follow-save">
            {busy ? f.saving : f.save}
          </button>
          <button type="button" className="button button--primary" disabled={busy} onClick={save(true)} data-testid="lead-follow-close">
            {f.saveAndClose}
          </button>
        </div>
      )}
    </form>
  );
}
