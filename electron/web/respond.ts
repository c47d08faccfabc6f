import type { IncomingMessage, ServerResponse } from 'node:http';

/** The web shell's answers share these two shapes; `headers` carries the security headers and any of the route's own. */

export const TEXT_PLAIN = 'text/plain; charset=utf-8';

/** A short Chinese message as plain text: a refusal, a page not found. */
export function sendText(response: ServerResponse, status: number, headers: Record<string, string>, text: string): void {
  response.writeHead(status, { ...headers, 'Content-Type': TEXT_PLAIN }).end(text);
}

/** 200 with `body`; a HEAD request gets the headers only. */
export function sendBody(request: IncomingMessage, response: ServerResponse, headers: Record<string, string>, body: string | Buffer): void {
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}
