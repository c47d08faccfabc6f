import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { strings } from '../../../shared/i18n';
import { tempDir } from '../../../test/support/temp-dir';
import { makeDataDirPrivate } from './data-dir-permissions';
import { checkDataDirPermissions } from './startup-check';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** A data directory as an older counter left it: folders 0755, files 0644 (any local account reads them). */
function worldReadableDataDir(): string {
  const dir = join(tempDir('counter-perms-'), 'data');
  mkdirSync(join(dir, 'archive', '2026', '09', '08-20260925-0001'), { recursive: true });
  mkdirSync(join(dir, 'logs'));
  for (const file of ['config.json', 'counter.sqlite', 'counter.sqlite-wal', 'logs/2026-09-25.log', 'archive/2026/09/08-20260925-0001/acceptance.pdf']) {
    writeFileSync(join(dir, file), 'x');
  }
  for (const folder of ['', 'archive', 'archive/2026', 'archive/2026/09', 'archive/2026/09/08-20260925-0001', 'logs']) chmodSync(join(dir, folder), 0o755);
  for (const file of ['config.json', 'counter.sqlite', 'counter.sqlite-wal', 'logs/2026-09-25.log', 'archive/2026/09/08-20260925-0001/acceptance.pdf']) {
    chmodSync(join(dir, file), 0o644);
  }
  return dir;
}

/**
 * A file whose mode even root cannot change (the immutable attribute): the
 * real EPERM a counter meets on a file another account owns. Needs
 * CAP_LINUX_IMMUTABLE on an ext4/xfs/btrfs disk; the attribute is cleared
 * when the test ends, before its folder is removed.
 */
function makeImmutable(path: string): boolean {
  const set = spawnSync('chattr', ['+i', path], { encoding: 'utf8' });
  if (set.status !== 0) return false;
  immutable.push(path);
  return true;
}
const immutable: string[] = [];
// afterEach runs before the test's temp folders are removed (test/support/temp-dir.ts).
afterEach(() => {
  for (const path of immutable.splice(0)) spawnSync('chattr', ['-i', path]);
});
const canMakeImmutable = (() => {
  if (process.platform !== 'linux') return false;
  const probe = join(tempDir('counter-perms-probe-'), 'probe');
  writeFileSync(probe, '');
  const ok = spawnSync('chattr', ['+i', probe]).status === 0;
  if (ok) spawnSync('chattr', ['-i', probe]);
  return ok;
})();

describe.runIf(process.platform !== 'win32')('the data directory made private at start (POSIX)', () => {
  it('turns 0755 folders and 0644 files into 0700 and 0600, and logs each change in Chinese', async () => {
    const dir = worldReadableDataDir();
    const logs: string[] = [];
    expect(await checkDataDirPermissions({ dataDir: dir, log: (l) => logs.push(l) })).toBeNull();

    for (const folder of ['', 'archive', 'archive/2026/09/08-20260925-0001', 'logs']) expect(modeOf(join(dir, folder))).toBe(0o700);
    for (const file of ['config.json', 'counter.sqlite', 'counter.sqlite-wal', 'logs/2026-09-25.log', 'archive/2026/09/08-20260925-0001/acceptance.pdf']) {
      expect(modeOf(join(dir, file))).toBe(0o600);
    }
    expect(logs).toContain(strings.dataProtection.permissions.log.fixed('config.json', '0644', '0600'));
    expect(logs).toContain(strings.dataProtection.permissions.log.fixed('.', '0755', '0700'));
    // A second start finds nothing to change.
    const again = await makeDataDirPrivate(dir);
    expect(again).toMatchObject({ fixed: [], unfixable: [] });
  });

  it('leaves a stricter mode alone (0400 stays 0400)', async () => {
    const dir = worldReadableDataDir();
    chmodSync(join(dir, 'config.json'), 0o400);
    await makeDataDirPrivate(dir);
    expect(modeOf(join(dir, 'config.json'))).toBe(0o400);
  });

  it('never follows a symbolic link out of the data directory, neither to a file nor into a folder', async () => {
    const dir = worldReadableDataDir();
    const outside = tempDir('counter-perms-outside-');
    chmodSync(outside, 0o755);
    writeFileSync(join(outside, 'elsewhere.txt'), 'not ours');
    chmodSync(join(outside, 'elsewhere.txt'), 0o644);
    symlinkSync(join(outside, 'elsewhere.txt'), join(dir, 'link-to-file'));
    symlinkSync(outside, join(dir, 'link-to-folder'));

    const logs: string[] = [];
    expect(await checkDataDirPermissions({ dataDir: dir, log: (l) => logs.push(l) })).toBeNull();
    expect(modeOf(outside)).toBe(0o755);
    expect(modeOf(join(outside, 'elsewhere.txt'))).toBe(0o644);
    expect(modeOf(join(dir, 'config.json'))).toBe(0o600);
    expect(logs).toContain(strings.dataProtection.permissions.log.symlinkSkipped('link-to-folder'));
  });

  it.runIf(canMakeImmutable)('warns the clerk, naming the file, when a mode cannot be fixed (the system refuses chmod)', async () => {
    const dir = worldReadableDataDir();
    const stuck = join(dir, 'counter.sqlite');
    expect(makeImmutable(stuck)).toBe(true);
    const logs: string[] = [];
    const warning = await checkDataDirPermissions({ dataDir: dir, log: (l) => logs.push(l) });
    expect(warning).toBe(strings.dataProtection.permissions.unfixable(dir, ['counter.sqlite']));
    expect(modeOf(stuck)).toBe(0o644);
    // What it could fix, it fixed.
    expect(modeOf(join(dir, 'config.json'))).toBe(0o600);
    expect(logs.some((l) => l.startsWith('数据目录权限：无法更正 counter.sqlite（当前 0644）'))).toBe(true);
  });

  it('names the owner when the file belongs to another account', async () => {
    const dir = worldReadableDataDir();
    // The counter runs as account 4242 here; every file in the folder is someone else's, and chmod says EPERM as the kernel would.
    const report = await makeDataDirPrivate(dir, { uid: 4242, chmod: async () => Promise.reject(Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' })) });
    expect(report.fixed).toEqual([]);
    expect(report.unfixable.map((p) => p.path)).toContain(join(dir, 'config.json'));
    expect(report.unfixable.find((p) => p.path === join(dir, 'config.json'))).toMatchObject({ mode: 0o644, ownerUid: statSync(dir).uid, error: expect.stringContaining('EPERM') });
    expect(modeOf(join(dir, 'config.json'))).toBe(0o644);
  });

  it('stops walking when the counter closes', async () => {
    const dir = worldReadableDataDir();
    const report = await makeDataDirPrivate(dir, { stop: () => true });
    expect(report.stopped).toBe(true);
    expect(modeOf(join(dir, 'config.json'))).toBe(0o644);
  });
});
