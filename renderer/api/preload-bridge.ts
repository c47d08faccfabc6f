import { z } from 'zod';
import {
  CounterApiError,
  isEventName,
  type CounterApi,
  type EventName,
  type MethodName,
  type ParamsOf,
  type PayloadOf,
  type ResultOf,
} from '../../shared/contract';
import { strings } from '../../shared/i18n';
import {
  checkPayload,
  checkResult,
  describeIssues,
  parseParams,
  toCounterApiError,
  toErrorCode,
  warnProtocolError,
  type ProtocolErrorHandler,
} from './validate';

/**
 * What the Electron preload exposes as `window.counterApi` (contextBridge).
 * Untyped on purpose: whatever crosses the bridge is validated here.
 */
export interface PreloadBridge {
  /**
   * Resolves to a reply envelope, `{ ok: true, result }` or
   * `{ ok: false, error: { code, message } }` (contextBridge copies only the
   * message of an Error, so a `.code` could not travel on a rejection).
   * A rejection is still handled, as a failure without a code.
   */
  invoke(method: string, params: unknown): Promise<unknown>;
  /** Subscribes to one contract event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The preload's bridge, when this page runs inside the Electron shell. */
export function findPreloadBridge(scope: unknown = globalThis): PreloadBridge | null {
  const candidate = (scope as { counterApi?: unknown } | null | undefined)?.counterApi;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const bridge = candidate as Partial<PreloadBridge>;
  return typeof bridge.invoke === 'function' && typeof bridge.on === 'function' ? (bridge as PreloadBridge) : null;
}

const BridgeReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

export interface PreloadBridgeOptions {
  onProtocolError?: ProtocolErrorHandler;
}

/** CounterApi over the Electron preload: validates every result and event payload. */
export class PreloadBridgeClient implements CounterApi {
  private readonly onProtocolError: ProtocolErrorHandler;

  constructor(
    private readonly bridge: PreloadBridge,
    options: PreloadBridgeOptions = {},
  ) {
    this.onProtocolError = options.onProtocolError ?? warnProtocolError;
  }

  async invoke<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const checkedParams = parseParams(method, params);
    let raw: unknown;
    try {
      raw = await this.bridge.invoke(method, checkedParams);
    } catch (error) {
      throw toCounterApiError(error);
    }
    const reply = BridgeReplySchema.safeParse(raw);
    if (!reply.success) {
      this.onProtocolError(`reply to ${method}: ${describeIssues(reply.error)}`);
      throw new CounterApiError('failed', strings.apiClient.badResponse);
    }
    if (!reply.data.ok) {
      const { code, message } = reply.data.error;
      throw new CounterApiError(toErrorCode(code), message || strings.api.unavailable);
    }
    const checked = checkResult(method, reply.data.result);
    if (!checked.ok) {
      this.onProtocolError(checked.reason);
      throw new CounterApiError('failed', strings.apiClient.badResponse);
    }
    return checked.value;
  }

  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
    if (!isEventName(event)) throw new TypeError(`unknown event ${String(event)}`);
    return this.bridge.on(event, (payload) => {
      const checked = checkPayload(event, payload);
      if (!checked.ok) {
        this.onProtocolError(checked.reason);
        return;
      }
      listener(checked.value);
    });
  }
}
