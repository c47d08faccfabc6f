/**
 * `npm run package:uos-store`: the UOS app-store deb, made from the folder
 * `electron-builder --linux dir` leaves (scripts/uos-store/build.ts;
 * docs/packaging.md says the whole build).
 *
 *   npm run package:uos-store -- --arch x64|arm64 [--unpacked DIR] [--out DIR] [--build N]
 *
 * --unpacked defaults to electron-builder's folder for the arch
 * (dist/linux-unpacked, dist/linux-arm64-unpacked), --out to dist, --build
 * (the store's fourth version number) to 0. Exit 0 with the package's path,
 * 1 with the reason in Chinese, 2 on a usage error.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildStoreDeb, StoreError } from './uos-store/build';
import { DEB_ARCH, type ElectronArch } from './uos-store/layout';

const USAGE = '用法：npm run package:uos-store -- --arch x64|arm64 [--unpacked 目录] [--out 目录] [--build 构建号]';
const root = join(__dirname, '..');

function usage(problem: string): never {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  process.exit(2);
}

let values: { arch?: string; unpacked?: string; out?: string; build?: string };
try {
  ({ values } = parseArgs({ options: { arch: { type: 'string' }, unpacked: { type: 'string' }, out: { type: 'string' }, build: { type: 'string' } } }));
} catch (error) {
  usage((error as Error).message);
}
const arch = values.arch;
if (arch !== 'x64' && arch !== 'arm64') usage(`--arch 只能是 ${Object.keys(DEB_ARCH).join(' 或 ')}（龙芯 loong64 没有 Electron，无法打包）`);
const build = values.build === undefined ? 0 : Number(values.build);
if (!Number.isInteger(build) || build < 0) usage(`--build 应为非负整数，收到「${values.build}」`);

try {
  const result = buildStoreDeb({
    root,
    arch: arch as ElectronArch,
    unpacked: resolve(values.unpacked ?? join(root, 'dist', arch === 'x64' ? 'linux-unpacked' : 'linux-arm64-unpacked')),
    outDir: resolve(values.out ?? join(root, 'dist')),
    build,
  });
  process.stdout.write(`应用商店安装包 UOS store package: ${result.deb}（版本 ${result.version}，${(result.bytes / 1048576).toFixed(1)} MB）\n`);
} catch (error) {
  process.stderr.write(`${error instanceof StoreError ? error.message : `打包失败：${(error as Error).stack ?? String(error)}`}\n`);
  process.exit(1);
}
