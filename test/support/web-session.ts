import { request as httpRequest } from 'node:http';

/**
 * Opens a web-shell session the way a browser does: GET the one-time launch
 * address and keep the cookie the server sets (electron/web/sessions.ts).
 * Returns the Cookie header value (`name=id`) for later requests and sockets.
 */
export function tradeLaunchUrl(launchUrl: string): Promise<string> {
  const url = new URL(launchUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { Host: url.host } }, (res) => {
      res.resume();
      const cookie = res.headers['set-cookie']?.[0]?.split(';')[0];
      if (res.statusCode === 303 && cookie) resolve(cookie);
      else reject(new Error(`启动地址未换取会话：HTTP ${res.statusCode}`));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The socket address for a role: the citizen screen asks for its own (`/api?screen=citizen`). */
export function apiSocketUrl(origin: string, role: 'clerk' | 'citizen' = 'clerk'): string {
  return `${origin.replace('http', 'ws')}/api${role === 'citizen' ? '?screen=citizen' : ''}`;
}
