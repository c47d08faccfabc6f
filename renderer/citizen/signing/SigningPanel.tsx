import { useEffect, useRef, useState, type JSX, type PointerEvent as ReactPointerEvent } from 'react';
import type { CounterApi, InkPoint, SigningResult, SigningView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { InkCanvas, type InkCanvasHandle } from '../../components/ink/InkCanvas';
import { normalize } from '../../components/ink/ink-geometry';
import { useInkStrokes, type InkStore } from '../../components/ink/ink-store';
import './signing.css';

const s = strings.signatureScreen.citizen;
/** Points are sent in batches: at most this long after the first unsent one, and at once when the pen lifts. */
const BATCH_MS = 30;
const MAX_BATCH = 1000;

interface Drawing {
  pointerId: number;
  stroke: number;
  pending: InkPoint[];
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * 签名 on the citizen screen: what is signed (the slip, the item, the case
 * number, 请在框内签名), the box, and 重签 / 确认 big enough for a finger.
 * With the on-screen pad (source 'screen') the box takes Pointer Events —
 * pressure where the screen gives it, coalesced points, the pointer captured
 * — draws at once and sends batches through submitScreenInk; with the pad
 * (source 'pad') it shows the pad's live ink.
 */
export function SigningPanel({ api, view, ink, onView }: { api?: CounterApi; view: SigningView; ink: InkStore; onView(view: SigningView): void }): JSX.Element {
  const canvas = useRef<InkCanvasHandle>(null);
  const drawing = useRef<Drawing | null>(null);
  const started = useRef({ session: '', at: 0 });
  const strokes = useInkStrokes(ink);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const onScreen = view.source === 'screen' && view.phase === 'signing';

  // Point times count from when this screen first showed the session's box.
  useEffect(() => {
    started.current = { session: view.session, at: performance.now() };
  }, [view.session]);

  const send = (d: Drawing) => {
    if (d.timer) clearTimeout(d.timer);
    d.timer = null;
    while (d.pending.length > 0) {
      const points = d.pending.splice(0, MAX_BATCH);
      void api?.invoke('submitScreenInk', { session: view.session, stroke: d.stroke, points }).catch(() => undefined);
    }
  };

  const pointOf = (event: PointerEvent, box: HTMLElement): InkPoint => {
    const rect = box.getBoundingClientRect();
    const { x, y } = normalize(event.clientX - rect.left, event.clientY - rect.top, canvas.current?.area() ?? { left: 0, top: 0, width: rect.width, height: rect.height });
    // Only a pen reports pressure worth keeping: a mouse says 0.5 whenever a button is down, most touch screens too.
    const p = event.pointerType === 'pen' && event.pressure > 0 ? Math.min(1, event.pressure) : null;
    return { x, y, p, t: Math.max(0, Math.round(performance.now() - started.current.at)) };
  };

  const add = (d: Drawing, points: InkPoint[]) => {
    if (points.length === 0) return;
    ink.apply({ session: view.session, stroke: d.stroke, points });
    d.pending.push(...points);
    d.timer ??= setTimeout(() => send(d), BATCH_MS);
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!onScreen || !event.isPrimary || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    if (drawing.current) send(drawing.current);
    const d: Drawing = { pointerId: event.pointerId, stroke: ink.strokes.length, pending: [], timer: null };
    drawing.current = d;
    add(d, [pointOf(event.nativeEvent, event.currentTarget)]);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const d = drawing.current;
    if (!d || d.pointerId !== event.pointerId) return;
    const native = event.nativeEvent;
    // All the points the screen saw since the last frame, not only the last one.
    const coalesced = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    const events = coalesced.length > 0 ? coalesced : [native];
    add(
      d,
      events.map((e) => pointOf(e, event.currentTarget)),
    );
  };
  const onPointerEnd = (event: ReactPointerEvent<HTMLDivElement>) => {
    const d = drawing.current;
    if (!d || d.pointerId !== event.pointerId) return;
    send(d);
    drawing.current = null;
  };
  useEffect(
    () => () => {
      if (drawing.current?.timer) clearTimeout(drawing.current.timer);
    },
    [],
  );

  // Each call is named where it is made: the contract's role test reads the citizen page for the methods it invokes.
  const run = (request: (api: CounterApi) => Promise<SigningResult>) => {
    if (!api || busy) return;
    if (drawing.current) send(drawing.current);
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
        {signed ? s.signed : view.source === 'pad' ? s.onPad : view.prompt.instruction}
      </p>
      <InkCanvas
        ref={canvas}
        store={ink}
        aspect={view.aspect}
        label={s.boxLabel}
        testId="signing-box"
        className={`signing-panel__box${onScreen ? ' signing-panel__box--live' : ''}`}
        style={{ aspectRatio: String(view.aspect) }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onLostPointerCapture={onPointerEnd}
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
