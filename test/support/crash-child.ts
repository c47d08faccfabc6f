/**
 * The child process of a crash test: a script run by node itself with tsx's
 * loader (not the tsx CLI: the CLI runs node as a child, and SIGKILL would
 * not reach it), its temp folder (tsx's compile cache) in a folder of the
 * test's, killed with SIGKILL the moment its output says it reached the
 * point under test — nothing after that point has had a chance to run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { tempDir } from './temp-dir';
import { until } from './until';

const root = join(__dirname, '..', '..');
const running = new Set<ChildProcess>();

/** For afterEach: a child a failed test left running is killed. */
export function killCrashChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Runs `script` (relative to the repository) with `args` until its stdout contains `reached`, then kills it; its stdout. */
export async function runUntilKilled(script: string, args: string[], reached: string, label: string, timeoutMs = 30_000): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, TMPDIR: tempDir('counter-crashchild-tmp-') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  let gone = false;
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => {
      gone = true;
      resolve(signal);
    }),
  );
  await until(() => out.includes(reached) || gone, { timeoutMs, label });
  expect(gone, `${script} ended before: ${label}`).toBe(false);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  running.delete(child);
  return out;
}
