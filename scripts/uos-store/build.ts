/**
 * Builds the UOS app-store deb from what `electron-builder --linux dir` made
 * (dist/linux-unpacked, dist/linux-arm64-unpacked): the app under
 * /opt/apps/<appid>/files, the desktop entry and icons under entries/, the
 * `info` file, DEBIAN/control and md5sums — and no maintainer script
 * (scripts/uos-store/layout.ts says why). dpkg-deb packs it with root as
 * owner, xz-compressed so that UOS 20's dpkg (1.19) reads it.
 *
 * Every problem is a StoreError with a Chinese message saying what to do; the
 * staging folder is removed whatever happens.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadBuilderConfig, obj, type Obj } from '../package-check/builder-config';
import { listFiles } from '../package-check/files';
import { elfMachine } from './elf';
import { controlFile, DEB_ARCH, desktopEntry, entryPaths, infoFile, storeProblems, storeVersion, type ElectronArch, type StoreApp } from './layout';

export class StoreError extends Error {}

export interface StoreBuildOptions {
  /** The project root (package.json, electron-builder.yml, resources/build). */
  root: string;
  /** electron-builder's unpacked Linux app for `arch`. */
  unpacked: string;
  arch: ElectronArch;
  outDir: string;
  /** The fourth version number; 0 by default. */
  build?: number;
}

export interface StoreBuildResult {
  deb: string;
  version: string;
  bytes: number;
}

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value.trim() ? value : fallback);

/** The app as package.json and electron-builder.yml describe it (installedBytes filled in once the files are staged). */
export function storeAppFromProject(root: string, arch: ElectronArch, build = 0): StoreApp {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Obj;
  const config = loadBuilderConfig(join(root, 'electron-builder.yml'));
  const linux = obj(config.linux);
  const app: StoreApp = {
    appId: text(config.appId, ''),
    productName: text(pkg.productName, text(pkg.name, '')),
    version: text(pkg.version, ''),
    build,
    description: text(pkg.description, text(pkg.productName, '')),
    arch,
    executable: text(linux.executableName, text(pkg.name, '')),
    maintainer: text(linux.maintainer, text(config.maintainer, 'unknown')),
    depends: Array.isArray(obj(config.deb).depends) ? (obj(config.deb).depends as unknown[]).map(String) : [],
    installedBytes: 0,
  };
  const problems = storeProblems(app);
  if (problems.length) throw new StoreError(problems.join('\n'));
  return app;
}

/** The first `count` bytes of a file (Electron's executable is some 200 MB; the ELF header is 64 bytes). */
function firstBytes(file: string, count: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buffer = new Uint8Array(count);
    return buffer.subarray(0, readSync(fd, buffer, 0, count, 0));
  } finally {
    closeSync(fd);
  }
}

/** What electron-builder must have left in the unpacked folder, checked before anything is copied. */
function checkUnpacked(unpacked: string, app: StoreApp): void {
  const remake = `请先在构建机上运行 npx electron-builder --linux dir --${app.arch}（docs/packaging.md）`;
  if (!existsSync(unpacked) || !statSync(unpacked).isDirectory()) throw new StoreError(`找不到未打包的应用目录 ${unpacked}。${remake}`);
  const executable = join(unpacked, app.executable);
  if (!existsSync(executable) || !statSync(executable).isFile()) throw new StoreError(`${unpacked} 里没有可执行文件 ${app.executable}。${remake}`);
  if ((statSync(executable).mode & 0o111) === 0) throw new StoreError(`${executable} 没有可执行权限，目录可能是复制坏的。${remake}`);
  const machine = elfMachine(firstBytes(executable, 64));
  if (machine !== app.arch)
    throw new StoreError(
      machine === null
        ? `${executable} 不是 Linux 可执行文件（ELF）。${remake}`
        : `${executable} 是 ${machine} 的程序，不是 ${app.arch}（${DEB_ARCH[app.arch]}）的：目录与 --arch 不符。${remake}`,
    );
  if (!existsSync(join(unpacked, 'resources', 'app.asar'))) throw new StoreError(`${unpacked} 里没有 resources/app.asar。${remake}`);
}

/**
 * Modes as the package will install them: folders 0755, files 0644 or 0755,
 * never setuid or setgid — a store package may not carry them, so
 * chrome-sandbox is 0755 and Electron's sandbox relies on user namespaces,
 * which UOS 20 and Kylin V10 kernels enable (docs/packaging.md).
 */
function normaliseModes(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) normaliseModes(path);
    else if (entry.isFile()) chmodSync(path, lstatSync(path).mode & 0o111 ? 0o755 : 0o644);
  }
}

function write(stage: string, path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(stage, path)), { recursive: true });
  writeFileSync(join(stage, path), content);
}

export function buildStoreDeb(options: StoreBuildOptions): StoreBuildResult {
  const { root, unpacked, arch, outDir } = options;
  const app = storeAppFromProject(root, arch, options.build ?? 0);
  checkUnpacked(unpacked, app);
  const dpkgDeb = spawnSync('dpkg-deb', ['--version'], { encoding: 'utf8' });
  if (dpkgDeb.error || dpkgDeb.status !== 0) throw new StoreError('需要 dpkg-deb 来打包（Debian/UOS/麒麟自带；其他系统：apt-get install dpkg）');

  const stage = mkdtempSync(join(tmpdir(), 'uos-store-'));
  try {
    const paths = entryPaths(app.appId);
    cpSync(unpacked, join(stage, paths.files), { recursive: true, verbatimSymlinks: true });
    write(stage, paths.iconSvg, readFileSync(join(root, 'resources', 'build', 'icon.svg')));
    write(stage, paths.iconPng, readFileSync(join(root, 'resources', 'build', 'icon.png')));
    write(stage, paths.desktop, desktopEntry(app));
    write(stage, paths.info, infoFile(app));
    normaliseModes(stage);

    // md5sums lists regular files only (dpkg's own rule), and each is read once for its sum and its size.
    let installedBytes = 0;
    let md5sums = '';
    for (const file of listFiles(stage).filter((f) => lstatSync(join(stage, f)).isFile()).sort()) {
      const bytes = readFileSync(join(stage, file));
      installedBytes += bytes.length;
      md5sums += `${createHash('md5').update(bytes).digest('hex')}  ${file}\n`;
    }
    const installed = { ...app, installedBytes };
    mkdirSync(join(stage, 'DEBIAN'));
    // Not left to mkdir's mode: the umask may narrow it, and dpkg-deb refuses a control folder other than 0755–0775.
    chmodSync(join(stage, 'DEBIAN'), 0o755);
    writeFileSync(join(stage, 'DEBIAN', 'control'), controlFile(installed), { mode: 0o644 });
    writeFileSync(join(stage, 'DEBIAN', 'md5sums'), md5sums, { mode: 0o644 });

    mkdirSync(outDir, { recursive: true });
    const version = storeVersion(app);
    const deb = join(outDir, `${app.appId}_${version}_${DEB_ARCH[arch]}.deb`);
    const packed = spawnSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, deb], { encoding: 'utf8' });
    if (packed.status !== 0) {
      rmSync(deb, { force: true });
      throw new StoreError(`dpkg-deb 打包失败：${(packed.stderr || packed.stdout || String(packed.error)).trim()}`);
    }
    return { deb, version, bytes: statSync(deb).size };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
