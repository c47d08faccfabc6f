/**
 * Benchmark rows of the case workflow (issue 4), for test/bench/run.ts:
 * - one A4 slip, HTML → PDF in headless Chromium, once warm (target ≤ 150 ms);
 * - the material-check decision: which decisions are allowed and the
 *   one-time notice, for an item of the default catalogue (budget 1 ms);
 * - the case history with 100 000 cases in the database (target ≤ 20 ms a query).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessMaterials, computeOneTimeNotice, type MaterialCheck } from '../../shared/domain/case';
import { renderSlipHtml } from '../../shared/domain/slips/slip-html';
import { findChromium } from '../../electron/services/platform/chromium';
import { loadDefaultCatalogue } from '../../electron/services/catalogue/catalogue-store';
import { CaseHistory } from '../../electron/services/history/case-history';
import { ChromiumPdfRenderer } from '../../electron/services/slips/chromium-pdf-renderer';
import { qrSvg } from '../../electron/services/slips/qr';
import { openDatabase } from '../../electron/services/storage/database';
import { SAMPLE_SLIPS } from '../fixtures/slips/sample-slips';
import { printRowsOf, type BenchRow } from './table';

async function slipPdf(runs: number): Promise<number[]> {
  const renderer = new ChromiumPdfRenderer(findChromium());
  const slip = SAMPLE_SLIPS.receipt!;
  const html = renderSlipHtml(slip, await qrSvg(slip.lookupCode));
  const samples: number[] = [];
  try {
    await renderer.render(html, 'a4'); // warm: browser start is not the slip's cost
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await renderer.render(html, 'a4');
      samples.push(performance.now() - started);
    }
  } finally {
    await renderer.close();
  }
  return samples;
}

/** µs per decision over a batch of random material checks. */
function decisions(runs: number): number[] {
  const item = loadDefaultCatalogue().items.find((i) => i.materials.length >= 5)!;
  const statuses = ['received', 'missing', 'notApplicable'] as const;
  const batch = 2000;
  const samples: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const checks: MaterialCheck[][] = Array.from({ length: batch }, () =>
      item.materials.map((m) => ({ materialId: m.id, result: { status: m.required ? statuses[Math.floor(Math.random() * 2)]! : 'notApplicable' } })),
    );
    const started = performance.now();
    for (const c of checks) {
      const a = assessMaterials(item, c);
      sink += (a.accept.ok ? 1 : 0) + computeOneTimeNotice(item, c).length;
    }
    samples.push(((performance.now() - started) * 1000) / batch);
  }
  if (sink < 0) throw new Error('unreachable');
  return samples;
}

/** 100 000 cases over a year at one window, then the queries a clerk makes. */
/** The history screen's two queries on a filled database: a name search over three weeks, and one day's counts (ms per run). */
export function timeHistoryQueries(db: ReturnType<typeof openDatabase>, runs: number): { search: number[]; counts: number[] } {
  const h = new CaseHistory(db);
  const search: number[] = [];
  const counts: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    h.search({ text: '王芳', from: '2026-11-01', to: '2026-11-23', limit: 100 });
    search.push(performance.now() - t);
    t = performance.now();
    h.dayCounts('2026-06-15');
    counts.push(performance.now() - t);
  }
  return { search, counts };
}

function history(runs: number): { search: number[]; counts: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'counter-bench-history-'));
  const db = openDatabase(join(dir, 'db.sqlite'));
  const names = ['张晓明', '李四', '王芳', '赵敏', '陈静', '刘洋', '杨帆', '黄磊'];
  const items = loadDefaultCatalogue().items;
  const outcomes = ['accept', 'notify', 'tolerate', 'reject'];
  const insert = db.prepare(
    "INSERT INTO cases (id, opened_at, status, phase, applicant_name, applicant_id_masked, item_code, item_name, outcome) VALUES (?, ?, 'closed', 'closed', ?, ?, ?, ?, ?)",
  );
  const start = new Date(2025, 10, 24).getTime();
  db.transaction(() => {
    for (let i = 0; i < 100_000; i++) {
      const at = new Date(start + Math.floor((i / 100_000) * 365 * 86_400_000));
      const item = items[i % items.length]!;
      insert.run(`01-${i}`, at.toISOString(), names[i % names.length], `110101********${String(i % 10_000).padStart(4, '0')}`, item.implementationCode, item.name, outcomes[i % 4]);
    }
  })();
  const { search, counts } = timeHistoryQueries(db, runs);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { search, counts };
}

export async function caseBenchRows(runs = Number(process.env.BENCH_RUNS ?? 7)): Promise<BenchRow[]> {
  const h = history(runs);
  return [
    { name: '通知书 HTML→PDF（A4，预热后）slip to PDF', samples: await slipPdf(runs), unit: 'ms', limit: 150, limitKind: '目标 target' },
    { name: '材料审查决定计算 decision + notice', samples: decisions(runs), unit: 'µs', limit: 1000, limitKind: '预算 budget' },
    { name: '办件记录查询（10 万件）history search', samples: h.search, unit: 'ms', limit: 20, limitKind: '目标 target' },
    { name: '当日分类统计（10 万件）day counts', samples: h.counts, unit: 'ms', limit: 20, limitKind: '目标 target' },
  ];
}

if (require.main === module) printRowsOf(caseBenchRows);
