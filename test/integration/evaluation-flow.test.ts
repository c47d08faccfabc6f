/**
 * 好差评 through the web shell with the real services: the slip goes out,
 * the simulated keypad (simulator on a pty + the real serial driver) is
 * asked, 模拟评价 presses a key, the clerk sees 评价已收到 — never the
 * level — and the case moves on; the citizen page's 差评 needs a reason and
 * opens a follow-up; statistics, the export and the key mapping for IT.
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseView, ServerMessage } from '../../shared/contract';
import { leadConfig, unlockLead } from './lead-fixture';
import { startShell, TestClient, type Running } from './web-shell-harness';
import { slipsNeedNoSignature } from './signed-slip';

const FOOD = '0100230001-419900-001';
let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

type EventMessage = Extract<ServerMessage, { type: 'event' }>;
const isEvent = (name: string, match: (payload: Record<string, unknown> | null) => boolean = () => true) => (m: ServerMessage): m is EventMessage =>
  m.type === 'event' && m.event === name && match(m.payload as Record<string, unknown> | null);

async function result<T>(client: TestClient, method: string, params: unknown = {}): Promise<T> {
  const response = await client.request(method, params);
  if (!response.ok) throw new Error(`${method}: ${response.error.message}`);
  return response.result as T;
}

/** Card, item, every material, delivery, phone, 受理, slip: the case ends in phase slipPrinted. */
async function caseWithSlip(client: TestClient): Promise<string> {
  await client.request('simulateCardRead');
  await client.waitFor(isEvent('case.changed', (p) => p !== null));
  await result(client, 'caseAction', { action: { type: 'chooseItem', itemCode: FOOD } });
  let view = (await result<{ currentCase: CaseView }>(client, 'getSnapshot')).currentCase;
  const materials = view.flow.state.phase === 'materialCheck' ? view.flow.state.item.materials : [];
  for (const m of materials) await result(client, 'caseAction', { action: { type: 'checkMaterial', materialId: m.id, result: { status: m.required ? 'received' : 'notApplicable' } } });
  await result(client, 'caseAction', { action: { type: 'setDelivery', delivery: { method: 'window' } } });
  await result(client, 'caseAction', { action: { type: 'setContactPhone', phone: '13800138000' } });
  await result(client, 'caseAction', { action: { type: 'accept' } });
  expect(await result(client, 'issueSlip', {})).toMatchObject({ ok: true });
  view = (await result<{ currentCase: CaseView }>(client, 'getSnapshot')).currentCase;
  expect(view.flow.state.phase).toBe('slipPrinted');
  return view.id;
}

describe('好差评 through the web shell', () => {
  it('slip out → keypad asked → 模拟评价 → the clerk sees 评价已收到 without the level, the case is evaluated', async () => {
    running = await startShell({ config: slipsNeedNoSignature({ lead: await leadConfig() }) });
    const client = await TestClient.connect(running.shell);
    const citizen = await TestClient.connect(running.shell, {}, 'citizen');
    const snapshot = await result<{ devices: Array<{ kind: string; state: string }> }>(client, 'getSnapshot');
    expect(snapshot.devices.find((d) => d.kind === 'evaluator')?.state).toBe('simulated');

    expect(await result(client, 'simulateEvaluatorPress', { level: 'satisfied' })).toEqual({ accepted: false, message: '请先请申请人评价，再模拟按键' });
    const caseId = await caseWithSlip(client);
    // Asked automatically once the slip is out: the clerk and the citizen page hear of it, each in its own event.
    await client.waitFor(isEvent('evaluation.changed', (p) => p?.status === 'requested'));
    await citizen.waitFor(isEvent('evaluation.request', (p) => p?.screen === 'rating' && p.caseId === caseId));
    expect(await result(citizen, 'getRatingRequest')).toMatchObject({ screen: 'rating', caseId, itemName: '食品经营许可（新办）', clerk: { window: '01' } });

    expect(await result(client, 'simulateEvaluatorPress', { level: 'satisfied' })).toEqual({ accepted: true, message: '模拟评价器已按下“满意”' });
    await client.waitFor(isEvent('evaluation.changed', (p) => p?.status === 'rated'), 5000);
    expect(await result(client, 'getCaseEvaluation')).toEqual({ caseId, status: 'rated', message: '评价已收到', level: null });
    await client.waitFor(isEvent('case.changed', (p) => (p as unknown as CaseView | null)?.flow.state.phase === 'evaluated'));
    await citizen.waitFor(isEvent('evaluation.request', (p) => p?.screen === 'thanks'));
    // Confidential: nothing the clerk's screen receives names the level.
    const evaluationEvents = client.messages.filter((m) => m.type === 'event' && m.event.startsWith('evaluation.'));
    expect(JSON.stringify(evaluationEvents)).not.toMatch(/"satisfied"|满意"/);
    // A second press (the citizen presses again): one rating per case.
    await result(client, 'simulateEvaluatorPress', { level: 'veryDissatisfied' }).catch(() => undefined);
    expect(await result(client, 'clearCase')).toEqual({ cleared: true });

    // Statistics show levels: only a lead's connection gets them.
    expect(await client.request('getEvaluationStats', { dimension: 'clerk', from: '2000-01-01', to: '2100-12-31' })).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringContaining('需要组长身份验证') } });
    await unlockLead(client);
    const stats = await result<{ total: { rated: number; good: number; levels: Record<string, number> } }>(client, 'getEvaluationStats', { dimension: 'clerk', from: '2000-01-01', to: '2100-12-31' });
    expect(stats.total).toMatchObject({ rated: 1, good: 1, levels: { satisfied: 1, veryDissatisfied: 0 } });
    client.close();
    citizen.close();
  });

  it('the citizen page: a 差评 needs a reason, then opens a follow-up the lead works and closes; exports; the key mapping', async () => {
    running = await startShell({ config: slipsNeedNoSignature({ lead: await leadConfig() }) });
    const client = await TestClient.connect(running.shell);
    const citizen = await TestClient.connect(running.shell, {}, 'citizen');
    const caseId = await caseWithSlip(client);
    await citizen.waitFor(isEvent('evaluation.request', (p) => p?.screen === 'rating'));
    const reasons = (await result<{ reasons: Array<{ code: string; group: string }> }>(citizen, 'getRatingRequest')).reasons;
    expect(reasons.map((r) => r.group)).toContain('attitude');

    // The clerk's own socket cannot rate its case as if it were the citizen screen.
    expect(await client.request('submitRating', { caseId, level: 'verySatisfied' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await result(citizen, 'submitRating', { caseId, level: 'dissatisfied' })).toMatchObject({ ok: false, message: '差评须至少选择一项原因' });
    expect(await result(citizen, 'submitRating', { caseId, level: 'dissatisfied', reasons: ['A01'], comment: '不耐烦' })).toMatchObject({ ok: true, status: 'rated' });
    await client.waitFor(isEvent('evaluation.changed', (p) => p?.status === 'rated'));

    await unlockLead(client);
    const [followUp] = await result<Array<{ id: number; caseId: string; status: string; deadline: string }>>(client, 'listFollowUps', {});
    expect(followUp).toMatchObject({ caseId, status: 'open' });
    const refused = await result<{ ok: boolean; message: string }>(client, 'updateFollowUp', { id: followUp!.id, close: true });
    expect(refused).toMatchObject({ ok: false, message: '办结前须记录回访情况' });
    const closed = await result<{ ok: boolean }>(client, 'updateFollowUp', {
      id: followUp!.id,
      callback: { reached: true, note: '已回访' },
      verification: { result: 'partlyConfirmed', note: '部分属实' },
      rectification: { measures: '服务规范培训', done: true },
      outcome: '已整改',
      fixView: 'basicallySatisfied',
      close: true,
    });
    expect(closed.ok).toBe(true);
    expect(await result(client, 'listFollowUps', { status: 'open' })).toEqual([]);

    const day = caseId.split('-')[1]!.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3');
    const stats = await result<{ rows: Array<{ label: string; bad: number; replyRate: number; rectificationRate: number; fixSatisfactionRate: number }> }>(client, 'getEvaluationStats', { dimension: 'day', from: day, to: day });
    expect(stats.rows).toEqual([expect.objectContaining({ label: day, bad: 1, replyRate: 1, rectificationRate: 1, fixSatisfactionRate: 1 })]);

    const exported = await result<{ ok: boolean; path: string; count: number }>(client, 'exportRatings', { format: 'xlsx', from: day, to: day });
    expect(exported).toMatchObject({ ok: true, count: 1 });
    expect(existsSync(exported.path)).toBe(true);
    const bad = await client.request('exportRatings', { format: 'exchange', from: day, to: day, codeDirection: 'sideways' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    const mapping = await result<{ profile: string; rows: Array<{ keyText: string; levelLabel: string; nationalCode: number }>; unreachable: string[] }>(client, 'getEvaluatorMapping');
    expect(mapping.profile).toBe('serial');
    expect(mapping.rows.map((r) => [r.keyText, r.levelLabel, r.nationalCode])).toEqual([
      ['1', '非常满意', 1],
      ['2', '满意', 2],
      ['3', '基本满意', 3],
      ['4', '不满意', 4],
      ['5', '非常不满意', 5],
    ]);
    client.close();
    citizen.close();
  });
});
