/**
 * Benchmark rows of personal data at rest (issue 13, item 1), for
 * test/bench/run.ts (`npx tsx test/bench/privacy.ts` alone):
 * - one case save with field encryption: a clerk's step through the
 *   service, which opens the stored state and card and seals the new state
 *   (budget ours: 5 ms — a keypress must feel instant);
 * - the cipher's share of it: sealing a state and opening it and the card
 *   with its photo, as one save does (budget ours: 500 µs);
 * - the case history over 100 000 cases stored as the counter keeps them
 *   with encryption on (a sealed state on every row, the full card only on
 *   the recent ones still inside their retention): the same queries and
 *   target as the history row of cases.ts (≤ 20 ms).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { CaseService } from '../../electron/services/cases/case-service';
import { loadDefaultCatalogue } from '../../electron/services/catalogue/catalogue-store';
import { caseField, FieldCipher } from '../../electron/services/privacy/field-cipher';
import { redactCaseState } from '../../electron/services/privacy/card-redaction';
import { openDatabase } from '../../electron/services/storage/database';
import { timeHistoryQueries } from './cases';
import { printRowsOf, type BenchRow } from './table';

const FOOD = '0100230001-419900-001';
const PHOTO = { photoBmp: randomBytes(38_556), photoWlt: randomBytes(1_024) };

function withTempDir<T>(prefix: string, run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ms per save: material checks toggled on an open case with a card and photo, as the clerk marks them. */
function caseSaves(runs: number, cipher: FieldCipher): { save: number[]; cipher: number[] } {
  return withTempDir('counter-bench-save-', (dir) => {
    const db = openDatabase(join(dir, 'counter.sqlite'));
    const items = loadDefaultCatalogue().items;
    const cases = new CaseService({ db, windowNumber: '01', items: () => items, cipher });
    cases.cardRead(SAMPLE_RESIDENT_CARD, '基准', PHOTO);
    cases.act({ type: 'chooseItem', itemCode: FOOD });
    const state = cases.current()!.state;
    if (state.phase !== 'materialCheck') throw new Error(state.phase);
    const material = state.item.materials[0]!.id;
    const batch = 200;
    const save: number[] = [];
    const share: number[] = [];
    const row = db.prepare('SELECT id, state_json, applicant_json FROM cases').get() as { id: string; state_json: string; applicant_json: string };
    const plainState = cipher.open(row.state_json, caseField('state_json', row.id));
    for (let r = 0; r < runs; r++) {
      let started = performance.now();
      for (let i = 0; i < batch; i++) {
        const outcome = cases.act({ type: 'checkMaterial', materialId: material, result: { status: i % 2 ? 'received' : 'missing' } });
        if (!outcome.ok) throw new Error(outcome.message);
      }
      save.push((performance.now() - started) / batch);
      started = performance.now();
      for (let i = 0; i < batch; i++) {
        cipher.open(cipher.seal(plainState, caseField('state_json', row.id)), caseField('state_json', row.id));
        cipher.open(row.applicant_json, caseField('applicant_json', row.id));
      }
      share.push(((performance.now() - started) * 1000) / batch);
    }
    db.close();
    return { save, cipher: share };
  });
}

/** 100 000 cases over a year, stored as retention leaves them; then the clerk's history queries. */
function sealedHistory(runs: number, cipher: FieldCipher): { search: number[]; counts: number[] } {
  return withTempDir('counter-bench-sealed-history-', (dir) => {
    const db = openDatabase(join(dir, 'counter.sqlite'));
    const items = loadDefaultCatalogue().items;
    // A real closed case's state (item copy, checks, decision …), redacted as after its card's retention, and a real card.
    const sample = openDatabase(':memory:');
    const kit = new CaseService({ db: sample, windowNumber: '01', items: () => items });
    kit.cardRead(SAMPLE_RESIDENT_CARD, '基准', PHOTO);
    kit.act({ type: 'chooseItem', itemCode: FOOD });
    const sampleRow = sample.prepare('SELECT state_json, applicant_json FROM cases').get() as { state_json: string; applicant_json: string };
    sample.close();
    const redacted = JSON.stringify(redactCaseState(JSON.parse(sampleRow.state_json)));
    const names = ['张晓明', '李四', '王芳', '赵敏', '陈静', '刘洋', '杨帆', '黄磊'];
    const outcomes = ['accept', 'notify', 'tolerate', 'reject'];
    const insert = db.prepare(
      `INSERT INTO cases (id, opened_at, closed_at, status, phase, applicant_name, applicant_id_masked, item_code, item_name, outcome, state_json, applicant_json, card_purged_at)
       VALUES (?, ?, ?, 'closed', 'closed', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const total = 100_000;
    const start = new Date(2025, 10, 24).getTime();
    db.transaction(() => {
      for (let i = 0; i < total; i++) {
        const at = new Date(start + Math.floor((i / total) * 365 * 86_400_000)).toISOString();
        const item = items[i % items.length]!;
        const id = `01-${i}`;
        const recent = i >= total - 100; // still inside the card's retention
        insert.run(
          id,
          at,
          at,
          names[i % names.length],
          `110101********${String(i % 10_000).padStart(4, '0')}`,
          item.implementationCode,
          item.name,
          outcomes[i % 4],
          cipher.seal(recent ? sampleRow.state_json : redacted, caseField('state_json', id)),
          recent ? cipher.seal(sampleRow.applicant_json, caseField('applicant_json', id)) : null,
          recent ? null : at,
        );
      }
    })();
    const { search, counts } = timeHistoryQueries(db, runs);
    db.close();
    return { search, counts };
  });
}

export async function privacyBenchRows(runs = Number(process.env.BENCH_RUNS ?? 7)): Promise<BenchRow[]> {
  const cipher = new FieldCipher(randomBytes(32));
  const saves = caseSaves(runs, cipher);
  const history = sealedHistory(runs, cipher);
  return [
    { name: '办件保存（字段加密）case save, sealed', samples: saves.save, unit: 'ms', limit: 5, limitKind: '预算 budget' },
    { name: '字段加密开销（每次保存）encryption per save', samples: saves.cipher, unit: 'µs', limit: 500, limitKind: '预算 budget' },
    { name: '办件记录查询（10 万件，加密）history search, sealed', samples: history.search, unit: 'ms', limit: 20, limitKind: '目标 target' },
    { name: '当日分类统计（10 万件，加密）day counts, sealed', samples: history.counts, unit: 'ms', limit: 20, limitKind: '目标 target' },
  ];
}

if (require.main === module) printRowsOf(privacyBenchRows);
