import { describe, expect, it } from 'vitest';
import { controlFile, desktopEntry, entryPaths, executablePath, infoFile, storeProblems, storeVersion, type StoreApp } from './layout';

const APP: StoreApp = {
  appId: 'cn.gov.service-centre.counter-terminal',
  productName: '窗口受理终端',
  version: '1.2.3',
  build: 4,
  description: '政务服务中心窗口受理终端',
  arch: 'arm64',
  executable: 'counter-terminal',
  maintainer: '政务服务中心信息科',
  depends: ['libgtk-3-0', 'udev'],
  installedBytes: 10 * 1024 + 1,
};

describe('storeProblems', () => {
  it('accepts the project as configured', () => {
    expect(storeProblems(APP)).toEqual([]);
  });

  it.each([
    ['Counter.Terminal', 'appId'],
    ['counter-terminal', 'appId'],
    ['cn.gov.', 'appId'],
    ['cn.gov.counter terminal', 'appId'],
  ])('refuses the appId %j', (appId, word) => {
    expect(storeProblems({ ...APP, appId }).join()).toContain(word);
  });

  it('refuses versions the store cannot number: prereleases, two parts, four parts', () => {
    for (const version of ['1.2.3-rc.1', '1.2', '1.2.3.4', '']) expect(storeProblems({ ...APP, version }).join()).toContain('四段数字');
  });

  it('refuses a negative or fractional build number and an executable name with a space', () => {
    expect(storeProblems({ ...APP, build: -1 })).toHaveLength(1);
    expect(storeProblems({ ...APP, build: 1.5 })).toHaveLength(1);
    expect(storeProblems({ ...APP, executable: 'counter terminal' }).join()).toContain('可执行文件名');
  });
});

describe('the store texts', () => {
  it('numbers the version in four parts, the build last', () => {
    expect(storeVersion(APP)).toBe('1.2.3.4');
    expect(storeVersion({ version: '0.1.0', build: 0 })).toBe('0.1.0.0');
  });

  it('writes a control file dpkg reads: Debian arch, Installed-Size in KiB rounded up, the description folded', () => {
    const control = controlFile({ ...APP, description: '第一行\n\n第三行' });
    expect(control).toBe(
      [
        'Package: cn.gov.service-centre.counter-terminal',
        'Version: 1.2.3.4',
        'Architecture: arm64',
        'Maintainer: 政务服务中心信息科',
        'Installed-Size: 11',
        'Depends: libgtk-3-0, udev',
        'Section: utils',
        'Priority: optional',
        'Description: 窗口受理终端',
        ' 第一行',
        ' .',
        ' 第三行',
        '',
      ].join('\n'),
    );
    expect(controlFile({ ...APP, arch: 'x64', depends: [] })).not.toContain('Depends');
    expect(controlFile({ ...APP, arch: 'x64' })).toContain('Architecture: amd64');
  });

  it('writes the info file the store reads, asking for the camera and nothing else', () => {
    const info = JSON.parse(infoFile(APP)) as { appid: string; version: string; arch: string[]; permissions: Record<string, boolean> };
    expect(info.appid).toBe(APP.appId);
    expect(info.version).toBe('1.2.3.4');
    expect(info.arch).toEqual(['arm64']);
    expect(Object.entries(info.permissions).filter(([, v]) => v)).toEqual([['camera', true]]);
    expect(Object.keys(info.permissions).sort()).toEqual(
      ['account', 'audio_record', 'autostart', 'bluetooth', 'camera', 'clipboard', 'installed_apps', 'notification', 'trayicon'].sort(),
    );
  });

  it('writes a desktop entry that starts the app from /opt/apps and cannot be given a second Exec by the description', () => {
    const entry = desktopEntry({ ...APP, description: 'line one\nExec=/bin/evil' });
    const lines = entry.trimEnd().split('\n');
    expect(lines[0]).toBe('[Desktop Entry]');
    expect(lines.filter((l) => l.startsWith('Exec='))).toEqual(['Exec=/opt/apps/cn.gov.service-centre.counter-terminal/files/counter-terminal %U']);
    expect(lines).toContain('Comment=line one\\nExec=/bin/evil');
    expect(lines).toContain('Icon=cn.gov.service-centre.counter-terminal');
    expect(lines).toContain('StartupWMClass=cn.gov.service-centre.counter-terminal');
    expect(executablePath(APP)).toBe('/opt/apps/cn.gov.service-centre.counter-terminal/files/counter-terminal');
  });

  it('puts every entry under opt/apps/<appid>, as the store requires', () => {
    for (const path of Object.values(entryPaths(APP.appId))) expect(path.startsWith(`opt/apps/${APP.appId}/`)).toBe(true);
    expect(entryPaths(APP.appId).desktop).toBe(`opt/apps/${APP.appId}/entries/applications/${APP.appId}.desktop`);
  });
});
