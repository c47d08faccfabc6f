import { useEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { CounterApi, InkPoint, SigningView } from '../../../shared/contract';
import type { InkCanvasHandle } from './InkCanvas';
import { normalize } from './ink-geometry';
import type { InkStore } from './ink-store';

/** Points are sent in batches: at most this long after the first unsent one, and at once when the pen lifts. */
const BATCH_MS = 30;
const MAX_BATCH = 1000;

interface Drawing {
  pointerId: number;
  stroke: number;
  pending: InkPoint[];
  timer: ReturnType<typeof setTimeout> | null;
}

export interface ScreenPad {
  /** Pointer handlers for the InkCanvas box (they do nothing while the pad is not active). */
  handlers: {
    onPointerDown(event: ReactPointerEvent<HTMLDivElement>): void;
    onPointerMove(event: ReactPointerEvent<HTMLDivElement>): void;
    onPointerUp(event: ReactPointerEvent<HTMLDivElement>): void;
    onPointerCancel(event: ReactPointerEvent<HTMLDivElement>): void;
    onLostPointerCapture(event: ReactPointerEvent<HTMLDivElement>): void;
  };
  /** Sends what is drawn but not sent yet (before 重签 / 确认). */
  flush(): void;
}

/**
 * The on-screen pad: Pointer Events on a signing box — pressure where a pen
 * gives it, coalesced points, the pointer captured — drawn at once into the
 * ink store and sent in batches through submitScreenInk for the view's
 * session. Used by the citizen screen and, on a counter with no second
 * screen, by the clerk's (devices.signature.screenPad).
 */
export function useScreenPad({
  api,
  view,
  ink,
  canvas,
  active,
}: {
  api: CounterApi | undefined;
  /** Null while there is nothing to sign (the pad is then inactive). */
  view: SigningView | null;
  ink: InkStore | undefined;
  canvas: RefObject<InkCanvasHandle | null>;
  active: boolean;
}): ScreenPad {
  const drawing = useRef<Drawing | null>(null);
  const session = view?.session ?? '';
  const on = active && view !== null && ink !== undefined;
  const started = useRef({ session: '', at: 0 });

  // Point times count from when this screen first showed the session's box.
  useEffect(() => {
    started.current = { session, at: performance.now() };
  }, [session]);

  useEffect(
    () => () => {
      if (drawing.current?.timer) clearTimeout(drawing.current.timer);
    },
    [],
  );

  const send = (d: Drawing) => {
    if (d.timer) clearTimeout(d.timer);
    d.timer = null;
    while (d.pending.length > 0) {
      const points = d.pending.splice(0, MAX_BATCH);
      void api?.invoke('submitScreenInk', { session, stroke: d.stroke, points }).catch(() => undefined);
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
    if (points.length === 0 || !ink) return;
    ink.apply({ session, stroke: d.stroke, points });
    d.pending.push(...points);
    d.timer ??= setTimeout(() => send(d), BATCH_MS);
  };

  const end = (event: ReactPointerEvent<HTMLDivElement>) => {
    const d = drawing.current;
    if (!d || d.pointerId !== event.pointerId) return;
    send(d);
    drawing.current = null;
  };

  return {
    handlers: {
      onPointerDown: (event) => {
        if (!on || !ink || !event.isPrimary || (event.pointerType === 'mouse' && event.button !== 0)) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture?.(event.pointerId);
        if (drawing.current) send(drawing.current);
        const d: Drawing = { pointerId: event.pointerId, stroke: ink.strokes.length, pending: [], timer: null };
        drawing.current = d;
        add(d, [pointOf(event.nativeEvent, event.currentTarget)]);
      },
      onPointerMove: (event) => {
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
      },
      onPointerUp: end,
      onPointerCancel: end,
      onLostPointerCapture: end,
    },
    flush: () => {
      if (drawing.current) send(drawing.current);
    },
  };
}
