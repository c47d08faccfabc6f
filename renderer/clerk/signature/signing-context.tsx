import { createContext, useCallback, useContext, useEffect, useMemo, useState, type JSX, type ReactNode } from 'react';
import type { CounterApi, DeviceState, SigningView } from '../../../shared/contract';
import { InkStore } from '../../components/ink/ink-store';

/** The 签名 step as the clerk screen holds it: the view, its ink, and who can sign where. */
export interface Signing {
  view: SigningView | null;
  ink: InkStore;
  /** The signature pad's state (connected, simulated …); null when the counter has none. */
  pad: DeviceState | null;
  /** Takes a view a method answered with (it may come before the event). */
  show(view: SigningView | null): void;
}

const Context = createContext<Signing | null>(null);

/**
 * Follows the 签名 step: getSigning when the case moves (a decision opens the
 * step) and when the connection opens again, then signature.changed for the
 * view and signature.ink for live ink (another session's ink is dropped by
 * the store). The view's strokes redraw everything, so a reconnect loses nothing.
 */
export function SigningProvider({
  api,
  online,
  caseKey,
  pad,
  children,
}: {
  api: CounterApi;
  online: boolean;
  /** Changes when the case or its phase changes. */
  caseKey: string;
  pad: DeviceState | null;
  children: ReactNode;
}): JSX.Element {
  const [ink] = useState(() => new InkStore());
  const [view, setView] = useState<SigningView | null>(null);

  const show = useCallback(
    (next: SigningView | null) => {
      setView(next);
      if (next) ink.load(next.session, next.strokes);
      else ink.load('', []);
    },
    [ink],
  );

  useEffect(() => api.on('signature.changed', show), [api, show]);
  useEffect(
    () =>
      api.on('signature.ink', (event) => {
        ink.apply(event);
      }),
    [api, ink],
  );
  useEffect(() => {
    if (!online) return undefined;
    let current = true;
    api.invoke('getSigning', {}).then(
      (next) => current && show(next),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, online, caseKey, show]);

  const value = useMemo<Signing>(() => ({ view, ink, pad, show }), [view, ink, pad, show]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The 签名 step; null outside a SigningProvider (a screen without it, a test of another part). */
export function useSigning(): Signing | null {
  return useContext(Context);
}

/** Whether the slip may be issued now as far as the signature goes. */
export function signatureSettled(view: SigningView | null): boolean {
  return view === null || !view.required || view.phase === 'signed' || view.phase === 'waived';
}
