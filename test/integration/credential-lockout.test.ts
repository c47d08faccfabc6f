/**
 * Issue 13, item 5, as an attacker at the web shell would try it: lock-outs
 * that hold. A clerk's staff number locked by wrong PINs stays locked
 * however many made-up staff numbers follow, a flood from one connection is
 * stopped there, and a restart of the counter (new services on the same
 * data directory) does not clear any of it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceDayResult } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { CLERK } from './clerk-fixture';
import { startShell, TestClient, type Running } from './web-shell-harness';

const c = strings.credentials;

let running: Running | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await running?.stop();
  running = undefined;
});

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(running!.shell);
  clients.push(client);
  return client;
}

async function signIn(client: TestClient, staffNumber: string, pin: string): Promise<ServiceDayResult> {
  const reply = await client.request('signIn', { staffNumber, pin });
  if (!reply.ok) throw new Error(`signIn: ${reply.error.message}`);
  return reply.result as ServiceDayResult;
}

describe('clerk sign-in lock-outs through the web shell', () => {
  it('attack: lock the clerk, 600 made-up staff numbers, the right PIN inside the lock; restart; still refused', { timeout: 120_000 }, async () => {
    running = await startShell({ serviceDay: 'as-is' });
    const attacker = await connect();
    for (let i = 0; i < 4; i++) expect(await signIn(attacker, CLERK.staffNo, `1111000${i}`)).toMatchObject({ ok: false, message: c.clerk.wrong(4 - i) });
    expect(await signIn(attacker, CLERK.staffNo, '11110009')).toMatchObject({ ok: false, message: c.limits.staffLocked(5) });

    // 600 made-up staff numbers from the same socket: after a few, the connection itself is refused, without a PIN check.
    const answers: string[] = [];
    for (let i = 0; i < 600; i++) answers.push((await signIn(attacker, `X${i}`, '00000000')).message);
    // (Ten failures on one connection: the clerk's five, then four made-up numbers; the tenth locks the connection.)
    expect(answers.slice(0, 4)).toEqual(Array.from({ length: 4 }, () => c.clerk.wrong(4)));
    expect(new Set(answers.slice(4))).toEqual(new Set([c.limits.connectionLocked(15)]));

    // The right PIN, from a fresh connection, inside the lock: refused, nobody signed in.
    const fresh = await connect();
    expect(await signIn(fresh, CLERK.staffNo, CLERK.pin)).toMatchObject({ ok: false, message: c.limits.staffLocked(5), day: { phase: 'signedOut' } });

    // Restart: new services on the same data directory. The lock is still there.
    const dataDir = running.dataDir;
    for (const client of clients.splice(0)) client.close();
    await running.stop();
    running = await startShell({ dataDir, serviceDay: 'as-is' });
    const afterRestart = await connect();
    const refused = await signIn(afterRestart, CLERK.staffNo, CLERK.pin);
    expect(refused).toMatchObject({ ok: false, day: { phase: 'signedOut', session: null } });
    expect(refused.message).toMatch(/^输错次数过多，请 \d 分钟后再试$/);
    // Audited with the staff number only, never the PIN.
    expect(running.logs.join('\n')).not.toContain(CLERK.pin);
  });
});
