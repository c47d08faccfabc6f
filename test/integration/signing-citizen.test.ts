import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InkEvent, ServerMessage, SigningResult, SigningView } from '../../shared/contract';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';
import { writeDecidedCase } from './decided-case';
import { startShell, TestClient, type Running } from './web-shell-harness';

let running: Running | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await running?.stop();
  running = undefined;
});

type EventMessage = Extract<ServerMessage, { type: 'event' }>;
const isEvent =
  (name: string, match: (payload: unknown) => boolean = () => true) =>
  (m: ServerMessage): m is EventMessage =>
    m.type === 'event' && m.event === name && match(m.payload);

/** A wavy line across the box, as the on-screen pad sends it: two batches of one stroke. */
function screenLine(session: string): InkEvent[] {
  const points = Array.from({ length: 24 }, (_, i) => ({ x: i / 23, y: 0.4 + (i % 3) * 0.1, p: 0.5, t: i * 10 }));
  return [
    { session, stroke: 0, points: points.slice(0, 12) },
    { session, stroke: 0, points: points.slice(12) },
  ];
}

describe('the citizen screen signs through the web shell', () => {
  it('a citizen connection submits screen ink and confirms, but may not start, cancel or waive; the clerk sees the ink live', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('counter-signing-web-');
    const caseId = writeDecidedCase(dataDir);
    // No pad at this counter: the applicant signs on the citizen screen.
    running = await startShell({ dataDir, config: { devices: { signature: { mode: 'disabled' } } } });
    const clerk = await TestClient.connect(running.shell);
    const citizen = await TestClient.connect(running.shell, {}, 'citizen');
    clients.push(clerk, citizen);

    for (const [method, params] of [
      ['startSigning', {}],
      ['startSigning', { source: 'screen' }],
      ['cancelSigning', {}],
      ['waiveSignature', { reason: '申请人拒签' }],
      ['simulateSignature', {}],
    ] as const) {
      expect(await citizen.request(method, params), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }

    const started = await clerk.request('startSigning', {});
    expect(started).toMatchObject({ ok: true, result: { ok: true, signing: { phase: 'signing', source: 'screen' } } });
    const session = (started as { result: SigningResult }).result.signing!.session;
    // The citizen screen is told to show the box, with this session.
    await citizen.waitFor(isEvent('signature.changed', (p) => (p as SigningView | null)?.session === session));
    expect(await citizen.request('getSigning')).toMatchObject({ ok: true, result: { phase: 'signing', session, prompt: { caseNumber: caseId } } });

    // Ink of another session (a box already cleared) is not taken.
    expect(await citizen.request('submitScreenInk', { session: 'an-older-box', stroke: 0, points: screenLine('x')[0]!.points })).toMatchObject({ ok: true, result: { accepted: false } });
    for (const batch of screenLine(session)) {
      expect(await citizen.request('submitScreenInk', batch)).toMatchObject({ ok: true, result: { accepted: true } });
    }
    // The clerk's screen got each batch as it came.
    await clerk.waitFor(isEvent('signature.ink', (p) => (p as InkEvent).points.at(-1)?.t === 230));
    expect(clerk.messages.filter(isEvent('signature.ink'))).toHaveLength(2);

    const confirmed = await citizen.request('confirmSignature');
    expect(confirmed).toMatchObject({ ok: true, result: { ok: true, signing: { phase: 'signed' } } });
    const code = (confirmed as { result: SigningResult }).result.signing!.verificationCode;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await clerk.request('getSigning')).toMatchObject({ ok: true, result: { phase: 'signed', verificationCode: code } });
    // A signed step is not reopened from the citizen screen.
    expect(await citizen.request('resetSignature')).toMatchObject({ ok: true, result: { ok: false } });

    // Stored before the answer, the audit row naming the citizen screen as the actor.
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    try {
      expect(db.prepare("SELECT kind, case_id FROM signatures WHERE case_id = ?").all(caseId)).toEqual([{ kind: 'signed', case_id: caseId }]);
      expect(db.prepare("SELECT actor FROM audit_log WHERE kind = 'signature-saved'").pluck().all()).toEqual(['citizen']);
    } finally {
      db.close();
    }
  });

  it('模拟签名 on the simulated pad: its reports go through the real driver to live ink on both screens, and 确认 keeps them', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('counter-signing-web-');
    const caseId = writeDecidedCase(dataDir);
    running = await startShell({ dataDir, config: { devices: { signature: { mode: 'simulated' } } } });
    const clerk = await TestClient.connect(running.shell);
    const citizen = await TestClient.connect(running.shell, {}, 'citizen');
    clients.push(clerk, citizen);
    // The simulated pad is up (模拟) before the clerk asks for a signature on it.
    let padReady = false;
    const services = running.services;
    await until(
      () => {
        void services.handle('getSnapshot', {}).then((r) => {
          padReady = r.ok && (r.result as { devices: Array<{ kind: string; state: string }> }).devices.some((d) => d.kind === 'signature' && d.state === 'simulated');
        });
        return padReady;
      },
      { timeoutMs: 10_000, label: 'the simulated pad' },
    );

    const simulated = await clerk.request('simulateSignature');
    expect(simulated).toMatchObject({ ok: true, result: { ok: true, signing: { phase: 'signing', source: 'pad' } } });
    const session = (simulated as { result: SigningResult }).result.signing!.session;
    // The replay is over when simulateSignature answers: the step holds every point drawn.
    const view = await clerk.request('getSigning');
    expect(view).toMatchObject({ ok: true, result: { phase: 'signing', source: 'pad' } });
    const drawn = (view as { result: SigningView }).result.strokes.flat().length;
    expect(drawn).toBeGreaterThan(0);
    // Both screens got every point as live ink.
    const pointsHeard = (client: TestClient) =>
      client.messages.filter(isEvent('signature.ink', (p) => (p as InkEvent).session === session)).reduce((n, m) => n + (m.payload as InkEvent).points.length, 0);
    await until(() => pointsHeard(clerk) === drawn && pointsHeard(citizen) === drawn, { label: () => `${pointsHeard(clerk)} / ${pointsHeard(citizen)} of ${drawn}` });

    expect(await clerk.request('confirmSignature')).toMatchObject({ ok: true, result: { ok: true, signing: { phase: 'signed' } } });
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    try {
      const row = db.prepare('SELECT pad_json FROM signatures WHERE case_id = ?').get(caseId) as { pad_json: string };
      expect(JSON.parse(row.pad_json)).toMatchObject({ simulated: true });
    } finally {
      db.close();
    }
  });
});
