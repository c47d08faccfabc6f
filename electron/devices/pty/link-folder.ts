/**
 * The temporary folder holding a pty pair's two links, made fresh for each
 * launch and marked as ours: the pid of the process that made it is in its
 * name (`reader-pty-<pid>-XXXXXX`) and its `owner` file says which process
 * that was (pid + start time), so that after a crash the next start can tell
 * a folder whose owner is gone from one in use by another running counter,
 * test or simulator.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfIdentity, type ProcessIdentity } from './proc';

const OWNER_FILE = 'owner';

/** `<name>-pty-<pid>-XXXXXX`, as made by createLinkFolder. */
const OWNED_FOLDER = /^([a-z][a-z0-9]*)-pty-(\d+)-[A-Za-z0-9]{6}$/;
/** `reader-pty-XXXXXX` / `evaluator-pty-XXXXXX`, as made before folders carried their owner. */
const LEGACY_FOLDER = /^(reader|evaluator)-pty-[A-Za-z0-9]{6}$/;

export type LinkFolderName = { kind: 'owned'; pid: number } | { kind: 'legacy' };

/** What a folder name in the temp directory says about it, or null when it is not a link folder of ours. */
export function parseLinkFolderName(name: string): LinkFolderName | null {
  const owned = OWNED_FOLDER.exec(name);
  if (owned) return { kind: 'owned', pid: Number(owned[2]) };
  return LEGACY_FOLDER.test(name) ? { kind: 'legacy' } : null;
}

export function createLinkFolder(name: string, parent = tmpdir()): string {
  const dir = mkdtempSync(join(parent, `${name}-pty-${process.pid}-`));
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify(selfIdentity()));
  return dir;
}

/** The process that made `dir`: from its owner file, else (made but not yet marked) from its name. */
export function linkFolderOwner(dir: string, name: LinkFolderName & { kind: 'owned' }): ProcessIdentity {
  try {
    const owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Partial<ProcessIdentity>;
    if (owner.pid === name.pid) return { pid: name.pid, startTime: typeof owner.startTime === 'string' ? owner.startTime : null };
  } catch {
    // no owner file yet (or a torn one): the pid in the name still says who made it
  }
  return { pid: name.pid, startTime: null };
}

export function removeLinkFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
