import { describe, expect, it } from 'vitest';
import { PlacementTracker } from './placement';

describe('placement: a card is read once per placement', () => {
  it('reads a new card once, however long it stays found, and reports its removal', () => {
    const t = new PlacementTracker();
    expect(t.onFind(false)).toBe('idle');
    expect(t.onFind(true)).toBe('read');
    t.onReadOk();
    expect([t.onFind(true), t.onFind(true), t.onFind(true)]).toEqual(['idle', 'idle', 'idle']);
    expect(t.onFind(false)).toBe('removed');
    expect(t.onFind(false)).toBe('idle');
    expect(t.onFind(true)).toBe('read');
  });

  it('retries a failed read on the same placement, then gives up until the card leaves', () => {
    const t = new PlacementTracker(2);
    expect(t.onFind(true)).toBe('read');
    expect(t.onReadFailed()).toBe(false);
    expect(t.onFind(true)).toBe('read');
    expect(t.onReadFailed()).toBe(true);
    expect(t.state).toBe('gave-up');
    expect(t.onFind(true)).toBe('idle');
    expect(t.onFind(false)).toBe('removed');
    expect(t.onFind(true)).toBe('read');
  });

  it('re-reads on purpose, even when the reader no longer finds the halted card', () => {
    const t = new PlacementTracker();
    t.onFind(true);
    t.onReadOk();
    t.reread();
    expect(t.onFind(true)).toBe('read');
    t.onReadOk();
    expect(t.onFind(true)).toBe('idle');
    t.reread();
    expect(t.onFind(false)).toBe('read');
    // The forced read failed: say so at once, and the placement stays as it was.
    expect(t.onReadFailed()).toBe(true);
    expect(t.state).toBe('read');
    expect(t.onFind(false)).toBe('removed');
  });
});
