import { type JSX } from 'react';
import { strings } from '../../shared/i18n';
import type { ConnectionState } from '../api';

/** Covers the screen while the web shell's connection is not open. */
export function ConnectionOverlay({ state }: { state: Exclude<ConnectionState, 'open'> }): JSX.Element {
  const rejected = state === 'rejected';
  const message =
    state === 'rejected' ? strings.connection.rejected : state === 'lost' ? strings.connection.lost : strings.connection.connecting;
  return (
    <div className="connection-overlay" data-testid="connection-overlay" data-state={state}>
      <div
        className={`connection-overlay__card${rejected ? ' connection-overlay__card--rejected' : ''}`}
        role={rejected ? 'alert' : 'status'}
        aria-live={rejected ? 'assertive' : 'polite'}
      >
        {rejected ? (
          <svg className="connection-overlay__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
            <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
            <path d="M16 16l16 16M32 16 16 32" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
          </svg>
        ) : (
          <span className="spinner" aria-hidden="true" />
        )}
        <h2 className="connection-overlay__title">
          {rejected ? strings.connection.failed : strings.clerkScreen.connectionTitle}
        </h2>
        <p className="connection-overlay__message">{message}</p>
        <p className="connection-overlay__hint">
          {rejected ? strings.clerkScreen.connectionRejectedHint : strings.clerkScreen.connectionAutoRefresh}
        </p>
      </div>
    </div>
  );
}
