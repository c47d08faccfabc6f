import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ConnectionRole, MethodName, ParamsOf, ResultOf, ServerMessage } from '../../shared/contract';
import { startCounterServices } from '../../electron/services/app/counter-services';
import type { CounterServices, StartOptions } from '../../electron/services/app/types';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { tempDir } from '../support/temp-dir';
import { apiSocketUrl, tradeLaunchUrl } from '../support/web-session';
import { CLERK, withClerk } from './clerk-fixture';

export interface Running {
  dataDir: string;
  services: CounterServices;
  shell: WebShell;
  /** A clerk session's Cookie header (`counter_session=…`), traded from a fresh launch address at start. */
  cookie: string;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Starts the real services and web shell on a temporary data directory
 * (removed when the test that made it ends: test/support/temp-dir.ts).
 * `serviceDay: 'open'` (the default) signs the configured clerk in through
 * the contract and opens the window first, recording an exception for each
 * required device the test machine lacks, as a clerk would: tests of the
 * counter screen then find it serving. `'as-is'` leaves the day as stored
 * (signed out on a fresh directory), for the tests of the service day.
 */
export interface ShellOptions {
  dataDir?: string;
  rendererDir?: string;
  serviceDay?: 'open' | 'as-is';
  config?: Record<string, unknown>;
  /** More start options of the services (e.g. `deviceListing`: faked system listings). */
  services?: Partial<Omit<StartOptions, 'shell' | 'dataDir' | 'log'>>;
}

export async function startShell(options: ShellOptions = {}): Promise<Running> {
  const dataDir = options.dataDir ?? tempDir('counter-web-');
  // Every config gets the test clerk's account (clerk-fixture.ts): sign-in takes a PIN.
  if (options.config || !existsSync(join(dataDir, 'config.json'))) writeFileSync(join(dataDir, 'config.json'), JSON.stringify(await withClerk(options.config)));
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const services = await startCounterServices({ ...options.services, shell: 'web', dataDir, log });
  if ((options.serviceDay ?? 'open') === 'open') await openServiceDay(services);
  const rendererDir = options.rendererDir ?? join(__dirname, '..', 'fixtures', 'renderer');
  const shell = await startWebShell({ services, rendererDir, log });
  const cookie = await tradeLaunchUrl(shell.mintUrl('clerk'));
  return {
    dataDir,
    services,
    shell,
    cookie,
    logs,
    async stop() {
      await shell.close();
      await services.close();
    },
  };
}

/** A contract client over a real socket, as the renderer would be, for tests. */
export class TestClient {
  readonly messages: ServerMessage[] = [];
  private nextId = 1;
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as ServerMessage));
  }

  /** A socket of `role`, on a session of its own traded from a fresh launch address; `headers` may override the Cookie. */
  static async connect(shell: WebShell, headers: Record<string, string> = {}, role: ConnectionRole = 'clerk'): Promise<TestClient> {
    const cookie = 'Cookie' in headers ? headers.Cookie : await tradeLaunchUrl(shell.mintUrl(role));
    const socket = new WebSocket(apiSocketUrl(shell.origin, role), {
      headers: { Origin: shell.origin, ...headers, Cookie: cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return new TestClient(socket);
  }

  async request(method: string, params: unknown = {}): Promise<Extract<ServerMessage, { type: 'response' }>> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type: 'request', id, method, params }));
    return this.waitFor((m): m is Extract<ServerMessage, { type: 'response' }> => m.type === 'response' && m.id === id);
  }

  async waitFor<T extends ServerMessage>(match: (m: ServerMessage) => m is T, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('等待消息超时');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * Through the contract: sign in the test clerk with their PIN (if nobody is;
 * config.json must carry clerk-fixture.ts's account), record exceptions for
 * missing required devices, open the window.
 */
export async function openServiceDay(services: CounterServices): Promise<void> {
  const call = async <M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> => {
    const outcome = await services.handle(method, params);
    if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
    return outcome.result as ResultOf<M>;
  };
  let day = await call('getServiceDay', {});
  if (day.phase === 'signedOut') {
    const signedIn = await call('signIn', { staffNumber: CLERK.staffNo, pin: CLERK.pin });
    if (!signedIn.ok) throw new Error(signedIn.message);
    day = signedIn.day;
  }
  if (day.phase !== 'checking') return;
  for (const item of day.check.filter((i) => i.verdict === 'fail')) {
    await call('recordCheckException', { kind: item.kind, reason: '测试机未接此设备' });
  }
  const opened = await call('openService', {});
  if (!opened.ok) throw new Error(opened.message);
}
