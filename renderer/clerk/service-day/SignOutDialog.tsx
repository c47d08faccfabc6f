import { useState, type JSX } from 'react';
import type { DaySummary } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { DayDialog } from './DayDialog';
import { DaySummaryCard } from './DaySummaryCard';

const t = strings.serviceDay.summary;

interface SignOutDialogProps {
  /** The running summary, as of now. */
  summary: DaySummary | null;
  caseOpen: boolean;
  /** Resolves to the refusal to show, or null when signed out. */
  onConfirm(): Promise<string | null>;
  onCancel(): void;
}

/** 签退: the day so far, then confirm. */
export function SignOutDialog({ summary, caseOpen, onConfirm, onCancel }: SignOutDialogProps): JSX.Element {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = (): void => {
    setBusy(true);
    onConfirm()
      .then((refusal) => setError(refusal))
      .finally(() => setBusy(false));
  };
  return (
    <DayDialog title={t.confirmTitle} onClose={onCancel} testId="sign-out-dialog" wide>
      <p className="day-dialog__lead">{t.confirmLead}</p>
      {caseOpen && (
        <p className="day-dialog__warning" role="note">
          {t.openCaseWarning}
        </p>
      )}
      {summary && (
        <div className="day-dialog__summary">
          <h3 className="day-dialog__subtitle">{t.title}</h3>
          <DaySummaryCard summary={summary} ongoing />
        </div>
      )}
      {error && (
        <p className="day-card__error" role="alert">
          {error}
        </p>
      )}
      <div className="day-dialog__actions">
        <button type="button" className="button button--quiet" onClick={onCancel} data-autofocus>
          {t.cancel}
        </button>
        <button type="button" className="button button--primary" onClick={confirm} disabled={busy} aria-busy={busy} data-testid="sign-out-confirm">
          {t.confirm}
        </button>
      </div>
    </DayDialog>
  );
}
