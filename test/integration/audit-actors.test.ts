/**
 * Issue 13, item 4, through the real services: every audit row a request
 * writes names who acted — the clerk signed in (a reveal, a slip), the
 * citizen screen (a rating), the lead unlocked on that connection (a
 * follow-up, an export and its download) — no row carries a full ID number,
 * and the chain verifies.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import type { Caller, CounterServices } from '../../electron/services/app/types';
import { startCounterServices } from '../../electron/services/app/counter-services';
import { verifyAuditLog } from '../../electron/services/audit/audit-verify';
import type { PdfRenderer } from '../../electron/services/slips/pdf-renderer';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import { tempDir } from '../support/temp-dir';
import { CLERK, withClerk } from './clerk-fixture';
import { slipsNeedNoSignature } from './signed-slip';
import { writeDecidedCase } from './decided-case';
import { LEAD, leadConfig } from './lead-fixture';

const drawn: PdfRenderer = { render: async () => Buffer.from('%PDF-1.7 slip'), close: async () => {} };
const NO_DEVICES = Object.fromEntries(['idcard', 'camera', 'signature', 'evaluator', 'printer'].map((kind) => [kind, { mode: 'disabled' }]));
const clerkScreen: Caller = { connection: 'clerk-ws', role: 'clerk' };
const leadScreen: Caller = { connection: 'lead-ws', role: 'clerk' };
const citizenScreen: Caller = { connection: 'citizen-ws', role: 'citizen' };

let services: CounterServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

/** A case accepted and ready for its slip, made before the counter starts (its rows are the system's). */
async function dataDirWithCase(): Promise<string> {
  const dataDir = tempDir('audit-actors-');
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(await withClerk(slipsNeedNoSignature({ devices: NO_DEVICES, lead: await leadConfig(), slips: { issuerShortName: '示例政务' } }))));
  writeDecidedCase(dataDir);
  return dataDir;
}

async function call<T = Record<string, unknown>>(method: string, params: unknown, caller: Caller): Promise<T> {
  const response = await services!.handle(method, params, caller);
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`);
  return response.result as T;
}

describe('the audit log names who acted', () => {
  it('clerk, citizen and lead rows through the API; an export and its download are audited; the chain holds', { timeout: 60_000 }, async () => {
    const dataDir = await dataDirWithCase();
    services = await startCounterServices({ shell: 'web', dataDir, pdfRenderer: drawn, printer: null, log: () => {} });
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    const rowsSince = (id: number) => db.prepare('SELECT id, kind, actor, detail FROM audit_log WHERE id > ? ORDER BY id').all(id) as Array<{ id: number; kind: string; actor: string; detail: string }>;
    const startId = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
    try {
      expect(await call('signIn', { staffNumber: CLERK.staffNo, pin: CLERK.pin }, clerkScreen)).toMatchObject({ ok: true });
      expect(await call('revealIdNumber', { whose: 'applicant' }, clerkScreen)).toMatchObject({ ok: true, idNumber: SAMPLE_RESIDENT_CARD.idNumber });
      expect(await call('issueSlip', {}, clerkScreen)).toMatchObject({ ok: true });
      const { caseId } = await call<{ caseId: string }>('getRatingRequest', {}, citizenScreen);
      expect(await call('submitRating', { caseId, level: 'dissatisfied', reasons: ['A01'] }, citizenScreen)).toMatchObject({ ok: true });

      expect(await call('unlockLead', { staffNo: LEAD.staffNo, pin: LEAD.pin }, leadScreen)).toMatchObject({ ok: true });
      const [followUp] = await call<Array<{ id: number }>>('listFollowUps', {}, leadScreen);
      expect(await call('updateFollowUp', { id: followUp!.id, callback: { reached: true, note: '已回访' } }, leadScreen)).toMatchObject({ ok: true });
      const exported = await call<{ ok: boolean; fileName: string; download: string }>('exportRatings', { format: 'csv', from: '2000-01-01', to: '2100-12-31' }, leadScreen);
      expect(exported).toMatchObject({ ok: true });
      const ticket = new URL(exported.download, 'http://x').searchParams.get('ticket')!;
      expect(services.exportFile(exported.fileName, ticket)).toMatchObject({ ok: true });
      // The clerk's screen is no lead: its export is refused and leaves no row.
      expect((await services.handle('exportRatings', { format: 'csv', from: '2000-01-01', to: '2100-12-31' }, clerkScreen)).ok).toBe(false);

      const rows = rowsSince(startId);
      const actorOf = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.actor);
      expect(actorOf('clerk-signed-in')).toEqual([`clerk:${CLERK.staffNo}`]);
      expect(actorOf('id-revealed-applicant')).toEqual([`clerk:${CLERK.staffNo}`]);
      expect(actorOf('evaluation-requested')).toEqual([`clerk:${CLERK.staffNo}`]);
      expect(rows.filter((r) => r.kind === 'evaluation-rated')).toEqual([expect.objectContaining({ actor: 'citizen', detail: 'screen' })]);
      expect(actorOf('lead-unlocked')).toEqual([`lead:${LEAD.staffNo}`]);
      expect(actorOf('follow-up-updated')).toEqual([`lead:${LEAD.staffNo}`]);
      expect(rows.filter((r) => r.kind === 'ratings-exported')).toEqual([expect.objectContaining({ actor: `lead:${LEAD.staffNo}`, detail: exported.fileName })]);
      expect(rows.filter((r) => r.kind === 'export-downloaded')).toEqual([expect.objectContaining({ actor: `lead:${LEAD.staffNo}`, detail: exported.fileName })]);
      // Every row has an actor; none the request wrote is `system`; no full ID number anywhere in the log.
      const all = db.prepare('SELECT actor, detail FROM audit_log').all() as Array<{ actor: string | null; detail: string }>;
      expect(all.every((r) => typeof r.actor === 'string' && r.actor.length > 0)).toBe(true);
      expect(rows.filter((r) => r.actor === 'system')).toEqual([]);
      expect(JSON.stringify(all)).not.toContain(SAMPLE_RESIDENT_CARD.idNumber);
      expect(verifyAuditLog(db)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
  });
});
