import { chmod, lstat, opendir } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders of the data directory: the owner alone may list and enter them. */
export const PRIVATE_DIR_MODE = 0o700;
/** Files of the data directory: the owner alone may read and write them. */
export const PRIVATE_FILE_MODE = 0o600;
/** Bits that let the group or any other local account in. */
const GROUP_OTHER = 0o077;

export interface ModeChange {
  path: string;
  from: number;
  to: number;
}

export interface ModeProblem {
  path: string;
  mode: number;
  /** The account that owns the entry when it is not ours (the usual reason chmod is refused). */
  ownerUid: number | null;
  /** The system's words (EPERM, EROFS …), for the log. */
  error: string;
}

export interface PermissionReport {
  fixed: ModeChange[];
  unfixable: ModeProblem[];
  /** Symbolic links met in the walk: neither followed nor changed, the data directory's own files only. */
  symlinks: string[];
  /** The walk was stopped (the services closed) before it finished. */
  stopped: boolean;
}

export interface WalkOptions {
  /** Asked before each entry: true stops the walk (the counter is closing). */
  stop?: () => boolean;
  /** Our uid (tests pass another); default process.getuid(). */
  uid?: number;
  /** Changes a mode (tests pass one that refuses, as the kernel does for another account's file). */
  chmod?: (path: string, mode: number) => Promise<void>;
}

/** 0o644 → "0644" (as IT reads it in `ls -l` terms). */
export function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/**
 * Walks the data directory (itself included) and takes group and other
 * accounts' access away: folders to 0700, files to 0600. Entries already
 * private (even stricter, e.g. 0400) are left as they are. Symbolic links
 * are never followed and never changed — a link in the data directory must
 * not let the counter chmod a file elsewhere. A mode the counter cannot
 * change (another account owns the entry, a read-only disk) is reported,
 * not thrown; an entry that vanished meanwhile (a temporary file) is
 * skipped. Asynchronous, one entry at a time: a large archive does not
 * stall the event loop.
 *
 * POSIX only; Windows uses an ACL (windows-acl.ts).
 */
export async function makeDataDirPrivate(dataDir: string, options: WalkOptions = {}): Promise<PermissionReport> {
  const report: PermissionReport = { fixed: [], unfixable: [], symlinks: [], stopped: false };
  const uid = options.uid ?? process.getuid?.() ?? -1;
  const changeMode = options.chmod ?? chmod;
  const pending: string[] = [dataDir];
  while (pending.length > 0) {
    if (options.stop?.()) {
      report.stopped = true;
      break;
    }
    const path = pending.pop()!;
    const stat = await lstatOrNull(path);
    if (!stat) continue;
    if (stat.isSymbolicLink()) {
      report.symlinks.push(path);
      continue;
    }
    const isDir = stat.isDirectory();
    // Sockets, FIFOs and devices are left alone: the counter makes none in its data directory.
    if (!isDir && !stat.isFile()) continue;
    if ((stat.mode & GROUP_OTHER) !== 0) {
      const to = isDir ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
      try {
        await changeMode(path, to);
        report.fixed.push({ path, from: stat.mode & 0o777, to });
      } catch (error) {
        if (codeOf(error) !== 'ENOENT') {
          report.unfixable.push({ path, mode: stat.mode & 0o777, ownerUid: stat.uid !== uid ? stat.uid : null, error: describe(error) });
        }
      }
    }
    if (isDir) {
      for (const name of await listOrEmpty(path, report)) pending.push(join(path, name));
    }
  }
  return report;
}

async function lstatOrNull(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  }
}

/** The names in a folder; a folder we may not read is reported (its contents cannot be checked), one that vanished is empty. */
async function listOrEmpty(path: string, report: PermissionReport): Promise<string[]> {
  const names: string[] = [];
  try {
    const dir = await opendir(path);
    for await (const entry of dir) names.push(entry.name);
  } catch (error) {
    const code = codeOf(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      report.unfixable.push({ path, mode: -1, ownerUid: null, error: describe(error) });
    }
  }
  return names;
}

function codeOf(error: unknown): string {
  return typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
