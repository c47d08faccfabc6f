import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir';
import { until } from '../../../test/support/until';
import { removePtyLeftovers } from './leftovers';
import { createLinkFolder, parseLinkFolderName } from './link-folder';
import { processRunning, selfIdentity } from './proc';

const socats: number[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const pid of socats.splice(0)) if (processRunning(pid)) process.kill(pid, 'SIGKILL');
});

/** A socat serving two links in `folder`, as the pair starts it; `orphan` hands it to init (its parent exits). */
async function socatIn(folder: string, orphan = false): Promise<number> {
  const args = [`pty,raw,echo=0,link=${folder}/reader`, `pty,raw,echo=0,link=${folder}/reader-device`];
  let pid: number;
  if (orphan) {
    const shell = spawnSync('sh', ['-c', 'socat "$@" >/dev/null 2>&1 & echo $!', 'sh', ...args], { encoding: 'utf8' });
    pid = Number(shell.stdout.trim());
  } else {
    const child = spawn('socat', args, { stdio: 'ignore' });
    children.push(child);
    pid = child.pid!;
  }
  socats.push(pid);
  await until(() => existsSync(join(folder, 'reader')), { label: `socat links in ${folder}` });
  return pid;
}

/** The pid of a process that has ended. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

function ownedFolder(tmp: string, pid: number, startTime: string | null): string {
  const folder = mkdtempSync(join(tmp, `reader-pty-${pid}-`));
  writeFileSync(join(folder, 'owner'), JSON.stringify({ pid, startTime }));
  return folder;
}

describe('link folder names', () => {
  it('knows its own folders, with their owner, and the ones made before they named it', () => {
    expect(parseLinkFolderName('reader-pty-123-aB3dE9')).toEqual({ kind: 'owned', pid: 123 });
    expect(parseLinkFolderName('evaluator-pty-aB3dE9')).toEqual({ kind: 'legacy' });
    expect(parseLinkFolderName('counter-web-aB3dE9')).toBeNull();
    expect(parseLinkFolderName('reader-pty-aB3dE9x')).toBeNull();
    expect(basename(createLinkFolder('reader', tempDir('pty-name-')))).toMatch(new RegExp(`^reader-pty-${process.pid}-[A-Za-z0-9]{6}$`));
  });
});

describe('removePtyLeftovers', () => {
  it('kills the socat of a folder whose owner is dead and removes the folder', async () => {
    const tmp = tempDir('pty-sweep-');
    const folder = ownedFolder(tmp, deadPid(), '1');
    const socat = await socatIn(folder);
    const removed = removePtyLeftovers(tmp);
    expect(removed).toEqual({ folders: [folder], processes: [socat] });
    expect(existsSync(folder)).toBe(false);
    await until(() => !processRunning(socat), { label: 'socat killed' });
  });

  it('takes a pid now used by another process for what it is: the owner that made the folder is gone', () => {
    const tmp = tempDir('pty-sweep-');
    const reused = ownedFolder(tmp, process.pid, 'not-our-start-time');
    expect(removePtyLeftovers(tmp).folders).toEqual([reused]);
  });

  it('leaves a folder whose owner runs, and its socat, alone', async () => {
    const tmp = tempDir('pty-sweep-');
    const mine = createLinkFolder('reader', tmp);
    const unmarked = mkdtempSync(join(tmp, `evaluator-pty-${process.pid}-`)); // made, owner file not written yet
    const socat = await socatIn(mine);
    expect(selfIdentity().startTime).not.toBeNull();
    expect(removePtyLeftovers(tmp)).toEqual({ folders: [], processes: [] });
    expect(existsSync(mine) && existsSync(unmarked)).toBe(true);
    expect(processRunning(socat)).toBe(true);
  });

  it('older folders (no owner in the name): removed when no socat serves them or only an orphaned one does', async () => {
    const tmp = tempDir('pty-sweep-');
    const empty = mkdtempSync(join(tmp, 'reader-pty-'));
    const orphaned = mkdtempSync(join(tmp, 'evaluator-pty-'));
    const served = mkdtempSync(join(tmp, 'reader-pty-'));
    const orphan = await socatIn(orphaned, true);
    const child = await socatIn(served);
    const removed = removePtyLeftovers(tmp);
    expect(removed.folders.sort()).toEqual([empty, orphaned].sort());
    expect(removed.processes).toEqual([orphan]);
    expect(existsSync(served)).toBe(true);
    await until(() => !processRunning(orphan), { label: 'orphaned socat killed' });
    expect(processRunning(child)).toBe(true);
  });

  it('touches nothing outside its naming or its temp folder', async () => {
    const tmp = tempDir('pty-sweep-');
    mkdirSync(join(tmp, 'counter-web-abcdef'));
    mkdirSync(join(tmp, 'reader-pty-notes'));
    // A dead owner's folder elsewhere: another temp folder's business.
    const elsewhere = ownedFolder(tempDir('pty-elsewhere-'), deadPid(), '1');
    const socat = await socatIn(elsewhere);
    expect(removePtyLeftovers(tmp)).toEqual({ folders: [], processes: [] });
    expect(processRunning(socat)).toBe(true);
  });
});
