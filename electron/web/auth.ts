import type { IncomingMessage } from 'node:http';
import type { ConnectionRole } from '../../shared/contract';

/**
 * One session cookie per role, so the clerk page and the citizen page open
 * in one browser profile keep sessions of their own.
 */
export const SESSION_COOKIES: Record<ConnectionRole, string> = {
  clerk: 'counter_session',
  citizen: 'counter_citizen_session',
};

/** Where each role lands after trading its code: the only redirect the web shell makes. */
export const LANDING_PATHS: Record<ConnectionRole, string> = {
  clerk: '/',
  citizen: '/citizen.html',
};

/** The query parameter of the launch address that carries the one-time code. */
export const CODE_PARAM = 'token';

const BASE = 'http://127.0.0.1';

/** The hosts the server answers to. Checking Host stops DNS-rebinding pages. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

/**
 * The request target as a URL on our origin, or null when it is not one
 * (unparseable like `//[`, absolute-form, `*`, or naming another host like
 * `//evil.example/`): such a request gets 400, it never reaches a route.
 */
export function parseTarget(target: string | undefined): URL | null {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    const url = new URL(target, BASE);
    return url.origin === BASE ? url : null;
  } catch {
    return null;
  }
}

/**
 * Every value the Cookie header gives `name`, raw. Nothing is
 * percent-decoded: our session ids are base64url, so a value that would need
 * decoding (`counter_session=%`, planted by any page on another 127.0.0.1
 * port, since cookies ignore the port) is simply not a session — it can
 * neither crash the server nor lock the page out.
 */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (typeof header !== 'string') return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

export type Verdict = { kind: 'ok'; url: URL } | { kind: 'bad-request' } | { kind: 'foreign-host' } | { kind: 'foreign-origin' };

/**
 * What any request must pass before its session is looked at: a target on
 * our origin, a Host that is this server on loopback, and an Origin (when
 * the browser sends one) of our own.
 */
export function checkRequest(request: IncomingMessage, port: number): Verdict {
  const url = parseTarget(request.url);
  if (!url) return { kind: 'bad-request' };
  if (!allowedHosts(port).has(request.headers.host ?? '')) return { kind: 'foreign-host' };
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).has(origin)) return { kind: 'foreign-origin' };
  return { kind: 'ok', url };
}

/** The role a socket asks for: `/api` is the clerk's, `/api?screen=citizen` the citizen screen's; anything else is null. */
export function requestedSocketRole(url: URL): ConnectionRole | null {
  const screens = url.searchParams.getAll('screen');
  if (screens.length === 0) return 'clerk';
  return screens.length === 1 && screens[0] === 'citizen' ? 'citizen' : null;
}
