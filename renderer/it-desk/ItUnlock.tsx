import type { JSX } from 'react';
import type { CounterApi, ItSession } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { StaffUnlockForm } from '../components/StaffUnlockForm';

/** IT's staff number and PIN; the service decides (and locks out after wrong PINs). */
export function ItUnlock({ api, session, onUnlocked, onCancel }: { api: CounterApi; session: ItSession | null; onUnlocked: (session: ItSession) => void; onCancel: () => void }): JSX.Element {
  return (
    <StaffUnlockForm
      texts={strings.itDesk.unlock}
      configured={!session || session.configured}
      unlock={(credentials) => api.invoke('unlockIt', credentials)}
      onUnlocked={onUnlocked}
      onCancel={onCancel}
      testIdPrefix="it"
      formClass="it-unlock"
      block="it-desk"
    />
  );
}
