/**
 * Starts a helper (socat) that cannot outlive this process, even when this
 * process is killed with SIGKILL and has no chance to clean up.
 *
 * On Linux the helper is started through util-linux's `setpriv --pdeathsig
 * SIGKILL`: the kernel kills it the moment its parent goes. What that
 * relies on:
 * - the death signal fires when the parent *thread* that forked it ends, not
 *   the process: Node forks from the thread that calls spawn, so spawn this
 *   from the main thread (a worker thread that ends would take the helper
 *   with it);
 * - it survives exec, except of a set-user-ID or capability binary (socat is
 *   neither);
 * - a parent killed between the fork and setpriv's prctl leaves the helper
 *   running: the start-up sweep (leftovers.ts) removes that one.
 *
 * Where setpriv (or its --pdeathsig, util-linux ≥ 2.33) is missing, a
 * watchdog shell holds a pipe from us: when we die the kernel closes our end,
 * its `read` ends and it kills the helper — no polling, no pid to reuse.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { Socket } from 'node:net';

export type ParentTie = 'pdeathsig' | 'watchdog';

export interface TiedProcess {
  child: ChildProcess;
  tie: ParentTie;
  /** Ends the watchdog (if any) once the helper is gone on purpose. */
  release(): void;
}

let pdeathsigWorks: boolean | undefined;

/** Whether `setpriv --pdeathsig` runs here (checked once: a real run, not the help text). */
export function pdeathsigAvailable(): boolean {
  if (pdeathsigWorks === undefined) {
    const result = process.platform === 'linux' ? spawnSync('setpriv', ['--pdeathsig', 'KILL', 'true'], { stdio: 'ignore' }) : null;
    pdeathsigWorks = result !== null && !result.error && result.status === 0;
  }
  return pdeathsigWorks;
}

export function spawnTiedToParent(
  command: string,
  args: string[],
  options: SpawnOptions,
  tie: ParentTie = pdeathsigAvailable() ? 'pdeathsig' : 'watchdog',
): TiedProcess {
  if (tie === 'pdeathsig') {
    const child = spawn('setpriv', ['--pdeathsig', 'KILL', '--', command, ...args], options);
    return { child, tie, release: () => {} };
  }
  const child = spawn(command, args, options);
  if (child.pid === undefined) return { child, tie, release: () => {} };
  const watchdog = spawn('sh', ['-c', 'read _ignored; kill -KILL "$1" 2>/dev/null', 'pty-watchdog', String(child.pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.on('error', () => {});
  watchdog.stdin!.on('error', () => {});
  // Our end of the pipe stays open, unwritten, for as long as we live; it must not keep us alive.
  watchdog.unref();
  (watchdog.stdin as Socket).unref();
  return {
    child,
    tie,
    // Kill it rather than close the pipe: closing would make it kill a pid that may belong to someone else by then.
    release: () => void watchdog.kill('SIGKILL'),
  };
}
