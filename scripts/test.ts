/**
 * `npm test`: every check and every test suite, in order, then one line
 * `N passed, N failed, N skipped` adding them all up, so a run that executed
 * nothing is visible. Each check (typecheck, lint, build, electronegativity, package:check)
 * counts as one; vitest's tests count one each. Exits non-zero on any failure.
 *
 * First of all the system packages the tests need (Chromium, socat, poppler…):
 * installed now when root with apt-get, otherwise the run stops here with the
 * command to run (scripts/system-preflight.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { systemPreflight } from './system-preflight';

const root = join(__dirname, '..');
const results = join(root, 'test-results');
const vitestJson = join(results, 'vitest.json');
// Written by test/support/no-temp-leftovers.ts when the tests left entries in their temp folder.
const tempLeftovers = join(results, 'temp-leftovers.json');
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

function check(name: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n▶ ${name}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const ok = run.status === 0;
  process.stdout.write(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return ok;
}

if (systemPreflight({ env: process.env }) !== 0) {
  process.stdout.write('\n0 passed, 1 failed, 0 skipped\n');
  process.exit(1);
}
passed++; // the system packages: one check

check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint', 'npx', ['eslint', '.']);
const built = check('build', 'npx', ['electron-vite', 'build']);
check('electronegativity', 'node', ['scripts/electronegativity-gate.mjs']);
// What the installers would contain, checked without an Electron binary (needs the build above).
check('package:check', 'npx', ['tsx', 'scripts/package-check.ts']);

rmSync(vitestJson, { force: true });
rmSync(tempLeftovers, { force: true });
const failedBeforeVitest = failed;
process.stdout.write('\n▶ vitest (unit, renderer, integration, e2e)\n');
if (!built) process.stdout.write('构建失败：端到端测试将针对旧的构建产物或失败。\n');
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, COUNTER_TEST_LEFTOVERS: tempLeftovers },
});

if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
    testResults: { name: string; status: string; assertionResults: { status: string; fullName: string }[] }[];
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A file that fails to load has no test results but must still fail the run.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed'));
  for (const file of brokenFiles) {
    failed++;
    failures.push(`${file.name} (无法加载)`);
  }
  for (const file of report.testResults)
    for (const test of file.assertionResults) if (test.status === 'failed') failures.push(test.fullName);
} else {
  failed++;
  failures.push('vitest 没有写出报告');
}
// Found after the report is written (global teardown): counted here.
if (existsSync(tempLeftovers)) {
  const left = JSON.parse(readFileSync(tempLeftovers, 'utf8')) as string[];
  failed++;
  failures.push(`测试在临时目录里留下了 ${left.length} 项：${left.slice(0, 20).join('、')}${left.length > 20 ? '…' : ''}`);
} else if (vitest.status !== 0 && failed === failedBeforeVitest) {
  // e.g. an unhandled error outside any test: vitest fails the run but the report counts no failed test.
  failed++;
  failures.push(`vitest 以状态 ${String(vitest.status ?? vitest.signal)} 退出（见上方输出）`);
}

if (failures.length) process.stdout.write(`\n失败：\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
