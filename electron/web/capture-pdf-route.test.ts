/**
 * Issue 11: a material's PDF of captured pages opens from 办件记录 in the web
 * shell, for a clerk session only; and a captured page (up to the contract's
 * 16 M base64 characters) fits through the clerk page's socket.
 */
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { get, startStubShell, type StubShell } from '../../test/support/stub-web-shell';
import { tradeLaunchUrl } from '../../test/support/web-session';

let stub: StubShell | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

describe('the web shell and captured materials', () => {
  it('serves /captures/<case>/<material>.pdf to a clerk session only; anything else under /captures/ is 404', async () => {
    stub = await startStubShell();
    const citizen = await tradeLaunchUrl(stub.shell.citizenUrl);
    const clerk = await tradeLaunchUrl(stub.shell.url);
    const path = '/captures/08-20261123-0001/id-proof.pdf';
    expect((await get(stub.shell, path)).status).toBe(401);
    expect((await get(stub.shell, path, { Cookie: citizen })).status).toBe(403);
    const served = await get(stub.shell, path, { Cookie: clerk });
    expect(served).toMatchObject({ status: 200, body: '%PDF-1.7 material', headers: { 'content-type': 'application/pdf', 'cache-control': 'no-store' } });
    for (const other of ['/captures/08-20261123-0001/other.pdf', '/captures/08-20261123-0001/../../config.json', '/captures/%E0%A4%A/id-proof.pdf', '/captures/x/ID.pdf']) {
      expect((await get(stub.shell, other, { Cookie: clerk })).status, other).toBe(404);
    }
  });

  it('a clerk socket takes a message the size of the largest page the contract allows', async () => {
    stub = await startStubShell();
    const clerk = await tradeLaunchUrl(stub.shell.url);
    const socket = new WebSocket(`${stub.shell.origin.replace('http', 'ws')}/api`, { headers: { Origin: stub.shell.origin, Cookie: clerk } });
    const jpeg = 'A'.repeat(16_000_000);
    const answer = await new Promise<{ result?: { method?: string } }>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('close', (code) => reject(new Error(`closed ${code}`)));
      socket.once('open', () =>
        socket.send(JSON.stringify({ type: 'request', id: 1, method: 'addCapturePage', params: { materialId: 'id-proof', kind: 'page', mode: 'colour', jpeg, width: 1, height: 1 } })),
      );
      socket.once('message', (data) => resolve(JSON.parse(data.toString()) as { result?: { method?: string } }));
    });
    socket.close();
    expect(answer.result?.method).toBe('addCapturePage');
  });
});
