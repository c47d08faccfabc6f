/**
 * Global setup of the whole vitest run: every test removes what it creates,
 * checked. The run gets a temp folder of its own — TMPDIR, inherited by the
 * test workers and by everything they start (the services, Chromium, socat) —
 * and whatever is still in it at the end fails the run, by name.
 *
 * A folder of its own rather than a before/after listing of /tmp: other
 * programs on the machine (an editor, another test run) create entries in
 * /tmp meanwhile, and those would be blamed on the tests.
 *
 * vitest only logs an error thrown from a global teardown and still exits 0,
 * so the teardown also sets the exit code, and writes the names to the file
 * named by COUNTER_TEST_LEFTOVERS (scripts/test.ts counts it as a failure).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Entries the tests do not own; everything else found so far was a test's or
 * the product's to remove, and was fixed there.
 */
const NOT_OURS: RegExp[] = [
  // tsx's compile cache (`tsx-<uid>`), made by the IT commands the CLI tests run through
  // `npm run`: kept by tsx on purpose between runs and shared by every tsx process of the user.
  /^tsx-\w+$/,
];

export default function setup(): () => void {
  const outer = process.env.TMPDIR;
  const runDir = mkdtempSync(join(tmpdir(), 'counter-test-run-'));
  // The services' field key (electron/services/privacy) goes to a folder of the run, not the user's
  // configuration folder; outside runDir (it is no test's leftover) and removed with it.
  const outerKeyDir = process.env.COUNTER_KEY_DIR;
  const keyDir = mkdtempSync(join(tmpdir(), 'counter-test-keys-'));
  process.env.COUNTER_KEY_DIR = keyDir;
  process.env.TMPDIR = runDir;
  return () => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    if (outerKeyDir === undefined) delete process.env.COUNTER_KEY_DIR;
    else process.env.COUNTER_KEY_DIR = outerKeyDir;
    rmSync(keyDir, { recursive: true, force: true, maxRetries: 3 });
    const left = readdirSync(runDir).filter((name) => !NOT_OURS.some((pattern) => pattern.test(name)));
    // The run's folder goes either way: a failing run must not pile up entries either.
    rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
    if (left.length === 0) return;
    const report = process.env.COUNTER_TEST_LEFTOVERS;
    if (report) writeFileSync(report, JSON.stringify(left.sort(), null, 2));
    process.exitCode = 1;
    throw new Error(
      `测试运行结束后临时目录里仍有 ${left.length} 项（每个测试必须删除它创建的文件夹；用 test/support/temp-dir.ts 的 tempDir）：\n` +
        left.sort().map((name) => `  ${name}`).join('\n'),
    );
  };
}
