import { forwardRef, useEffect, useImperativeHandle, useRef, type HTMLAttributes, type JSX } from 'react';
import { InkPainter } from './ink-painter';
import type { Rect } from './ink-geometry';
import type { InkStore } from './ink-store';
import './ink.css';

export interface InkCanvasHandle {
  /** The signing area in CSS pixels from the box's top left (the on-screen pad normalizes pointer positions with it). */
  area(): Rect;
}

export interface InkCanvasProps extends HTMLAttributes<HTMLDivElement> {
  store: InkStore;
  /** Width / height of the signing area (the pad's, or the on-screen box's). */
  aspect: number;
  label: string;
  testId?: string;
}

/**
 * A box of ink drawn from an InkStore: crisp on high-DPI screens (the
 * canvas is its CSS size × devicePixelRatio), redrawn whole from the model
 * whenever the box changes size or the screen turns (ResizeObserver), live
 * points drawn as they arrive. The box's own props (pointer handlers) pass
 * through to it.
 */
export const InkCanvas = forwardRef<InkCanvasHandle, InkCanvasProps>(function InkCanvas(
  { store, aspect, label, testId, className, ...boxProps },
  ref,
): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const painter = useRef<InkPainter | null>(null);

  useImperativeHandle(ref, () => ({ area: () => painter.current?.area ?? { left: 0, top: 0, width: 0, height: 0 } }), []);

  useEffect(() => {
    const element = canvas.current;
    const container = box.current;
    if (!element || !container) return undefined;
    const p = new InkPainter(element, aspect);
    painter.current = p;
    const mark = () => {
      element.dataset.points = String(p.drawnPoints);
    };
    const fit = () => {
      const rect = container.getBoundingClientRect();
      p.resize(rect.width, rect.height, globalThis.devicePixelRatio || 1, aspect, store.strokes);
      mark();
    };
    fit();
    const unsubscribe = store.subscribe((change) => {
      if (change.kind === 'reset') p.redraw(store.strokes);
      else p.append(store.strokes[change.stroke] ?? [], change.from);
      mark();
    });
    // A resize, a rotation, a move to a screen of another pixel ratio: the backing store follows and the ink is redrawn.
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(fit) : null;
    observer?.observe(container);
    globalThis.addEventListener?.('resize', fit);
    return () => {
      unsubscribe();
      observer?.disconnect();
      globalThis.removeEventListener?.('resize', fit);
      painter.current = null;
    };
  }, [store, aspect]);

  return (
    <div ref={box} className={`ink-box${className ? ` ${className}` : ''}`} data-testid={testId} {...boxProps}>
      <canvas ref={canvas} className="ink-box__canvas" role="img" aria-label={label} data-testid={testId ? `${testId}-canvas` : undefined} />
    </div>
  );
});
