/**
 * The detector against issue 11's accuracy targets on the labelled synthetic
 * set (every background kind: dark mat, light desk, wood, clutter, uneven
 * light, glare; A4 slips, the receipt roll and both sides of the ID card;
 * fingers, blur, noise and JPEG): per kind, mean SmartDoc Jaccard index
 * ≥ 0.99, no frame below 0.9, and never a degenerate outline.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { measureAccuracy, type FrameResult, type KindAccuracy } from './accuracy';
import { labelledSet } from './dataset';

let perKind: KindAccuracy[] = [];
let perFrame: FrameResult[] = [];

describe('page detector accuracy on the labelled set (issue 11)', () => {
  beforeAll(() => {
    ({ perKind, perFrame } = measureAccuracy(labelledSet({ perKind: 8 })));
  }, 600_000);

  it('covers every background kind', () => {
    expect(perKind.map((k) => k.kind).sort()).toEqual(['clutter', 'darkMat', 'glare', 'lightDesk', 'unevenLight', 'wood']);
    for (const kind of perKind) expect(kind.frames).toBe(8);
  });

  it('never returns a degenerate outline', () => {
    expect(perFrame.filter((r) => r.degenerate).map((r) => r.name)).toEqual([]);
  });

  for (const kind of ['darkMat', 'lightDesk', 'wood', 'clutter', 'unevenLight', 'glare']) {
    it(`${kind}: mean Jaccard index ≥ 0.99 and no frame below 0.9`, () => {
      const summary = perKind.find((k) => k.kind === kind)!;
      const detail = perFrame.filter((r) => r.kind === kind).map((r) => `${r.name} ${r.ji.toFixed(4)} (${r.reason})`);
      expect(summary.failures, detail.join('\n')).toEqual([]);
      expect(summary.minJi, detail.join('\n')).toBeGreaterThanOrEqual(0.9);
      expect(summary.meanJi, detail.join('\n')).toBeGreaterThanOrEqual(0.99);
    });
  }
});
