import { describe, expect, it } from 'vitest';
import {
  SYSTEM_PACKAGES,
  describeMissing,
  installCommand,
  installedFromDpkg,
  missingByFiles,
  packagesToCheck,
  planPreflight,
  stopMessage,
  type Plan,
  type SystemPackage,
} from './system-packages';

/** Every subset of the packages, in SYSTEM_PACKAGES order. */
function subsets(all: readonly SystemPackage[]): SystemPackage[][] {
  const out: SystemPackage[][] = [];
  for (let mask = 0; mask < 1 << all.length; mask++) out.push(all.filter((_, i) => mask & (1 << i)));
  return out;
}

describe('the packages npm test needs', () => {
  it('are the toolchain list: Chromium, socat, ffmpeg, poppler, udev, libusb and a CJK font, and shellcheck for package:check', () => {
    expect(SYSTEM_PACKAGES.map((p) => p.name)).toEqual(['chromium', 'socat', 'ffmpeg', 'poppler-utils', 'udev', 'libusb-1.0-0', 'fonts-wqy-microhei', 'shellcheck']);
    expect(SYSTEM_PACKAGES.find((p) => p.name === 'poppler-utils')!.commands).toEqual(['pdftotext', 'pdftoppm', 'pdfimages', 'pdfinfo', 'pdffonts']);
    expect(SYSTEM_PACKAGES.find((p) => p.name === 'chromium')!.files).toEqual(['/usr/bin/chromium']);
    expect(SYSTEM_PACKAGES.find((p) => p.name === 'udev')!.commands).toEqual(['udevadm']);
    // Without dpkg each package must be recognisable by something.
    for (const p of SYSTEM_PACKAGES) expect(p.commands.length + p.files.length, p.name).toBeGreaterThan(0);
  });

  it('leave Debian’s Chromium out when CHROMIUM_PATH names another browser', () => {
    expect(packagesToCheck({}).map((p) => p.name)).toContain('chromium');
    expect(packagesToCheck({ CHROMIUM_PATH: '/opt/chrome/chrome' }).map((p) => p.name)).not.toContain('chromium');
    expect(packagesToCheck({ CHROMIUM_PATH: '/opt/chrome/chrome' })).toHaveLength(SYSTEM_PACKAGES.length - 1);
  });
});

describe('reading dpkg-query', () => {
  it('counts only packages whose state is installed', () => {
    const output = [
      'chromium\tinstalled',
      'socat\tconfig-files', // removed, configuration kept
      'ffmpeg\thalf-configured',
      'poppler-utils\tnot-installed',
      'libusb-1.0-0\tinstalled', // amd64
      'libusb-1.0-0\tnot-installed', // i386
      'udev:amd64\tinstalled',
      '',
      'garbage line',
    ].join('\n');
    expect([...installedFromDpkg(output)].sort()).toEqual(['chromium', 'libusb-1.0-0', 'udev']);
    expect(installedFromDpkg('').size).toBe(0);
  });
});

describe('without dpkg: the files', () => {
  const find = (present: string[]) =>
    missingByFiles(
      SYSTEM_PACKAGES,
      (command) => present.includes(command),
      (file) => present.includes(file),
    ).map((p) => p.name);
  const everything = ['/usr/bin/chromium', 'socat', 'ffmpeg', 'pdftotext', 'pdftoppm', 'pdfimages', 'pdfinfo', 'pdffonts', 'udevadm', '/usr/lib64/libusb-1.0.so.0', '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc', 'shellcheck'];

  it('finds nothing missing when every program and one file of each is there', () => {
    expect(find(everything)).toEqual([]);
  });

  it('finds each package missing when one of its programs or all of its files are gone', () => {
    for (const gone of everything) {
      const name = find(everything.filter((x) => x !== gone));
      expect(name, gone).toHaveLength(1);
    }
    expect(find(everything.filter((x) => x !== 'pdffonts'))).toEqual(['poppler-utils']);
    expect(find(everything.filter((x) => !x.includes('libusb')))).toEqual(['libusb-1.0-0']);
    expect(find([])).toEqual(SYSTEM_PACKAGES.map((p) => p.name));
  });
});

describe('the plan, for every combination of missing packages, root, apt-get and COUNTER_TEST_NO_APT', () => {
  const cases: { missing: SystemPackage[]; root: boolean; apt: boolean; noApt: boolean; plan: Plan }[] = [];
  for (const missing of subsets(SYSTEM_PACKAGES))
    for (const root of [false, true])
      for (const apt of [false, true])
        for (const noApt of [false, true]) cases.push({ missing, root, apt, noApt, plan: planPreflight({ missing, root, apt, noApt }) });

  it('covers all 1024 situations', () => {
    expect(cases).toHaveLength(2 ** SYSTEM_PACKAGES.length * 8);
  });

  it('runs the tests exactly when nothing is missing', () => {
    for (const c of cases) expect(c.plan.action === 'run-tests', JSON.stringify(c)).toBe(c.missing.length === 0);
  });

  it('installs exactly when something is missing and it is root with apt-get and not switched off', () => {
    for (const c of cases) {
      const expected = c.missing.length > 0 && c.root && c.apt && !c.noApt;
      expect(c.plan.action === 'install', `${c.missing.map((p) => p.name).join(',')} root=${c.root} apt=${c.apt} noApt=${c.noApt}`).toBe(expected);
    }
  });

  it('installs the missing packages and only those, quietly, after refreshing the lists', () => {
    for (const c of cases) {
      if (c.plan.action !== 'install') continue;
      const names = c.missing.map((p) => p.name);
      expect(c.plan.packages).toEqual(names);
      expect(c.plan.aptCalls).toEqual([
        ['update', '-qq'],
        ['install', '-y', '-qq', '--no-install-recommends', ...names],
      ]);
    }
  });

  it('otherwise stops with the exact command for the missing packages, with sudo unless root, and why', () => {
    for (const c of cases) {
      if (c.plan.action !== 'stop') continue;
      const names = c.missing.map((p) => p.name);
      expect(c.plan.packages).toEqual(names);
      const sudo = c.root ? '' : 'sudo ';
      expect(c.plan.command).toBe(`${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${names.join(' ')}`);
      expect(c.plan.reason).toBe(!c.apt ? 'no-apt' : c.noApt ? 'switched-off' : 'not-root');
      // Every missing package is named in the message, none that is present.
      const text = stopMessage(c.plan, c.missing).join('\n');
      for (const p of SYSTEM_PACKAGES) expect(text.includes(`${p.name}（`), p.name).toBe(names.includes(p.name));
      expect(text).toContain(`  ${c.plan.command}\n`);
    }
  });
});

describe('what a developer reads', () => {
  const byName = (...names: string[]) => SYSTEM_PACKAGES.filter((p) => names.includes(p.name));

  it('a non-root developer missing socat and poppler gets the sudo command', () => {
    const missing = byName('socat', 'poppler-utils');
    const plan = planPreflight({ missing, root: false, apt: true, noApt: false });
    expect(plan.action).toBe('stop');
    if (plan.action !== 'stop') return;
    expect(stopMessage(plan, missing)).toEqual([
      '缺少测试所需的系统软件包：socat（虚拟串口：socat）、poppler-utils（检查回执 PDF：pdftotext、pdftoppm、pdfimages、pdfinfo、pdffonts）',
      '请运行：',
      '  sudo apt-get update && sudo apt-get install -y --no-install-recommends socat poppler-utils',
      '然后再运行 npm test。',
    ]);
  });

  it('root with COUNTER_TEST_NO_APT=1 gets the command without sudo and the reason', () => {
    const missing = byName('chromium');
    const plan = planPreflight({ missing, root: true, apt: true, noApt: true });
    if (plan.action !== 'stop') throw new Error(plan.action);
    expect(stopMessage(plan, missing).slice(1, 3)).toEqual([
      'COUNTER_TEST_NO_APT=1：不自动安装。请运行：',
      '  apt-get update && apt-get install -y --no-install-recommends chromium',
    ]);
  });

  it('a machine without apt-get is told to use its own package manager', () => {
    const missing = byName('fonts-wqy-microhei');
    const plan = planPreflight({ missing, root: false, apt: false, noApt: false });
    if (plan.action !== 'stop') throw new Error(plan.action);
    expect(stopMessage(plan, missing)[1]).toContain('没有 apt-get');
    expect(describeMissing(missing)).toBe('fonts-wqy-microhei（中文字体，否则中文显示为方框）');
    expect(installCommand(['a', 'b'], false)).toBe('sudo apt-get update && sudo apt-get install -y --no-install-recommends a b');
  });
});
