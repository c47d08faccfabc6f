import type { JSX } from 'react';
import type { CounterApi, LeadSession } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { StaffUnlockForm } from '../components/StaffUnlockForm';

/** The window lead's staff number and PIN; the service decides (and locks out after wrong PINs). */
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
  return (
    <StaffUnlockForm
      texts={strings.lead.unlock}
      configured={!session || session.configured}
      notice={notice}
      unlock={(credentials) => api.invoke('unlockLead', credentials)}
      onUnlocked={onUnlocked}
      onCancel={onCancel}
      testIdPrefix="lead"
      formClass="lead-unlock"
      block="lead"
    />
  );
}
