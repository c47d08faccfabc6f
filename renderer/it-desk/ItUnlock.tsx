import { useEffect, useRef, useState, type FormEvent, type JSX } from 'react';
import type { CounterApi, ItSession } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { messageOf } from '../lead/format';

const u = strings.itDesk.unlock;

/** IT's staff number and PIN; the service decides (and locks out after wrong PINs). */
export function ItUnlock({ api, session, onUnlocked, onCancel }: { api: CounterApi; session: ItSession | null; onUnlocked: (session: ItSession) => void; onCancel: () => void }): JSX.Element {
  const [staffNo, setStaffNo] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  if (session && !session.configured) {
    return (
      <div className="it-unlock" data-testid="it-unlock">
        <h3>{u.title}</h3>
        <p role="alert" className="it-desk__problem" data-testid="it-not-configured">
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
      .invoke('unlockIt', { staffNo: staffNo.trim(), pin })
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
    <form className="it-unlock" onSubmit={submit} data-testid="it-unlock">
      <h3>{u.title}</h3>
      <p className="it-desk__note">{u.lead}</p>
      <label>
        <span>{u.staffNo}</span>
        <input ref={first} value={staffNo} onChange={(e) => setStaffNo(e.target.value)} autoComplete="off" maxLength={20} required data-testid="it-staff-no" />
      </label>
      <label>
        <span>{u.pin}</span>
        <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off" maxLength={12} required data-testid="it-pin" />
      </label>
      {problem && (
        <p role="alert" className="it-desk__problem" data-testid="it-unlock-problem">
          {problem}
        </p>
      )}
      <div className="it-desk__actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy} data-testid="it-unlock-submit">
          {busy ? u.checking : u.submit}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {u.cancel}
        </button>
      </div>
    </form>
  );
}
