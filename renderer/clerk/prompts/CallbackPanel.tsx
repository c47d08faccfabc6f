import { useId, useState, type FormEvent, type JSX } from 'react';
import type { CounterApi } from '../../../shared/contract';
import { checkCallback, type CallbackField } from '../../../shared/domain/prompts/callback';
import { CALLBACK_LIMITS } from '../../../shared/domain/prompts/schema';
import { strings } from '../../../shared/i18n';
import { messageOf } from '../../api';
import { clockTime } from '../service-day/format';
import type { CallbacksState } from './useCallbacks';

const t = strings.prompts.callback;

export interface CallbackPanelProps {
  api: CounterApi;
  online: boolean;
  /** Prefilled from the case when known. */
  applicantName: string | null;
  itemName: string | null;
  callbacks: CallbacksState;
}

/**
 * 回电登记 for a long system fault (Zhumadian 24): the citizen's name and
 * phone, the item and a note, stored the moment 登记回电 is pressed; below,
 * the call-backs still to make, each ticked off when done. A refused or
 * failed save keeps everything typed.
 */
export function CallbackPanel({ api, online, applicantName, itemName, callbacks }: CallbackPanelProps): JSX.Element {
  const id = useId();
  const [name, setName] = useState(applicantName ?? '');
  const [phone, setPhone] = useState('');
  const [item, setItem] = useState(itemName ?? '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<CallbackField, string>>>({});
  const [status, setStatus] = useState<{ level: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const draft = { name, phone, itemName: item, note };
    // The same check as the service's, at once; the service checks again.
    const checked = checkCallback(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ level: 'error', text: checked.message });
      return;
    }
    setSaving(true);
    api
      .invoke('recordCallback', draft)
      .then(
        (outcome) => {
          setErrors(outcome.errors as Partial<Record<CallbackField, string>>);
          setStatus({ level: outcome.ok ? 'ok' : 'error', text: outcome.message });
          if (!outcome.ok) return;
          setPhone('');
          setNote('');
          callbacks.reload();
        },
        (failure: unknown) => setStatus({ level: 'error', text: t.failed(messageOf(failure)) }),
      )
      .finally(() => setSaving(false));
  };

  const field = (key: CallbackField, label: string, value: string, set: (v: string) => void, extra: { placeholder?: string; max: number; type?: string }) => (
    <label className={`callback-field callback-field--${key}`}>
      <span className="callback-field__label">{label}</span>
      <input
        className="case-input"
        data-testid={`callback-${key}`}
        value={value}
        type={extra.type ?? 'text'}
        maxLength={extra.max}
        placeholder={extra.placeholder}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${id}-${key}-error` : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {errors[key] && (
        <span className="callback-field__error" id={`${id}-${key}-error`}>
          {errors[key]}
        </span>
      )}
    </label>
  );

  const list = callbacks.list ?? [];
  return (
    <section className="callback-panel" aria-labelledby={`${id}-title`} data-testid="callback-panel">
      <h3 className="callback-panel__title" id={`${id}-title`}>
        {t.title}
      </h3>
      <form className="callback-form" onSubmit={submit} noValidate>
        {field('name', t.name, name, setName, { max: CALLBACK_LIMITS.name })}
        {field('phone', t.phone, phone, setPhone, { max: 40, placeholder: t.phonePlaceholder, type: 'tel' })}
        {field('itemName', t.item, item, setItem, { max: CALLBACK_LIMITS.itemName, placeholder: t.itemPlaceholder })}
        {field('note', t.note, note, setNote, { max: CALLBACK_LIMITS.note, placeholder: t.notePlaceholder })}
        <div className="callback-form__actions">
          <button type="submit" className="button button--primary" data-testid="callback-save" disabled={!online || saving} aria-busy={saving}>
            {saving ? t.saving : t.save}
          </button>
          <p className={`callback-form__status${status?.level === 'error' ? ' callback-form__status--error' : ''}`} role="status" data-testid="callback-status">
            {status?.text ?? ''}
          </p>
        </div>
      </form>

      <h4 className="callback-panel__list-title">
        {t.listTitle}
        {callbacks.open > 0 && <span className="callback-panel__count">{callbacks.open}</span>}
      </h4>
      {callbacks.error && (
        <p className="callback-form__status callback-form__status--error" role="alert">
          {callbacks.error}
        </p>
      )}
      {list.length === 0 ? (
        <p className="callback-panel__empty">{t.listEmpty}</p>
      ) : (
        <ul className="callback-list" data-testid="callback-list">
          {list.map((c) => (
            <li key={c.id} className={`callback-row${c.doneAt ? ' callback-row--done' : ''}`} data-testid="callback-row" data-done={c.doneAt ? 'true' : 'false'}>
              <label className="callback-row__check">
                <input
                  type="checkbox"
                  checked={c.doneAt !== null}
                  disabled={!online}
                  aria-label={t.doneLabel(c.name)}
                  data-testid="callback-done"
                  onChange={(e) => callbacks.setDone(c.id, e.target.checked)}
                />
                <span>{t.done}</span>
              </label>
              <span className="callback-row__who">
                <strong>{c.name}</strong> {c.phone}
              </span>
              <span className="callback-row__what">{[c.itemName, c.note].filter(Boolean).join(' · ')}</span>
              <span className="callback-row__when">{c.doneAt ? t.doneAt(clockTime(c.doneAt)) : t.recordedAt(clockTime(c.at))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
