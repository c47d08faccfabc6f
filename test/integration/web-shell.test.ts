import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage, Snapshot } from '../../shared/contract';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { get } from '../support/stub-web-shell';
import { startShell, TestClient, type Running } from './web-shell-harness';

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});


describe('web shell over HTTP', () => {
  it('listens on 127.0.0.1 only and gives a clerk and a citizen address, each with a one-time code of its own', async () => {
    running = await startShell();
    expect(running.shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    expect(running.shell.citizenUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/citizen\.html\?token=[\w-]{43}$/);
    const other = await startShell();
    const codes = [running.shell.url, running.shell.citizenUrl, other.shell.url, other.shell.mintUrl('clerk')].map((u) => new URL(u).searchParams.get('token'));
    expect(new Set(codes).size).toBe(4);
    await other.stop();
  });

  it('refuses a request without the token, in Chinese', async () => {
    running = await startShell();
    const res = await get(running.shell, '/');
    expect(res.status).toBe(401);
    expect(res.body).toContain('拒绝访问');
    expect(res.body).not.toContain('fixture');
  });

  it('trades the one-time code in the URL for an HttpOnly SameSite session cookie and serves the page with the CSP', async () => {
    running = await startShell();
    const { url } = running.shell;
    const first = await get(running.shell, new URL(url).pathname + new URL(url).search);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^counter_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    // The code is spent: the copy in the browser history opens nothing.
    expect((await get(running.shell, new URL(url).pathname + new URL(url).search)).status).toBe(401);

    const page = await get(running.shell, '/', { Cookie: setCookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.body).toContain('fixture');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses a made-up session, a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    running = await startShell();
    const { port } = running.shell;
    const code = new URL(running.shell.url).searchParams.get('token');
    expect((await get(running.shell, '/', { Cookie: 'counter_session=guess' })).status).toBe(401);
    expect((await get(running.shell, `/?token=${code}`, { Host: `evil.example:${port}` })).status).toBe(403);
    expect((await get(running.shell, `/?token=${code}`, { Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('never serves a file outside the renderer directory', async () => {
    running = await startShell();
    const cookie = { Cookie: running.cookie };
    for (const path of ['/../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/%00']) {
      const res = await get(running.shell, path, cookie);
      expect(res.status, path).toBe(404);
    }
  });
});

describe('web shell over WebSocket', () => {
  it('answers getSnapshot with the simulated counter', async () => {
    running = await startShell();
    const client = await TestClient.connect(running.shell);
    const res = await client.request('getSnapshot');
    expect(res.ok).toBe(true);
    const snapshot = (res as { result: Snapshot }).result;
    expect(snapshot.shell).toBe('web');
    expect(snapshot.devices.map((d) => [d.kind, d.state])).toEqual([
      ['idcard', 'simulated'],
      ['camera', 'simulated'],
      ['signature', 'simulated'],
      ['evaluator', 'simulated'],
      ['printer', 'simulated'],
    ]);
    expect(snapshot.currentCase).toBeNull();
    client.close();
  });

  it('closes a socket without a session with 4401 before reading anything', async () => {
    running = await startShell();
    const socket = new WebSocket(`${running.shell.origin.replace('http', 'ws')}/api`, { headers: { Origin: running.shell.origin } });
    const received: string[] = [];
    socket.on('message', (d) => received.push(d.toString()));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'request', id: 1, method: 'simulateCardRead', params: {} })));
    const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
    expect(code).toBe(4401);
    expect(received).toEqual([]);
    const check = await TestClient.connect(running.shell);
    expect(((await check.request('getSnapshot')) as { result: Snapshot }).result.currentCase).toBeNull();
    check.close();
  });

  it('gives a socket from a foreign Origin no connection at all, even with a session', async () => {
    running = await startShell();
    await expect(TestClient.connect(running.shell, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(TestClient.connect(running.shell, { Host: 'evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('fills the case on a simulated card read and pushes it with the ID number masked', async () => {
    running = await startShell();
    const client = await TestClient.connect(running.shell);
    const res = await client.request('simulateCardRead');
    expect(res).toMatchObject({ ok: true, result: { accepted: true } });
    const event = await client.waitFor(
      (m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && m.event === 'case.changed',
    );
    expect(event.payload).toMatchObject({
      applicant: { name: '张晓明', idNumberMasked: '110101********3511', cardType: 'resident' },
    });
    expect(JSON.stringify(client.messages)).not.toContain(SAMPLE_RESIDENT_CARD.idNumber);
    client.close();
  });

  it('answers bad params and unknown methods with Chinese errors and survives malformed messages', async () => {
    running = await startShell();
    const client = await TestClient.connect(running.shell);
    client.socket.send('{not json');
    client.socket.send(JSON.stringify({ type: 'request', id: 'x' }));
    expect(await client.request('restartDevice', { kind: 'toaster' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('请求 restartDevice 的参数无效') },
    });
    expect(await client.request('dropDatabase')).toMatchObject({ ok: false, error: { code: 'unknown-method', message: '未知的请求：dropDatabase' } });
    expect((await client.request('getSnapshot')).ok).toBe(true);
    client.close();
  });

  it('restores the case in progress after the services restart (crash mid-case)', async () => {
    running = await startShell();
    const client = await TestClient.connect(running.shell);
    await client.request('simulateCardRead');
    // The simulated read goes through the real driver over a pty: wait until the case has it.
    await client.waitFor((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && m.event === 'case.changed');
    client.close();
    const dataDir = running.dataDir;
    await running.stop();

    running = await startShell({ dataDir });
    const again = await TestClient.connect(running.shell);
    const snapshot = ((await again.request('getSnapshot')) as { result: Snapshot }).result;
    expect(snapshot.currentCase?.applicant?.name).toBe('张晓明');
    expect(await again.request('clearCase')).toMatchObject({ ok: true, result: { cleared: true } });
    expect(((await again.request('getSnapshot')) as { result: Snapshot }).result.currentCase).toBeNull();
    again.close();
  });

  it('reports an invalid configuration in the snapshot and still serves the counter', async () => {
    running = await startShell();
    const dataDir = running.dataDir;
    await running.stop();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ counter: { windowNumber: 5 } }));
    running = await startShell({ dataDir });
    const client = await TestClient.connect(running.shell);
    const snapshot = ((await client.request('getSnapshot')) as { result: Snapshot }).result;
    expect(snapshot.configIssues).toEqual([{ field: 'counter.windowNumber', message: '类型错误，应为文本' }]);
    expect(snapshot.counter.windowNumber).toBe('01');
    client.close();
  });
});
