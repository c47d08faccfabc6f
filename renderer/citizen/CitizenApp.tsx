import { useCallback, useEffect, useRef, useState, type JSX } from 'react';
import type { CitizenDay, CitizenScreen, CounterApi, RatingRequestView, SigningView } from '../../shared/contract';
import { formatTimeOfDay } from '../../shared/domain/service-day/time';
import { strings } from '../../shared/i18n';
import { useConnectionState, useLoadWhenOpen, type ConnectionSource } from '../api';
import { CitizenStage, citizenStateOf } from './CitizenStage';
import { InkStore } from '../components/ink/ink-store';

const t = strings.serviceDay.citizen;

export interface CitizenAppProps {
  api: CounterApi;
  /** The web shell's connection; null inside Electron. */
  connection: ConnectionSource | null;
  /** Injected clock for tests; the screen ticks every 15 s otherwise. */
  now?: () => Date;
}

const systemNow = (): Date => new Date();

/** The part of the clerk's service day the citizen screen shows. */
function citizenKeyOf(day: CitizenDay): string {
  return JSON.stringify([day.phase, day.session?.clerk ?? null, day.session?.signedInAt ?? null, day.pause]);
}

/**
 * The citizen-facing screen (evaluator tablet or second screen): the window,
 * the clerk card, and 暂停服务 with the reason, the expected return and where
 * to go meanwhile; and the rating page (好差评) pushed by the rating service.
 * It reads getCitizenScreen and getRatingRequest, which carry no citizen's
 * personal data, and refreshes on citizen.serviceDay and evaluation.request
 * (the only methods and events a citizen connection is allowed).
 */
export function CitizenApp({ api, connection, now = systemNow }: CitizenAppProps): JSX.Element {
  const connectionState = useConnectionState(connection);
  const [screen, setScreen] = useState<CitizenScreen | null>(null);
  const [clock, setClock] = useState(now);
  const [rating, setRating] = useState<RatingRequestView | null>(null);
  const [skipped, setSkipped] = useState<string | null>(null);
  // 签名 (issue 10): the step's view and its ink, kept outside React state so a point reaches the box at once.
  const [signing, setSigning] = useState<SigningView | null>(null);
  const [ink] = useState(() => new InkStore());
  const showSigning = useCallback(
    (view: SigningView | null) => {
      setSigning(view);
      ink.load(view?.session ?? '', view?.strokes ?? []);
    },
    [ink],
  );
  // The on-screen pad draws its own ink at once; live ink from events is the pad's (or another screen's).
  const ownInk = signing?.source === 'screen';
  useEffect(() => api.on('signature.changed', showSigning), [api, showSigning]);
  useEffect(
    () =>
      api.on('signature.ink', (event) => {
        if (!ownInk) ink.apply(event);
      }),
    [api, ink, ownInk],
  );

  const loadRating = useCallback(() => {
    api.invoke('getRatingRequest', {}).then(setRating, () => undefined);
  }, [api]);
  const load = useCallback(() => {
    // A failed load keeps what is shown; the next change or reconnect tries again.
    api.invoke('getCitizenScreen', {}).then(setScreen, () => undefined);
    api.invoke('getSigning', {}).then(showSigning, () => undefined);
    loadRating();
  }, [api, loadRating, showSigning]);

  // 好差评: the rating service says what to show (rating, reasons, thanks, welcome).
  useEffect(() => api.on('evaluation.request', setRating), [api]);

  // Refetch (the photo travels with it) only when what this screen shows moved.
  const shown = useRef('');
  useEffect(
    () =>
      api.on('citizen.serviceDay', (day) => {
        const key = citizenKeyOf(day);
        if (key === shown.current) return;
        shown.current = key;
        load();
      }),
    [api, load],
  );
  useLoadWhenOpen(connection, load);

  useEffect(() => {
    const timer = setInterval(() => setClock(now()), 15_000);
    return () => clearInterval(timer);
  }, [now]);

  const state = citizenStateOf(screen, connectionState, rating, skipped, signing);
  return (
    <div className="citizen" data-testid="citizen-screen" data-state={state.kind}>
      <header className="citizen__top">
        <div className="citizen__centre">{screen?.centreName ?? ''}</div>
        {screen && (
          <div className="citizen__window" data-testid="citizen-window">
            {t.window(screen.windowNumber)}
          </div>
        )}
        <time className="citizen__clock" dateTime={clock.toISOString()}>
          {formatTimeOfDay(clock)}
        </time>
      </header>
      <main className="citizen__stage">
        <CitizenStage state={state} now={clock} api={api} onSkip={setSkipped} onSubmitted={loadRating} ink={ink} onSigning={showSigning} />
      </main>
      {screen && (
        <footer className="citizen__bottom" data-testid="citizen-hours">
          {t.hours(screen.hours.openingTime, screen.hours.closingTime)}
        </footer>
      )}
    </div>
  );
}
