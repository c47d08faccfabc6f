/**
 * The two connections of a soak run, as a browser would make them: a
 * contract client over the web shell's WebSocket (the clerk screen and the
 * citizen page each hold one), and a DevTools-protocol session on the shell
 * process's inspector, which forces a full GC and reads the heap without any
 * debug hook in the product.
 */
import WebSocket from 'ws';
import type { ConnectionRole, ServerMessage } from '../../shared/contract';
import { apiSocketUrl, tradeLaunchUrl } from '../support/web-session';

type EventMessage = Extract<ServerMessage, { type: 'event' }>;
interface Waiter {
  match: (m: EventMessage) => boolean;
  resolve: (m: EventMessage) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** A hang guard, not a measurement: a step that takes this long is a stuck case and fails the soak. */
const STUCK_MS = 60_000;

async function opened(socket: WebSocket): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

export class ContractClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: ServerMessage) => void; reject: (e: Error) => void }>();
  private waiters: Waiter[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'response') {
        this.pending.get(message.id)?.resolve(message);
        this.pending.delete(message.id);
      } else if (message.type === 'event') {
        for (const w of this.waiters.filter((x) => x.match(message))) {
          clearTimeout(w.timer);
          w.resolve(message);
        }
        this.waiters = this.waiters.filter((w) => !w.match(message));
      }
    });
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('连接已关闭'));
      for (const w of this.waiters) {
        clearTimeout(w.timer);
        w.reject(new Error('连接已关闭'));
      }
      this.waiters = [];
    });
  }

  /** Authenticated the way the page is: the one-time launch address traded for a session of its role, then that cookie and our own Origin. */
  static async connect(origin: string, launchUrl: string, role: ConnectionRole): Promise<ContractClient> {
    const cookie = await tradeLaunchUrl(launchUrl);
    const socket = new WebSocket(apiSocketUrl(origin, role), { headers: { Origin: origin, Cookie: cookie } });
    await opened(socket);
    return new ContractClient(socket);
  }

  /** The result of a request; a refused request (contract error) throws with the method and message. */
  async call<T = unknown>(method: string, params: unknown = {}): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<ServerMessage>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.socket.send(JSON.stringify({ type: 'request', id, method, params }));
    const message = (await answer) as Extract<ServerMessage, { type: 'response' }>;
    if (!message.ok) throw new Error(`${method}: ${message.error.message}`);
    return message.result as T;
  }

  /** The next event that matches; ask before the request that causes it, so it cannot slip past. */
  nextEvent(name: string, match: (payload: unknown) => boolean = () => true, what = name): Promise<EventMessage> {
    const event = new Promise<EventMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`浸泡测试：等待 ${what} 超过 ${STUCK_MS / 1000} 秒`));
      }, STUCK_MS);
      this.waiters.push({ match: (m) => m.event === name && match(m.payload), resolve, reject, timer });
    });
    // A case that failed earlier never awaits its later events: their rejection must not end the process before the first error is reported.
    event.catch(() => {});
    return event;
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((r) => this.socket.once('close', r));
    this.socket.close();
    await closed;
  }
}

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** A DevTools-protocol session on a Node process started with --inspect. */
export class InspectorSession {
  private nextId = 1;
  private readonly pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== undefined) {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      }
    });
  }

  static async connect(url: string): Promise<InspectorSession> {
    const socket = new WebSocket(url);
    await opened(socket);
    return new InspectorSession(socket);
  }

  async send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => this.pending.set(id, resolve));
    this.socket.send(JSON.stringify({ id, method, params }));
    const message = await reply;
    if (message.error) throw new Error(`${method}: ${message.error.message}`);
    return message.result as T;
  }

  /** What the process still holds after a full, forced garbage collection. */
  async memoryAfterGc(): Promise<MemoryUsage> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    const { result } = await this.send<{ result: { value: string } }>('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    return JSON.parse(result.value) as MemoryUsage;
  }

  /** Writes a heap snapshot from inside the process (for finding what grows; not used by the bench rows). */
  async writeHeapSnapshot(file: string): Promise<void> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('Runtime.evaluate', { expression: `process.mainModule.require('v8').writeHeapSnapshot(${JSON.stringify(file)})`, returnByValue: true });
  }

  async close(): Promise<void> {
    const closed = new Promise((r) => this.socket.once('close', r));
    this.socket.close();
    await closed;
  }
}
