import { useId, useState, type FormEvent, type JSX } from 'react';
import type { CaseView } from '../../../shared/contract';
import { DELIVERY_METHODS, type Delivery, type PriorityCategory } from '../../../shared/domain/case';
import { priorityCategoryOf } from '../../../shared/domain/prompts/priority';
import { strings } from '../../../shared/i18n';
import { entryLabel } from './ApplicantCard';
import { ActionMessage, useCaseActions } from './case-actions';
import { allowedIn } from './case-model';
import { PersonForm } from './PersonForm';

const t = strings.caseScreen;

/** The agent (代办人): read from their card, typed in, or none. */
export function AgentField({ view }: { view: CaseView }): JSX.Element {
  const { act, busy, online } = useCaseActions();
  const [manual, setManual] = useState(false);
  const state = view.flow.state;
  const agent = state.agent;
  const editable = allowedIn('setAgentManually', state.phase);
  const disabled = !online || busy !== null;
  return (
    <div className="case-detail" data-testid="agent-field">
      <span className="case-detail__label">{t.agent.title}</span>
      <div className="case-detail__body">
        {agent ? (
          <p className="case-detail__value" data-testid="agent-value">
            <strong>{agent.name}</strong>
            <span className="case-mono">{view.agent?.idNumberMasked ?? agent.idNumber}</span>
            <span className="case-detail__note">{entryLabel(agent)}</span>
          </p>
        ) : (
          <p className="case-detail__value case-detail__value--none">{t.agent.none}</p>
        )}
        {view.flow.expectingAgentCard && (
          <p className="case-detail__waiting" role="status" data-testid="agent-waiting">
            <span className="spinner spinner--small" aria-hidden="true" />
            {t.agent.waiting}
          </p>
        )}
        {editable && !manual && (
          <div className="case-detail__actions">
            {view.flow.expectingAgentCard ? (
              <button type="button" className="button button--quiet" disabled={disabled} onClick={() => void act('agent', { type: 'expectAgentCard', on: false })}>
                {t.agent.cancelWait}
              </button>
            ) : (
              <button
                type="button"
                className="button button--quiet"
                data-testid="agent-read-card"
                disabled={disabled}
                onClick={() => void act('agent', { type: 'expectAgentCard', on: true })}
              >
                {t.agent.readCard}
              </button>
            )}
            <button type="button" className="button button--quiet" data-testid="agent-manual" disabled={disabled} onClick={() => setManual(true)}>
              {t.agent.manual}
            </button>
            {agent && (
              <button type="button" className="button button--quiet" data-testid="agent-clear" disabled={disabled} onClick={() => void act('agent', { type: 'clearAgent' })}>
                {t.agent.clear}
              </button>
            )}
          </div>
        )}
        {manual && <PersonForm role="agent" onDone={() => setManual(false)} />}
        <ActionMessage source="agent" />
      </div>
    </div>
  );
}

/** The reason and its green-channel category (老年人 → elderly…), so statistics and prompts need not parse text. */
function withCategory(reason: string): { reason?: string; category?: PriorityCategory } {
  if (!reason) return {};
  const category = priorityCategoryOf({ on: true, reason });
  return category ? { reason, category } : { reason };
}

/** 绿色通道: priority for the elderly, the disabled, pregnant women, the military (norms §2). */
export function PriorityField({ view }: { view: CaseView }): JSX.Element {
  const { act, busy, online } = useCaseActions();
  const id = useId();
  const { priority, phase } = view.flow.state;
  const known = t.priority.reasons.filter((r) => r !== t.priority.other);
  const savedOther = priority.reason !== null && !known.includes(priority.reason);
  const [otherOpen, setOtherOpen] = useState(false);
  const [other, setOther] = useState(savedOther ? (priority.reason ?? '') : '');
  const disabled = !online || busy !== null || !allowedIn('setPriority', phase);
  const choice = otherOpen || savedOther ? t.priority.other : (priority.reason ?? '');

  const setReason = (reason: string) => {
    if (reason === t.priority.other) {
      setOtherOpen(true);
      return;
    }
    setOtherOpen(false);
    void act('priority', { type: 'setPriority', priority: true, ...withCategory(reason) });
  };
  const saveOther = (event: FormEvent) => {
    event.preventDefault();
    void act('priority', { type: 'setPriority', priority: true, ...withCategory(other.trim()) });
  };

  return (
    <div className="case-detail" data-testid="priority-field">
      <span className="case-detail__label">{t.priority.title}</span>
      <div className="case-detail__body">
        <label className="case-check">
          <input
            type="checkbox"
            data-testid="priority-toggle"
            checked={priority.on}
            disabled={disabled}
            onChange={(e) => {
              setOtherOpen(false);
              void act('priority', { type: 'setPriority', priority: e.target.checked });
            }}
          />
          <span>{t.priority.label}</span>
        </label>
        {priority.on && (
          <div className="case-inline">
            <label className="visually-hidden" htmlFor={`${id}-reason`}>
              {t.priority.reason}
            </label>
            <select id={`${id}-reason`} className="case-input case-input--compact" data-testid="priority-reason" value={choice} disabled={disabled} onChange={(e) => setReason(e.target.value)}>
              <option value="">{t.priority.reason}</option>
              {t.priority.reasons.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            {choice === t.priority.other && (
              <form className="case-inline" onSubmit={saveOther}>
                <input
                  className="case-input case-input--compact"
                  data-testid="priority-other"
                  value={other}
                  maxLength={100}
                  placeholder={t.priority.otherPlaceholder}
                  aria-label={t.priority.otherPlaceholder}
                  onChange={(e) => setOther(e.target.value)}
                />
                <button type="submit" className="button button--quiet" disabled={disabled}>
                  {t.priority.save}
                </button>
              </form>
            )}
          </div>
        )}
        <ActionMessage source="priority" />
      </div>
    </div>
  );
}

/** The applicant's contact phone, for telling the result (shown masked once saved). */
export function PhoneField({ view }: { view: CaseView }): JSX.Element {
  const { act, busy, online } = useCaseActions();
  const id = useId();
  const { contactPhone, phase } = view.flow.state;
  const [phone, setPhone] = useState('');
  const [editing, setEditing] = useState(false);
  const editable = allowedIn('setContactPhone', phase);
  const showInput = editable && (contactPhone === null || editing);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (await act('phone', { type: 'setContactPhone', phone })) {
      setPhone('');
      setEditing(false);
    }
  };
  return (
    <div className="case-detail" data-testid="phone-field">
      <label className="case-detail__label" htmlFor={`${id}-phone`}>
        {t.phone.label}
      </label>
      <div className="case-detail__body">
        {contactPhone !== null && !editing && (
          <p className="case-detail__value">
            <span className="case-mono" data-testid="contact-phone-value">
              {contactPhone}
            </span>
            {editable && (
              <button type="button" className="link-button" onClick={() => setEditing(true)}>
                {t.phone.change}
              </button>
            )}
          </p>
        )}
        {contactPhone === null && !editable && <p className="case-detail__value case-detail__value--none">{t.phone.none}</p>}
        {showInput && (
          <form className="case-inline" onSubmit={save}>
            <input
              id={`${id}-phone`}
              className="case-input case-input--mono case-input--phone"
              data-testid="contact-phone"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              value={phone}
              maxLength={40}
              placeholder={t.phone.placeholder}
              onChange={(e) => setPhone(e.target.value)}
            />
            <button type="submit" className="button button--quiet" data-testid="contact-phone-save" disabled={!online || busy !== null || phone.trim() === ''}>
              {t.phone.save}
            </button>
            {editing && (
              <button type="button" className="link-button" onClick={() => setEditing(false)}>
                {t.phone.cancel}
              </button>
            )}
          </form>
        )}
        <ActionMessage source="phone" />
      </div>
    </div>
  );
}

/** How the result reaches the applicant: at the window, a parcel locker, or by post to an address. */
export function DeliveryField({ view }: { view: CaseView }): JSX.Element {
  const { act, busy, online } = useCaseActions();
  const id = useId();
  const { delivery, phase } = view.flow.state;
  const [postOpen, setPostOpen] = useState(false);
  const [address, setAddress] = useState(delivery?.method === 'post' ? delivery.address : '');
  const [recipient, setRecipient] = useState(delivery?.method === 'post' ? (delivery.recipient ?? '') : '');
  const disabled = !online || busy !== null || !allowedIn('setDelivery', phase);
  const selected = postOpen ? 'post' : (delivery?.method ?? null);

  const choose = (method: Delivery['method']) => {
    if (method === 'post') {
      setPostOpen(true);
      return;
    }
    setPostOpen(false);
    void act('delivery', { type: 'setDelivery', delivery: { method } });
  };
  const savePost = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await act('delivery', {
      type: 'setDelivery',
      delivery: { method: 'post', address: address.trim(), ...(recipient.trim() ? { recipient: recipient.trim() } : {}) },
    });
    if (ok) setPostOpen(false);
  };

  return (
    <div className="case-detail" data-testid="delivery-field">
      <span className="case-detail__label" id={`${id}-label`}>
        {t.delivery.label}
      </span>
      <div className="case-detail__body">
        <div className="case-segmented" role="radiogroup" aria-labelledby={`${id}-label`}>
          {DELIVERY_METHODS.map((method) => (
            <label key={method} className={`case-segmented__option${selected === method ? ' case-segmented__option--on' : ''}`}>
              <input
                type="radio"
                name={`${id}-delivery`}
                value={method}
                data-testid={`delivery-${method}`}
                checked={selected === method}
                disabled={disabled}
                onChange={() => choose(method)}
              />
              <span>{strings.caseFlow.delivery[method]}</span>
            </label>
          ))}
        </div>
        {delivery?.method === 'post' && !postOpen && (
          <p className="case-detail__value case-detail__note" data-testid="delivery-address-value">
            {t.delivery.post(delivery.address)}
            {delivery.recipient ? `（${delivery.recipient}）` : ''}
          </p>
        )}
        {postOpen && (
          <form className="case-form case-form--flat" onSubmit={savePost}>
            <label className="case-field case-field--wide">
              <span className="case-field__label">{t.delivery.address}</span>
              <input
                className="case-input"
                data-testid="delivery-address"
                value={address}
                maxLength={200}
                placeholder={t.delivery.addressPlaceholder}
                autoFocus
                onChange={(e) => setAddress(e.target.value)}
              />
            </label>
            <label className="case-field case-field--wide">
              <span className="case-field__label">{t.delivery.recipient}</span>
              <input
                className="case-input"
                value={recipient}
                maxLength={50}
                placeholder={t.delivery.recipientPlaceholder}
                onChange={(e) => setRecipient(e.target.value)}
              />
            </label>
            <div className="case-form__actions">
              <button type="submit" className="button button--quiet" data-testid="delivery-save" disabled={disabled}>
                {t.delivery.save}
              </button>
            </div>
          </form>
        )}
        <ActionMessage source="delivery" />
      </div>
    </div>
  );
}

/** Everything about the case besides the applicant and the item: agent, priority, phone, delivery. */
export function CaseDetails({ view, only }: { view: CaseView; only?: 'receipt' }): JSX.Element {
  return (
    <div className="case-details" data-testid="case-details">
      {only !== 'receipt' && <AgentField view={view} />}
      {only !== 'receipt' && <PriorityField view={view} />}
      <PhoneField view={view} />
      <DeliveryField view={view} />
    </div>
  );
}
