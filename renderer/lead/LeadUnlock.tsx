import { useEffect, useRef, useState, type FormEvent, type JSX } from 'react';
import type { CounterApi, LeadSession } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { messageOf } from './format';

const u = strings.lead.unlock;

/** Staff number and PIN; the service decides (and locks out after wrong PINs). */
export function LeadUnlock({
  api,
  session,
  notice,
  onUnlocked,
  onCancel,
}: {
  api: CounterApi;
  session: LeadSession | null;
  /** Why the form is shown again (idle, refused), if it is. */
  notice: string | null;
  onUnlocked: (session: LeadSession) => void;
  onCancel: () => void;
}): JSX.Element {
  const [staffNo, setStaffNo] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(notice);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  if (session && !session.configured) {
    return (
      <div className="lead-unlock" data-testid="lead-unlock">
        <h3>{u.title}</h3>
        <p role="alert" className="lead__problem" data-testid="lead-not-configured">
          {u.notConfigured}
        </p>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {u.cancel}
        </button>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    api
      .invoke('unlockLead', { staffNo: staffNo.trim(), pin })
      .then(
        (result) => {
          if (result.ok) onUnlocked(result.session);
          else setProblem(result.message);
        },
        (error: unknown) => setProblem(messageOf(error)),
      )
      .finally(() => {
        setPin('');
        setBusy(false);
      });
  };

  return (
    <form className="lead-unlock" onSubmit={submit} data-testid="lead-unlock">
      <h3>{u.title}</h3>
      <p className="lead__note">{u.lead}</p>
      <label>
        <span>{u.staffNo}</span>
        <input ref={first} value={staffNo} onChange={(e) => setStaffNo(e.target.value)} autoComplete="off" maxLength={20} required data-testid="lead-staff-no" />
      </label>
      <label>
        <span>{u.pin}</span>
        <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off" maxLength={12} required data-testid="lead-pin" />
      </label>
      {problem && (
        <p role="alert" className="lead__problem" data-testid="lead-unlock-problem">
          {problem}
        </p>
      )}
      <div className="lead__actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy} data-testid="lead-unlock-submit">
          {busy ? u.checking : u.submit}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {u.cancel}
        </button>
      </div>
    </form>
  );
}
