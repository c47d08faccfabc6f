import { type JSX } from 'react';
import type { CitizenScreen, CounterApi, RatingRequestView, SigningView } from '../../shared/contract';
import { formatTimeOfDay } from '../../shared/domain/service-day/time';
import { strings } from '../../shared/i18n';
import type { ConnectionState } from '../api';
import { ClerkCard } from './ClerkCard';
import { RatingPanel, ThanksPanel } from './RatingPanel';
import type { InkStore } from '../components/ink/ink-store';
import { SigningPanel } from './signing/SigningPanel';

const t = strings.serviceDay.citizen;

/**
 * What the citizen screen shows, one kind at a time. The rating issue adds
 * its own kind here (e.g. `{ kind: 'rating'; … }`, chosen by CitizenApp from
 * its event) and a branch in CitizenStage; the others stay as they are.
 */
export type CitizenState =
  | { kind: 'connecting'; rejected: boolean }
  | { kind: 'closed'; screen: CitizenScreen }
  | { kind: 'preparing'; screen: CitizenScreen }
  | { kind: 'welcome'; screen: CitizenScreen }
  | { kind: 'paused'; screen: CitizenScreen; pause: NonNullable<CitizenScreen['pause']> }
  /** 好差评: the five levels, or (keypad 差评) the reasons only; `request.caseId` is set. */
  | { kind: 'rating' | 'reasons'; screen: CitizenScreen; request: RatingRequestView & { caseId: string } }
  | { kind: 'thanks'; screen: CitizenScreen; request: RatingRequestView }
  /** 签名: the box while the applicant signs, then 签名已确认 until the slip is out. */
  | { kind: 'signing'; screen: CitizenScreen; signing: SigningView };

/**
 * `rating`: the rating service's view (evaluation.request); it wins over the
 * welcome card while the window is open, never over 暂停服务 or a closed window.
 * `skipped`: the case whose rating the citizen chose to skip (back to welcome).
 */
export function citizenStateOf(
  screen: CitizenScreen | null,
  connection: ConnectionState,
  rating: RatingRequestView | null = null,
  skipped: string | null = null,
  signing: SigningView | null = null,
): CitizenState {
  if (!screen || connection === 'rejected') return { kind: 'connecting', rejected: connection === 'rejected' };
  // 签名 wins over the welcome card (and a rating left from an earlier case) while the window is open.
  if (screen.status === 'open' && signing?.phase === 'signing') return { kind: 'signing', screen, signing };
  if (screen.status === 'open' && rating) {
    const caseId = rating.caseId;
    if ((rating.screen === 'rating' || rating.screen === 'reasons') && caseId !== null && caseId !== skipped) {
      return { kind: rating.screen, screen, request: { ...rating, caseId } };
    }
    if (rating.screen === 'thanks') return { kind: 'thanks', screen, request: rating };
  }
  if (screen.status === 'open' && signing?.phase === 'signed') return { kind: 'signing', screen, signing };
  switch (screen.status) {
    case 'closed':
      return { kind: 'closed', screen };
    case 'preparing':
      return { kind: 'preparing', screen };
    case 'paused':
      return screen.pause ? { kind: 'paused', screen, pause: screen.pause } : { kind: 'closed', screen };
    case 'open':
      return { kind: 'welcome', screen };
  }
}

/** The state switch of the citizen screen. */
export function CitizenStage({
  state,
  now,
  api,
  onSkip = () => undefined,
  onSubmitted = () => undefined,
  ink,
  onSigning = () => undefined,
}: {
  state: CitizenState;
  now: Date;
  /** Needed by the rating states (submitRating). */
  api?: CounterApi;
  onSkip?(caseId: string): void;
  onSubmitted?(): void;
  /** The ink of the 签名 step (needed by the signing state). */
  ink?: InkStore;
  onSigning?(view: SigningView): void;
}): JSX.Element {
  switch (state.kind) {
    case 'signing':
      return ink ? <SigningPanel api={api} view={state.signing} ink={ink} onView={onSigning} /> : <Welcome screen={state.screen} />;
    case 'rating':
    case 'reasons':
      return (
        <RatingPanel
          key={`${state.kind}:${state.request.caseId}`}
          api={api}
          mode={state.kind}
          request={state.request}
          clerk={state.screen.clerk}
          onSkip={() => onSkip(state.request.caseId)}
          onSubmitted={onSubmitted}
        />
      );
    case 'thanks':
      return <ThanksPanel clerk={state.screen.clerk} message={state.request.message} />;
    case 'connecting':
      return (
        <section className="citizen-panel citizen-panel--quiet" data-testid="citizen-connecting" role="status">
          {!state.rejected && <span className="spinner" aria-hidden="true" />}
          <p className="citizen-panel__lead">{state.rejected ? t.rejected : t.connecting}</p>
        </section>
      );
    case 'welcome':
      return <Welcome screen={state.screen} />;
    case 'preparing':
      return (
        <section className="citizen-panel citizen-panel--split" data-testid="citizen-preparing">
          {state.screen.clerk && <ClerkCard clerk={state.screen.clerk} />}
          <div className="citizen-panel__text">
            <h1 className="citizen-panel__title">{t.preparing}</h1>
            <p className="citizen-panel__lead">{t.preparingLead}</p>
          </div>
        </section>
      );
    case 'closed':
      return (
        <section className="citizen-panel citizen-panel--quiet" data-testid="citizen-closed">
          <h1 className="citizen-panel__title">{t.closed}</h1>
          <p className="citizen-panel__lead">{t.closedLead}</p>
        </section>
      );
    case 'paused':
      return <Paused pause={state.pause} now={now} />;
  }
}

function Welcome({ screen }: { screen: CitizenScreen }): JSX.Element {
  return (
    <section className="citizen-panel citizen-panel--split" data-testid="citizen-welcome">
      {screen.clerk && <ClerkCard clerk={screen.clerk} />}
      <div className="citizen-panel__text">
        <h1 className="citizen-panel__title citizen-panel__title--welcome">{t.welcome}</h1>
        <p className="citizen-panel__lead">{t.welcomeLead}</p>
      </div>
    </section>
  );
}

function Paused({ pause, now }: { pause: NonNullable<CitizenScreen['pause']>; now: Date }): JSX.Element {
  const reason = pause.reason === 'other' ? pause.reasonText : (strings.serviceDay.pauseReasons[pause.reason] ?? '');
  const detail = pause.reason !== 'other' && pause.reasonText !== '' ? `（${pause.reasonText}）` : '';
  const expected = pause.expectedReturnAt ? new Date(pause.expectedReturnAt) : null;
  const overdue = expected !== null && expected.getTime() <= now.getTime();
  const hhmm = expected ? formatTimeOfDay(expected) : '';
  return (
    <section className="citizen-panel citizen-panel--paused" data-testid="citizen-paused" role="status">
      <div className="citizen-paused__sign">
        <svg className="citizen-paused__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3" />
          <path d="M19 16v16M29 16v16" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
        </svg>
        <h1 className="citizen-paused__title" data-testid="citizen-paused-title">
          {t.paused}
        </h1>
      </div>
      {reason !== '' && (
        <p className="citizen-paused__reason" data-testid="citizen-paused-reason">
          {t.pausedReason(`${reason}${detail}`)}
        </p>
      )}
      {expected && (
        <p className="citizen-paused__return" data-testid="citizen-paused-return">
          {overdue ? t.returningSoon : t.expectedReturn(hhmm)}
        </p>
      )}
      {pause.handover && (
        <div className="citizen-paused__handover" data-testid="citizen-handover">
          <svg className="citizen-paused__arrow" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
            <path d="M8 24h28M26 13l11 11-11 11" fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <div>
            <p className="citizen-paused__go">{t.goTo(pause.handover.window)}</p>
            <p className="citizen-paused__by">{t.handoverBy(pause.handover.name)}</p>
          </div>
        </div>
      )}
      <p className="citizen-paused__sorry">{t.sorry}</p>
    </section>
  );
}
