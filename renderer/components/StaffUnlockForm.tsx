import { useEffect, useRef, useState, type FormEvent, type JSX } from 'react';
import { messageOf } from '../lead/format';

/** The texts of one unlock form (shared/i18n: strings.lead.unlock, strings.itDesk.unlock). */
export interface StaffUnlockTexts {
  title: string;
  lead: string;
  staffNo: string;
  pin: string;
  submit: string;
  checking: string;
  cancel: string;
  notConfigured: string;
}

/** What an unlock request answers (unlockLead, unlockIt). */
export interface StaffUnlockAnswer<S> {
  ok: boolean;
  message: string;
  session: S;
}

/**
 * Staff number and PIN for a gated screen (组长查看, 设备与诊断). The service
 * decides, and locks out after wrong PINs; this form only asks and shows the answer.
 */
export function StaffUnlockForm<S>({
  texts,
  configured,
  notice = null,
  unlock,
  onUnlocked,
  onCancel,
  testIdPrefix,
  formClass,
  block,
}: {
  texts: StaffUnlockTexts;
  /** False: no account exists on this counter, so the form explains how to set one. */
  configured: boolean;
  /** Why the form is shown again (idle, refused), if it is. */
  notice?: string | null;
  unlock: (credentials: { staffNo: string; pin: string }) => Promise<StaffUnlockAnswer<S>>;
  onUnlocked: (session: S) => void;
  onCancel: () => void;
  /** `lead` → data-testid `lead-unlock`, `lead-staff-no`, `lead-pin` … */
  testIdPrefix: string;
  /** The form's own class (its layout), e.g. `lead-unlock`. */
  formClass: string;
  /** The screen's BEM block for note, problem and actions, e.g. `lead` → `lead__problem`. */
  block: string;
}): JSX.Element {
  const [staffNo, setStaffNo] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(notice);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const id = (name: string) => `${testIdPrefix}-${name}`;

  if (!configured) {
    return (
      <div className={formClass} data-testid={id('unlock')}>
        <h3>{texts.title}</h3>
        <p role="alert" className={`${block}__problem`} data-testid={id('not-configured')}>
          {texts.notConfigured}
        </p>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {texts.cancel}
        </button>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    unlock({ staffNo: staffNo.trim(), pin })
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
    <form className={formClass} onSubmit={submit} data-testid={id('unlock')}>
      <h3>{texts.title}</h3>
      <p className={`${block}__note`}>{texts.lead}</p>
      <label>
        <span>{texts.staffNo}</span>
        <input ref={first} value={staffNo} onChange={(e) => setStaffNo(e.target.value)} autoComplete="off" maxLength={20} required data-testid={id('staff-no')} />
      </label>
      <label>
        <span>{texts.pin}</span>
        <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="off" maxLength={12} required data-testid={id('pin')} />
      </label>
      {problem && (
        <p role="alert" className={`${block}__problem`} data-testid={id('unlock-problem')}>
          {problem}
        </p>
      )}
      <div className={`${block}__actions`}>
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy} data-testid={id('unlock-submit')}>
          {busy ? texts.checking : texts.submit}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {texts.cancel}
        </button>
      </div>
    </form>
  );
}
