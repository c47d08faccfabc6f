import type { JSX, KeyboardEvent, ReactNode } from 'react';

interface DialogSheetProps {
  /** The sheet's own class (its size and accent), beside dialog-sheet. */
  className: string;
  labelledBy: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A large dialog over the counter screen (办件记录, 组长查看). Esc closes it;
 * it must not also reach the screen's own Esc, which ends the case behind it.
 */
export function DialogSheet({ className, labelledBy, testId, onClose, children }: DialogSheetProps): JSX.Element {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };
  return (
    <div className="dialog-backdrop" role="presentation">
      <section className={`dialog-sheet ${className}`} role="dialog" aria-modal="true" aria-labelledby={labelledBy} data-testid={testId} onKeyDown={onKeyDown}>
        {children}
      </section>
    </div>
  );
}
