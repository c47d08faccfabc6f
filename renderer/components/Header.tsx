import { type JSX } from 'react';
import type { ShellKind, Snapshot } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { Clock } from './Clock';

interface HeaderProps {
  counter: Snapshot['counter'] | null;
  shell: ShellKind | null;
}

/** Title bar: product, centre, window, clerk, shell kind and the clock. */
export function Header({ counter, shell }: HeaderProps): JSX.Element {
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <svg className="app-header__emblem" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect x="1" y="1" width="30" height="30" rx="6" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M8 22V13l8-5 8 5v9" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
          <path d="M12 22v-6h8v6M6 22h20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <div className="app-header__titles">
          <h1 className="app-header__title">{strings.appTitle}</h1>
          {counter && <span className="app-header__centre">{counter.centreName}</span>}
        </div>
      </div>
      {counter && (
        <div className="app-header__post">
          <span className="app-header__window" data-testid="header-window">
            {strings.header.window(counter.windowNumber)}
          </span>
          <span className="app-header__clerk" data-testid="header-clerk">
            <span className="app-header__label">{strings.header.clerk}</span>
            <span className="app-header__value">{counter.clerkName}</span>
            {counter.clerkStaffNumber !== '' && (
              <>
                <span className="app-header__label">{strings.header.staffNumber}</span>
                <span className="app-header__value app-header__value--mono">{counter.clerkStaffNumber}</span>
              </>
            )}
          </span>
          {shell && (
            <span className="app-header__shell" title={strings.clerkScreen.shellLabel}>
              {strings.shell[shell]}
            </span>
          )}
        </div>
      )}
      <Clock />
    </header>
  );
}
