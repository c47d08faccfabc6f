/**
 * The lead gate through the real web shell: statistics, follow-ups and
 * exports refuse a connection no lead unlocked (with a Chinese message),
 * the unlock is per socket and ends with it, wrong PINs lock out; the
 * export's download route needs the cookie and the lead's ticket, serves
 * only export files, and what it serves opens in exceljs.
 */
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { insertSeedRows } from '../../electron/services/evaluation/seed';
import { openDatabase, DATABASE_FILE } from '../../electron/services/storage/database';
import { strings } from '../../shared/i18n';
import { LEAD, leadConfig, unlockLead } from './lead-fixture';
import { startShell, TestClient, type Running } from './web-shell-harness';

const g = strings.lead.gate;
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const origin = new URL(running!.shell.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: origin.hostname, port: origin.port, path, headers: { Host: origin.host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const cookie = () => ({ Cookie: running!.cookie });

describe('the lead gate through the web shell', () => {
  it('refuses statistics, follow-ups and exports until a lead unlocks this connection', async () => {
    running = await startShell({ config: { lead: await leadConfig() } });
    const clerk = await TestClient.connect(running.shell);
    const lead = await TestClient.connect(running.shell);

    const refused = [
      await clerk.request('getEvaluationStats', { dimension: 'clerk', from: '2026-01-01', to: '2026-01-31' }),
      await clerk.request('listFollowUps', { status: 'all' }),
      await clerk.request('updateFollowUp', { id: 1, close: true }),
      await clerk.request('exportRatings', { format: 'csv', from: '2026-01-01', to: '2026-01-31' }),
      await clerk.request('saveExport', { fileName: 'ratings-2026-01-01-2026-01-31.csv' }),
    ];
    for (const response of refused) expect(response).toEqual({ type: 'response', id: expect.any(Number), ok: false, error: { code: 'failed', message: strings.api.failed(g.needsLead) } });
    // Nothing was written by the refused export.
    expect(await get('/exports/ratings-2026-01-01-2026-01-31.csv?ticket=x', cookie())).toMatchObject({ status: 403 });

    expect(await lead.request('getLeadSession')).toMatchObject({ ok: true, result: { configured: true, lead: null } });
    await unlockLead(lead);
    expect(await lead.request('getLeadSession')).toMatchObject({ ok: true, result: { lead: { staffNo: LEAD.staffNo, name: LEAD.name } } });
    expect(await lead.request('getEvaluationStats', { dimension: 'clerk', from: '2026-01-01', to: '2026-01-31' })).toMatchObject({ ok: true });
    // Another socket (the clerk's page, the citizen page) is still refused.
    expect(await clerk.request('listFollowUps', { status: 'all' })).toMatchObject({ ok: false });
    // A direct call without a caller never passes either.
    expect((await running.services.handle('listFollowUps', { status: 'all' })).ok).toBe(false);

    expect(await lead.request('lockLead')).toMatchObject({ ok: true, result: { lead: null } });
    expect(await lead.request('listFollowUps', { status: 'all' })).toMatchObject({ ok: false, error: { message: strings.api.failed(g.needsLead) } });

    // The unlock ends with its socket: a new socket starts locked.
    await unlockLead(lead);
    lead.close();
    const again = await TestClient.connect(running.shell);
    expect(await again.request('listFollowUps', { status: 'all' })).toMatchObject({ ok: false });
    clerk.close();
    again.close();
  });

  it('wrong PINs: a clear message, then a lock-out even for the right PIN; a bad PIN shape is a bad request', async () => {
    running = await startShell({ config: { lead: { ...(await leadConfig()), maxFailures: 3, lockoutMinutes: 5 } } });
    const client = await TestClient.connect(running.shell);
    expect(await client.request('unlockLead', { staffNo: LEAD.staffNo, pin: '12' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining(g.badPin) } });
    const tries = [];
    for (const pin of ['111111', '222222', '333333', LEAD.pin]) tries.push(await client.request('unlockLead', { staffNo: LEAD.staffNo, pin }));
    expect(tries.map((t) => (t.ok ? (t.result as { message: string }).message : 'error'))).toEqual([g.wrong(2), g.wrong(1), g.locked(5), g.locked(5)]);
    client.close();
  });

  it('a counter with no lead configured says how IT sets one up', async () => {
    running = await startShell();
    const client = await TestClient.connect(running.shell);
    expect(await client.request('getLeadSession')).toMatchObject({ ok: true, result: { configured: false, lead: null } });
    client.close();
  });
});

describe('export downloads', () => {
  it('serve the lead’s export with the cookie and ticket only, with type and a UTF-8 file name; the file opens in exceljs', async () => {
    running = await startShell({ config: { lead: await leadConfig() } });
    const db = openDatabase(join(running.dataDir, DATABASE_FILE));
    insertSeedRows(db, [
      { caseId: 'X-1', day: '2026-01-05', clerk: { name: '李娜', staffNumber: '0123' }, windowNumber: '08', item: { code: 'I1', name: '事项一' }, status: 'rated', level: 'verySatisfied' },
      { caseId: 'X-2', day: '2026-01-06', clerk: { name: '李娜', staffNumber: '0123' }, windowNumber: '08', item: { code: 'I1', name: '事项一' }, status: 'rated', level: 'dissatisfied', reasons: ['A01'], followUp: { replied: false, rectified: false, view: null, closed: false } },
    ]);
    db.close();
    const client = await TestClient.connect(running.shell);
    await unlockLead(client);
    const exported = await client.request('exportRatings', { format: 'xlsx', from: '2026-01-01', to: '2026-01-31' });
    expect(exported).toMatchObject({ ok: true, result: { ok: true, count: 2, fileName: 'ratings-2026-01-01-2026-01-31.xlsx' } });
    const download = (exported as { result: { download: string } }).result.download;
    expect(download).toMatch(/^\/exports\/ratings-2026-01-01-2026-01-31\.xlsx\?ticket=[\w-]+$/);
    const ticket = new URL(download, 'http://x').searchParams.get('ticket')!;

    // No cookie: refused before anything else.
    expect((await get(download)).status).toBe(401);
    // Bad or missing ticket, or another file's name with this ticket: 403.
    expect((await get('/exports/ratings-2026-01-01-2026-01-31.xlsx', cookie())).status).toBe(403);
    expect((await get('/exports/ratings-2026-01-01-2026-01-31.xlsx?ticket=made-up', cookie())).status).toBe(403);
    expect((await get(`/exports/ratings-2026-01-01-2026-01-31.csv?ticket=${ticket}`, cookie())).status).toBe(403);
    // Names that are not an export's, traversal included: 404, whatever the ticket.
    for (const path of ['/exports/..%2Fconfig.json', '/exports/..%2F..%2Fetc%2Fpasswd', '/exports/counter.sqlite', '/exports/%E0%A4%A', '/exports/']) {
      expect((await get(`${path}?ticket=${ticket}`, cookie())).status, path).toBe(404);
    }

    const ok = await get(download, cookie());
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(ok.headers['content-disposition']).toBe(
      `attachment; filename="ratings-2026-01-01-2026-01-31.xlsx"; filename*=UTF-8''${encodeURIComponent('好差评-2026-01-01至2026-01-31.xlsx')}`,
    );
    expect(ok.headers['cache-control']).toBe('no-store');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(ok.body as unknown as ArrayBuffer);
    const records = book.worksheets[0]!;
    expect(records.rowCount).toBe(3);
    expect(records.getRow(2).getCell(1).value).toBe('X-1');
    expect(records.getRow(3).getCell(1).value).toBe('X-2');

    // 退出: the link dies with the unlock.
    await client.request('lockLead');
    expect((await get(download, cookie())).status).toBe(403);
    client.close();
  });
});
