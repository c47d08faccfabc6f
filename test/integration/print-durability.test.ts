/**
 * Durability of printing: the counter is killed with SIGKILL while `lp` is
 * handing a slip to CUPS. The orphaned lp finishes on its own (as it does on
 * a real counter), and the counter restarts on the same data directory. The
 * slip must come out once — no second lp — and its one physical copy be
 * recorded once, with CUPS' request id.
 *
 * CUPS is faked (electron/devices/printer/fake-cups.ts): lp blocks until the
 * test releases it, so the kill lands mid-print every time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CupsPrinter } from '../../electron/devices/printer/cups-printer';
import { fakeCups, type FakeCups } from '../../electron/devices/printer/fake-cups';
import type { SpoolerFinding } from '../../electron/devices/printer/printer';
import { copiesOfSlip } from '../../electron/services/printing/print-copies';
import { PrintQueue } from '../../electron/services/printing/print-queue';
import { DATABASE_FILE, openDatabase, type Db } from '../../electron/services/storage/database';
import { until } from '../support/until';

const root = join(__dirname, '..', '..');
let child: ChildProcess | undefined;
const cleanups: (() => void | Promise<void>)[] = [];
const fakes: FakeCups[] = [];
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  // Held lps released first, so nothing waits on them (a restarted queue's stop awaits its lp).
  for (const cups of fakes) cups.set('release');
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const cups of fakes.splice(0)) cups.cleanup();
});

interface Rig {
  dataDir: string;
  pdf: string;
  cups: FakeCups;
  jobId: number;
}

/** A data directory with one slip and its print job queued, and a fake CUPS whose lp holds. */
function rig(): Rig {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-print-crash-'));
  const cups = fakeCups();
  fakes.push(cups);
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const pdf = join(dataDir, 'receipt.pdf');
  writeFileSync(pdf, '%PDF-1.7 slip');
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  db.prepare("INSERT INTO cases (id, opened_at, status) VALUES ('C1', '2026-11-23', 'open')").run();
  db.prepare(
    "INSERT INTO slips (case_id, kind, number, issued_at, data_json, paper, pdf_path, sha256) VALUES ('C1', 'receipt', '受字第000001号', '2026-11-23', '{}', 'a4', 'receipt.pdf', 'h')",
  ).run();
  const jobId = new PrintQueue({ db, printer: null, slip: () => ({ pdfFile: pdf, paper: 'a4', title: '受理通知书' }) }).enqueue(1, 'Front_Laser').id;
  db.close();
  cups.set('hold');
  return { dataDir, pdf, cups, jobId };
}

/** Starts the counter's print queue in a child process and kills it with SIGKILL while its lp is held. */
async function killMidPrint({ dataDir, pdf, cups, jobId }: Rig): Promise<string> {
  // node itself with tsx's loader, not the tsx CLI: the CLI runs node as a child, and SIGKILL would not reach it.
  child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/integration/print-child.ts'), dataDir, pdf], {
    cwd: root,
    // Its temp folder (tsx's compile cache) inside the data directory, removed with it.
    env: { ...cups.env, TMPDIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await until(() => cups.held().length === 1, { timeoutMs: 20_000, label: 'lp called and held' });

  // The attempt was committed before lp was called.
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const row = db.prepare('SELECT status, attempts, spooler, spooler_ref FROM print_jobs WHERE id = ?').get(jobId) as { status: string; attempts: number; spooler: string; spooler_ref: string };
  db.close();
  expect(row).toMatchObject({ status: 'printing', attempts: 1, spooler: 'CUPS' });
  expect(cups.lpCalls()[0]).toContain(`-t ${row.spooler_ref} 受理通知书 受字第000001号`);

  const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.once('exit', (_code, signal) => resolve(signal)));
  const pid = child.pid!;
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  child = undefined;
  expect(() => process.kill(pid, 0)).toThrow(); // the terminal is gone; its lp is not
  expect(cups.held()).toHaveLength(1);
  return row.spooler_ref;
}

/** CupsPrinter, counting what recover() found, so the test can tell the queue has asked. */
class WatchedCupsPrinter extends CupsPrinter {
  readonly findings: SpoolerFinding['state'][] = [];
  override async recover(ref: string, job: { printer: string; copies: number }): Promise<SpoolerFinding> {
    const finding = await super.recover(ref, job);
    this.findings.push(finding.state);
    return finding;
  }
}

/** The counter started again on the same data directory: its print queue, polling every 20 ms. */
function restart({ dataDir, pdf, cups }: Rig): { db: Db; queue: PrintQueue; printer: WatchedCupsPrinter } {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const printer = new WatchedCupsPrinter(join(dataDir, 'print-spool'), cups.env);
  const queue = new PrintQueue({
    db,
    printer,
    slip: () => ({ pdfFile: pdf, paper: 'a4', title: '受理通知书' }),
  });
  cleanups.push(async () => {
    await queue.stop();
    db.close();
  });
  queue.start(20);
  return { db, queue, printer };
}

function expectPrintedOnce(rig: Rig, db: Db, ref: string): void {
  expect(rig.cups.lpCalls()).toHaveLength(1); // lp ran once: the slip was never sent again
  expect(rig.cups.jobs()).toEqual([{ id: 'Front_Laser-1', title: `${ref} 受理通知书 受字第000001号`, copies: 1, state: 'completed' }]);
  const copies = copiesOfSlip(db, 1);
  expect(copies).toHaveLength(1); // the one physical copy, recorded once
  expect(copies[0]).toMatchObject({ jobId: rig.jobId, spoolerRef: ref, copy: 1, spoolerJobId: 'Front_Laser-1', status: 'sent', source: 'recovered' });
  expect(db.prepare('SELECT status, attempts, spooler_job_id FROM print_jobs').all()).toEqual([{ status: 'done', attempts: 1, spooler_job_id: 'Front_Laser-1' }]);
  expect(existsSync(join(rig.dataDir, 'print-spool', `${ref}.lp.txt`))).toBe(false); // settled: lp's answer no longer kept
}

describe('a slip being printed when the counter is killed', () => {
  it('restarted while the orphaned lp still runs: waits for it, then records its copy and prints nothing again', async () => {
    const r = rig();
    const ref = await killMidPrint(r);
    const { db, queue, printer } = restart(r);
    // Several passes while lp still holds: each finds it in flight, the job stays 'printing', nothing is sent again.
    await until(() => printer.findings.length >= 3, { label: 'three looks at the spooler' });
    expect(printer.findings.slice(0, 3)).toEqual(['inFlight', 'inFlight', 'inFlight']);
    expect(queue.job(r.jobId)?.status).toBe('printing');
    expect(r.cups.lpCalls()).toHaveLength(1);

    r.cups.set('release');
    await until(() => queue.job(r.jobId)?.status === 'done', { timeoutMs: 5000, label: 'job settled after lp finished' });
    await queue.drain();
    expectPrintedOnce(r, db, ref);
  });

  it('restarted after the orphaned lp finished: finds CUPS’ request id and prints nothing again', async () => {
    const r = rig();
    const ref = await killMidPrint(r);
    r.cups.set('release');
    await until(() => r.cups.held().length === 0 && r.cups.jobs().length === 1, { label: 'orphaned lp done' });
    const { db, queue } = restart(r);
    await until(() => queue.job(r.jobId)?.status === 'done', { label: 'job settled' });
    await queue.drain();
    expectPrintedOnce(r, db, ref);
  });
});
