import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionLoop, StateTracker } from './connection-loop';

afterEach(() => {
  vi.useRealTimers();
});

/** A connectOnce whose outcomes are scripted: each call takes the next entry (true = had worked). */
function scripted(outcomes: boolean[]) {
  const calls: number[] = [];
  const connectOnce = vi.fn(async () => {
    calls.push(Date.now());
    return outcomes.shift() ?? false;
  });
  return { connectOnce, calls };
}

describe('ConnectionLoop', () => {
  it('waits the delays in turn, the last one repeating, between failed attempts', async () => {
    vi.useFakeTimers({ now: 0 });
    const { connectOnce, calls } = scripted([]);
    const loop = new ConnectionLoop({ connectOnce, delaysMs: [100, 250, 500], onCrash: () => {} });
    loop.start();
    await vi.advanceTimersByTimeAsync(100 + 250 + 500 + 500 + 1);
    await loop.stop();
    expect(calls).toEqual([0, 100, 350, 850, 1350]);
  });

  it('starts the back-off over after a connection that had worked', async () => {
    vi.useFakeTimers({ now: 0 });
    const { connectOnce, calls } = scripted([false, false, true, false]);
    const loop = new ConnectionLoop({ connectOnce, delaysMs: [100, 1000], onCrash: () => {} });
    loop.start();
    await vi.advanceTimersByTimeAsync(100 + 1000 + 100 + 1);
    await loop.stop();
    // fail (100) fail (1000) worked (100, from the start again) fail …
    expect(calls).toEqual([0, 100, 1100, 1200]);
  });

  it('stop ends a wait at once, runs the release first and attempts no more', async () => {
    const order: string[] = [];
    let calls = 0;
    const loop = new ConnectionLoop({
      connectOnce: async () => {
        calls++;
        return false;
      },
      delaysMs: [60_000],
      onCrash: () => {},
    });
    loop.start();
    await new Promise((r) => setTimeout(r, 10));
    const started = performance.now();
    await loop.stop(() => {
      order.push('release');
    });
    order.push('stopped');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(order).toEqual(['release', 'stopped']);
    expect(calls).toBe(1);
    expect(loop.stopped).toBe(true);
    expect(loop.active).toBe(false);
  });

  it('a driver wait ends early when woken, and immediately once stopped', async () => {
    const loop = new ConnectionLoop({ connectOnce: () => new Promise<boolean>(() => {}), delaysMs: [1], onCrash: () => {} });
    loop.start();
    const wait = loop.sleep(60_000);
    loop.wakeUp();
    await wait; // would time the test out if wakeUp did nothing
    void loop.stop();
    await loop.sleep(60_000);
    expect(loop.stopped).toBe(true);
  });

  it('start twice runs one loop', async () => {
    vi.useFakeTimers({ now: 0 });
    const { connectOnce } = scripted([]);
    const loop = new ConnectionLoop({ connectOnce, delaysMs: [100], onCrash: () => {} });
    loop.start();
    loop.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(connectOnce).toHaveBeenCalledTimes(1);
    await loop.stop();
  });

  it('a throwing connectOnce is reported once as a crash and ends the loop', async () => {
    const crashes: string[] = [];
    const loop = new ConnectionLoop({
      connectOnce: async () => {
        throw new Error('bug');
      },
      delaysMs: [1],
      onCrash: (error) => crashes.push(error.message),
    });
    loop.start();
    await loop.stop();
    expect(crashes).toEqual(['bug']);
  });

  it('refuses an empty delay list', () => {
    expect(() => new ConnectionLoop({ connectOnce: async () => true, delaysMs: [], onCrash: () => {} })).toThrow();
  });
});

describe('StateTracker', () => {
  it('tells listeners each change once, not repeats, and stops after unsubscribing', () => {
    const tracker = new StateTracker<'a' | 'b' | 'c'>('a');
    const seen: string[] = [];
    const off = tracker.onChange((s) => seen.push(s));
    tracker.set('a');
    tracker.set('b');
    tracker.set('b');
    tracker.set('c');
    off();
    tracker.set('a');
    expect(seen).toEqual(['b', 'c']);
    expect(tracker.state).toBe('a');
  });
});
