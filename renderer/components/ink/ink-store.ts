import { useCallback, useSyncExternalStore } from 'react';
import type { InkEvent, InkPoint } from '../../../shared/contract';

/** What changed in the ink: everything (a new session, a re-sign, a reconnect), or points appended to one stroke. */
export type InkChange = { kind: 'reset' } | { kind: 'append'; stroke: number; from: number };

/**
 * The ink of one signing session, as both screens draw it: loaded whole from
 * a SigningView (so a screen that reconnects draws it again) and appended to
 * by live `signature.ink` events. Ink of another session (an older one, before
 * a re-sign) is ignored. Kept outside React state: a point must reach the
 * canvas without re-rendering the screen.
 */
export class InkStore {
  session = '';
  strokes: InkPoint[][] = [];
  private readonly listeners = new Set<(change: InkChange) => void>();

  /** Replaces the ink with the view's (the service's own copy is the truth). */
  load(session: string, strokes: readonly (readonly InkPoint[])[]): void {
    this.session = session;
    this.strokes = strokes.map((stroke) => [...stroke]);
    this.notify({ kind: 'reset' });
  }

  /** Appends live ink; false (nothing kept) for another session's ink. */
  apply(event: InkEvent): boolean {
    if (event.session !== this.session) return false;
    while (this.strokes.length <= event.stroke) this.strokes.push([]);
    const stroke = this.strokes[event.stroke]!;
    const from = stroke.length;
    for (const point of event.points) {
      const last = stroke.at(-1);
      // The same points again (a view loaded while the batch was on its way): time never runs back within a stroke.
      if (last && (point.t < last.t || (point.t === last.t && point.x === last.x && point.y === last.y))) continue;
      stroke.push(point);
    }
    if (stroke.length > from) this.notify({ kind: 'append', stroke: event.stroke, from });
    return true;
  }

  /** Empties the ink of the current session (重签 on this screen, before the service's answer). */
  clear(): void {
    this.load(this.session, []);
  }

  get pointCount(): number {
    return this.strokes.reduce((n, s) => n + s.length, 0);
  }

  /** Strokes that have ink. */
  get strokeCount(): number {
    return this.strokes.filter((s) => s.length > 0).length;
  }

  subscribe(listener: (change: InkChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(change: InkChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}

/** Strokes with ink in `store`, following it (for a count or whether 确认 makes sense) without a render per point. */
export function useInkStrokes(store: InkStore | undefined): number {
  const subscribe = useCallback((listener: () => void) => (store ? store.subscribe(() => listener()) : () => undefined), [store]);
  return useSyncExternalStore(subscribe, () => store?.strokeCount ?? 0);
}
