import { useCallback, useEffect, useReducer, useRef } from 'react';
import type {
  CaseView,
  CatalogueStatus,
  ConfigIssue,
  CounterApi,
  DeviceStatus,
  ServiceDayView,
  ShellKind,
  Snapshot,
  StorageStatus,
} from '../../shared/contract';
import { useLoadWhenOpen, type ConnectionSource } from '../api';

export interface ClerkData {
  /** True once a snapshot has arrived. */
  loaded: boolean;
  shell: ShellKind | null;
  counter: Snapshot['counter'] | null;
  devices: readonly DeviceStatus[];
  configIssues: readonly ConfigIssue[];
  /** Bumped each time config issues arrive, so a dismissed notice reappears for new ones. */
  configIssuesVersion: number;
  /** The service-item catalogue in use (the sample, the centre's, its last good copy or none) and its problems. */
  catalogue: CatalogueStatus | null;
  currentCase: CaseView | null;
  /** The case found in progress when the screen first loaded (restored after a restart). */
  restoredCaseId: string | null;
  /** Sign-in, self-check and pause (renderer/clerk/service-day); null before the first snapshot. */
  serviceDay: ServiceDayView | null;
  /** The database and the disk: a start-up problem the terminal is waiting out, free space running low. */
  storage: StorageStatus | null;
}

type Action =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'devices'; devices: readonly DeviceStatus[] }
  | { type: 'case'; currentCase: CaseView | null }
  | { type: 'configIssues'; issues: readonly ConfigIssue[] }
  | { type: 'serviceDay'; serviceDay: ServiceDayView }
  | { type: 'storage'; storage: StorageStatus };

export const initialClerkData: ClerkData = {
  loaded: false,
  shell: null,
  counter: null,
  devices: [],
  configIssues: [],
  configIssuesVersion: 0,
  catalogue: null,
  currentCase: null,
  restoredCaseId: null,
  serviceDay: null,
  storage: null,
};

function sameIssues(a: readonly ConfigIssue[], b: readonly ConfigIssue[]): boolean {
  return a.length === b.length && a.every((issue, i) => issue.field === b[i]?.field && issue.message === b[i]?.message);
}

function withIssues(state: ClerkData, issues: readonly ConfigIssue[]): ClerkData {
  if (sameIssues(state.configIssues, issues)) return state;
  return { ...state, configIssues: issues, configIssuesVersion: state.configIssuesVersion + 1 };
}

function withCase(state: ClerkData, currentCase: CaseView | null): ClerkData {
  const restoredCaseId = currentCase !== null && currentCase.id === state.restoredCaseId ? state.restoredCaseId : null;
  return { ...state, currentCase, restoredCaseId };
}

export function clerkReducer(state: ClerkData, action: Action): ClerkData {
  switch (action.type) {
    case 'snapshot': {
      const { snapshot } = action;
      const first = !state.loaded;
      const base: ClerkData = {
        ...withIssues(state, snapshot.configIssues),
        loaded: true,
        shell: snapshot.shell,
        counter: snapshot.counter,
        devices: snapshot.devices,
        catalogue: snapshot.catalogue ?? null,
        serviceDay: snapshot.serviceDay,
        storage: snapshot.storage ?? null,
      };
      if (first) {
        // Restored: a case found with someone identified (by card or typed in) when the screen first loads.
        const restored = snapshot.currentCase?.flow.state.applicant ? snapshot.currentCase.id : null;
        return { ...base, currentCase: snapshot.currentCase, restoredCaseId: restored };
      }
      return withCase(base, snapshot.currentCase);
    }
    case 'devices': {
      // Merge by kind: a partial list updates only the kinds it names.
      const byKind = new Map(state.devices.map((d) => [d.kind, d]));
      for (const device of action.devices) byKind.set(device.kind, device);
      return { ...state, devices: [...byKind.values()] };
    }
    case 'case':
      return withCase(state, action.currentCase);
    case 'configIssues':
      return withIssues(state, action.issues);
    case 'serviceDay':
      return { ...state, serviceDay: action.serviceDay };
    case 'storage':
      return { ...state, storage: action.storage };
  }
}

/**
 * The counter's state as the clerk screen sees it: the snapshot, then events.
 * The snapshot is (re)fetched on start and every time the connection opens.
 */
export function useClerkData(
  api: CounterApi,
  connection: ConnectionSource | null,
  onLoadError: (error: unknown) => void,
): {
  data: ClerkData;
  reload(): void;
  dispatchCase(currentCase: CaseView | null): void;
  dispatchServiceDay(serviceDay: ServiceDayView): void;
} {
  const [data, dispatch] = useReducer(clerkReducer, initialClerkData);
  const onLoadErrorRef = useRef(onLoadError);
  useEffect(() => {
    onLoadErrorRef.current = onLoadError;
  }, [onLoadError]);

  // Whether storage was ready when last heard of, kept in step where the news arrives (the snapshot, the event), not by
  // an effect after the screen has drawn it: an event arriving between the two would otherwise read the old state.
  const storageState = useRef<StorageStatus['state'] | null>(null);

  const reload = useCallback(() => {
    api.invoke('getSnapshot', {}).then(
      (snapshot) => {
        storageState.current = snapshot.storage?.state ?? null;
        dispatch({ type: 'snapshot', snapshot });
      },
      (error: unknown) => onLoadErrorRef.current(error),
    );
  }, [api]);

  useEffect(() => {
    const unsubscribe = [
      api.on('devices.changed', (devices) => dispatch({ type: 'devices', devices })),
      api.on('case.changed', (currentCase) => dispatch({ type: 'case', currentCase })),
      api.on('config.issues', (issues) => dispatch({ type: 'configIssues', issues })),
      api.on('serviceDay.changed', (serviceDay) => dispatch({ type: 'serviceDay', serviceDay })),
    ];
    return () => {
      for (const off of unsubscribe) off();
    };
  }, [api]);

  // Storage that turns ready after a start-up problem means the services have just started: everything else changed
  // too, so the snapshot is loaded again (no restart, no reload of the page).
  useEffect(
    () =>
      api.on('storage.changed', (storage) => {
        const wasReady = storageState.current === 'ready';
        storageState.current = storage.state;
        dispatch({ type: 'storage', storage });
        if (storage.state === 'ready' && !wasReady) reload();
      }),
    [api, reload],
  );

  useLoadWhenOpen(connection, reload);

  const dispatchCase = useCallback((currentCase: CaseView | null) => dispatch({ type: 'case', currentCase }), []);

  const dispatchServiceDay = useCallback((serviceDay: ServiceDayView) => dispatch({ type: 'serviceDay', serviceDay }), []);

  return { data, reload, dispatchCase, dispatchServiceDay };
}
