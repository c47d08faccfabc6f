import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseView, ServerMessage, Snapshot } from '../../shared/contract';
import { startShell, TestClient, type Running } from './web-shell-harness';
import { slipsNeedNoSignature } from './signed-slip';
import { tempDir } from '../support/temp-dir';

const FOOD = '0100230001-419900-001';
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function getPdf(port: number, path: string, cookie?: string) {
  return new Promise<{ status: number; type: string | undefined; body: Buffer }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function snapshot(client: TestClient): Promise<Snapshot> {
  return ((await client.request('getSnapshot')) as { result: Snapshot }).result;
}
async function act(client: TestClient, action: unknown) {
  return (await client.request('caseAction', { action })) as { ok: true; result: { ok: boolean; message: string } };
}

describe('a whole case through the web shell', () => {
  it('card → item → materials → 受理 → receipt archived as a PDF the browser can open', async () => {
    // Unsigned receipts: signing has its own tests (signed-slip.ts).
    running = await startShell({ config: slipsNeedNoSignature() });
    const client = await TestClient.connect(running.shell);
    await client.request('simulateCardRead');
    await client.waitFor((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && m.event === 'case.changed');

    const found = (await client.request('searchItems', { query: 'spjy' })) as { result: { code: string; name: string }[] };
    expect(found.result.map((i) => i.name)).toContain('食品经营许可（新办）');
    expect((await act(client, { type: 'chooseItem', itemCode: FOOD })).result.ok).toBe(true);

    let view = (await snapshot(client)).currentCase as CaseView;
    expect(view.flow.state.phase).toBe('materialCheck');
    expect(view.flow.assessment?.accept.ok).toBe(false);
    const materials = view.flow.state.phase === 'materialCheck' ? view.flow.state.item.materials : [];
    for (const m of materials) await act(client, { type: 'checkMaterial', materialId: m.id, result: { status: m.required ? 'received' : 'notApplicable' } });
    view = (await snapshot(client)).currentCase as CaseView;
    expect(view.flow.assessment?.accept).toEqual({ ok: true });

    expect((await act(client, { type: 'accept' })).result.ok).toBe(true);
    const early = (await client.request('issueSlip', {})) as { result: { ok: boolean; message: string } };
    expect(early.result.ok).toBe(false);
    await act(client, { type: 'setDelivery', delivery: { method: 'window' } });
    await act(client, { type: 'setContactPhone', phone: '13800138000' });
    const issued = (await client.request('issueSlip', {})) as { result: { ok: boolean; slip: { id: number; number: string } } };
    expect(issued.result.ok).toBe(true);
    expect(issued.result.slip.number).toMatch(/^政务服务〔\d{4}〕受字第000001号$/);

    view = (await snapshot(client)).currentCase as CaseView;
    expect(view.flow.state.phase).toBe('slipPrinted');
    // The simulated printer takes the job and drops a copy of the PDF into its folder.
    await expect.poll(async () => ((await snapshot(client)).currentCase as CaseView).flow.slips[0]?.print.status).toBe('done');
    const printedCopies = readdirSync(join(running.dataDir, 'simulated-printer'));
    expect(printedCopies).toHaveLength(1);
    expect(printedCopies[0]).toMatch(/receipt\.pdf$/);

    const { port } = running.shell;
    expect((await getPdf(port, `/slips/${issued.result.slip.id}.pdf`)).status).toBe(401);
    const pdf = await getPdf(port, `/slips/${issued.result.slip.id}.pdf`, running.cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const file = join(tempDir('counter-pdf-'), 'receipt.pdf');
    writeFileSync(file, pdf.body);
    const text = execFileSync('pdftotext', ['-raw', file, '-']).toString().replace(/\s+/g, '');
    expect(text).toContain('受理通知书');
    expect(text).toContain('食品经营许可（新办）');
    expect(text).toContain('110101********3511');
    expect((await getPdf(port, '/slips/999.pdf', running.cookie)).status).toBe(404);

    // Esc after the slip: the citizen left without rating; the case closes.
    expect(await client.request('clearCase')).toMatchObject({ ok: true, result: { cleared: true } });
    expect((await snapshot(client)).currentCase).toBeNull();
    client.close();
  });

  it('refuses a forbidden phrase in a rejection reason before any slip exists', async () => {
    running = await startShell();
    const client = await TestClient.connect(running.shell);
    await client.request('simulateCardRead');
    await client.waitFor((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && m.event === 'case.changed');
    await act(client, { type: 'chooseItem', itemCode: FOOD });
    const refused = await act(client, { type: 'reject', reason: 'other', text: '不知道，你别问我' });
    expect(refused.result.ok).toBe(false);
    expect(refused.result.message).toMatch(/服务忌语/);
    expect(((await snapshot(client)).currentCase as CaseView).flow.state.phase).toBe('materialCheck');
    client.close();
  });

  it('fills the phrases from the case: the missing material and the supply deadline after a one-time notice', async () => {
    running = await startShell();
    const client = await TestClient.connect(running.shell);
    await client.request('simulateCardRead');
    await client.waitFor((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && m.event === 'case.changed');
    await act(client, { type: 'chooseItem', itemCode: FOOD });
    const view = (await snapshot(client)).currentCase as CaseView;
    const materials = view.flow.state.phase === 'materialCheck' ? view.flow.state.item.materials : [];
    for (const m of materials)
      await act(client, { type: 'checkMaterial', materialId: m.id, result: { status: m.id === 'layout' ? 'missing' : m.required ? 'received' : 'notApplicable' } });
    expect((await act(client, { type: 'notifyOnce' })).result.ok).toBe(true);
    const layout = materials.find((m) => m.id === 'layout')!.name;

    const res = (await client.request('getPhrases', { stage: '退回' })) as {
      result: { phrases: { filled: string; complete: boolean; missing: string[]; matchedCues: string[] }[] };
    };
    // The case shows materials missing: the phrase that names them comes first, matched by that cue.
    expect(res.result.phrases[0]?.filled).toContain('还缺');
    expect(res.result.phrases[0]?.matchedCues).toContain('materialsIncomplete');
    const lacking = res.result.phrases.find((p) => p.filled.includes('还缺'));
    expect(lacking?.filled).toContain(layout);
    expect(lacking?.missing).not.toContain('missingMaterials');
    client.close();
  });
});
