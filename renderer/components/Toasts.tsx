import { useCallback, useEffect, useRef, useState, type JSX } from 'react';
import { strings } from '../../shared/i18n';

export type ToastLevel = 'info' | 'success' | 'warning' | 'error';

export interface Toast {
  id: number;
  level: ToastLevel;
  message: string;
  /** Short heading, e.g. the device the notice is about. */
  title?: string;
}

const LIFETIME_MS: Record<ToastLevel, number> = { info: 5000, success: 4000, warning: 8000, error: 12000 };
const MAX_VISIBLE = 4;

export interface ToastsHandle {
  toasts: readonly Toast[];
  push(level: ToastLevel, message: string, title?: string): void;
  dismiss(id: number): void;
}

/** Transient notices with their own timers; at most MAX_VISIBLE at a time. */
export function useToasts(): ToastsHandle {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    const timer = timers.current.get(id);
    if (timer !== undefined) clearTimeout(timer);
    timers.current.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const push = useCallback(
    (level: ToastLevel, message: string, title?: string) => {
      const id = nextId.current++;
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), LIFETIME_MS[level]),
      );
      setToasts((list) => {
        const next = [...list, { id, level, message, title }];
        for (const dropped of next.slice(0, Math.max(0, next.length - MAX_VISIBLE))) {
          const timer = timers.current.get(dropped.id);
          if (timer !== undefined) clearTimeout(timer);
          timers.current.delete(dropped.id);
        }
        return next.slice(-MAX_VISIBLE);
      });
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  return { toasts, push, dismiss };
}

export function ToastStack({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss(id: number): void }): JSX.Element {
  return (
    <div className="toast-stack">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast--${toast.level}`}
          role={toast.level === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          data-level={toast.level}
        >
          <div className="toast__body">
            {toast.title !== undefined && <strong className="toast__title">{toast.title}</strong>}
            <span className="toast__message">{toast.message}</span>
          </div>
          <button
            type="button"
            className="toast__close"
            aria-label={strings.clerkScreen.closeToast}
            title={strings.clerkScreen.closeToast}
            onClick={() => onDismiss(toast.id)}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        </div>
      ))}
    </div>
  );
}
