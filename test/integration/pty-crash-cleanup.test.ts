/**
 * Issue 14, finding 4: a crash must leave nothing running. The terminal (the
 * real web shell entry, simulated devices) and the simulator processes are
 * killed with SIGKILL; within 5 s no socat or simulator process whose command
 * line points into their link folders may remain, and the next start removes
 * the folders — and a socat a crash left running.
 *
 * Each test gives the processes it starts a temp folder of its own (TMPDIR):
 * their link folders land there, apart from any other run's, and go with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { strings } from '../../shared/i18n';
import { listProcesses, processRunning } from '../../electron/devices/pty/proc';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';

const root = join(__dirname, '..', '..');
const DEATH_MS = 5000;

interface Started {
  child: ChildProcess;
  pid: number;
  out(): string;
  exited: Promise<void>;
}

const started: Started[] = [];
/** Every process a test started or saw started below its own, killed after it if still running. */
const pids = new Set<number>();

afterEach(() => {
  for (const s of started.splice(0)) s.child.kill('SIGKILL');
  for (const pid of pids) if (processRunning(pid)) process.kill(pid, 'SIGKILL');
  pids.clear();
});

/** `node <args>` in `tmp`, tsx's compile cache off (it would leave a folder in the temp dir). */
function start(args: string[], tmp: string, env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, TMPDIR: tmp, TSX_DISABLE_CACHE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const s: Started = { child, pid: child.pid!, out: () => out, exited };
  started.push(s);
  pids.add(s.pid);
  return s;
}

async function ended(s: Started, signal: NodeJS.Signals): Promise<void> {
  s.child.kill(signal);
  await s.exited;
  started.splice(started.indexOf(s), 1);
}

/** Processes whose command line points into a link folder `owner` made (`<name>-pty-<owner>-XXXXXX`). */
function helpersOf(owner: number) {
  const helpers = listProcesses().filter((p) => p.argv.some((a) => a.includes(`-pty-${owner}-`)));
  for (const h of helpers) pids.add(h.pid);
  return helpers;
}

function linkFoldersOf(owner: number, tmp: string): string[] {
  return readdirSync(tmp)
    .filter((name) => name.includes(`-pty-${owner}-`))
    .map((name) => join(tmp, name));
}

/** Every process below `pid`, recorded for the clean-up. */
function descendantsOf(pid: number): number[] {
  const all = listProcesses();
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = all.filter((p) => frontier.includes(p.ppid)).map((p) => p.pid);
    found.push(...next);
    frontier = next;
  }
  for (const p of found) pids.add(p);
  return found;
}

const running = (list: number[]) => () => JSON.stringify(listProcesses().filter((p) => list.includes(p.pid)));

function startWebShell(dataDir: string, tmp: string): Started {
  // node itself with tsx's loader (not the tsx CLI, which would run node as a child SIGKILL does not reach).
  return start(['--import', 'tsx', 'electron/web/main.ts', '--no-browser'], tmp, { COUNTER_DATA_DIR: dataDir, CI: '1' });
}

async function listening(s: Started): Promise<void> {
  await until(() => s.out().includes('http://127.0.0.1:'), { timeoutMs: 30_000, intervalMs: 50, label: () => `web shell listening: ${s.out()}` });
}

describe('a killed terminal leaves no pty helper running and its next start clears what is left', () => {
  it('web shell: kill -9, socat gone within 5 s; the next start removes the old folders and a stray socat', async () => {
    const tmp = tempDir('pty-crash-tmp-');
    const dataDir = tempDir('counter-pty-crash-');
    const first = startWebShell(dataDir, tmp);
    await listening(first);
    // The simulated reader and evaluator each run a socat with its links in a folder of this process.
    await until(() => helpersOf(first.pid).length >= 2, { timeoutMs: 5000, label: 'two socat for the simulated devices' });
    const helpers = helpersOf(first.pid).map((h) => h.pid);
    const folders = linkFoldersOf(first.pid, tmp);
    expect(folders.length).toBeGreaterThanOrEqual(2);

    await ended(first, 'SIGKILL');
    await until(() => helpersOf(first.pid).length === 0 && helpers.every((pid) => !processRunning(pid)), {
      timeoutMs: DEATH_MS,
      label: running(helpers),
    });
    expect(folders.filter((f) => existsSync(f))).toEqual(folders); // SIGKILL cleans nothing up: the next start's job

    // A socat a crash left running (its parent died before the death signal was armed, or an older version):
    // links in a folder named for the dead shell, its command line saying so.
    const strayFolder = mkdtempSync(join(tmp, `reader-pty-${first.pid}-`));
    const stray = spawn('socat', [`pty,raw,echo=0,link=${strayFolder}/reader`, `pty,raw,echo=0,link=${strayFolder}/reader-device`], { stdio: 'ignore' });
    pids.add(stray.pid!);
    await until(() => existsSync(join(strayFolder, 'reader')), { label: 'stray socat links' });

    const second = startWebShell(dataDir, tmp);
    await listening(second);
    expect(folders.filter((f) => existsSync(f))).toEqual([]);
    expect(existsSync(strayFolder)).toBe(false);
    await until(() => !processRunning(stray.pid!), { label: 'stray socat killed by the start-up sweep' });
    expect(second.out()).toContain(strings.simulatedPorts.leftoversRemoved(1, folders.length + 1));
    await until(() => helpersOf(second.pid).length >= 2, { timeoutMs: 5000, label: 'the second shell runs its own socat' });

    // A clean stop removes its own folders and stops its socat.
    const secondFolders = linkFoldersOf(second.pid, tmp);
    await ended(second, 'SIGTERM');
    await until(() => helpersOf(second.pid).length === 0, { timeoutMs: DEATH_MS, label: 'socat of the stopped shell' });
    expect(secondFolders.filter((f) => existsSync(f))).toEqual([]);
  }, 90_000);

  it.each(['pdeathsig', 'watchdog'] as const)('a pair tied by %s: its socat dies with its killed owner', async (tie) => {
    const owner = start(['--import', 'tsx', 'test/integration/pty-owner-child.ts', tie], tempDir('pty-crash-tmp-'));
    await until(() => /ready \d+ /.test(owner.out()), { timeoutMs: 30_000, intervalMs: 50, label: () => `owner ready: ${owner.out()}` });
    const socatPid = Number(/ready (\d+) /.exec(owner.out())![1]);
    const below = descendantsOf(owner.pid);
    expect(below).toContain(socatPid);
    expect(processRunning(socatPid)).toBe(true);

    await ended(owner, 'SIGKILL');
    await until(() => below.every((pid) => !processRunning(pid)) && helpersOf(owner.pid).length === 0, {
      timeoutMs: DEATH_MS,
      label: running(below),
    });
  }, 60_000);
});

describe('a simulator process never outlives whoever started it', () => {
  const cli = join(root, 'electron/devices/idcard/simulator/cli.ts');

  async function killStarterAndWait(starter: Started): Promise<void> {
    await until(() => /ready (\S+)/.test(starter.out()), { timeoutMs: 30_000, intervalMs: 50, label: () => `simulator ready: ${starter.out()}` });
    const hostPath = /ready (\S+)/.exec(starter.out())![1]!;
    const below = descendantsOf(starter.pid);
    expect(below.length).toBeGreaterThanOrEqual(2); // the simulator (behind tsx's CLI or not) and its socat
    await ended(starter, 'SIGKILL');
    await until(() => below.every((pid) => !processRunning(pid)), { timeoutMs: DEATH_MS, label: running(below) });
    // It left on its own, closing its pair: its link folder went with it.
    await until(() => !existsSync(dirname(hostPath)), { label: 'the simulator removed its link folder' });
  }

  it('started through the tsx CLI with a stdin pipe: the pipe closing with the starter stops it', async () => {
    // tsx's CLI stays between the starter and the simulator: the simulator's parent lives on, only the pipe tells.
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const script = `require('node:child_process').spawn(${JSON.stringify(tsx)}, [${JSON.stringify(cli)}], { stdio: ['pipe', 'inherit', 'inherit'] }); setInterval(() => {}, 60000);`;
    await killStarterAndWait(start(['-e', script], tempDir('pty-crash-tmp-')));
  }, 60_000);

  it('started directly with stdin from /dev/null: losing its parent stops it', async () => {
    const script = `require('node:child_process').spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(cli)}], { stdio: ['ignore', 'inherit', 'inherit'] }); setInterval(() => {}, 60000);`;
    await killStarterAndWait(start(['-e', script], tempDir('pty-crash-tmp-')));
  }, 60_000);
});
