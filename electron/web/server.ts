import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY, type ConnectionRole } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import type { CounterServices } from '../services/app/types';
import { checkRequest, CODE_PARAM, cookieValues, LANDING_PATHS, requestedSocketRole, SESSION_COOKIES } from './auth';
import { serveSlip } from './slip-print';
import { serveExport } from './export-route';
import { serveCapturePdf } from './capture-pdf-route';
import { sendBody, sendText, TEXT_PLAIN } from './respond';
import { DEFAULT_SESSION_LIMITS, SessionStore, type Session, type SessionLimits } from './sessions';
import { CLOSE_NO_TOKEN, serveSocket } from './socket';
import { readStaticFile } from './static-files';

export interface WebShellOptions {
  services: CounterServices;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  log?: (line: string) => void;
  /** Tests shorten these and drive the clock; the defaults suit a counter day. */
  sessionLimits?: SessionLimits;
  now?: () => number;
}

export interface WebShell {
  /** The clerk's launch address: its one-time code opens one clerk session. */
  url: string;
  /** The citizen screen's launch address (/citizen.html): one citizen session. */
  citizenUrl: string;
  origin: string;
  port: number;
  /** A fresh one-time address for `role` (Enter in the terminal window; tests). */
  mintUrl(role: ConnectionRole): string;
  /** Ends expired sessions now (and closes their sockets); a timer does it every minute. */
  sweepSessions(): void;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

const t = strings.webShell;

/** Routes a citizen page has no business with: slips, captured materials and exports carry applicants' and ratings' data. */
const CLERK_ONLY_PREFIXES = ['/slips/', '/captures/', '/exports/'];

/**
 * The largest message a page may send: a captured page (addCapturePage's JPEG, up to 16 M base64 characters in the
 * contract) with its envelope. Anything larger is closed by ws (1009) before it is read.
 */
export const MAX_MESSAGE_BYTES = 17 * 1024 * 1024;

/** An answer on a raw socket that never became a WebSocket, then the socket is gone. */
function refuseUpgrade(socket: Duplex, status: '400 Bad Request' | '403 Forbidden' | '404 Not Found'): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * The local web shell: the same services behind HTTP (the built renderer)
 * and a WebSocket (the contract), on 127.0.0.1 only. A launch address carries
 * a one-time code traded for a session (sessions.ts) whose role decides what
 * the page's socket may do. Nothing a client sends can throw out of a
 * handler: a request the server cannot make sense of is answered 400.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const sessions = new SessionStore(options.sessionLimits ?? DEFAULT_SESSION_LIMITS, options.now ?? Date.now);
  let port = 0;

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const server = createServer((request, response) => {
    void handleHttp(request, response).catch((error: unknown) => {
      log(t.log.requestFailed(error instanceof Error ? error.message : String(error)));
      if (!response.headersSent) response.writeHead(500, { ...SECURITY_HEADERS, 'Content-Type': TEXT_PLAIN });
      response.end(t.refused.serverError);
    });
  });

  // What the HTTP parser itself refuses (random bytes, a broken request line, headers too large): a short answer and
  // the socket is gone. Node's default does much the same; stating it keeps an error there from ever being unhandled.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  });

  const sessionOf = (request: IncomingMessage, role: ConnectionRole): Session | null =>
    sessions.find(cookieValues(request.headers.cookie, SESSION_COOKIES[role]), role);

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = checkRequest(request, port);
    if (verdict.kind !== 'ok') {
      const [status, text] =
        verdict.kind === 'bad-request' ? [400, t.refused.badRequest] : [403, verdict.kind === 'foreign-host' ? t.refused.foreignHost : t.refused.foreignOrigin];
      sendText(response, status, { ...SECURITY_HEADERS, Connection: 'close' }, text);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = verdict.url;
    if (url.searchParams.has(CODE_PARAM)) {
      tradeCode(url.searchParams.get(CODE_PARAM) ?? '', response);
      return;
    }
    const clerk = sessionOf(request, 'clerk');
    const session = clerk ?? sessionOf(request, 'citizen');
    if (!session) {
      sendText(response, 401, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' }, t.refused.noSession);
      return;
    }
    if (!clerk && CLERK_ONLY_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) {
      sendText(response, 403, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' }, t.refused.clerkOnly);
      return;
    }
    // A slip: its archived PDF, or its page that opens the browser's print dialog.
    if (await serveSlip(url.pathname, request, response, options.services, SECURITY_HEADERS)) return;
    // A material's PDF of captured pages (办件记录).
    if (serveCapturePdf(url.pathname, request, response, options.services, SECURITY_HEADERS)) return;
    if (url.pathname.startsWith('/exports/')) {
      // A lead's export (XLSX, CSV, exchange JSON): needs the clerk session (above) and the download ticket of the lead who exported.
      await serveExport(request, response, url, options.services, SECURITY_HEADERS);
      return;
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      sendText(response, 404, SECURITY_HEADERS, t.refused.notFound);
      return;
    }
    sendBody(
      request,
      response,
      { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': file.contentType.startsWith('text/html') ? 'no-store' : 'private, max-age=3600' },
      file.body,
    );
  }

  /**
   * The trade: a live code becomes a session cookie of its role, and the
   * browser is sent to that role's page. The Location is one of two fixed
   * paths of our own and never built from the request, so no target
   * (`/.//evil.example/?token=…`, `/\evil.example`) can turn it into
   * another site.
   */
  function tradeCode(code: string, response: ServerResponse): void {
    const traded = sessions.redeem(code);
    if (!traded) {
      log(t.log.codeRefused);
      sendText(response, 401, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' }, t.refused.codeSpent);
      return;
    }
    log(t.log.sessionOpened(t.roles[traded.role]));
    response.writeHead(303, {
      ...SECURITY_HEADERS,
      'Set-Cookie': `${SESSION_COOKIES[traded.role]}=${traded.id}; HttpOnly; SameSite=Strict; Path=/`,
      Location: LANDING_PATHS[traded.role],
      'Cache-Control': 'no-store',
    });
    response.end();
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const verdict = checkRequest(request, port);
    if (verdict.kind === 'bad-request') return refuseUpgrade(socket, '400 Bad Request');
    // A foreign page never gets a socket at all.
    if (verdict.kind !== 'ok') return refuseUpgrade(socket, '403 Forbidden');
    if (verdict.url.pathname !== '/api') return refuseUpgrade(socket, '404 Not Found');
    const role = requestedSocketRole(verdict.url);
    if (!role) return refuseUpgrade(socket, '400 Bad Request');
    // ws answers a malformed handshake (method, Upgrade, Sec-WebSocket-Key/Version) with 400 itself.
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const session = sessionOf(request, role);
      if (!session) {
        // Our own page whose session is spent, expired or of the other role (or the terminal restarted): close with
        // a code the page understands, before any message is read; the page then says how to reopen.
        ws.close(CLOSE_NO_TOKEN, 'session');
        return;
      }
      const detach = sessions.attach(session, () => ws.close(CLOSE_NO_TOKEN, 'session'));
      ws.once('close', detach);
      serveSocket(ws, options.services, log, session.role);
    });
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node takes its own error listener off an upgraded socket: without one, a reset peer would end the process.
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(request, socket, head);
    } catch (error) {
      log(t.log.upgradeFailed(error instanceof Error ? error.message : String(error)));
      refuseUpgrade(socket, '400 Bad Request');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const mintUrl = (role: ConnectionRole) => `${origin}${LANDING_PATHS[role]}?${CODE_PARAM}=${sessions.mintCode(role)}`;
  const sweeper = setInterval(() => sessions.sweep(), 60_000);
  sweeper.unref();

  return {
    url: mintUrl('clerk'),
    citizenUrl: mintUrl('citizen'),
    origin,
    port,
    mintUrl,
    sweepSessions: () => sessions.sweep(),
    async close() {
      clearInterval(sweeper);
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
