import { useCallback, useEffect, useState } from 'react';
import type { CaseCaptures, CounterApi, MaterialCaptures } from '../../shared/contract';

/** The open case's captured pages (getCaptures), fetched when the case changes and replaced by every capture answer. */
export function useCaseCaptures(api: CounterApi, online: boolean, caseKey: string) {
  const [captures, setCaptures] = useState<CaseCaptures | null>(null);
  const reload = useCallback(() => {
    api.invoke('getCaptures', {}).then(
      (next) => setCaptures(next ?? null),
      () => {
        // The counts beside the materials are a convenience: the next capture answer brings them.
      },
    );
  }, [api]);
  useEffect(() => {
    if (online) reload();
  }, [online, reload, caseKey]);
  return { captures, setCaptures, reload };
}

export function materialCaptures(captures: CaseCaptures | null, materialId: string): MaterialCaptures | null {
  return captures?.materials.find((m) => m.materialId === materialId) ?? null;
}
