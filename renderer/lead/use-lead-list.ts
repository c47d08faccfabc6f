import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { messageOf } from './format';

export interface LeadList<T> {
  /** Null until the first answer arrives. */
  data: T | null;
  setData: Dispatch<SetStateAction<T | null>>;
  /** The refusal in Chinese (e.g. the unlock ended), or null. */
  problem: string | null;
  load(): void;
}

/**
 * A lead tab's list: asked for when the tab opens and on `load()`; a refusal
 * is shown in the tab and passed to the dialog (which re-checks the unlock).
 */
export function useLeadList<T>(fetch: () => Promise<T>, onError: (error: unknown) => void): LeadList<T> {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    fetch().then(
      (result) => {
        setData(result);
        setProblem(null);
      },
      (error: unknown) => {
        setProblem(messageOf(error));
        onError(error);
      },
    );
  }, [fetch, onError]);
  useEffect(load, [load]);
  return { data, setData, problem, load };
}
