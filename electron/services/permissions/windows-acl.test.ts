import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strings } from '../../../shared/i18n';
import { tempDir } from '../../../test/support/temp-dir';
import { checkDataDirPermissions } from './startup-check';
import { currentWindowsAccount, icaclsCommands } from './windows-acl';

const DIR = 'C:\\Users\\李四\\AppData\\Roaming\\窗口受理终端';

describe('the data directory ACL on Windows (icacls)', () => {
  it('grants full control to this account, SYSTEM and Administrators only, with inheritance off', () => {
    const [grant, remove] = icaclsCommands(DIR, 'COUNTER-PC\\李四', false);
    expect(grant).toEqual([DIR, '/inheritance:r', '/grant:r', 'COUNTER-PC\\李四:(OI)(CI)F', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '/Q']);
    // Explicit grants to the broad groups go too: Everyone, Authenticated Users, Users.
    expect(remove).toEqual([DIR, '/remove:g', '*S-1-1-0', '*S-1-5-11', '*S-1-5-32-545', '/Q']);
  });

  it('resets what is inside to the folder’s ACL, acting on links themselves (/L), never following them out', () => {
    const commands = icaclsCommands(DIR, 'COUNTER-PC\\李四', true);
    expect(commands).toHaveLength(3);
    const reset = commands[2]!;
    expect(reset[0]).toMatch(/\*$/);
    expect(reset.slice(1)).toEqual(['/reset', '/T', '/C', '/L', '/Q']);
    // A folder with nothing in it: no wildcard call that would fail on no match.
    expect(icaclsCommands(DIR, 'x', false)).toHaveLength(2);
  });

  it('names the account as DOMAIN\\user', () => {
    expect(currentWindowsAccount({ USERNAME: '李四', USERDOMAIN: 'COUNTER-PC' })).toBe('COUNTER-PC\\李四');
    expect(currentWindowsAccount({ USERNAME: 'clerk' })).toBe('clerk');
  });

  it('runs icacls only on win32, and warns the clerk when it fails', async () => {
    const dir = tempDir('counter-acl-');
    writeFileSync(join(dir, 'config.json'), '{}');
    const calls: string[][] = [];
    const logs: string[] = [];
    expect(await checkDataDirPermissions({ dataDir: dir, log: (l) => logs.push(l), platform: 'win32', runCommand: async (file, args) => void calls.push([file, ...args]) })).toBeNull();
    expect(calls.map((c) => c[0])).toEqual(['icacls', 'icacls', 'icacls']);
    expect(logs).toEqual([strings.dataProtection.permissions.log.aclApplied(dir)]);

    const refused = await checkDataDirPermissions({
      dataDir: dir,
      log: () => undefined,
      platform: 'win32',
      runCommand: async () => Promise.reject(Object.assign(new Error('Command failed: icacls … 拒绝访问。'), { code: 5 })),
    });
    expect(refused).toContain('无法将数据目录');
    expect(refused).toContain(dir);

    // Elsewhere icacls is never called: the POSIX walk runs instead.
    const none: string[][] = [];
    await checkDataDirPermissions({ dataDir: dir, log: () => undefined, platform: 'linux', runCommand: async (file, args) => void none.push([file, ...args]) });
    expect(none).toEqual([]);
  });
});
