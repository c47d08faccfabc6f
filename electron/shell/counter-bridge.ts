/**
 * The logic behind `window.counterApi` (see preload.ts for the shape the
 * page sees). Kept out of preload.ts so the preload itself is only the
 * exposure, with no exports of its own, and so tests can build a bridge on a
 * fake ipcRenderer. Imports only types from 'electron' and the pure strings
 * table: it is bundled into the sandboxed preload.
 */
import type { IpcRendererEvent, ipcRenderer } from 'electron';
import { strings } from '../../shared/i18n';

/**
 * Equal to IPC_INVOKE_CHANNEL and IPC_EVENT_CHANNEL in shared/contract/wire.ts
 * (preload.test.ts keeps them so); written out because wire.ts imports zod.
 */
export const INVOKE_CHANNEL = 'counter:invoke';
export const EVENT_CHANNEL = 'counter:event';

export type BridgeReply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

export interface CounterBridge {
  invoke(method: string, params: unknown): Promise<BridgeReply>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The part of ipcRenderer the bridge uses. */
export type BridgeIpc = Pick<typeof ipcRenderer, 'invoke' | 'on'>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Passes on only the fields of the envelope, whatever else main sent. */
export function normalizeReply(reply: unknown): BridgeReply {
  if (isRecord(reply) && reply.ok === true) return { ok: true, result: reply.result };
  if (isRecord(reply) && reply.ok === false && isRecord(reply.error)) {
    const { code, message } = reply.error;
    if (typeof code === 'string' && typeof message === 'string') return { ok: false, error: { code, message } };
  }
  return { ok: false, error: { code: 'failed', message: strings.shellMessages.ipcFailed } };
}

type Subscription = { readonly listener: (payload: unknown) => void };

export function createCounterBridge(ipc: BridgeIpc): CounterBridge {
  // One IPC listener for all subscriptions, dispatched by event name: the
  // page may subscribe many times without piling up ipcRenderer listeners.
  const subscriptions = new Map<string, Set<Subscription>>();
  ipc.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (typeof name !== 'string') return;
    for (const subscription of [...(subscriptions.get(name) ?? [])]) {
      try {
        subscription.listener(payload);
      } catch (error) {
        // One failing listener must not starve the others; the error still surfaces.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  });

  return {
    async invoke(method, params) {
      try {
        return normalizeReply(await ipc.invoke(INVOKE_CHANNEL, method, params));
      } catch {
        return { ok: false, error: { code: 'unavailable', message: strings.shellMessages.ipcUnavailable } };
      }
    },
    on(event, listener) {
      if (typeof event !== 'string' || typeof listener !== 'function') {
        throw new TypeError('counterApi.on(event: string, listener: function)');
      }
      const subscription: Subscription = { listener };
      let set = subscriptions.get(event);
      if (!set) subscriptions.set(event, (set = new Set()));
      set.add(subscription);
      return () => {
        subscriptions.get(event)?.delete(subscription);
      };
    },
  };
}
