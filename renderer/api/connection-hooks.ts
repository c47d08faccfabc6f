import { useEffect, useSyncExternalStore } from 'react';
import type { ConnectionSource, ConnectionState } from './websocket-client';

const alwaysOpen = (): ConnectionState => 'open';
const noSubscription = (): (() => void) => () => {};

/** The connection's state, 'open' when there is no connection to lose (Electron IPC). */
export function useConnectionState(connection: ConnectionSource | null): ConnectionState {
  return useSyncExternalStore(
    connection ? (listener) => connection.subscribe(listener) : noSubscription,
    connection ? () => connection.state : alwaysOpen,
  );
}

/** Runs `load` on start and every time the connection opens again; once without a connection (Electron IPC). */
export function useLoadWhenOpen(connection: ConnectionSource | null, load: () => void): void {
  useEffect(() => {
    if (!connection) {
      load();
      return undefined;
    }
    if (connection.state === 'open') load();
    return connection.subscribe((state) => {
      if (state === 'open') load();
    });
  }, [connection, load]);
}
