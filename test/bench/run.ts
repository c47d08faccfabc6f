/**
 * `npm run bench`: performance figures, one table. Each row is the median of
 * several runs on this machine, with min and max, against a budget where the
 * issue names no physical limit (the budget is then ours and says so).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCounterServices } from '../../electron/services/app/counter-services';
import { startWebShell } from '../../electron/web/server';
import { launchChromium, RENDERER_DIR } from '../e2e/chromium';
import { openServiceDay } from '../integration/web-shell-harness';
import { withClerk } from '../integration/clerk-fixture';
import { caseBenchRows } from './cases';
import { privacyBenchRows } from './privacy';
import { evaluationBenchRows } from './evaluation';
import { idcardBenchRows } from './idcard';
import { soakBenchRows } from './soak';
import { signatureBenchRows } from './signature';
import { cameraBenchRows } from './camera';
import { benchTable, type BenchRow } from './table';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const quiet = () => {};
async function serviceStartup(fresh: boolean): Promise<number[]> {
  const samples: number[] = [];
  const dirs: string[] = [];
  const newDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'counter-bench-'));
    dirs.push(dir);
    return dir;
  };
  try {
    const shared = fresh ? null : newDir();
    if (shared) await (await startCounterServices({ shell: 'web', dataDir: shared, log: quiet })).close();
    for (let i = 0; i < RUNS; i++) {
      const dataDir = shared ?? newDir();
      const started = performance.now();
      const services = await startCounterServices({ shell: 'web', dataDir, log: quiet });
      samples.push(performance.now() - started);
      await services.close();
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return samples;
}

/** A whole process: `node out/main/web.js` until it prints its address (module loading included). */
async function webShellColdStart(): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-'));
    const started = performance.now();
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'out', 'main', 'web.js'), '--no-browser'], {
      env: { ...process.env, COUNTER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('http://127.0.0.1:')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`web shell exited with ${code} before listening`)));
    });
    samples.push(performance.now() - started);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return samples;
}

/** From navigation to the clerk screen drawn from a live snapshot with its main action usable. */
async function rendererTimeToInteractive(): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counter-bench-'));
  // Sign-in takes a PIN: the test clerk's account (test/integration/clerk-fixture.ts).
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(await withClerk()));
  const services = await startCounterServices({ shell: 'web', dataDir, log: quiet });
  // The clerk signed in and opened the window, as at any moment of the day after the first.
  await openServiceDay(services);
  const shell = await startWebShell({ services, rendererDir: RENDERER_DIR, log: quiet });
  const browser = await launchChromium();
  const samples: number[] = [];
  try {
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      const started = performance.now();
      // Each run is a fresh browser: a fresh one-time launch address.
      await page.goto(shell.mintUrl('clerk'));
      await page.locator('[data-testid="device-chip-idcard"][data-state="simulated"]').waitFor();
      await page.locator('[data-testid="simulate-card"]:enabled').waitFor();
      const elapsed = performance.now() - started;
      if (i > 0) samples.push(elapsed); // the first run warms Chromium's caches
      await context.close();
    }
  } finally {
    await browser.close();
    await shell.close();
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return samples;
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [
    { name: '服务启动（新数据目录） service start, fresh', samples: await serviceStartup(true), unit: 'ms', limit: 1000, limitKind: '预算 budget' },
    { name: '服务启动（已有数据） service start, existing', samples: await serviceStartup(false), unit: 'ms', limit: 1000, limitKind: '预算 budget' },
    { name: '网页外壳冷启动 web shell cold start', samples: await webShellColdStart(), unit: 'ms', limit: 3000, limitKind: '预算 budget' },
    { name: '界面可交互 renderer time-to-interactive', samples: await rendererTimeToInteractive(), unit: 'ms', limit: 2000, limitKind: '预算 budget' },
    ...(await idcardBenchRows(RUNS)),
    ...(await caseBenchRows(RUNS)),
    ...(await privacyBenchRows(RUNS)),
    ...(await evaluationBenchRows(RUNS)),
    ...(await signatureBenchRows(RUNS)),
    ...(await cameraBenchRows(RUNS)),
    // Last: a whole process through 1,000 cases (SOAK_CASES=200 for a quick look).
    ...(await soakBenchRows()),
  ];
  process.stdout.write(`\n窗口受理终端 benchmark — ${RUNS} runs each, ${new Date().toISOString()}\n\n${benchTable(rows)}\n`);
}

// The services' field key (electron/services/privacy) in a folder of the run, inherited by the soak's shell, not the
// user's configuration folder; removed at the end.
const keyDir = process.env.COUNTER_KEY_DIR ? null : mkdtempSync(join(tmpdir(), 'counter-bench-keys-'));
if (keyDir) process.env.COUNTER_KEY_DIR = keyDir;
main()
  .catch((error: unknown) => {
    process.stderr.write(`基准测试失败：${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
    if (process.exitCode === 1) process.exit(1);
  });
