import {
  CounterApiError,
  ServerMessageSchema,
  isEventName,
  type ConnectionRole,
  type CounterApi,
  type EventName,
  type MethodName,
  type ParamsOf,
  type PayloadOf,
  type RequestEnvelope,
  type ResultOf,
  type ServerMessage,
} from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { checkPayload, checkResult, describeIssues, parseParams, warnProtocolError, type ProtocolErrorHandler } from './validate';

/**
 * connecting: first connection attempt(s), nothing received yet;
 * open: requests can be made;
 * lost: the connection dropped, a reconnect is scheduled;
 * rejected: the server refused this page (its session spent or expired, or a
 *   foreign origin), no retry: the page says how to reopen it.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'rejected';

/** Read-only view of a connection for the UI. */
export interface ConnectionSource {
  readonly state: ConnectionState;
  /** Calls the listener on every change of state; returns the unsubscribe function. */
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** Close codes the web shell uses to refuse a page; retrying cannot help. */
export const CLOSE_TOKEN_REJECTED = 4401;
export const CLOSE_FOREIGN_ORIGIN = 4403;

/** The part of the browser WebSocket the client uses; tests inject a fake. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface WebSocketClientOptions {
  /** Defaults to ws(s)://<location.host>/api (same origin, cookie-authenticated), for `role`. */
  url?: string;
  /** The role the page asks the web shell for when `url` is not given; the clerk's by default. */
  role?: ConnectionRole;
  /** Defaults to the browser's WebSocket. */
  WebSocket?: WebSocketConstructor;
  /** A message that does not fit the contract; it is ignored after this call. */
  onProtocolError?: ProtocolErrorHandler;
  /** First reconnect delay; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A request with no response after this long fails. */
  requestTimeoutMs?: number;
}

interface Pending {
  method: MethodName;
  resolve(value: unknown): void;
  reject(error: CounterApiError): void;
  timer: ReturnType<typeof setTimeout>;
}

type AnyListener = (payload: never) => void;

/**
 * The web shell's socket on the page's own origin. The citizen screen asks for
 * its role (`/api?screen=citizen`): the server accepts that only with a
 * citizen session, and the plain `/api` only with a clerk session.
 */
export function defaultWebSocketUrl(loc: Pick<Location, 'protocol' | 'host'> = location, role: ConnectionRole = 'clerk'): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api${role === 'citizen' ? '?screen=citizen' : ''}`;
}

/**
 * CounterApi over the local web shell's WebSocket. One socket at a time;
 * reconnects with back-off until the server refuses the page.
 */
export class WebSocketClient implements CounterApi, ConnectionSource {
  private readonly url: string;
  private readonly Socket: WebSocketConstructor;
  private readonly onProtocolError: ProtocolErrorHandler;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly requestTimeoutMs: number;

  private socket: WebSocketLike | null = null;
  private current: ConnectionState = 'connecting';
  private everOpened = false;
  private delayMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly eventListeners = new Map<EventName, Set<AnyListener>>();

  constructor(options: WebSocketClientOptions = {}) {
    this.url = options.url ?? defaultWebSocketUrl(location, options.role);
    this.Socket = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketConstructor);
    this.onProtocolError = options.onProtocolError ?? warnProtocolError;
    this.initialDelayMs = options.initialDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 5000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.delayMs = this.initialDelayMs;
    this.connect();
  }

  get state(): ConnectionState {
    return this.current;
  }

  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  invoke<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const checkedParams = parseParams(method, params);
      const socket = this.socket;
      if (this.current !== 'open' || socket === null) {
        reject(new CounterApiError('unavailable', strings.apiClient.notConnected));
        return;
      }
      const id = this.nextId++;
      const envelope: RequestEnvelope = { type: 'request', id, method, params: checkedParams };
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) reject(new CounterApiError('unavailable', strings.apiClient.timeout));
      }, this.requestTimeoutMs);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        socket.send(JSON.stringify(envelope));
      } catch {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new CounterApiError('unavailable', strings.apiClient.connectionClosed));
      }
    });
  }

  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
    if (!isEventName(event)) throw new TypeError(`unknown event ${String(event)}`);
    let set = this.eventListeners.get(event);
    if (!set) {
      set = new Set();
      this.eventListeners.set(event, set);
    }
    set.add(listener as AnyListener);
    return () => {
      set.delete(listener as AnyListener);
    };
  }

  /** Closes the socket for good: no reconnect, pending requests fail. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      this.detach(socket);
      try {
        socket.close(1000);
      } catch {
        // already closed
      }
    }
    this.failPending();
  }

  private connect(): void {
    if (this.disposed) return;
    this.retryTimer = null;
    let socket: WebSocketLike;
    try {
      socket = new this.Socket(this.url);
    } catch {
      // A malformed URL or a blocked constructor: treat like a failed attempt.
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.everOpened = true;
      this.delayMs = this.initialDelayMs;
      this.setState('open');
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.handleMessage(event.data);
    };
    socket.onerror = () => {
      // Always followed by close; nothing to do here.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.detach(socket);
      this.socket = null;
      this.failPending();
      if (this.disposed) return;
      if (event.code === CLOSE_TOKEN_REJECTED || event.code === CLOSE_FOREIGN_ORIGIN) {
        this.setState('rejected');
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.disposed) return;
    this.setState(this.everOpened ? 'lost' : 'connecting');
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.maxDelayMs);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private detach(socket: WebSocketLike): void {
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
  }

  private failPending(): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) {
      clearTimeout(request.timer);
      request.reject(new CounterApiError('unavailable', strings.apiClient.connectionClosed));
    }
  }

  private setState(next: ConnectionState): void {
    if (next === this.current) return;
    this.current = next;
    for (const listener of [...this.stateListeners]) listener(next);
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') {
      this.onProtocolError('non-text message');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      this.onProtocolError('message is not JSON');
      return;
    }
    const parsed = ServerMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.onProtocolError(`message does not fit the wire envelope: ${describeIssues(parsed.error)}`);
      return;
    }
    const message: ServerMessage = parsed.data;
    if (message.type === 'response') this.handleResponse(message);
    else this.handleEvent(message.event, message.payload);
  }

  private handleResponse(message: Extract<ServerMessage, { type: 'response' }>): void {
    const request = this.pending.get(message.id);
    if (!request) {
      this.onProtocolError(`response to unknown request ${message.id}`);
      return;
    }
    this.pending.delete(message.id);
    clearTimeout(request.timer);
    if (!message.ok) {
      request.reject(new CounterApiError(message.error.code, message.error.message));
      return;
    }
    const checked = checkResult(request.method, message.result);
    if (!checked.ok) {
      this.onProtocolError(checked.reason);
      request.reject(new CounterApiError('failed', strings.apiClient.badResponse));
      return;
    }
    request.resolve(checked.value);
  }

  private handleEvent(event: string, payload: unknown): void {
    if (!isEventName(event)) {
      this.onProtocolError(`unknown event ${JSON.stringify(event.slice(0, 60))}`);
      return;
    }
    const checked = checkPayload(event, payload);
    if (!checked.ok) {
      this.onProtocolError(checked.reason);
      return;
    }
    const listeners = this.eventListeners.get(event);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        (listener as (payload: unknown) => void)(checked.value);
      } catch (error) {
        // One faulty listener must not starve the others; surface it without blocking.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
