import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CitizenScreen, ConnectionRole, DaySummary, ServerMessage, ServiceDayResult, ServiceDayView, Snapshot } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { clerkAccount } from './clerk-fixture';
import { startShell, TestClient, type Running } from './web-shell-harness';

const s = strings.serviceDay.service;
const PHOTO = readFileSync(join(__dirname, '..', 'fixtures', 'clerk-photo.png'));

let running: Running | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await running?.stop();
  running = undefined;
});

async function connect(shell: Running, role: ConnectionRole = 'clerk'): Promise<TestClient> {
  const client = await TestClient.connect(shell.shell, {}, role);
  clients.push(client);
  return client;
}

async function ok<T>(client: TestClient, method: string, params: unknown = {}): Promise<T> {
  const reply = await client.request(method, params);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result as T;
}

/** The citizen screen's part of the service day reached `phase` (a citizen socket hears citizen.serviceDay, never serviceDay.changed). */
const isDayEvent = (phase: ServiceDayView['phase']) => (m: ServerMessage): m is Extract<ServerMessage, { type: 'event' }> =>
  m.type === 'event' && m.event === 'citizen.serviceDay' && (m.payload as ServiceDayView).phase === phase;

/** HH:MM a few minutes from now, local time, staying within today. */
function minutesFromNow(minutes: number): string {
  const t = new Date(Date.now() + minutes * 60_000);
  if (t.getDate() !== new Date().getDate()) return '23:59';
  return `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
}

describe('the service day through the web shell', () => {
  it('sign in → self-check → exceptions → open → pause with hand-over → restart → resume → sign out with the summary', async () => {
    // Printer and evaluator set to hardware with no port: both 故障, so the check has something to block on.
    running = await startShell({
      serviceDay: 'as-is',
      config: { devices: { printer: { mode: 'hardware' }, evaluator: { mode: 'hardware' } }, clerk: { accounts: [await clerkAccount('0342', '李四', '24681357')] } },
    });
    const clerk = await connect(running);
    const citizen = await connect(running, 'citizen');

    const snapshot = await ok<Snapshot>(clerk, 'getSnapshot');
    expect(snapshot.serviceDay.phase).toBe('signedOut');
    expect((await ok<CitizenScreen>(citizen, 'getCitizenScreen')).status).toBe('closed');

    // The contract refuses what a page should never send.
    const badStaff = await clerk.request('signIn', { staffNumber: '../etc', pin: '24681357' });
    expect(badStaff.ok).toBe(false);
    const tooBig = await clerk.request('signIn', { staffNumber: '0342', pin: '24681357', photo: { mediaType: 'image/png', base64: 'A'.repeat(210_000) } });
    expect(tooBig.ok).toBe(false);
    const gif = await clerk.request('signIn', { staffNumber: '0342', pin: '24681357', photo: { mediaType: 'image/gif', base64: 'R0lGODlh' } });
    expect(gif.ok).toBe(false);
    // No credential, or a name instead of one: refused by the contract.
    expect((await clerk.request('signIn', { staffNumber: '0342', name: '李四' })).ok).toBe(false);

    // Attack: someone signs in as 0342 with a wrong PIN and their own photo: nobody is signed in, no photo is kept.
    const wrong = await ok<ServiceDayResult>(clerk, 'signIn', { staffNumber: '0342', pin: '11112222', photo: { mediaType: 'image/png', base64: PHOTO.toString('base64') } });
    expect(wrong).toMatchObject({ ok: false, message: strings.credentials.clerk.wrong(4), day: { phase: 'signedOut', session: null } });
    expect(existsSync(join(running.dataDir, 'clerk-photos', '0342.png'))).toBe(false);

    const signedIn = await ok<ServiceDayResult>(clerk, 'signIn', {
      staffNumber: '0342',
      pin: '24681357',
      photo: { mediaType: 'image/png', base64: PHOTO.toString('base64') },
    });
    expect(signedIn).toMatchObject({ ok: true, day: { phase: 'checking', session: { clerk: { name: '李四', staffNumber: '0342', hasPhoto: true } } } });
    expect(existsSync(join(running.dataDir, 'clerk-photos', '0342.png'))).toBe(true);
    // Every screen hears of it: the citizen page's socket too.
    await citizen.waitFor(isDayEvent('checking'));
    const preparing = await ok<CitizenScreen>(citizen, 'getCitizenScreen');
    expect(preparing).toMatchObject({ status: 'preparing', clerk: { name: '李四', staffNumber: '0342' } });
    expect(preparing.clerk?.photo).toBe(`data:image/png;base64,${PHOTO.toString('base64')}`);

    // The simulated ID reader passes; the printer and the evaluator are 故障 (no port): blocked.
    const check = signedIn.day.check.map((c) => `${c.kind}:${c.state}:${c.verdict}`);
    expect(check).toEqual(['idcard:simulated:pass', 'camera:simulated:pass', 'signature:simulated:pass', 'evaluator:fault:fail', 'printer:fault:fail']);
    const blocked = await ok<ServiceDayResult>(clerk, 'openService');
    expect(blocked).toMatchObject({ ok: false, message: s.checkBlocked('评价器、打印机') });

    await ok(clerk, 'recordCheckException', { kind: 'printer', reason: '打印机未接入，受理回执改为 PDF 存档' });
    const second = await ok<ServiceDayResult>(clerk, 'recordCheckException', { kind: 'evaluator', reason: '评价器待安装，使用纸质评价表' });
    expect(second.day.canOpen).toBe(true);
    const opened = await ok<ServiceDayResult>(clerk, 'openService');
    expect(opened).toMatchObject({ ok: true, day: { phase: 'open' } });
    expect((await ok<CitizenScreen>(citizen, 'getCitizenScreen')).status).toBe('open');

    // A case during the day (模拟刷证, then ended by the clerk).
    await ok(clerk, 'simulateCardRead');
    await clerk.waitFor((m): m is ServerMessage => m.type === 'event' && m.event === 'case.changed' && m.payload !== null, 10_000);
    await ok(clerk, 'clearCase');

    const returnAt = minutesFromNow(20);
    const paused = await ok<ServiceDayResult>(clerk, 'pauseService', {
      reason: 'temporaryLeave',
      expectedReturn: returnAt,
      handover: { name: '王五', window: '05' },
    });
    expect(paused).toMatchObject({ ok: true, day: { phase: 'paused', pause: { reason: 'temporaryLeave', handover: { name: '王五', window: '05' } } } });
    await citizen.waitFor(isDayEvent('paused'));
    const pausedScreen = await ok<CitizenScreen>(citizen, 'getCitizenScreen');
    expect(pausedScreen).toMatchObject({ status: 'paused', pause: { reason: 'temporaryLeave', handover: { name: '王五', window: '05' } } });
    const expected = new Date(pausedScreen.pause!.expectedReturnAt!);
    expect(`${String(expected.getHours()).padStart(2, '0')}:${String(expected.getMinutes()).padStart(2, '0')}`).toBe(returnAt);
    expect(JSON.stringify(pausedScreen)).not.toMatch(/\d{17}[\dX]/); // no ID number on the citizen screen

    // The terminal restarts: the day, the pause and the hand-over are still there.
    const dataDir = running.dataDir;
    for (const c of clients.splice(0)) c.close();
    await running.stop();
    running = await startShell({ dataDir, serviceDay: 'as-is' });
    const again = await connect(running);
    const restored = await ok<Snapshot>(again, 'getSnapshot');
    expect(restored.serviceDay).toMatchObject({ phase: 'paused', session: { clerk: { name: '李四' } }, pause: { handover: { window: '05' } } });

    const resumed = await ok<ServiceDayResult>(again, 'resumeService');
    expect(resumed).toMatchObject({ ok: true, day: { phase: 'open', pause: null } });

    const out = await ok<ServiceDayResult & { summary: DaySummary }>(again, 'signOut');
    expect(out).toMatchObject({ ok: true, day: { phase: 'signedOut' } });
    expect(out.summary.clerk).toEqual({ staffNumber: '0342', name: '李四' });
    expect(out.summary.exceptions.map((e) => e.kind)).toEqual(['printer', 'evaluator']);
    expect(out.summary.pauses).toHaveLength(1);
    expect(out.summary.pauses[0]).toMatchObject({ reason: 'temporaryLeave', handover: { name: '王五', window: '05' } });
    expect(out.summary.cases.total).toBe(1);
    expect(out.summary.cases.byOutcome.reduce((n, b) => n + b.count, 0)).toBe(1);
    expect(out.day.lastSummary).toEqual(out.summary);
    expect((await ok<CitizenScreen>(await connect(running, 'citizen'), 'getCitizenScreen')).status).toBe('closed');
  });

  it('the default harness opens the day through the contract, so the counter screen tests find the window serving', async () => {
    running = await startShell({ config: { devices: { printer: { mode: 'hardware' } } } });
    const client = await connect(running);
    const day = await ok<ServiceDayView>(client, 'getServiceDay');
    expect(day.phase).toBe('open');
    // A failing required device gets an exception recorded by the harness, as a clerk would.
    expect(day.check.filter((c) => c.verdict === 'exception').map((c) => c.kind)).toEqual(['printer']);
    expect(day.check.find((c) => c.kind === 'evaluator')?.verdict).toBe('pass');
  });

  it('refuses sign-in on a counter without clerk accounts, naming the IT command', async () => {
    running = await startShell({ serviceDay: 'as-is', config: { clerk: { accounts: [] } } });
    const client = await connect(running);
    const refused = await ok<ServiceDayResult>(client, 'signIn', { staffNumber: '0001', pin: '13572468' });
    expect(refused).toMatchObject({ ok: false, message: strings.credentials.clerk.noAccounts, day: { phase: 'signedOut' } });
    expect(refused.message).toContain('npm run --silent clerk -- add');
  });
});
