import { type JSX } from 'react';

/** The triangle of the warning notices (configuration, catalogue, storage, disk). */
export function WarningIcon(): JSX.Element {
  return (
    <svg className="notice__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 3 2 21h20L12 3Z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M12 10v5M12 17.5v.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
