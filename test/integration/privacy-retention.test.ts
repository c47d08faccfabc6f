/**
 * Issue 13, item 1, end to end: 100 cases through the web shell (the
 * simulated card reader, manual entries with distinct valid numbers, agents,
 * slips drawn by Chromium and printed by the simulated printer), then the
 * retention run at the next start with `retention.cardDays: 0`; then a
 * byte search over the whole data directory — database, WAL, logs, PDFs
 * (their text too), printer copies, exports — finds no full ID number,
 * and the directory and everything in it are private to the counter's
 * account (0700 folders, 0600 files).
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseView, Snapshot } from '../../shared/contract';
import { idCheckCharacter } from '../../shared/domain/id-number';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { DATABASE_FILE, openDatabase, type Db } from '../../electron/services/storage/database';
import { caseField, FieldCipher } from '../../electron/services/privacy/field-cipher';
import { KEY_FILE } from '../../electron/services/privacy/key-store';
import { findIdNumbers, testIdNumber } from '../support/byte-search';
import { until } from '../support/until';
import { startShell, TestClient, type Running } from './web-shell-harness';
import { slipsNeedNoSignature } from './signed-slip';

const FOOD = '0100230001-419900-001';
const CASES = 100;
// Slips unsigned: this test is about personal data at rest (signed-slip.ts).
const config = slipsNeedNoSignature({ retention: { cardDays: 0 } });

let running: Running | undefined;
let db: Db | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  await running?.stop();
  running = undefined;
});

async function result<T>(client: TestClient, method: string, params: unknown = {}): Promise<T> {
  const response = await client.request(method, params);
  if (!response.ok) throw new Error(`${method}: ${JSON.stringify(response.error)}`);
  return response.result as T;
}

async function act(client: TestClient, action: Record<string, unknown>): Promise<void> {
  const outcome = await result<{ ok: boolean; message: string }>(client, 'caseAction', { action });
  if (!outcome.ok) throw new Error(`${String(action.type)}: ${outcome.message}`);
}

async function currentCase(client: TestClient): Promise<CaseView | null> {
  return (await result<Snapshot>(client, 'getSnapshot')).currentCase;
}

async function eventually(check: () => Promise<boolean>, label: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${label}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Materials all in, then the decision; a slip is issued and printed for decided cases. */
async function decideAndIssue(client: TestClient, decision: 'accept' | 'reject'): Promise<void> {
  await act(client, { type: 'chooseItem', itemCode: FOOD });
  const view = await currentCase(client);
  if (view?.flow.state.phase !== 'materialCheck') throw new Error(`phase ${view?.flow.state.phase}`);
  for (const m of view.flow.state.item.materials) await act(client, { type: 'checkMaterial', materialId: m.id, result: { status: m.required ? 'received' : 'notApplicable' } });
  if (decision === 'accept') {
    await act(client, { type: 'setDelivery', delivery: { method: 'window' } });
    await act(client, { type: 'setContactPhone', phone: '13800138000' });
    await act(client, { type: 'accept' });
  } else {
    await act(client, { type: 'reject', reason: 'other', text: '申请材料不属于本窗口受理范围' });
  }
  const slip = await result<{ ok: boolean; message: string }>(client, 'issueSlip', {});
  if (!slip.ok) throw new Error(`issueSlip: ${slip.message}`);
  await eventually(async () => (await currentCase(client))?.flow.slips[0]?.print.status === 'done', '通知书打印完成');
}

/** Every entry of `dir` whose mode lets the group or others in, with its mode (octal). */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const mode = lstatSync(dir).mode & 0o777;
  if (mode & 0o077) found.push(`${dir} ${mode.toString(8)}`);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...openToOthers(path));
    else if ((lstatSync(path).mode & 0o077) !== 0) found.push(`${path} ${(lstatSync(path).mode & 0o777).toString(8)}`);
  }
  return found;
}

describe('retention over 100 cases through the web shell', () => {
  it('leaves no full ID number of a case past its retention anywhere in the data directory', async () => {
    running = await startShell({ config });
    const { dataDir } = running;
    const client = await TestClient.connect(running.shell);
    const ids = new Set<string>([SAMPLE_RESIDENT_CARD.idNumber]);

    for (let n = 1; n <= CASES; n++) {
      if (n % 10 === 0 && n !== CASES) {
        // The simulated reader: the sample card (a fixed number), a 不予受理 slip.
        const read = await result<{ accepted: boolean; message: string }>(client, 'simulateCardRead');
        if (!read.accepted) throw new Error(read.message);
        await eventually(async () => (await currentCase(client))?.applicant !== null && (await currentCase(client)) !== null, '刷证建档');
        await decideAndIssue(client, 'reject');
      } else {
        const applicant = testIdNumber(n, idCheckCharacter);
        ids.add(applicant);
        await act(client, { type: 'start' });
        await act(client, { type: 'identifyManually', person: { name: `申请人${n}`, idType: 'residentId', idNumber: applicant, reason: 'readFailed' } });
        if (n % 10 === 5) {
          const agent = testIdNumber(n + 400, idCheckCharacter);
          ids.add(agent);
          await act(client, { type: 'setAgentManually', person: { name: `代办人${n}`, idType: 'residentId', idNumber: agent, reason: 'readFailed' } });
          await decideAndIssue(client, 'accept');
        } else if (n === CASES) {
          break; // the last case stays open over the restart: its card is kept, sealed
        }
      }
      // Esc: 办结 after a slip (the citizen left without rating), abandoned before one.
      expect(await result(client, 'clearCase')).toEqual({ cleared: true });
    }
    expect(ids.size).toBeGreaterThan(90);
    client.close();
    await running.stop();

    // The next start runs the retention: every case closed or abandoned is past 0 days.
    running = await startShell({ dataDir, config });
    db = openDatabase(join(dataDir, DATABASE_FILE));
    const unpurged = db.prepare("SELECT count(*) FROM cases WHERE status <> 'open' AND card_purged_at IS NULL").pluck();
    await until(() => unpurged.get() === 0, { timeoutMs: 10_000, label: () => `${String(unpurged.get())} cases not purged` });
    expect(db.prepare("SELECT count(*) FROM cases WHERE status <> 'open'").pluck().get()).toBe(CASES - 1);
    expect(db.prepare("SELECT count(*) FROM cases WHERE status = 'open'").pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM slips').pluck().get()).toBe(19); // 9 不予受理 (card reader), 10 受理 (with an agent)

    // The attacker who also took the key (the run's key folder, test/support/no-temp-leftovers.ts): every stored
    // field opened, and none of a case past retention holds a full number; the open case's still does (sealed).
    const cipher = new FieldCipher(Buffer.from(readFileSync(join(process.env.COUNTER_KEY_DIR!, KEY_FILE), 'utf8').trim(), 'base64'));
    const rows = db.prepare('SELECT id, status, state_json, applicant_json, agent_json FROM cases').all() as Array<Record<string, string | null>>;
    const opened = (r: Record<string, string | null>) =>
      (['state_json', 'applicant_json', 'agent_json'] as const).map((c) => (r[c] === null ? '' : cipher.open(r[c]!, caseField(c, r.id!)))).join('\n');
    for (const r of rows.filter((r) => r.status !== 'open')) expect([...ids].filter((id) => opened(r).includes(id)), r.id!).toEqual([]);
    expect(opened(rows.find((r) => r.status === 'open')!)).toContain(testIdNumber(CASES, idCheckCharacter));

    // While it runs, and at rest.
    const open = testIdNumber(CASES, idCheckCharacter);
    expect(findIdNumbers(dataDir, [...ids])).toEqual([]);
    await until(() => running!.logs.some((l) => l.includes('个人信息定期清除：cards=')), { timeoutMs: 5000 });
    db.close();
    db = undefined;
    const logs = running.logs.join('\n');
    await running.stop();
    running = undefined;
    expect(findIdNumbers(dataDir, [...ids])).toEqual([]);
    for (const id of ids) expect(logs).not.toContain(id);
    if (process.platform !== 'win32') expect(openToOthers(dataDir)).toEqual([]);
    // The open case's card was kept (sealed), not lost: the clerk can still reveal it.
    running = await startShell({ dataDir, config });
    const clerk = await TestClient.connect(running.shell);
    expect(await result(clerk, 'revealIdNumber', { whose: 'applicant' })).toMatchObject({ ok: true, idNumber: open });
    clerk.close();
  }, 300_000);
});
