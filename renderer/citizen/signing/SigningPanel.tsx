import { useRef, useState, type JSX } from 'react';
import type { CounterApi, SigningResult, SigningView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { InkCanvas, type InkCanvasHandle } from '../../components/ink/InkCanvas';
import { useInkStrokes, type InkStore } from '../../components/ink/ink-store';
import { useScreenPad } from '../../components/ink/use-screen-pad';
import './signing.css';

const s = strings.signatureScreen.citizen;

/**
 * 签名 on the citizen screen: what is signed (the slip, the item, the case
 * number, 请在框内签名), the box, and 重签 / 确认 big enough for a finger.
 * With the on-screen pad here (source 'screen', screenPad 'citizen') the box
 * takes Pointer Events (components/ink/use-screen-pad.ts); with the pad
 * (source 'pad') it shows the pad's live ink; with the on-screen pad on the
 * clerk's screen it shows that ink.
 */
export function SigningPanel({ api, view, ink, onView }: { api?: CounterApi; view: SigningView; ink: InkStore; onView(view: SigningView): void }): JSX.Element {
  const canvas = useRef<InkCanvasHandle>(null);
  const strokes = useInkStrokes(ink);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const here = view.screenPad === 'citizen';
  const onScreen = view.source === 'screen' && view.phase === 'signing' && here;
  const pad = useScreenPad({ api, view, ink, canvas, active: onScreen });

  // Each call is named where it is made: the contract's role test reads the citizen page for the methods it invokes.
  const run = (request: (api: CounterApi) => Promise<SigningResult>) => {
    if (!api || busy) return;
    pad.flush();
    setBusy(true);
    setMessage('');
    request(api)
      .then(
        (result) => {
          if (!result.ok) setMessage(result.message);
          if (result.signing) onView(result.signing);
        },
        (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
      )
      .finally(() => setBusy(false));
  };

  const signed = view.phase === 'signed';
  return (
    <section className="citizen-panel signing-panel" data-testid="citizen-signing" data-phase={view.phase} data-source={view.source ?? ''}>
      <header className="signing-panel__head">
        <h1 className="signing-panel__title" data-testid="signing-title">
          {s.signing(view.prompt.slipTitle)}
        </h1>
        <dl className="signing-panel__facts">
          <div>
            <dt>{s.item}</dt>
            <dd data-testid="signing-item">{view.prompt.itemName}</dd>
          </div>
          <div>
            <dt>{s.caseNumber}</dt>
            <dd data-testid="signing-case">{view.prompt.caseNumber}</dd>
          </div>
        </dl>
      </header>
      <p className="signing-panel__instruction" data-testid="signing-instruction">
        {/* On the pad the instruction is on the pad's own screen; this one says where to sign. */}
        {signed ? s.signed : view.source === 'pad' ? s.onPad : here ? view.prompt.instruction : s.onClerkScreen}
      </p>
      <InkCanvas
        ref={canvas}
        store={ink}
        aspect={view.aspect}
        label={s.boxLabel}
        testId="signing-box"
        className={`signing-panel__box${onScreen ? ' signing-panel__box--live' : ''}`}
        style={{ aspectRatio: String(view.aspect) }}
        {...pad.handlers}
      />
      {message && (
        <p className="signing-panel__message" role="alert" data-testid="signing-message">
          {message}
        </p>
      )}
      {!signed && (
        <div className="signing-panel__actions">
          <button type="button" className="signing-panel__button" data-testid="signing-reset" disabled={busy || strokes === 0} onClick={() => run((a) => a.invoke('resetSignature', {}))}>
            {s.reset}
          </button>
          <button
            type="button"
            className="signing-panel__button signing-panel__button--primary"
            data-testid="signing-confirm"
            disabled={busy || strokes === 0}
            title={strokes === 0 ? s.empty : undefined}
            onClick={() => run((a) => a.invoke('confirmSignature', {}))}
          >
            {s.confirm}
          </button>
        </div>
      )}
    </section>
  );
}
