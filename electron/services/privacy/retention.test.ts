import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseView, Snapshot } from '../../../shared/contract';
import { localIsoDate } from '../../../shared/domain/calendar';
import { findIdNumbers } from '../../../test/support/byte-search';
import { tempDir } from '../../../test/support/temp-dir';
import { until } from '../../../test/support/until';
import type { CounterServices } from '../app/types';
import { DATABASE_FILE, openDatabase, type Db } from '../storage/database';
import { caseField, ENVELOPE_PREFIX, FieldCipher } from './field-cipher';
import { KEY_FILE } from './key-store';
import { runRetention } from './retention';
import { act, call, FOOD, identifiedCase, idNumber, openServiceDay, start, writeConfig } from './test-kit';
import { RetentionConfigSchema } from '../../../shared/contract/retention';

const running: CounterServices[] = [];
const dbs: Db[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
  for (const db of dbs.splice(0)) db.close();
});

const ADDRESS = '北京市东城区景山前街4号';
const PHONE = '13912345678';

/** A case start to 办结 with every kind of card data: applicant, agent, phone, postal address; its slip archived and printed. */
async function closedCase(services: CounterServices, applicantId: string, agentId: string): Promise<string> {
  await identifiedCase(services, applicantId, agentId);
  await act(services, { type: 'setContactPhone', phone: PHONE });
  await act(services, { type: 'setDelivery', delivery: { method: 'post', address: ADDRESS, recipient: '张晓明' } });
  await act(services, { type: 'chooseItem', itemCode: FOOD });
  const view = (await call(services, 'getSnapshot', {})).currentCase as CaseView;
  if (view.flow.state.phase !== 'materialCheck') throw new Error(view.flow.state.phase);
  for (const m of view.flow.state.item.materials) await act(services, { type: 'checkMaterial', materialId: m.id, result: { status: m.required ? 'received' : 'notApplicable' } });
  await act(services, { type: 'accept' });
  const slip = (await call(services, 'issueSlip', {})) as { ok: boolean; message: string };
  if (!slip.ok) throw new Error(slip.message);
  await act(services, { type: 'skipEvaluation', reason: 'declined' });
  await act(services, { type: 'close' });
  return view.id;
}

/**
 * The attacker who has the key as well as a copy of the data directory:
 * every sealed envelope anywhere in the database file and its WAL —
 * current rows, stale pages, old WAL frames — opened and searched.
 */
function sealedCopiesHolding(dataDir: string, cipher: FieldCipher, caseId: string, idNumber: string): number {
  let found = 0;
  for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) {
    if (!existsSync(join(dataDir, file))) continue;
    const text = readFileSync(join(dataDir, file)).toString('latin1');
    const head = `${ENVELOPE_PREFIX}${cipher.keyId}:`;
    for (const match of text.matchAll(new RegExp(`${head}[A-Za-z0-9+/=]+`, 'g'))) {
      // The next column's bytes may run on in base64's alphabet (…==identified): try each whole-quartet length.
      for (let end = match[0].length - ((match[0].length - head.length) % 4); end > head.length; end -= 4) {
        const plain = openAny(cipher, match[0].slice(0, end), caseId);
        if (plain === null) continue;
        if (plain.includes(idNumber)) found++;
        break;
      }
    }
  }
  return found;
}

function openAny(cipher: FieldCipher, envelope: string, caseId: string): string | null {
  for (const column of ['state_json', 'applicant_json', 'agent_json'] as const) {
    try {
      return cipher.open(envelope, caseField(column, caseId));
    } catch {
      // another row's or column's value, or not the whole of it
    }
  }
  return null;
}

function cipherOf(keyDir: string): FieldCipher {
  return new FieldCipher(Buffer.from(readFileSync(join(keyDir, KEY_FILE), 'utf8').trim(), 'base64'));
}

describe('retention of the card data', () => {
  it('after 办结 and the retention run, no full ID number is left in the database, the WAL or anywhere in the data directory — not even sealed', async () => {
    const dataDir = tempDir('counter-retention-');
    const keyDir = tempDir('counter-retention-key-');
    await writeConfig(dataDir, { retention: { cardDays: 0 } });
    const { services, logs } = await start(dataDir, keyDir, { intervals: { retentionMs: 20, printQueueMs: 20 } });
    running.push(services);
    await openServiceDay(services);
    const [applicantId, agentId] = [idNumber(11), idNumber(12)];

    // Open: the card data is kept (sealed) and the clerk can reveal it.
    await identifiedCase(services, applicantId, agentId);
    expect((await call(services, 'revealIdNumber', { whose: 'applicant' })).idNumber).toBe(applicantId);
    const caseId = ((await call(services, 'getSnapshot', {})).currentCase as CaseView).id;
    const cipher = cipherOf(keyDir);
    expect(sealedCopiesHolding(dataDir, cipher, caseId, applicantId)).toBeGreaterThan(0);
    await act(services, { type: 'abandon', reason: 'other', text: '申请人离开' }); // abandoned: purged as well
    await until(() => logs.some((l) => l.includes('个人信息定期清除：cards=1')), { timeoutMs: 5000 });

    const closedId = await closedCase(services, applicantId, agentId);
    await until(() => logs.some((l) => l.includes('个人信息定期清除：cards=1')) && logs.filter((l) => l.includes('个人信息定期清除：')).length >= 2, {
      timeoutMs: 5000,
      label: () => logs.join('\n'),
    });
    // While the counter runs (the WAL in use) and after it stops.
    expect(findIdNumbers(dataDir, [applicantId, agentId])).toEqual([]);
    expect(sealedCopiesHolding(dataDir, cipher, caseId, applicantId) + sealedCopiesHolding(dataDir, cipher, closedId, applicantId)).toBe(0);
    await running.pop()!.close();
    expect(findIdNumbers(dataDir, [applicantId, agentId])).toEqual([]);
    for (const needle of [ADDRESS, PHONE]) {
      expect(readFileSync(join(dataDir, DATABASE_FILE)).includes(Buffer.from(needle))).toBe(false);
    }
    expect(sealedCopiesHolding(dataDir, cipher, closedId, applicantId) + sealedCopiesHolding(dataDir, cipher, closedId, agentId)).toBe(0);
    expect(logs.join('\n')).not.toContain(applicantId);

    // What the case keeps: name, masked number, item, outcome, slip — and the state still opens, masked.
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    dbs.push(db);
    const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(closedId) as Record<string, string | null>;
    expect(row).toMatchObject({ applicant_name: '张晓明', item_code: FOOD, outcome: 'accept', applicant_json: null, agent_json: null });
    expect(row.applicant_id_masked).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
    expect(row.card_purged_at).not.toBeNull();
    const state = JSON.parse(cipher.open(row.state_json!, caseField('state_json', closedId))) as { applicant: { idNumber: string }; contactPhone: unknown };
    expect(state.applicant.idNumber).toBe(row.applicant_id_masked);
    expect(state.contactPhone).toBeNull();
    expect(db.prepare("SELECT detail FROM audit_log WHERE kind = 'retention-purge'").pluck().all()).toContain('cards=1 callbacks=0 raters=0 uploads=0');
  });

  it('a purged card cannot be read through any method; the history still shows the case', async () => {
    const dataDir = tempDir('counter-retention-');
    const keyDir = tempDir('counter-retention-key-');
    await writeConfig(dataDir, { retention: { cardDays: 1 } });
    let clock = new Date();
    const { services, logs } = await start(dataDir, keyDir, { intervals: { retentionMs: 20, printQueueMs: 20 }, clock: () => clock });
    running.push(services);
    await openServiceDay(services);
    const applicantId = idNumber(21);
    const caseId = await closedCase(services, applicantId, idNumber(22));

    // Kept for its day: a run now purges nothing (run here on a connection of the test's own, so no timer is waited for).
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    dbs.push(db);
    const policy = RetentionConfigSchema.parse({ cardDays: 1 });
    const now = await runRetention({ db, dataDir, cipher: cipherOf(keyDir), policy: () => policy, log: () => {}, now: () => clock });
    expect(now.cards).toBe(0);
    expect(db.prepare('SELECT card_purged_at FROM cases WHERE id = ?').pluck().get(caseId)).toBeNull();
    expect(logs.some((l) => l.includes('cards='))).toBe(false);

    clock = new Date(Date.now() + 25 * 3_600_000); // a day and an hour later
    await until(() => db.prepare('SELECT card_purged_at FROM cases WHERE id = ?').pluck().get(caseId) !== null, { timeoutMs: 5000 });

    const answers = [
      await services.handle('revealIdNumber', { whose: 'applicant' }, { connection: 't', role: 'clerk' }),
      await services.handle('revealIdNumber', { whose: 'agent' }, { connection: 't', role: 'clerk' }),
      await services.handle('getSnapshot', {}, { connection: 't', role: 'clerk' }),
      await services.handle('searchCases', { text: applicantId }, { connection: 't', role: 'clerk' }),
      await services.handle('searchCases', { text: applicantId.slice(0, 6) }, { connection: 't', role: 'clerk' }),
      await services.handle('searchCases', {}, { connection: 't', role: 'clerk' }),
      await services.handle('caseDayCounts', { date: localIsoDate(new Date()) }, { connection: 't', role: 'clerk' }),
      await services.handle('getCaseEvaluation', {}, { connection: 't', role: 'clerk' }),
    ];
    expect(JSON.stringify(answers)).not.toContain(applicantId);
    expect(JSON.stringify(answers)).not.toContain(applicantId.slice(0, 17));
    const history = (await call(services, 'searchCases', { text: '张晓明' })) as Array<{ id: string; applicantIdMasked: string; outcome: string; slips: unknown[] }>;
    expect(history.find((h) => h.id === caseId)).toMatchObject({ outcome: 'accept', applicantIdMasked: expect.stringMatching(/\*/) });
    expect(history.find((h) => h.id === caseId)?.slips).toHaveLength(1);
    expect(((await call(services, 'getSnapshot', {})) as Snapshot).currentCase).toBeNull();
  });
});

describe('retention of a case left open', () => {
  it('purges the card of a case still open after openCardDays, keeps the case open, and purges a card read into it again', async () => {
    const dataDir = tempDir('counter-retention-');
    const keyDir = tempDir('counter-retention-key-');
    await writeConfig(dataDir, { retention: { cardDays: 30, openCardDays: 2 } });
    let clock = new Date();
    const { services } = await start(dataDir, keyDir, { intervals: { retentionMs: 20, printQueueMs: 20 }, clock: () => clock });
    running.push(services);
    await openServiceDay(services);
    const applicantId = idNumber(31);
    await identifiedCase(services, applicantId);
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    dbs.push(db);
    const purgedAt = () => db.prepare("SELECT card_purged_at FROM cases WHERE status = 'open'").pluck().get();
    const revealed = async (whose: 'applicant' | 'agent') => JSON.stringify(await services.handle('revealIdNumber', { whose }, { connection: 't', role: 'clerk' }));
    expect(await revealed('applicant')).toContain(applicantId);

    clock = new Date(Date.now() + 3 * 86_400_000); // left open over a long weekend
    await until(() => purgedAt() !== null, { timeoutMs: 5000 });
    expect(db.prepare("SELECT count(*) FROM cases WHERE status = 'open'").pluck().get()).toBe(1);
    expect(await revealed('applicant')).not.toContain(applicantId);
    expect(JSON.stringify(await call(services, 'getSnapshot', {}))).not.toContain(applicantId);
    expect(findIdNumbers(dataDir, [applicantId])).toEqual([]);

    // The applicant comes back with an agent: the new number is kept while the case goes on, then purged in its turn.
    const agentId = idNumber(32);
    await act(services, { type: 'setAgentManually', person: { name: '李代办', idType: 'residentId', idNumber: agentId, reason: 'readFailed' } });
    // Read from the row itself: the next run (every 20 ms here) may purge it any moment now.
    const cipher = cipherOf(keyDir);
    const openState = () => {
      const row = db.prepare<[], { id: string; state_json: string }>("SELECT id, state_json FROM cases WHERE status = 'open'").get()!;
      return cipher.open(row.state_json, caseField('state_json', row.id));
    };
    await until(() => !openState().includes(agentId), { timeoutMs: 5000 });
    expect(await revealed('agent')).not.toContain(agentId);
    expect(findIdNumbers(dataDir, [applicantId, agentId])).toEqual([]);
  });
});

describe('retention of the other kinds', () => {
  it('purges done call-backs, raters and expired files by their own days; keeps what is younger, and folders that are absent are no error', async () => {
    const dataDir = tempDir('counter-retention-');
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    dbs.push(db);
    const now = new Date('2026-12-01T10:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    db.prepare("INSERT INTO cases (id, opened_at, closed_at, status, phase) VALUES ('C1', ?, ?, 'closed', 'closed'), ('C2', ?, ?, 'closed', 'closed')").run(daysAgo(200), daysAgo(200), daysAgo(10), daysAgo(10));
    const callback = db.prepare('INSERT INTO callbacks (name, phone, at, day, done_at) VALUES (?, ?, ?, ?, ?)');
    callback.run('王芳', '13800138000', daysAgo(40), '2026-10-22', daysAgo(40));
    callback.run('李四', '13800138001', daysAgo(40), '2026-10-22', null); // still owed: kept
    callback.run('赵敏', '13800138002', daysAgo(5), '2026-11-26', daysAgo(5)); // done recently: kept
    const rating = db.prepare("INSERT INTO evaluations (case_id, status, level, rater, day, rated_at, updated_at) VALUES (?, 'rated', 'satisfied', ?, '2026-05-15', ?, ?)");
    rating.run('C1', '张晓明', daysAgo(200), daysAgo(200));
    rating.run('C2', '陈静', daysAgo(10), daysAgo(10));

    const old = now.getTime() / 1000 - 30 * 86_400;
    mkdirSync(join(dataDir, 'exports'));
    writeFileSync(join(dataDir, 'exports', 'old.xlsx'), '张晓明 13800138000');
    utimesSync(join(dataDir, 'exports', 'old.xlsx'), old, old);
    writeFileSync(join(dataDir, 'exports', 'new.xlsx'), 'x');
    utimesSync(join(dataDir, 'exports', 'new.xlsx'), now.getTime() / 1000, now.getTime() / 1000);
    mkdirSync(join(dataDir, 'archive', '2026', '05', 'C1'), { recursive: true });
    writeFileSync(join(dataDir, 'archive', '2026', '05', 'C1', 'receipt.pdf'), '%PDF-1.7');
    utimesSync(join(dataDir, 'archive', '2026', '05', 'C1', 'receipt.pdf'), old, old); // 30 days: younger than a year

    const policy = RetentionConfigSchema.parse({});
    const counts = await runRetention({ db, dataDir, cipher: new FieldCipher(Buffer.alloc(32, 7)), policy: () => policy, log: () => {}, now: () => now });

    expect(counts).toMatchObject({ callbacks: 1, raters: 1, files: { exports: 1 } });
    expect(db.prepare('SELECT name, phone FROM callbacks ORDER BY id').all()).toEqual([
      { name: '', phone: '' },
      { name: '李四', phone: '13800138001' },
      { name: '赵敏', phone: '13800138002' },
    ]);
    expect(db.prepare('SELECT case_id, rater FROM evaluations ORDER BY case_id').all()).toEqual([
      { case_id: 'C1', rater: '' },
      { case_id: 'C2', rater: '陈静' },
    ]);
    expect(existsSync(join(dataDir, 'exports', 'old.xlsx'))).toBe(false);
    expect(existsSync(join(dataDir, 'exports', 'new.xlsx'))).toBe(true);
    expect(existsSync(join(dataDir, 'archive', '2026', '05', 'C1', 'receipt.pdf'))).toBe(true);
    expect(readFileSync(join(dataDir, DATABASE_FILE)).includes(Buffer.from('王芳'))).toBe(false);
    expect(db.prepare("SELECT detail FROM audit_log WHERE kind = 'retention-purge'").pluck().all()).toEqual(['cards=2 callbacks=1 raters=1 uploads=0 exports=1']);

    // A second run finds nothing more and writes no audit line.
    await runRetention({ db, dataDir, cipher: new FieldCipher(Buffer.alloc(32, 7)), policy: () => policy, log: () => {}, now: () => now });
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE kind = 'retention-purge'").pluck().get()).toBe(1);
  });
});
