/**
 * What a crashed counter (or test, or simulator) left of its pty pairs: link
 * folders in the temp directory whose owner is gone, and socat processes
 * still serving links in them. Run before the first pair of a process
 * starts; removes both, so a stale link can never be followed and no socat
 * runs forever.
 *
 * Only ours is touched: folders of our naming (link-folder.ts) owned by this
 * user, and socat processes of this user whose command line puts a link in
 * such a folder (/proc/<pid>/cmdline). A folder whose owner still runs — a
 * second counter, a test worker, a simulator process — is left alone.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { linkFolderOwner, parseLinkFolderName, removeLinkFolder, type LinkFolderName } from './link-folder';
import { identityAlive, listProcesses, processName, type ProcessEntry } from './proc';

export interface LeftoversRemoved {
  /** Link folders removed. */
  folders: string[];
  /** socat processes killed. */
  processes: number[];
}

/** The link folders (in `tmp`) a pty helper's command line serves links in. */
function linkFoldersOf(entry: ProcessEntry, tmp: string): string[] {
  const program = basename(entry.argv[0] ?? '');
  // setpriv is socat for the instant before it execs it.
  if (program !== 'socat' && program !== 'setpriv') return [];
  const folders = new Set<string>();
  for (const arg of entry.argv) {
    for (const option of arg.split(',')) {
      if (!option.startsWith('link=')) continue;
      const folder = dirname(option.slice('link='.length));
      if (dirname(folder) === tmp && parseLinkFolderName(basename(folder))) folders.add(folder);
    }
  }
  return [...folders];
}

/**
 * A folder made before folders named their owner has only its socat to go
 * by: it is abandoned when no socat serves it, or when each one that does
 * was orphaned (handed to init or to systemd's user manager when its parent
 * died).
 */
function orphaned(entry: ProcessEntry): boolean {
  return entry.ppid <= 1 || ['systemd', 'init'].includes(processName(entry.ppid));
}

export function removePtyLeftovers(tmp = tmpdir()): LeftoversRemoved {
  const uid = process.getuid?.();
  const helpers = listProcesses()
    .filter((p) => uid === undefined || p.uid === uid)
    .map((p) => ({ entry: p, folders: linkFoldersOf(p, tmp) }))
    .filter((h) => h.folders.length > 0);

  const verdicts = new Map<string, boolean>();
  const abandoned = (folder: string, name: LinkFolderName): boolean => {
    let verdict = verdicts.get(folder);
    if (verdict === undefined) {
      verdict =
        name.kind === 'owned'
          ? !identityAlive(linkFolderOwner(folder, name))
          : helpers.filter((h) => h.folders.includes(folder)).every((h) => orphaned(h.entry));
      verdicts.set(folder, verdict);
    }
    return verdict;
  };

  const removed: LeftoversRemoved = { folders: [], processes: [] };
  for (const helper of helpers) {
    const dead = helper.folders.some((folder) => abandoned(folder, parseLinkFolderName(basename(folder))!));
    if (!dead) continue;
    try {
      process.kill(helper.entry.pid, 'SIGKILL');
      removed.processes.push(helper.entry.pid);
    } catch {
      // already gone
    }
  }

  let names: string[];
  try {
    names = readdirSync(tmp);
  } catch {
    return removed;
  }
  for (const name of names) {
    const parsed = parseLinkFolderName(name);
    if (!parsed) continue;
    const folder = join(tmp, name);
    try {
      const stat = lstatSync(folder);
      if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) continue;
    } catch {
      continue;
    }
    if (!abandoned(folder, parsed)) continue;
    removeLinkFolder(folder);
    removed.folders.push(folder);
  }
  return removed;
}

let swept = false;

/**
 * The sweep, once per process (the first pair to start runs it). Returns what
 * it removed to that first caller, to log; null to every later one.
 */
export function removePtyLeftoversOnce(): LeftoversRemoved | null {
  if (swept) return null;
  swept = true;
  try {
    return removePtyLeftovers();
  } catch {
    // The sweep is housekeeping: a pair still starts without it, and its own links are made fresh.
    return null;
  }
}
