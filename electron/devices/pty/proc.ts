/**
 * What the pty plumbing needs to know about processes, read from Linux's
 * /proc: who a process is (pid + start time, so a reused pid is not taken
 * for the old process), whether it still runs (a zombie does not), whose it
 * is, its command line and the files it holds open. Elsewhere (macOS) only
 * "is this pid alive" is answered, by signal 0; the scans return nothing.
 */
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';

export const procAvailable = ((): boolean => {
  try {
    return statSync('/proc/self/stat').isFile();
  } catch {
    return false;
  }
})();

/** A process as it can be recognised later: the pid and, where /proc tells it, its start time (clock ticks since boot). */
export interface ProcessIdentity {
  pid: number;
  startTime: string | null;
}

interface ProcStat {
  state: string;
  ppid: number;
  startTime: string;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // "pid (comm) state ppid … starttime …": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state, ppid] = fields;
  const startTime = fields[19];
  if (!state || !ppid || !startTime) return null;
  return { state, ppid: Number(ppid), startTime };
}

export function selfIdentity(): ProcessIdentity {
  return { pid: process.pid, startTime: procAvailable ? (readStat(process.pid)?.startTime ?? null) : null };
}

/** Whether `pid` runs and is not a zombie (a zombie has already closed every file it held). */
export function processRunning(pid: number): boolean {
  if (procAvailable) {
    const stat = readStat(pid);
    return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process `identity` names still runs: same pid and, where known, same start time. */
export function identityAlive(identity: ProcessIdentity): boolean {
  if (!processRunning(identity.pid)) return false;
  if (!procAvailable || identity.startTime === null) return true;
  return readStat(identity.pid)?.startTime === identity.startTime;
}

export interface ProcessEntry {
  pid: number;
  ppid: number;
  uid: number;
  argv: string[];
}

/** Every running process /proc shows (none elsewhere), with its parent, owner and command line. */
export function listProcesses(): ProcessEntry[] {
  if (!procAvailable) return [];
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    try {
      const stat = readStat(pid);
      if (!stat || stat.state === 'Z') continue;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
      entries.push({ pid, ppid: stat.ppid, uid: statSync(`/proc/${pid}`).uid, argv });
    } catch {
      // gone while we looked
    }
  }
  return entries;
}

/** The short name of `pid` (comm), or '' when it is gone. */
export function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * Whether `pid` holds `path` open. Where /proc cannot tell (macOS), true when
 * the process runs: the caller's other checks stand alone there.
 */
export function holdsOpen(pid: number, path: string): boolean {
  if (!procAvailable) return processRunning(pid);
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });
}
