import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract';
import type { CounterServices } from '../services/app/types';
import { checkRequest, SESSION_COOKIE } from './auth';
import { serveSlip } from './slip-print';
import { serveExport } from './export-route';
import { sendBody, sendText, TEXT_PLAIN } from './respond';
import { CLOSE_NO_TOKEN, serveSocket } from './socket';
import { readStaticFile } from './static-files';

export interface WebShellOptions {
  services: CounterServices;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  log?: (line: string) => void;
}

export interface WebShell {
  /** The URL to open: carries the token once, the page then keeps it in an HttpOnly cookie. */
  url: string;
  origin: string;
  port: number;
  token: string;
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

const REFUSED_TEXT = {
  'foreign-host': '拒绝访问：只接受本机地址 127.0.0.1 的访问。',
  'foreign-origin': '拒绝访问：请求来自其他网站。',
  'no-token': '拒绝访问：缺少或错误的访问令牌。请使用终端启动时显示的地址打开。',
} as const;

/**
 * The local web shell: the same services behind HTTP (the built renderer)
 * and a WebSocket (the contract), on 127.0.0.1 only, guarded by a token that
 * changes every launch. It lets the renderer run in an ordinary Chromium.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const server = createServer((request, response) => {
    void handleHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': TEXT_PLAIN });
      response.end('服务器内部错误');
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = checkRequest(request, port, token);
    if (verdict !== 'ok') {
      sendText(response, verdict === 'no-token' ? 401 : 403, SECURITY_HEADERS, REFUSED_TEXT[verdict]);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.searchParams.has('token')) {
      // Trade the token in the URL for a cookie, so it leaves the address bar and history.
      url.searchParams.delete('token');
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    // A slip: its archived PDF, or its page that opens the browser's print dialog.
    if (await serveSlip(url.pathname, request, response, options.services, SECURITY_HEADERS)) return;
    if (url.pathname.startsWith('/exports/')) {
      // A lead's export (XLSX, CSV, exchange JSON): needs the cookie (above) and the download ticket of the lead who exported.
      await serveExport(request, response, url, options.services, SECURITY_HEADERS);
      return;
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      sendText(response, 404, SECURITY_HEADERS, '未找到');
      return;
    }
    sendBody(
      request,
      response,
      { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': file.contentType.startsWith('text/html') ? 'no-store' : 'private, max-age=3600' },
      file.body,
    );
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkRequest(request, port, token);
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/api' || verdict === 'foreign-host' || verdict === 'foreign-origin') {
      // A foreign page never gets a socket at all.
      socket.end(`HTTP/1.1 ${path !== '/api' ? '404 Not Found' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      if (verdict === 'no-token') {
        // Our own page with a stale token (the terminal restarted): close with a
        // code the page understands, before any message is read.
        ws.close(CLOSE_NO_TOKEN, 'token');
        return;
      }
      serveSocket(ws, options.services, log, 'clerk');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
