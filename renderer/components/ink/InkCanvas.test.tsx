import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inkPoint, RecordingContext } from '../../test-support/signing-sample';
import { InkCanvas } from './InkCanvas';
import { fitRect, normalize } from './ink-geometry';
import { InkStore } from './ink-store';

/** A ResizeObserver the test drives: a resize or a rotation is `resizeAll()`. */
class ManualResizeObserver {
  static all: ManualResizeObserver[] = [];
  constructor(private readonly callback: () => void) {
    ManualResizeObserver.all.push(this);
  }
  observe(): void {}
  disconnect(): void {}
  fire(): void {
    this.callback();
  }
}

let size = { width: 400, height: 200 };
let context: RecordingContext;

beforeEach(() => {
  size = { width: 400, height: 200 };
  context = new RecordingContext();
  ManualResizeObserver.all = [];
  vi.stubGlobal('ResizeObserver', ManualResizeObserver);
  vi.stubGlobal('devicePixelRatio', 2);
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => context as unknown as CanvasRenderingContext2D);
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(() => ({ ...size, x: 0, y: 0, left: 0, top: 0, right: size.width, bottom: size.height, toJSON: () => '' }) as DOMRect);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function draw(store: InkStore) {
  const view = render(<InkCanvas store={store} aspect={2} label="签名框" testId="ink" />);
  return view.getByTestId('ink-canvas') as HTMLCanvasElement;
}

describe('InkStore', () => {
  it('appends live ink of its session and ignores another session’s', () => {
    const store = new InkStore();
    store.load('s2', [[inkPoint(0.1, 0.1, 0)]]);
    expect(store.apply({ session: 's1', stroke: 0, points: [inkPoint(0.9, 0.9, 5)] })).toBe(false);
    expect(store.apply({ session: 's2', stroke: 0, points: [inkPoint(0.2, 0.2, 10)] })).toBe(true);
    expect(store.apply({ session: 's2', stroke: 2, points: [inkPoint(0.5, 0.5, 40)] })).toBe(true);
    expect(store.strokes).toEqual([[inkPoint(0.1, 0.1, 0), inkPoint(0.2, 0.2, 10)], [], [inkPoint(0.5, 0.5, 40)]]);
    expect(store.strokeCount).toBe(2);
  });

  it('does not take the same points twice (a view loaded while their event was on its way)', () => {
    const store = new InkStore();
    store.load('s', [[inkPoint(0.1, 0.1, 0), inkPoint(0.2, 0.2, 8)]]);
    store.apply({ session: 's', stroke: 0, points: [inkPoint(0.1, 0.1, 0), inkPoint(0.2, 0.2, 8), inkPoint(0.3, 0.3, 16)] });
    expect(store.pointCount).toBe(3);
  });
});

describe('InkCanvas', () => {
  it('sizes its backing store to CSS size × devicePixelRatio and draws the strokes it is given', () => {
    const store = new InkStore();
    store.load('s', [[inkPoint(0, 0, 0), inkPoint(1, 1, 10)]]);
    const canvas = draw(store);
    expect([canvas.width, canvas.height]).toEqual([800, 400]);
    expect(canvas.dataset.points).toBe('2');
    expect(context.segments).toEqual([[0, 0, 400, 200]]);
  });

  it('draws live ink as it arrives, in the signing area of the pad’s aspect', () => {
    size = { width: 300, height: 300 };
    const store = new InkStore();
    store.load('s', []);
    const canvas = draw(store);
    // A 2:1 area in a square box: 300 × 150, centred (top 75).
    act(() => void store.apply({ session: 's', stroke: 0, points: [inkPoint(0, 0, 0), inkPoint(0.5, 1, 5)] }));
    act(() => void store.apply({ session: 's', stroke: 0, points: [inkPoint(1, 0, 9)] }));
    expect(canvas.dataset.points).toBe('3');
    expect(context.segments).toEqual([
      [0, 75, 150, 225],
      [150, 225, 300, 75],
    ]);
    // A stroke of one point is a dot.
    act(() => void store.apply({ session: 's', stroke: 1, points: [inkPoint(0.5, 0.5, 20)] }));
    expect(context.dots).toEqual([[150, 150]]);
    // Another session's ink is not drawn.
    act(() => void store.apply({ session: 'old', stroke: 0, points: [inkPoint(0.2, 0.2, 30)] }));
    expect(canvas.dataset.points).toBe('4');
  });

  it('keeps every stroke through a resize or a rotation: the model is drawn again at the new size', () => {
    const store = new InkStore();
    store.load('s', []);
    const canvas = draw(store);
    act(() => void store.apply({ session: 's', stroke: 0, points: [inkPoint(0, 0, 0), inkPoint(1, 1, 10)] }));
    act(() => void store.apply({ session: 's', stroke: 1, points: [inkPoint(0, 1, 20), inkPoint(1, 0, 30)] }));
    const clearsBefore = context.clears;
    // Turned to portrait on a screen of another ratio.
    size = { width: 200, height: 100 };
    vi.stubGlobal('devicePixelRatio', 3);
    act(() => ManualResizeObserver.all.forEach((o) => o.fire()));
    expect(context.clears).toBeGreaterThan(clearsBefore);
    expect([canvas.width, canvas.height]).toEqual([600, 300]);
    expect(canvas.dataset.points).toBe('4');
    expect(context.segments).toEqual([
      [0, 0, 200, 100],
      [0, 100, 200, 0],
    ]);
  });

  it('normalizes positions in the area and clamps those outside it', () => {
    const area = fitRect(300, 300, 2);
    expect(normalize(150, 150, area)).toEqual({ x: 0.5, y: 0.5 });
    expect(normalize(-10, 400, area)).toEqual({ x: 0, y: 1 });
  });
});
