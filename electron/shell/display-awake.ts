import { powerSaveBlocker } from 'electron';
import type { ServiceDayPhase } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import type { CounterServices } from '../services/app/types';

const s = strings.counterOperation.displayAwake;

/**
 * Whether the counter's display must stay awake: while the window is open
 * for service (开始服务 pressed) and while it is paused (暂停服务 shows the
 * citizen where to go, and the clerk comes back to a lit screen). Signed
 * out or still in the pre-shift check, the system's own power settings rule.
 * null: the service day is not known (services not answering).
 */
export function shouldKeepDisplayAwake(phase: ServiceDayPhase | null): boolean {
  return phase === 'open' || phase === 'paused';
}

export interface DisplayAwakeOptions {
  services: Pick<CounterServices, 'handle' | 'onEvent'>;
  log: (line: string) => void;
}

/** The shell's own connection name for asking the service day; it never unlocks a lead. */
const CONNECTION = 'shell:display-awake';

/**
 * Keeps the display from sleeping (powerSaveBlocker 'prevent-display-sleep')
 * while shouldKeepDisplayAwake says so: asks the service day once, then
 * follows 'serviceDay.changed'. Returns the disposer, which lets the display
 * sleep again (at quit).
 */
export function keepDisplayAwakeDuringService(options: DisplayAwakeOptions): () => void {
  const { services, log } = options;
  let blocker: number | null = null;
  let disposed = false;
  // An event that arrived before the first answer is newer than that answer.
  let heardEvent = false;

  const apply = (phase: ServiceDayPhase | null) => {
    if (disposed) return;
    const awake = shouldKeepDisplayAwake(phase);
    if (awake && blocker === null) {
      blocker = powerSaveBlocker.start('prevent-display-sleep');
      log(s.started);
    } else if (!awake && blocker !== null) {
      powerSaveBlocker.stop(blocker);
      blocker = null;
      log(s.stopped);
    }
  };

  const unsubscribe = services.onEvent((name, payload) => {
    if (name !== 'serviceDay.changed') return;
    heardEvent = true;
    apply((payload as { phase: ServiceDayPhase }).phase);
  });

  services.handle('getServiceDay', {}, { connection: CONNECTION, role: 'clerk' }).then(
    (reply) => {
      if (heardEvent) return;
      if (reply.ok) apply((reply.result as { phase?: ServiceDayPhase } | null)?.phase ?? null);
      else log(s.unknownPhase(reply.error.message));
    },
    (error: unknown) => log(s.unknownPhase(error instanceof Error ? error.message : String(error))),
  );

  return () => {
    if (disposed) return;
    apply(null);
    disposed = true;
    unsubscribe();
  };
}
