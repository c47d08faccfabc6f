import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { get, startStubShell, trySocket, type StubShell } from '../../test/support/stub-web-shell';
import { tradeLaunchUrl } from '../../test/support/web-session';
import { SESSION_COOKIES } from './auth';
import { DEFAULT_SESSION_LIMITS } from './sessions';
import { CLOSE_NO_TOKEN } from './socket';

/**
 * The web shell's defences, tried as an attacker would (issue 13): requests
 * that used to throw in the upgrade path and end the process, a spent or
 * expired launch code or session, a session of the wrong role, a redirect
 * steered off-site.
 */

let stub: StubShell | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** The raw bytes of one request on a fresh TCP connection, and everything the server answered before closing. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (answer += c));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const upgrade = (port: number, target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
  `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

describe('malformed requests that used to end the process', () => {
  it('answers an upgrade to `//[` with 400 and still serves a page and a socket afterwards', async () => {
    stub = await startStubShell();
    const { port } = stub.shell;
    const cookie = await tradeLaunchUrl(stub.shell.url);
    for (let i = 0; i < 3; i++) expect(await raw(port, upgrade(port, '//['))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(port, `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    expect((await get(stub.shell, '/', { Cookie: cookie })).status).toBe(200);
    expect(await trySocket(stub.shell, cookie)).toEqual({ opened: true, role: 'clerk' });
  });

  it('takes a planted `counter_session=%` for no session at all: refused without a crash, and it cannot hide the real session', async () => {
    stub = await startStubShell();
    const { port } = stub.shell;
    const answer = await raw(port, upgrade(port, '/api', 'Cookie: counter_session=%\r\n'));
    // The handshake completes and the page is told, with the close code it understands, that it has no session.
    expect(answer).toMatch(/^HTTP\/1\.1 101 /);
    expect(await trySocket(stub.shell, 'counter_session=%')).toEqual({ opened: false, closeCode: CLOSE_NO_TOKEN });
    expect((await get(stub.shell, '/', { Cookie: 'counter_session=%E0%A4%A' })).status).toBe(401);
    // A page on another 127.0.0.1 port can plant that cookie beside ours (cookies ignore the port): ours still counts.
    const cookie = await tradeLaunchUrl(stub.shell.url);
    expect(await trySocket(stub.shell, `counter_session=%; ${cookie}; counter_session=%zz`)).toEqual({ opened: true, role: 'clerk' });
    expect((await get(stub.shell, '/', { Cookie: `counter_session=%; ${cookie}` })).status).toBe(200);
  });

  it('answers other odd targets and a bad Sec-WebSocket-Key with 4xx, never a socket', async () => {
    stub = await startStubShell();
    const { port } = stub.shell;
    const cookie = `Cookie: ${await tradeLaunchUrl(stub.shell.url)}\r\n`;
    for (const target of ['//evil.example/api', 'http://evil.example/api', '*', '/api?screen=lead', '/api?screen=citizen&screen=clerk', '/%', '/api/%zz']) {
      expect(await raw(port, upgrade(port, target, cookie)), target).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
    const badKey = upgrade(port, '/api', cookie).replace('dGhlIHNhbXBsZSBub25jZQ==', '%%%');
    expect(await raw(port, badKey)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await trySocket(stub.shell, cookie.slice('Cookie: '.length, -2))).toEqual({ opened: true, role: 'clerk' });
  });
});

describe('the one-time launch code', () => {
  it('is traded once for an HttpOnly SameSite=Strict session cookie that is not the code; a second use is refused', async () => {
    stub = await startStubShell();
    const code = new URL(stub.shell.url).searchParams.get('token')!;
    const first = await get(stub.shell, `/?token=${code}`);
    expect(first.status).toBe(303);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^counter_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(setCookie).not.toContain(code);
    const again = await get(stub.shell, `/?token=${code}`);
    expect(again.status).toBe(401);
    expect(again.body).toContain('已使用过或已过期');
    expect(again.headers['set-cookie']).toBeUndefined();
    // The code was never a session either.
    expect(await trySocket(stub.shell, `counter_session=${code}`)).toEqual({ opened: false, closeCode: CLOSE_NO_TOKEN });
  });

  it('dies unused after its lifetime', async () => {
    let now = 1_000_000;
    stub = await startStubShell({ now: () => now });
    now += DEFAULT_SESSION_LIMITS.codeMs;
    expect((await get(stub.shell, new URL(stub.shell.url).pathname + new URL(stub.shell.url).search)).status).toBe(401);
  });

  it('keeps every redirect on our own origin, whatever the target', async () => {
    stub = await startStubShell();
    // Targets on our origin whose path a browser would read as another host: the trade happens, the Location is ours.
    const targets = ['/.//evil.example/', '/.//evil.example/?a=1&', '/%2F%2Fevil.example/', '/./\\evil.example/', '/..//evil.example/', '/citizen.html/..//evil.example/'];
    for (const target of targets) {
      const code = new URL(stub.shell.mintUrl('clerk')).searchParams.get('token')!;
      const res = await get(stub.shell, `${target}${target.includes('?') ? '' : '?'}token=${code}`);
      expect(res.status, target).toBe(303);
      expect(res.headers.location, target).toBe('/');
    }
    // Targets that name another host (`/\\host` is `//host` to a URL parser) never reach the trade: 400, no Location.
    for (const target of ['//evil.example/', '/\\evil.example/', '/\\/evil.example/']) {
      const code = new URL(stub.shell.mintUrl('clerk')).searchParams.get('token')!;
      const res = await get(stub.shell, `${target}?token=${code}`);
      expect(res.status, target).toBe(400);
      expect(res.headers.location, target).toBeUndefined();
    }
    const citizen = await get(stub.shell, `/.//evil.example/?token=${new URL(stub.shell.mintUrl('citizen')).searchParams.get('token')!}`);
    expect(citizen.headers.location).toBe('/citizen.html');
  });
});

describe('sessions expire', () => {
  it('refuses a session idle for longer than the idle limit, over HTTP and for a socket', async () => {
    let now = 1_000_000;
    stub = await startStubShell({ now: () => now });
    const cookie = await tradeLaunchUrl(stub.shell.url);
    now += DEFAULT_SESSION_LIMITS.idleMs - 1;
    expect((await get(stub.shell, '/', { Cookie: cookie })).status).toBe(200);
    now += DEFAULT_SESSION_LIMITS.idleMs;
    expect((await get(stub.shell, '/', { Cookie: cookie })).status).toBe(401);
    expect(await trySocket(stub.shell, cookie)).toEqual({ opened: false, closeCode: CLOSE_NO_TOKEN });
  });

  it('keeps a session with an open socket alive past the idle limit, and ends it (closing the socket) at the absolute limit', async () => {
    let now = 1_000_000;
    stub = await startStubShell({ now: () => now });
    const cookie = await tradeLaunchUrl(stub.shell.url);
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${stub.shell.origin.replace('http', 'ws')}/api`, { headers: { Origin: stub.shell.origin, Cookie: cookie } });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    now += DEFAULT_SESSION_LIMITS.idleMs * 3;
    stub.shell.sweepSessions();
    expect((await get(stub.shell, '/', { Cookie: cookie })).status).toBe(200);
    now = 1_000_000 + DEFAULT_SESSION_LIMITS.absoluteMs;
    stub.shell.sweepSessions();
    expect(await closed).toBe(CLOSE_NO_TOKEN);
    expect((await get(stub.shell, '/', { Cookie: cookie })).status).toBe(401);
  });
});

describe('a session has a role', () => {
  it('gives the clerk address a clerk socket and the citizen address a citizen socket, in cookies of their own', async () => {
    stub = await startStubShell();
    const clerk = await tradeLaunchUrl(stub.shell.url);
    const citizen = await tradeLaunchUrl(stub.shell.citizenUrl);
    expect(clerk.startsWith(`${SESSION_COOKIES.clerk}=`)).toBe(true);
    expect(citizen.startsWith(`${SESSION_COOKIES.citizen}=`)).toBe(true);
    // One browser profile holds both cookies: each page's socket gets its own role.
    const both = `${clerk}; ${citizen}`;
    expect(await trySocket(stub.shell, both, 'clerk')).toEqual({ opened: true, role: 'clerk' });
    expect(await trySocket(stub.shell, both, 'citizen')).toEqual({ opened: true, role: 'citizen' });
    expect(stub.callers.map((c) => c.role)).toEqual(['clerk', 'citizen']);
  });

  it('never lets a clerk session open a citizen socket, nor a citizen session a clerk socket, whatever the cookie is called', async () => {
    stub = await startStubShell();
    const clerkId = (await tradeLaunchUrl(stub.shell.url)).split('=')[1];
    const citizenId = (await tradeLaunchUrl(stub.shell.citizenUrl)).split('=')[1];
    const refused = { opened: false, closeCode: CLOSE_NO_TOKEN };
    expect(await trySocket(stub.shell, `${SESSION_COOKIES.clerk}=${clerkId}`, 'citizen')).toEqual(refused);
    expect(await trySocket(stub.shell, `${SESSION_COOKIES.citizen}=${clerkId}`, 'citizen')).toEqual(refused);
    expect(await trySocket(stub.shell, `${SESSION_COOKIES.citizen}=${citizenId}`, 'clerk')).toEqual(refused);
    expect(await trySocket(stub.shell, `${SESSION_COOKIES.clerk}=${citizenId}`, 'clerk')).toEqual(refused);
    expect(stub.callers).toEqual([]);
  });

  it('keeps slips and exports from a citizen session', async () => {
    stub = await startStubShell();
    const citizen = await tradeLaunchUrl(stub.shell.citizenUrl);
    const clerk = await tradeLaunchUrl(stub.shell.url);
    expect((await get(stub.shell, '/slips/1.pdf', { Cookie: citizen })).status).toBe(403);
    expect((await get(stub.shell, '/exports/ratings.csv?ticket=x', { Cookie: citizen })).status).toBe(403);
    expect((await get(stub.shell, '/', { Cookie: citizen })).status).toBe(200);
    expect((await get(stub.shell, '/slips/1.pdf', { Cookie: clerk })).status).toBe(200);
  });
});
