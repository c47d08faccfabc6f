import { useEffect, useRef, type JSX, type ReactNode } from 'react';

interface DayDialogProps {
  title: string;
  /** Amber for 暂停服务, brand blue otherwise. */
  tone?: 'brand' | 'pause';
  onClose?: () => void;
  children: ReactNode;
  testId: string;
  wide?: boolean;
}

/**
 * A modal card of the service day, drawn over the clerk screen (which is
 * inert meanwhile). Esc closes it without reaching the screen's own Esc
 * (结束办件).
 */
export function DayDialog({ title, tone = 'brand', onClose, children, testId, wide = false }: DayDialogProps): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus], input:not([type=hidden]), button');
    first?.focus();
  }, []);
  return (
    <div className="day-dialog" data-testid={testId}>
      <div
        ref={ref}
        className={`day-dialog__card day-dialog__card--${tone}${wide ? ' day-dialog__card--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${testId}-title`}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // The clerk screen ends the case on Esc: this Esc is only for the dialog.
          event.preventDefault();
          event.stopPropagation();
          onClose?.();
        }}
      >
        <h2 className="day-dialog__title" id={`${testId}-title`}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
