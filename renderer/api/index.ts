import type { ConnectionRole, CounterApi } from '../../shared/contract';
import { PreloadBridgeClient, findPreloadBridge } from './preload-bridge';
import { WebSocketClient, type ConnectionSource } from './websocket-client';

export { useConnectionState, useLoadWhenOpen } from './connection-hooks';
export { messageOf } from './error-message';
export { PreloadBridgeClient, findPreloadBridge, type PreloadBridge } from './preload-bridge';
export {
  WebSocketClient,
  defaultWebSocketUrl,
  CLOSE_FOREIGN_ORIGIN,
  CLOSE_TOKEN_REJECTED,
  type ConnectionSource,
  type ConnectionState,
  type WebSocketConstructor,
  type WebSocketLike,
} from './websocket-client';

export interface CounterConnection {
  api: CounterApi;
  /** The WebSocket's state, for the web shell; null inside Electron (IPC does not drop). */
  connection: ConnectionSource | null;
}

/**
 * The preload bridge when the page runs in the Electron shell, else the
 * local web shell's WebSocket on the page's own origin, asking for `role`.
 */
export function createCounterApi(scope: unknown = globalThis, role: ConnectionRole = 'clerk'): CounterConnection {
  const bridge = findPreloadBridge(scope);
  if (bridge) return { api: new PreloadBridgeClient(bridge), connection: null };
  const client = new WebSocketClient({ role });
  return { api: client, connection: client };
}
