import { describe, expect, it, vi } from 'vitest';
import { EventBus } from './event-bus';

describe('EventBus', () => {
  it('delivers to named and catch-all listeners, and stops after unsubscribe', () => {
    const bus = new EventBus();
    const named = vi.fn();
    const any = vi.fn();
    const offNamed = bus.on('config.issues', named);
    const offAny = bus.onAny(any);
    bus.publish('config.issues', [{ field: 'a', message: 'b' }]);
    expect(named).toHaveBeenCalledWith([{ field: 'a', message: 'b' }]);
    expect(any).toHaveBeenCalledWith('config.issues', [{ field: 'a', message: 'b' }]);
    offNamed();
    offAny();
    bus.publish('config.issues', []);
    expect(named).toHaveBeenCalledTimes(1);
    expect(any).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering when one listener throws, and reports the error', () => {
    const errors: unknown[] = [];
    const bus = new EventBus((e) => errors.push(e));
    const after = vi.fn();
    bus.onAny(() => {
      throw new Error('boom');
    });
    bus.on('case.changed', after);
    bus.publish('case.changed', null);
    expect(after).toHaveBeenCalledWith(null);
    expect(errors).toHaveLength(1);
  });
});
