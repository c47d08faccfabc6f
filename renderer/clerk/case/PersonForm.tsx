import { useId, useState, type FormEvent, type JSX } from 'react';
import type { ManualPerson } from '../../../shared/contract';
import { ID_TYPES, MANUAL_ENTRY_REASONS, type IdType } from '../../../shared/domain/case';
import { strings } from '../../../shared/i18n';
import { ActionMessage, escCloses, useCaseActions } from './case-actions';

const t = strings.caseScreen.person;
const f = strings.caseFlow;

type Reason = ManualPerson['reason'];

/**
 * Identity typed in by the clerk, for the applicant (identifyManually) or
 * an agent (setAgentManually): name, document type and number, and why it
 * was not read from a card. The service checks the number's check digit.
 */
export function PersonForm({ role, onDone }: { role: 'applicant' | 'agent'; onDone(): void }): JSX.Element {
  const { act, busy, online, say } = useCaseActions();
  const id = useId();
  const source = `person-${role}`;
  const [name, setName] = useState('');
  const [idType, setIdType] = useState<IdType>('residentId');
  const [idNumber, setIdNumber] = useState('');
  const [reason, setReason] = useState<Reason>('readFailed');
  const [text, setText] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return say(source, 'error', t.fill(t.name));
    if (!idNumber.trim()) return say(source, 'error', t.fill(t.idNumber));
    const person: ManualPerson = { name: name.trim(), idType, idNumber: idNumber.trim(), reason, ...(text.trim() ? { text: text.trim() } : {}) };
    const ok = await act(source, role === 'applicant' ? { type: 'identifyManually', person } : { type: 'setAgentManually', person });
    if (ok) onDone();
  };

  return (
    <form className="case-form person-form" onSubmit={submit} onKeyDown={escCloses(onDone)} data-testid={`person-form-${role}`} aria-labelledby={`${id}-title`}>
      <h3 className="case-form__title" id={`${id}-title`}>
        {role === 'applicant' ? t.applicantTitle : t.agentTitle}
      </h3>
      <div className="case-form__grid">
        <label className="case-field">
          <span className="case-field__label">{t.name}</span>
          <input className="case-input" data-testid="person-name" value={name} maxLength={50} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="case-field">
          <span className="case-field__label">{t.idType}</span>
          <select className="case-input" data-testid="person-id-type" value={idType} onChange={(e) => setIdType(e.target.value as IdType)}>
            {ID_TYPES.map((type) => (
              <option key={type} value={type}>
                {f.idTypes[type]}
              </option>
            ))}
          </select>
        </label>
        <label className="case-field case-field--wide">
          <span className="case-field__label">{t.idNumber}</span>
          <input
            className="case-input case-input--mono"
            data-testid="person-id-number"
            value={idNumber}
            maxLength={30}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setIdNumber(e.target.value)}
          />
        </label>
        <label className="case-field">
          <span className="case-field__label">{t.reason}</span>
          <select className="case-input" data-testid="person-reason" value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
            {MANUAL_ENTRY_REASONS.map((r) => (
              <option key={r} value={r}>
                {f.manualReasons[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="case-field">
          <span className="case-field__label">{t.reasonText}</span>
          <input
            className="case-input"
            data-testid="person-reason-text"
            value={text}
            maxLength={200}
            placeholder={t.reasonTextPlaceholder}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      </div>
      <ActionMessage source={source} />
      <div className="case-form__actions">
        <button type="submit" className="button button--primary" data-testid="person-save" disabled={!online || busy !== null}>
          {t.save}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
