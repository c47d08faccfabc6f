import { EventEmitter } from 'node:events';
import type { EventName, PayloadOf } from '../../../shared/contract';

type AnyListener = (event: EventName, payload: unknown) => void;

/**
 * In-process bus for contract events. Services publish; shells subscribe to
 * everything and forward it. A listener that throws is isolated so one bad
 * subscriber cannot silence the others.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly all = new Set<AnyListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {
    this.emitter.setMaxListeners(100);
  }

  publish<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const listener of [...this.all]) this.safely(() => listener(event, payload));
    for (const listener of this.emitter.listeners(event)) this.safely(() => (listener as (p: unknown) => void)(payload));
  }

  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  onAny(listener: AnyListener): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  private safely(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.onListenerError(error);
    }
  }
}
