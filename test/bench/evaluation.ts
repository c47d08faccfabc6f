/**
 * Benchmark rows of 好差评 (issue 6), for test/bench/run.ts:
 *
 * - key event → durable record: from the moment the keypad simulator hands
 *   the last byte of a KEY_EVENT to the pty (9600 baud, paced) to the moment
 *   the rating is committed by the evaluation service (WAL, synchronous =
 *   NORMAL), through the real serial transport, parser, driver and service
 *   (target: ≤ 20 ms median). The frame's own wire time (≈ 31 ms at 9600
 *   baud) is before that and is the keypad's, not ours.
 * - statistics over one year of one window's ratings (365 days × 100 cases,
 *   three clerks, 120 items, follow-ups for every 差评): the four groupings
 *   the lead's statistics screen shows (clerk, window, item, day), all of
 *   them, per sample (target: ≤ 50 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialEvaluatorDriver } from '../../electron/devices/evaluator/driver';
import { PtyKeypad } from '../../electron/devices/evaluator/simulator/pty-keypad';
import { SerialTransport } from '../../electron/devices/idcard/transports/serial';
import { getEvaluation } from '../../electron/services/evaluation/rows';
import { insertSeedRows, yearOfRatings } from '../../electron/services/evaluation/seed';
import { queryStats } from '../../electron/services/evaluation/stats-query';
import { caseAtSlip, rig } from '../../electron/services/evaluation/test-kit';
import { openDatabase } from '../../electron/services/storage/database';
import { STATS_DIMENSIONS } from '../../shared/domain/evaluation';
import { printRowsOf, type BenchRow } from './table';
import { until as waitUntil } from '../support/until';


const BAUD = 9600;

const until = (what: () => boolean, ms: number, label: string) => waitUntil(what, { timeoutMs: ms, intervalMs: 1, label: `评价基准测试：${label}` });

/** Key event received → rating committed, in ms, one sample per case. */
async function keyToDurable(samples: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'evaluation-bench-'));
  const service = rig({}, { file: join(dir, 'counter.sqlite'), start: new Date() });
  const keypad = new PtyKeypad({ baudRate: BAUD, dir });
  await keypad.start();
  let sentAt = 0;
  let committedAt = 0;
  keypad.keypad.onFrameSent = (kind, at) => {
    if (kind === 'key') sentAt = at;
  };
  const driver = new SerialEvaluatorDriver({ openTransport: () => new SerialTransport(keypad.hostPath, BAUD) });
  service.display.requestRating = (caseId) => driver.requestRating(caseId, '');
  await driver.start({
    setStatus: () => {},
    notice: () => {},
    report: (event) => {
      if (event.type !== 'rating') return;
      const outcome = service.evaluation.keyPressed(event);
      if (outcome.ok) committedAt = performance.now();
    },
  });
  const out: number[] = [];
  try {
    await until(() => driver.state === 'ready', 5000, '评价器连接');
    for (let i = 0; i < samples + 2; i++) {
      const caseId = caseAtSlip(service.cases);
      service.evaluation.requestCurrent();
      await until(() => keypad.keypad.requestedCase === caseId, 2000, '评价请求');
      committedAt = 0;
      keypad.keypad.pressLevel(i % 7 === 3 ? 'dissatisfied' : 'verySatisfied');
      await until(() => committedAt > 0, 2000, '评价保存');
      if (!getEvaluation(service.db, caseId)?.level) throw new Error('评价未保存');
      if (i >= 2) out.push(committedAt - sentAt); // the first two warm up the JIT
      service.cases.finishCurrent();
    }
  } finally {
    await driver.stop();
    await keypad.close();
    service.evaluation.stop();
    service.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** All four groupings over a year of ratings, in ms per sample. */
function yearStatistics(runs: number): { samples: number[]; rows: number } {
  const dir = mkdtempSync(join(tmpdir(), 'evaluation-bench-'));
  const db = openDatabase(join(dir, 'counter.sqlite'));
  const rows = yearOfRatings({ start: '2025-01-01', days: 365, perDay: 100 });
  insertSeedRows(db, rows);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      let groups = 0;
      for (const dimension of STATS_DIMENSIONS) groups += queryStats(db, dimension, '2025-01-01', '2025-12-31').rows.length;
      const elapsed = performance.now() - started;
      if (groups !== 3 + 1 + 120 + 365) throw new Error(`统计分组数不对：${groups}`);
      if (i > 0) samples.push(elapsed);
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { samples, rows: rows.length };
}

export async function evaluationBenchRows(runs = Number(process.env.BENCH_RUNS ?? 7)): Promise<BenchRow[]> {
  const latency = await keyToDurable(Math.max(runs, 15));
  const stats = yearStatistics(runs);
  return [
    { name: '评价按键→落库 key event → durable record @9600', samples: latency, unit: 'ms', limit: 20, limitKind: '目标 target（中位数）' },
    {
      name: `评价统计（一年 ${stats.rows} 条，四种分组）stats, one year`,
      samples: stats.samples,
      unit: 'ms',
      limit: 50,
      limitKind: '目标 target',
    },
  ];
}

// `npx tsx test/bench/evaluation.ts` prints the rows on their own.
if (require.main === module) printRowsOf(evaluationBenchRows);
