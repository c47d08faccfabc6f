/**
 * Native modules of the production tree: each one known, with a binary for
 * every platform we ship (linux-x64, linux-arm64, win32-x64) — an N-API
 * prebuild in the package, a per-platform package in package-lock.json, or
 * rebuilt for Electron's ABI at packaging (better-sqlite3 12 has no build for
 * Electron 45) — and unpacked from app.asar (a .node file cannot load from
 * inside the archive). An unknown native module fails: someone must say how
 * it gets its binaries.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProductionPackage } from './asar-contents';
import type { BuilderConfig } from './builder-config';
import { listFiles, matchesPatterns } from './files';
import { fail, ok, rowFor, type Row } from './report';

const AREA = '原生模块 native';

export const SHIPPED_PLATFORMS = ['linux-x64', 'linux-arm64', 'win32-x64'] as const;
type Platform = (typeof SHIPPED_PLATFORMS)[number];

interface Context {
  root: string;
  dir: string;
  config: BuilderConfig;
  lock: Record<string, { version?: string; os?: string[]; cpu?: string[] }>;
}

/** How a known native module gets its binary for a platform: null when it has one, else the problem. */
interface NativeModule {
  how: string;
  missing: (platform: Platform, ctx: Context) => string | null;
}

const nodeFilesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.node')) : []);

export const NATIVE_MODULES: Readonly<Record<string, NativeModule>> = {
  '@serialport/bindings-cpp': {
    how: 'N-API 预编译 prebuild',
    missing: (platform, { dir }) => {
      // Linux: the glibc build (UOS and Kylin are glibc systems).
      const files = nodeFilesIn(join(dir, 'prebuilds', platform));
      const usable = platform.startsWith('linux') ? files.filter((f) => f.includes('glibc')) : files;
      return usable.length ? null : `prebuilds/${platform} 中没有 .node`;
    },
  },
  'node-hid': {
    how: 'N-API 预编译 prebuild',
    missing: (platform, { dir }) => {
      // hidraw backend on Linux (the default), the plain one on Windows.
      const folder = platform.startsWith('linux') ? `HID_hidraw-${platform}` : `HID-${platform}`;
      return nodeFilesIn(join(dir, 'prebuilds', folder)).length ? null : `prebuilds/${folder} 中没有 .node`;
    },
  },
  'better-sqlite3': {
    how: '打包时为 Electron 重新编译 rebuilt for Electron at packaging',
    missing: (_platform, { dir, config }) => {
      if (config.npmRebuild !== true) return 'npmRebuild 不是 true：不会为 Electron 重新编译';
      for (const needed of ['binding.gyp', 'src', 'deps']) if (!existsSync(join(dir, needed))) return `缺少 ${needed}，无法重新编译`;
      return null;
    },
  },
  koffi: {
    how: '按平台的预编译包 per-platform package (@koromix/koffi-*)',
    missing: (platform, { root, lock }) => {
      const name = `@koromix/koffi-${platform}`;
      const entry = lock[`node_modules/${name}`];
      const koffiVersion = lock['node_modules/koffi']?.version;
      if (!entry) return `package-lock.json 中没有 ${name}`;
      if (entry.version !== koffiVersion) return `${name} ${entry.version} 与 koffi ${koffiVersion} 版本不一致`;
      // Installed only on a machine of that platform (npm skips the others); when present it must hold the binary.
      const [os, cpu] = platform.split('-');
      const installed = join(root, 'node_modules', name);
      if (existsSync(installed) && !nodeFilesIn(join(installed, `${os}_${cpu}`)).length) return `${name} 中没有 ${os}_${cpu}/koffi.node`;
      return null;
    },
  },
};

/** koffi's per-platform binary packages belong to koffi: checked there. */
const belongsToKnown = (name: string) => name in NATIVE_MODULES || name.startsWith('@koromix/koffi-');

/** Does the package hold native code (a binding, a compiled addon or prebuilds)? */
export function isNative(root: string, pkg: ProductionPackage): boolean {
  const dir = join(root, pkg.path);
  if (existsSync(join(dir, 'binding.gyp')) || existsSync(join(dir, 'prebuilds'))) return true;
  return listFiles(dir, new Set(['node_modules'])).some((f) => f.endsWith('.node'));
}

export function checkNativeModules(packages: readonly ProductionPackage[], config: BuilderConfig, root: string): Row[] {
  const rows: Row[] = [];
  const lock = (JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Context['lock'] }).packages;
  const unpack = (Array.isArray(config.asarUnpack) ? config.asarUnpack : [config.asarUnpack]).filter((p): p is string => typeof p === 'string');

  const native = packages.filter((p) => belongsToKnown(p.name) || isNative(root, p));
  for (const pkg of native) {
    const problems: string[] = [];
    if (!matchesPatterns(`${pkg.path}/addon.node`, unpack)) problems.push(`不在 asarUnpack 中：.node 无法从 app.asar 内加载`);
    const known = NATIVE_MODULES[pkg.name];
    if (!known && !belongsToKnown(pkg.name)) {
      problems.push('未知的原生模块：在 scripts/package-check/native-modules.ts 中说明它如何获得各平台的二进制');
      rows.push(fail(AREA, pkg.name, problems.join('；')));
      continue;
    }
    if (!known) {
      if (problems.length) rows.push(fail(AREA, pkg.name, problems.join('；')));
      continue; // @koromix/koffi-<platform>: listed under koffi
    }
    const ctx: Context = { root, dir: join(root, pkg.path), config, lock };
    for (const platform of SHIPPED_PLATFORMS) {
      const missing = known.missing(platform, ctx);
      if (missing) problems.push(`${platform}: ${missing}`);
    }
    rows.push(rowFor(AREA, pkg.name, problems, `${SHIPPED_PLATFORMS.join(' ')} · ${known.how}`));
  }
  for (const name of Object.keys(NATIVE_MODULES))
    if (!packages.some((p) => p.name === name)) rows.push(ok(AREA, name, '不在生产依赖中 not a production dependency'));
  return rows;
}
