/**
 * The Debian packages the tests need beyond Node and npm, how to tell which
 * are missing, and what to do about it. Pure: the I/O (dpkg-query, PATH,
 * apt-get) is in scripts/system-preflight.ts, so every decision here is
 * tested without touching the machine.
 */
import { join } from 'node:path';

export interface SystemPackage {
  /** Debian package name, as apt-get takes it. */
  readonly name: string;
  /** What the tests use it for (shown when it is missing). */
  readonly why: string;
  /** Programs the package provides that the tests run: all must be on PATH where dpkg is absent. */
  readonly commands: readonly string[];
  /** Files the package provides, any one of which will do where dpkg is absent (several distributions' places). */
  readonly files: readonly string[];
}

const libDirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib/x86_64-linux-gnu', '/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib'];

/** In the order apt-get is given them. Keep in step with /work/shared/specs/toolchain.md. */
export const SYSTEM_PACKAGES: readonly SystemPackage[] = [
  { name: 'chromium', why: '端到端测试的浏览器 /usr/bin/chromium', commands: [], files: ['/usr/bin/chromium'] },
  { name: 'socat', why: '虚拟串口', commands: ['socat'], files: [] },
  { name: 'ffmpeg', why: '高拍仪测试的视频帧', commands: ['ffmpeg'], files: [] },
  {
    name: 'poppler-utils',
    why: '检查回执 PDF',
    commands: ['pdftotext', 'pdftoppm', 'pdfimages', 'pdfinfo', 'pdffonts'],
    files: [],
  },
  { name: 'udev', why: 'serialport 列出串口（udevadm）', commands: ['udevadm'], files: [] },
  { name: 'libusb-1.0-0', why: 'node-hid 加载', commands: [], files: libDirs.map((dir) => join(dir, 'libusb-1.0.so.0')) },
  {
    name: 'fonts-wqy-microhei',
    why: '中文字体，否则中文显示为方框',
    commands: [],
    files: ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc'],
  },
  { name: 'shellcheck', why: '检查 deb 安装脚本（npm run package:check）', commands: ['shellcheck'], files: [] },
];

/**
 * The packages to check in this environment. With CHROMIUM_PATH set the
 * tests use that browser (test/e2e/chromium.ts), not Debian's, and say so
 * themselves when the file is not there.
 */
export function packagesToCheck(env: NodeJS.ProcessEnv): readonly SystemPackage[] {
  return env.CHROMIUM_PATH ? SYSTEM_PACKAGES.filter((p) => p.name !== 'chromium') : SYSTEM_PACKAGES;
}

/** The format given to `dpkg-query -W -f`: one line per package (and architecture) with its state. */
export const DPKG_FORMAT = '${Package}\\t${db:Status-Status}\\n';

/**
 * Names of the packages dpkg-query reported as installed. A removed package
 * whose configuration files remain reads `config-files`, a half-installed
 * one `half-configured`…: only `installed` counts. A library may be listed
 * once per architecture; one installed copy is enough.
 */
export function installedFromDpkg(output: string): Set<string> {
  const installed = new Set<string>();
  for (const line of output.split('\n')) {
    const [name, status] = line.trim().split('\t');
    if (name && status === 'installed') installed.add(name.split(':')[0]!);
  }
  return installed;
}

/** Where dpkg is absent: a package is there when all its commands are on PATH and one of its files exists. */
export function missingByFiles(
  packages: readonly SystemPackage[],
  onPath: (command: string) => boolean,
  exists: (file: string) => boolean,
): SystemPackage[] {
  return packages.filter((p) => !p.commands.every(onPath) || (p.files.length > 0 && !p.files.some(exists)));
}

export interface Situation {
  /** Missing packages, in SYSTEM_PACKAGES order. */
  readonly missing: readonly SystemPackage[];
  /** Running as root (uid 0). */
  readonly root: boolean;
  /** apt-get is on PATH. */
  readonly apt: boolean;
  /** COUNTER_TEST_NO_APT=1: IT forbids installing, only report. */
  readonly noApt: boolean;
}

export type Plan =
  | { readonly action: 'run-tests' }
  | {
      readonly action: 'install';
      readonly packages: readonly string[];
      /** apt-get's arguments, one array per call, run with DEBIAN_FRONTEND=noninteractive. */
      readonly aptCalls: readonly (readonly string[])[];
    }
  | {
      readonly action: 'stop';
      readonly packages: readonly string[];
      readonly reason: 'not-root' | 'no-apt' | 'switched-off';
      /** The exact command for the developer to run. */
      readonly command: string;
    };

/** The command a person runs to install `packages` (with sudo unless already root). */
export function installCommand(packages: readonly string[], root: boolean): string {
  const sudo = root ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/**
 * Nothing missing: run the tests. Missing, root, apt-get there and not
 * switched off: install quietly. Otherwise stop before any test runs, with
 * the command to run — a suite run half without its tools fails in dozens of
 * places and names none of them.
 */
export function planPreflight(situation: Situation): Plan {
  const packages = situation.missing.map((p) => p.name);
  if (packages.length === 0) return { action: 'run-tests' };
  if (situation.root && situation.apt && !situation.noApt)
    return { action: 'install', packages, aptCalls: [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...packages]] };
  const reason = !situation.apt ? 'no-apt' : situation.noApt ? 'switched-off' : 'not-root';
  return { action: 'stop', packages, reason, command: installCommand(packages, situation.root) };
}

/** `socat（虚拟串口）、poppler-utils（检查回执 PDF：pdftotext、…）` */
export function describeMissing(missing: readonly SystemPackage[]): string {
  return missing.map((p) => `${p.name}（${p.why}${p.commands.length > 0 ? `：${p.commands.join('、')}` : ''}）`).join('、');
}

/** The lines printed when the plan is to stop. */
export function stopMessage(plan: Extract<Plan, { action: 'stop' }>, missing: readonly SystemPackage[]): string[] {
  const lines = [`缺少测试所需的系统软件包：${describeMissing(missing)}`];
  if (plan.reason === 'no-apt') {
    lines.push('这台机器没有 apt-get：请用本系统的包管理器安装提供上述程序和文件的软件包。Debian 系统上的命令是：');
  } else if (plan.reason === 'switched-off') {
    lines.push('COUNTER_TEST_NO_APT=1：不自动安装。请运行：');
  } else {
    lines.push('请运行：');
  }
  lines.push(`  ${plan.command}`, '然后再运行 npm test。');
  return lines;
}
