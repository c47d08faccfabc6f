import { useCallback, useEffect, useState } from 'react';
import type { Callback, CounterApi } from '../../../shared/contract';
import { messageOf } from '../../api';

export interface CallbacksState {
  /** Open call-backs (any day) then those done today; null before the first answer. */
  list: Callback[] | null;
  error: string | null;
  open: number;
  reload(): void;
  setDone(id: number, done: boolean): void;
}

/** The call-backs (回电登记) as the clerk sees them, fetched while online and after every change. */
export function useCallbacks(api: CounterApi, online: boolean): CallbacksState {
  const [list, setList] = useState<Callback[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    if (!online) return undefined;
    let current = true;
    api.invoke('listCallbacks', { scope: 'today' }).then(
      (next) => {
        if (!current) return;
        setList(next);
        setError(null);
      },
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, online, version]);

  const setDone = useCallback(
    (id: number, done: boolean) => {
      // The tick shows at once; the service's answer (and the reload) then sets the recorded time.
      setList((prev) => prev?.map((c) => (c.id === id ? { ...c, doneAt: done ? (c.doneAt ?? new Date().toISOString()) : null } : c)) ?? prev);
      api.invoke('setCallbackDone', { id, done }).then(
        (outcome) => {
          if (!outcome.ok) setError(outcome.message);
          reload();
        },
        (failure: unknown) => {
          setError(messageOf(failure));
          reload();
        },
      );
    },
    [api, reload],
  );

  return { list, error, open: list?.filter((c) => c.doneAt === null).length ?? 0, reload, setDone };
}
