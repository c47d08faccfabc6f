import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent, type ReactNode } from 'react';
import type { CaseAction, CounterApi } from '../../../shared/contract';
import { messageOf } from '../../api';

/**
 * What the last case request said, and which control made it: a refusal is
 * shown next to that control (ActionMessage), not only somewhere on screen.
 */
export interface CaseMessage {
  /** The control that made the request, e.g. 'decision-accept' or 'material-rules'. */
  source: string;
  level: 'ok' | 'warning' | 'error';
  text: string;
}

export interface CaseActions {
  api: CounterApi;
  /** False while the connection is down: controls are disabled. */
  online: boolean;
  /** The control whose request is running (one at a time: a double click sends one). */
  busy: string | null;
  message: CaseMessage | null;
  /** One caseAction; resolves true when the service took it. */
  act(source: string, action: CaseAction): Promise<boolean>;
  /** Another request with an { ok, message } answer (issueSlip, reprintSlip…); null when refused or failed. */
  request<T extends { ok: boolean; message?: string }>(source: string, run: () => Promise<T>, options?: RequestOptions<T>): Promise<T | null>;
  /** A message of the screen itself (a form field left empty…). */
  say(source: string, level: CaseMessage['level'], text: string): void;
  clear(): void;
}

export interface RequestOptions<T> {
  /** What to say on success (default: the answer's message). */
  okText?: (result: T) => string;
  /** How a message on success is shown (default ok; a calendar warning is a warning). */
  okLevel?: CaseMessage['level'];
}

const Context = createContext<CaseActions | null>(null);

/**
 * Esc inside a case form closes the form, not the case: preventDefault tells
 * the clerk screen's own Esc (结束办件) to leave it alone.
 */
export function escCloses(close: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };
}

const DECISIONS: readonly CaseAction['type'][] = ['accept', 'acceptTolerated', 'notifyOnce'];

export function CaseActionsProvider({ api, online, caseKey, children }: { api: CounterApi; online: boolean; caseKey: string; children: ReactNode }): JSX.Element {
  const [busy, setBusy] = useState<string | null>(null);
  const [state, setState] = useState<{ caseKey: string; message: CaseMessage | null }>({ caseKey, message: null });
  // A message belongs to the case it was said in.
  const message = state.caseKey === caseKey ? state.message : null;
  const inFlight = useRef(false);

  const say = useCallback(
    (source: string, level: CaseMessage['level'], text: string) => setState({ caseKey, message: text ? { source, level, text } : null }),
    [caseKey],
  );
  const clear = useCallback(() => setState((s) => ({ ...s, message: null })), []);

  const request = useCallback(
    async <T extends { ok: boolean; message?: string }>(source: string, run: () => Promise<T>, options: RequestOptions<T> = {}): Promise<T | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(source);
      say(source, 'ok', '');
      try {
        const result = await run();
        if (result.ok) {
          say(source, options.okLevel ?? 'ok', options.okText ? options.okText(result) : (result.message ?? ''));
          return result;
        }
        say(source, 'error', result.message ?? '');
        return null;
      } catch (error) {
        say(source, 'error', messageOf(error));
        return null;
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [say],
  );

  const act = useCallback(
    async (source: string, action: CaseAction) => {
      // The service's note on a decision is a calendar warning.
      const okLevel = DECISIONS.includes(action.type) ? 'warning' : 'ok';
      return (await request(source, () => api.invoke('caseAction', { action }), { okLevel })) !== null;
    },
    [api, request],
  );

  const value = useMemo<CaseActions>(
    () => ({ api, online, busy, message, act, request, say, clear }),
    [api, online, busy, message, act, request, say, clear],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useCaseActions(): CaseActions {
  const value = useContext(Context);
  if (!value) throw new Error('useCaseActions outside CaseActionsProvider');
  return value;
}

/** The answer to the request a control made, shown beside it; nothing when the last message is another control's. */
export function ActionMessage({ source, prominent }: { source: string | readonly string[]; prominent?: boolean }): JSX.Element | null {
  const { message } = useCaseActions();
  const ref = useRef<HTMLParagraphElement>(null);
  const sources = typeof source === 'string' ? [source] : source;
  const shown = message !== null && sources.includes(message.source) ? message : null;
  // A column that scrolls must not hide a refusal or a warning below its fold.
  useEffect(() => {
    if (shown && shown.level !== 'ok') ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  if (!shown) return null;
  return (
    <p
      ref={ref}
      className={`case-message case-message--${shown.level}${prominent ? ' case-message--prominent' : ''}`}
      role={shown.level === 'error' ? 'alert' : 'status'}
      data-testid="case-message"
      data-source={shown.source}
      data-level={shown.level}
    >
      {shown.text}
    </p>
  );
}
