import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Caller, CounterServices } from '../../electron/services/app/types';
import { startWebShell, type WebShell, type WebShellOptions } from '../../electron/web/server';

/**
 * The web shell over stand-in services: the HTTP and WebSocket layer is the
 * real one (electron/web/server.ts), the services only answer `whoAmI`-style
 * requests with the caller's role and record who called. For the tests of
 * the shell's own defences (sessions, roles, malformed requests), where the
 * counter behind it does not matter.
 */
export interface StubShell {
  shell: WebShell;
  callers: Caller[];
  logs: string[];
  close(): Promise<void>;
}

export async function startStubShell(options: Partial<Pick<WebShellOptions, 'sessionLimits' | 'now'>> = {}): Promise<StubShell> {
  const callers: Caller[] = [];
  const logs: string[] = [];
  const services: CounterServices = {
    shell: 'web',
    dataDir: '',
    async handle(method, _params, caller) {
      if (caller) callers.push(caller);
      return { ok: true, result: { method, role: caller?.role ?? null } };
    },
    onEvent: () => () => {},
    slipPdf: (id) => (id === 1 ? Buffer.from('%PDF-1.7 stub') : null),
    capturePdf: (caseId, materialId) => (caseId === '08-20261123-0001' && materialId === 'id-proof' ? Buffer.from('%PDF-1.7 material') : null),
    exportFile: () => ({ ok: false, reason: 'missing' }),
    endConnection: () => {},
    close: async () => {},
  };
  const shell = await startWebShell({
    services,
    rendererDir: join(__dirname, '..', 'fixtures', 'renderer'),
    log: (line) => logs.push(line),
    ...options,
  });
  return { shell, callers, logs, close: () => shell.close() };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET with the headers an attacker chooses (Host defaults to ours). */
export function get(shell: Pick<WebShell, 'port'>, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: shell.port, path, headers: { Host: `127.0.0.1:${shell.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** How a socket attempt ended: opened (and the role the services saw), closed with a code, or refused with an HTTP status. */
export type SocketOutcome = { opened: true; role: string | null } | { opened: false; closeCode?: number; status?: number };

/** Opens `/api` (or `/api?screen=citizen`) with `cookie`, asks the services who it is, and closes. */
export function trySocket(shell: WebShell, cookie: string | null, screen: 'clerk' | 'citizen' = 'clerk'): Promise<SocketOutcome> {
  const url = `${shell.origin.replace('http', 'ws')}/api${screen === 'citizen' ? '?screen=citizen' : ''}`;
  const socket = new WebSocket(url, { headers: { Origin: shell.origin, ...(cookie ? { Cookie: cookie } : {}) } });
  return new Promise((resolve) => {
    socket.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode });
      res.resume();
      socket.terminate();
    });
    socket.once('error', () => resolve({ opened: false }));
    socket.once('close', (code) => resolve({ opened: false, closeCode: code }));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'request', id: 1, method: 'getSnapshot', params: {} })));
    socket.once('message', (data) => {
      const message = JSON.parse(data.toString()) as { result?: { role?: string | null } };
      resolve({ opened: true, role: message.result?.role ?? null });
      socket.close();
    });
  });
}
