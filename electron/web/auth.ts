import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Cookie that carries the per-launch token after the first visit. */
export const SESSION_COOKIE = 'counter_session';

/** The hosts the server answers to. Checking Host stops DNS-rebinding pages. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export function tokensEqual(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export type Verdict = 'ok' | 'foreign-host' | 'foreign-origin' | 'no-token';

/**
 * Decides whether a request may reach the counter: the Host must be this
 * server on loopback, an Origin (when the browser sends one) must be ours,
 * and the per-launch token must come either in the session cookie or in the
 * `token` query parameter of the URL printed at launch.
 */
export function checkRequest(request: IncomingMessage, port: number, token: string): Verdict {
  if (!allowedHosts(port).has(request.headers.host ?? '')) return 'foreign-host';
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).has(origin)) return 'foreign-origin';
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (tokensEqual(token, cookieValue(request.headers.cookie, SESSION_COOKIE))) return 'ok';
  if (tokensEqual(token, url.searchParams.get('token'))) return 'ok';
  return 'no-token';
}
