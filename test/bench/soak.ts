/**
 * Soak row of `npm run bench` (issue 14): 1,000 cases end to end through the
 * built web shell, as a separate process with simulated devices on a fresh
 * data directory, driven over its WebSocket the way the clerk screen and the
 * citizen page drive it: 模拟刷证, search and choose the item, mark every
 * material, decide (受理 / 一次性告知 / 不予受理 in turn), 出具通知书 and wait
 * for the printed copy, the rating (citizen page, keypad, or 不评价),
 * 办结. Reported:
 * - cases per minute and p95 of one case, per block of 100 cases;
 * - memory growth per 100 cases after the first 300 (target ≤ 0.5 MB: a
 *   counter runs for weeks), measured after a forced full GC every 50
 *   cases: the process's anonymous resident memory (V8 heap and native —
 *   SQLite's page cache, statements) and the JS heap plus external memory
 *   (read through the shell's inspector, no debug hook in the product);
 * - open file descriptors and child processes (socat, Chromium's browser,
 *   zygotes, GPU process and renderers; not the utility processes Chromium
 *   starts and ends by itself) at the end against after the first case:
 *   nothing may pile up. Helpers still running 5 s after the shell exited
 *   are named on stderr.
 *
 * `SOAK_CASES=200` (or `npx tsx test/bench/soak.ts 200`) runs fewer cases;
 * the warm-up then shrinks to 30 % of the run. `SOAK_HEAP_SNAPSHOTS=<dir>`
 * also writes a heap snapshot of the shell at each measurement, to compare
 * object counts (Chromium DevTools → Memory → Comparison). Needs
 * `npm run build` (out/).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseView, Snapshot } from '../../shared/contract';
import { ContractClient, InspectorSession } from './soak-client';
import { printRowsOf, type BenchRow } from './table';
import { until } from '../support/until';
import { CLERK, withClerk } from '../integration/clerk-fixture';
import { slipsNeedNoSignature } from '../integration/signed-slip';

const WEB_SHELL = join(__dirname, '..', '..', 'out', 'main', 'web.js');
/** 食品经营许可（新办）of the default catalogue; its 经营场所布局图 (layout) is what a one-time notice asks for. */
const FOOD = '0100230001-419900-001';
const MB = 1024 * 1024;
/** How long the shell's helpers may take to end after it (issue 14 asks for no socat left after 5 s). */
const LEFTOVER_GRACE_MS = 5000;
/** How long the shell may take to close what the last case opened before the end is counted. */
const SETTLE_MS = 10_000;

export function soakCaseCount(): number {
  const fromArg = Number(process.argv[2]);
  const n = Number.isInteger(fromArg) && fromArg > 0 ? fromArg : Number(process.env.SOAK_CASES ?? 1000);
  if (!Number.isInteger(n) || n < 20) throw new Error(`SOAK_CASES 须为不小于 20 的整数，收到 ${process.env.SOAK_CASES}`);
  return n;
}

/**
 * Cases before memory is first measured (JIT, caches and SQLite's page cache
 * fill up first), the step between measurements, and the block of cases
 * each throughput and p95 sample covers.
 */
export function soakPlan(total: number): { warmup: number; every: number; block: number } {
  if (total >= 600) return { warmup: 300, every: 50, block: 100 };
  const warmup = Math.round(total * 0.3);
  return { warmup, every: Math.max(1, Math.floor((total - warmup) / 10)), block: Math.max(1, Math.floor(total / 10)) };
}

interface Shell {
  child: ChildProcessWithoutNullStreams;
  origin: string;
  /** The one-time launch addresses the shell printed: the clerk page's and the citizen screen's. */
  clerkUrl: string;
  citizenUrl: string;
  inspectorUrl: string;
  stderrTail: string[];
}

/** `node --inspect out/main/web.js --no-browser` on its own data directory, until it prints both addresses. */
async function startShellProcess(dataDir: string): Promise<Shell> {
  if (!existsSync(WEB_SHELL)) throw new Error(`找不到 ${WEB_SHELL}：请先 npm run build`);
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', WEB_SHELL, '--no-browser'], {
    env: { ...process.env, COUNTER_DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderrTail: string[] = [];
  let out = '';
  let err = '';
  return new Promise<Shell>((resolve, reject) => {
    let url: URL | undefined;
    let citizenUrl: string | undefined;
    let inspectorUrl: string | undefined;
    const ready = () => {
      if (url && citizenUrl && inspectorUrl) resolve({ child, origin: url.origin, clerkUrl: url.href, citizenUrl, inspectorUrl, stderrTail });
    };
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      const citizen = /http:\/\/127\.0\.0\.1:\d+\/citizen\.html\?token=[\w-]+/.exec(out);
      if (found && citizen && !url) {
        url = new URL(found[0]);
        citizenUrl = citizen[0];
        ready();
      }
    });
    // The shell logs to stderr; keep the last lines for a failure message, and drain the pipe.
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const lines = err.split('\n');
      err = lines.pop() ?? '';
      for (const line of lines) {
        const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(line);
        if (inspector && !inspectorUrl) {
          inspectorUrl = inspector[1];
          ready();
        }
        stderrTail.push(line);
        if (stderrTail.length > 20) stderrTail.shift();
      }
    });
    child.once('exit', (code) => reject(new Error(`网页外壳在就绪前退出（${code}）：${stderrTail.join(' | ')}`)));
  });
}

async function stopShellProcess(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(late);
}

/** Resident kB by kind from /proc/<pid>/status: anonymous (heaps, malloc) and file-backed (code, mapped files). */
function residentKb(pid: number): { anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { anon: kb('RssAnon'), file: kb('RssFile') };
}

function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Every live process below `pid` (simulators, pty helpers, Chromium and its helpers). */
function descendants(pid: number): { pid: number; name: string }[] {
  const procs = new Map<number, { ppid: number; name: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) + chromiumType(Number(entry));
      procs.set(Number(entry), { ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), name });
    } catch {
      // gone meanwhile
    }
  }
  const below: { pid: number; name: string }[] = [];
  for (const [start, proc] of procs) {
    for (let p = proc.ppid; p > 1; p = procs.get(p)?.ppid ?? 0) {
      if (p === pid) {
        below.push({ pid: start, name: proc.name });
        break;
      }
    }
  }
  return below;
}

/** Chromium's processes by their --type (renderer, zygote, utility: network …), for the report. */
function chromiumType(pid: number): string {
  // Chromium rewrites its command line as one space-separated title.
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  const type = args.find((a) => a.startsWith('--type='))?.slice(7);
  const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
  return type ? `(${type}${sub ? ` ${sub}` : ''})` : '';
}

/**
 * The processes the product answers for: the pty helpers and Chromium's
 * browser, zygotes, GPU process and page renderers. Chromium's utility
 * processes come and go by its own rules — a print compositor for each PDF,
 * an on-device model service a few minutes after launch — and are left out.
 */
function ours<T extends { name: string }>(processes: readonly T[]): T[] {
  return processes.filter((p) => !p.name.includes('(utility'));
}

/** "chromium(renderer) ×3，socat ×2" */
function names(processes: readonly { name: string }[]): string {
  const counts = new Map<string, number>();
  for (const p of processes) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ×${n}`)
    .join('，');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

type Decision = 'accept' | 'notify' | 'reject';
type Rating = 'citizen' | 'keypad' | 'skip';

/** What the n-th case does: the decisions and rating paths in turn, so every kind of slip and rating is on the soak. */
function planCase(n: number): { decision: Decision; rating: Rating } {
  const decision: Decision = (['accept', 'accept', 'notify', 'accept', 'reject'] as const)[n % 5]!;
  const rating: Rating = n % 7 === 3 ? 'skip' : n % 3 === 1 ? 'keypad' : 'citizen';
  return { decision, rating };
}

const isCase = (match: (c: CaseView) => boolean) => (payload: unknown) => payload !== null && match(payload as CaseView);

/** One case, start to 办结, as the clerk screen (clerk) and the citizen page (citizen) make it. */
async function runCase(clerk: ContractClient, citizen: ContractClient, n: number, previousId: string | null): Promise<string> {
  const { decision, rating } = planCase(n);
  const opened = clerk.nextEvent('case.changed', isCase((c) => c.id !== previousId && c.applicant !== null), '刷证后的新办件');
  const read = await clerk.call<{ accepted: boolean; message: string }>('simulateCardRead');
  if (!read.accepted) throw new Error(`模拟刷证被拒：${read.message}`);
  const caseId = ((await opened).payload as CaseView).id;
  await clerk.call('getPhrases', { stage: '问候' });

  const found = await clerk.call<{ code: string }[]>('searchItems', { query: 'spjy' });
  if (!found.some((i) => i.code === FOOD)) throw new Error('事项搜索未找到食品经营许可');
  await act(clerk, { type: 'chooseItem', itemCode: FOOD });
  const view = (await clerk.call<Snapshot>('getSnapshot')).currentCase;
  if (view?.flow.state.phase !== 'materialCheck') throw new Error(`选择事项后阶段为 ${view?.flow.state.phase}`);
  await clerk.call('getPhrases', { stage: '接收' });
  for (const m of view.flow.state.item.materials) {
    const status = decision === 'notify' && m.id === 'layout' ? 'missing' : m.required ? 'received' : 'notApplicable';
    await act(clerk, { type: 'checkMaterial', materialId: m.id, result: { status } });
  }

  if (decision === 'accept') {
    await act(clerk, { type: 'setDelivery', delivery: { method: 'window' } });
    await act(clerk, { type: 'setContactPhone', phone: '13800138000' });
    await act(clerk, { type: 'accept' });
  } else if (decision === 'notify') {
    await act(clerk, { type: 'notifyOnce' });
  } else {
    await act(clerk, { type: 'reject', reason: 'noLicenceNeeded', text: '该经营活动无需办理许可' });
  }
  await clerk.call('getPhrases', { stage: decision === 'notify' ? '退回' : '受理' });

  // 出具通知书, then the copy out of the (simulated) printer, as the clerk hands it over.
  const printed = clerk.nextEvent('case.changed', isCase((c) => c.id === caseId && c.flow.slips[0]?.print.status === 'done'), '通知书打印完成');
  const asked = citizen.nextEvent('evaluation.request', (p) => (p as { caseId?: string } | null)?.caseId === caseId, '评价请求');
  const slip = await clerk.call<{ ok: boolean; message: string }>('issueSlip', {});
  if (!slip.ok) throw new Error(`出具通知书失败：${slip.message}`);
  await clerk.call('getPhrases', { stage: '回执' });
  await asked;
  await citizen.call('getRatingRequest');

  if (rating === 'skip') {
    await act(clerk, { type: 'skipEvaluation', reason: 'declined' });
  } else {
    const evaluated = clerk.nextEvent('case.changed', isCase((c) => c.id === caseId && c.flow.state.phase === 'evaluated'), '评价完成');
    if (rating === 'keypad') {
      const pressed = await clerk.call<{ accepted: boolean; message: string }>('simulateEvaluatorPress', { level: 'verySatisfied' });
      if (!pressed.accepted) throw new Error(`模拟评价被拒：${pressed.message}`);
    } else {
      const bad = n % 50 === 0; // now and then a 差评 with a reason, which opens a follow-up
      const rated = await citizen.call<{ ok: boolean; message: string }>('submitRating', bad ? { caseId, level: 'dissatisfied', reasons: ['A01'] } : { caseId, level: 'satisfied' });
      if (!rated.ok) throw new Error(`评价失败：${rated.message}`);
    }
    await evaluated;
    await clerk.call('getCaseEvaluation');
  }
  await printed;

  const closed = clerk.nextEvent('case.changed', (p) => p === null, '办结');
  await act(clerk, { type: 'close' });
  await closed;
  await clerk.call('getPhrases', { stage: '告别' });
  return caseId;
}

async function act(clerk: ContractClient, action: Record<string, unknown>): Promise<void> {
  const outcome = await clerk.call<{ ok: boolean; message: string }>('caseAction', { action });
  if (!outcome.ok) throw new Error(`${String(action.type)}：${outcome.message}`);
}

/** Through the contract, as the clerk does at the start of the day: sign in, note devices the machine lacks, 开始服务. */
async function openServiceDay(clerk: ContractClient): Promise<void> {
  type Day = { phase: string; check: { kind: string; verdict: string }[] };
  let day = await clerk.call<Day>('getServiceDay');
  if (day.phase === 'signedOut') {
    const signedIn = await clerk.call<{ ok: boolean; message: string; day: Day }>('signIn', { staffNumber: CLERK.staffNo, pin: CLERK.pin });
    if (!signedIn.ok) throw new Error(signedIn.message);
    day = signedIn.day;
  }
  if (day.phase !== 'checking') return;
  for (const item of day.check.filter((i) => i.verdict === 'fail')) await clerk.call('recordCheckException', { kind: item.kind, reason: '测试机未接此设备' });
  const opened = await clerk.call<{ ok: boolean; message: string }>('openService');
  if (!opened.ok) throw new Error(opened.message);
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** One measurement after a forced full GC, in KB. */
export interface MemorySample {
  after: number;
  /** V8's heap in use plus memory held outside it for JS objects (Buffers). */
  jsKb: number;
  /** Anonymous resident memory of the process: the V8 heap's pages and every native allocation (SQLite, OpenSSL …). */
  anonKb: number;
}

export interface SoakResult {
  cases: number;
  caseMs: number[];
  blockMinutes: number[];
  block: number;
  memory: MemorySample[];
  fds: { afterFirst: number; end: number };
  children: { afterFirst: number; end: number; leftAfterExit: string[] };
}

export async function runSoak(total: number, progress: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<SoakResult> {
  const { warmup, every, block } = soakPlan(total);
  const snapshots = process.env.SOAK_HEAP_SNAPSHOTS;
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-soak-'));
  // Sign-in takes a PIN: the soak's clerk account (test/integration/clerk-fixture.ts).
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(await withClerk(slipsNeedNoSignature())));
  let shell: Shell | undefined;
  const clients: { close(): Promise<void> }[] = [];
  try {
    shell = await startShellProcess(dataDir);
    const pid = shell.child.pid!;
    const inspector = await InspectorSession.connect(shell.inspectorUrl);
    clients.push(inspector);
    const clerk = await ContractClient.connect(shell.origin, shell.clerkUrl, 'clerk');
    clients.push(clerk);
    const citizen = await ContractClient.connect(shell.origin, shell.citizenUrl, 'citizen');
    clients.push(citizen);
    await openServiceDay(clerk);

    const result: SoakResult = { cases: total, caseMs: [], blockMinutes: [], block, memory: [], fds: { afterFirst: 0, end: 0 }, children: { afterFirst: 0, end: 0, leftAfterExit: [] } };
    let previous: string | null = null;
    let firstChildren: { pid: number; name: string }[] = [];
    let blockStarted = performance.now();
    for (let n = 1; n <= total; n++) {
      const started = performance.now();
      try {
        previous = await runCase(clerk, citizen, n, previous);
      } catch (error) {
        throw new Error(`第 ${n} 件失败：${(error as Error).message}；网页外壳日志：${shell.stderrTail.join(' | ')}`, { cause: error });
      }
      result.caseMs.push(performance.now() - started);
      if (n === 1) result.fds.afterFirst = openFds(pid);
      if (n === 1) firstChildren = descendants(pid);
      if (n % block === 0) {
        result.blockMinutes.push((performance.now() - blockStarted) / 60_000);
        blockStarted = performance.now();
      }
      if (n >= warmup && (n - warmup) % every === 0) {
        const measuring = performance.now();
        const usage = await inspector.memoryAfterGc();
        const rss = residentKb(pid);
        result.memory.push({ after: n, jsKb: (usage.heapUsed + usage.external) / 1024, anonKb: rss.anon });
        if (snapshots) await inspector.writeHeapSnapshot(join(snapshots, `soak-${String(n).padStart(5, '0')}.heapsnapshot`));
        progress(
          `浸泡：第 ${n} 件，GC 后堆 ${(usage.heapUsed / MB).toFixed(2)}/${(usage.heapTotal / MB).toFixed(1)} MB，外部 ${(usage.external / MB).toFixed(2)} MB，` +
            `RSS ${(usage.rss / MB).toFixed(1)} MB（匿名 ${(rss.anon / 1024).toFixed(1)}，文件 ${(rss.file / 1024).toFixed(1)}），文件描述符 ${openFds(pid)}`,
        );
        blockStarted += performance.now() - measuring; // the forced GC is the bench's, not a case's
      }
    }
    // At the end, once the shell has settled: Chromium starts utility processes on demand and ends them when idle.
    await until(() => openFds(pid) <= result.fds.afterFirst && ours(descendants(pid)).length <= ours(firstChildren).length, {
      timeoutMs: SETTLE_MS,
      intervalMs: 100,
    }).catch(() => {});
    result.fds.end = openFds(pid);
    const children = descendants(pid);
    result.children.afterFirst = ours(firstChildren).length;
    result.children.end = ours(children).length;
    if (names(children) !== names(firstChildren)) progress(`浸泡：子进程 第 1 件后 ${names(firstChildren)}；结束时 ${names(children)}`);
    for (const c of clients.splice(0).reverse()) await c.close();
    await stopShellProcess(shell.child);
    // The shell's helpers (socat, Chromium) must end with it: Chromium's own children take a moment after the browser.
    const left = () => children.filter((c) => alive(c.pid));
    await until(() => left().length === 0, { timeoutMs: LEFTOVER_GRACE_MS, intervalMs: 50 }).catch(() => {});
    result.children.leftAfterExit = left().map((c) => `${c.pid} ${c.name}`);
    if (result.children.leftAfterExit.length) progress(`浸泡：网页外壳退出后仍在运行：${result.children.leftAfterExit.join('，')}`);
    return result;
  } finally {
    for (const c of clients.reverse()) await c.close().catch(() => {});
    if (shell) await stopShellProcess(shell.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * KB per 100 cases: the least-squares slope through every measurement after
 * the warm-up. One GC's leftovers move a single measurement by up to a MB;
 * the fit over all of them is what a leak shows as.
 */
export function growthPer100(memory: readonly MemorySample[], of: (m: MemorySample) => number): number {
  const n = memory.length;
  if (n < 2) return NaN;
  const mx = memory.reduce((a, m) => a + m.after, 0) / n;
  const my = memory.reduce((a, m) => a + of(m), 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const m of memory) {
    sxy += (m.after - mx) * (of(m) - my);
    sxx += (m.after - mx) ** 2;
  }
  return (sxy / sxx) * 100;
}

export async function soakBenchRows(total = soakCaseCount()): Promise<BenchRow[]> {
  const r = await runSoak(total);
  const blocks: number[][] = [];
  for (let i = 0; i + r.block <= r.caseMs.length; i += r.block) blocks.push(r.caseMs.slice(i, i + r.block));
  const label = `${r.cases} 件`;
  const from = `第 ${soakPlan(total).warmup} 件起，最小二乘`;
  return [
    {
      name: `浸泡 ${label}：每分钟办件 cases/min（每 ${r.block} 件）`,
      samples: r.blockMinutes.map((m) => r.block / m),
      unit: '件/分',
      limit: 60,
      limitKind: '预算 budget（下限）',
      better: 'higher',
    },
    { name: `浸泡 ${label}：单件 p95（每 ${r.block} 件）`, samples: blocks.map((b) => percentile(b, 95)), unit: 'ms', limit: 2000, limitKind: '预算 budget' },
    {
      name: `浸泡 ${label}：进程常驻内存增长/百件（GC 后，${from}）`,
      samples: [growthPer100(r.memory, (m) => m.anonKb)],
      unit: 'KB',
      limit: 512,
      limitKind: '目标 target',
    },
    {
      name: `浸泡 ${label}：JS 堆+外部内存增长/百件（GC 后，${from}）`,
      samples: [growthPer100(r.memory, (m) => m.jsKb)],
      unit: 'KB',
      limit: 512,
      limitKind: '目标 target',
    },
    {
      name: `浸泡 ${label}：结束时文件描述符（上限 = 第 1 件后）`,
      samples: [r.fds.end],
      unit: '个',
      limit: r.fds.afterFirst,
      limitKind: '目标 target',
    },
    {
      name: `浸泡 ${label}：结束时子进程（不含 Chromium 工具进程；上限 = 第 1 件后）`,
      samples: [r.children.end],
      unit: '个',
      limit: r.children.afterFirst,
      limitKind: '目标 target',
    },
  ];
}

if (require.main === module) printRowsOf(() => soakBenchRows());
