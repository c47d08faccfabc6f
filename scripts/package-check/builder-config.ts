/**
 * electron-builder.yml against what the project relies on: electron-builder's
 * own schema first (a misspelt option is otherwise ignored silently), then
 * the settings the installers, the fuses and the native modules need.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { PRODUCT_NAME } from '../../electron/services/app/data-dir';
import { fail, ok, rowFor, type Row } from './report';

const AREA = '配置 config';

/** The Electron fuses issue 13 decided; a missing or flipped one fails. */
export const REQUIRED_FUSES: Readonly<Record<string, boolean>> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
};

/** What the app package holds of ours: the build output and package.json, nothing else. */
export const APP_FILES = ['out/**', 'package.json'];

/** Packages the counter PCs need beside electron-builder's default deb dependencies. */
export const OUR_DEB_DEPENDS = ['udev', 'libusb-1.0-0', 'libudev1'];

/** Architectures Electron publishes; loong64 (龙芯) is not one of them. */
const ELECTRON_LINUX_ARCHS = new Set(['x64', 'arm64', 'armv7l']);

export type BuilderConfig = Record<string, unknown>;
export type Obj = Record<string, unknown>;

/** A YAML/JSON value as an object, or an empty one when it is not (a missing section, a list, a scalar). */
export const obj = (value: unknown): Obj => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {});
const list = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

export function loadBuilderConfig(file: string): BuilderConfig {
  return obj(yaml.load(readFileSync(file, 'utf8')));
}

/** `target` in any of its spellings → target name → archs (empty: electron-builder's default, the build machine's). */
export function targetsOf(platform: unknown): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const entry of list(obj(platform).target)) {
    if (typeof entry === 'string') targets.set(entry, []);
    else {
      const { target, arch } = obj(entry);
      if (typeof target === 'string') targets.set(target, list(arch).map(String));
    }
  }
  return targets;
}

/** electron-builder's own validation (the same call `electron-builder` makes before packing); null when valid. */
export async function schemaProblem(config: BuilderConfig, root: string): Promise<string | null> {
  const require = createRequire(join(root, 'package.json'));
  // Loading it creates jiti (electron-builder's loader for config files written in TS), which makes a cache
  // folder in the temp folder at once; nothing is compiled here, so no cache and nothing left behind.
  const cacheSetting = process.env.JITI_FS_CACHE;
  process.env.JITI_FS_CACHE = 'false';
  let validateConfiguration: (config: unknown, logger: { isEnabled: boolean; add: (key: string, value: unknown) => void }) => Promise<void>;
  try {
    ({ validateConfiguration } = require(require.resolve('app-builder-lib/out/util/config/config', { paths: [root] })) as {
      validateConfiguration: typeof validateConfiguration;
    });
  } finally {
    if (cacheSetting === undefined) delete process.env.JITI_FS_CACHE;
    else process.env.JITI_FS_CACHE = cacheSetting;
  }
  try {
    await validateConfiguration(config, { isEnabled: false, add: () => undefined });
    return null;
  } catch (error) {
    // The first lines name the option; the rest is electron-builder's generic "how to fix".
    const message = error instanceof Error ? error.message : String(error);
    return message.split('\n').filter((line) => /^\s*-|configuration\./.test(line)).slice(0, 3).join(' ').replace(/\s+/g, ' ').trim() || message.split('\n')[0]!;
  }
}

/** electron-builder's default `Depends:` of a deb, read from its source so that ours never drops one. */
export function defaultDebDepends(root: string): string[] | null {
  try {
    const require = createRequire(join(root, 'package.json'));
    const source = readFileSync(require.resolve('app-builder-lib/out/targets/FpmTarget.js', { paths: [root] }), 'utf8');
    const m = /case "deb":\s*return \[([^\]]*)\]/.exec(source);
    return m ? [...m[1]!.matchAll(/"([^"]+)"/g)].map((d) => d[1]!) : null;
  } catch {
    return null;
  }
}

export async function checkBuilderConfig(config: BuilderConfig, root: string): Promise<Row[]> {
  const rows: Row[] = [];
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName?: string; main?: string; dependencies?: Obj; devDependencies?: Obj };

  const schema = await schemaProblem(config, root);
  rows.push(schema ? fail(AREA, 'electron-builder schema', schema) : ok(AREA, 'electron-builder schema', '与 electron-builder 的配置模式一致 valid'));

  const identity: string[] = [];
  if (typeof config.appId !== 'string' || !config.appId) identity.push('缺少 appId');
  if (config.productName !== pkg.productName) identity.push(`productName ${String(config.productName)} ≠ package.json ${String(pkg.productName)}`);
  if (pkg.productName !== PRODUCT_NAME) identity.push(`package.json productName ≠ 数据目录名 ${PRODUCT_NAME}（data-dir.ts）`);
  if (pkg.main !== 'out/main/index.js') identity.push(`package.json main 应为 out/main/index.js，实为 ${String(pkg.main)}`);
  for (const name of ['electron', 'electron-builder'])
    if (pkg.dependencies?.[name] || !pkg.devDependencies?.[name]) identity.push(`${name} 只能在 devDependencies 中`);
  rows.push(rowFor(AREA, 'appId / productName / main', identity, `${String(config.appId)} · ${String(config.productName)}`));

  const files = list(config.files).map(String);
  const unexpected = files.filter((f) => !f.startsWith('!') && !APP_FILES.includes(f));
  const missing = APP_FILES.filter((f) => !files.includes(f));
  rows.push(
    rowFor(
      AREA,
      'files',
      [...missing.map((f) => `files 缺少 ${f}`), ...unexpected.map((f) => `files 不应包含 ${f}（app.asar 只装 out/ 与 package.json）`)],
      files.join(', '),
    ),
  );
  if (config.asar === false) rows.push(fail(AREA, 'asar', 'asar: false —— onlyLoadAppFromAsar 熔断下应用将无法启动'));

  const extra = list(config.extraResources).map(obj);
  const resources = extra.find((e) => e.from === 'resources');
  rows.push(
    rowFor(
      AREA,
      'extraResources',
      !resources
        ? ['extraResources 缺少 from: resources（目录、话术、签名样例、udev 规则）']
        : resources.to !== 'resources'
          ? ['extraResources resources 应放到 resources/（安装后脚本从 resources/resources/udev 复制规则）']
          : !list(resources.filter).includes('!build/**')
            ? ['extraResources 应排除 build/**（安装脚本与 NSIS 脚本不进安装目录）']
            : [],
      'resources → resources (不含 build/)',
    ),
  );

  const fuses = obj(config.electronFuses);
  const fuseProblems = Object.entries(REQUIRED_FUSES)
    .filter(([name, value]) => fuses[name] !== value)
    .map(([name, value]) => (name in fuses ? `electronFuses.${name} 应为 ${value}，实为 ${String(fuses[name])}` : `electronFuses.${name} 缺失（应为 ${value}）`));
  rows.push(rowFor(AREA, 'electronFuses', fuseProblems, `${Object.keys(REQUIRED_FUSES).length} 个熔断 fuses`));

  rows.push(
    rowFor(AREA, 'npmRebuild', config.npmRebuild === true ? [] : ['npmRebuild 应为 true：better-sqlite3 必须为 Electron 45 重新编译'], 'better-sqlite3 打包时重新编译 rebuilt'),
  );

  const win = targetsOf(config.win);
  const nsis = obj(config.nsis);
  const winProblems: string[] = [];
  if (!win.has('nsis')) winProblems.push('win.target 缺少 nsis');
  else if (!(win.get('nsis') ?? []).includes('x64')) winProblems.push('nsis 应构建 x64');
  if (nsis.oneClick !== false) winProblems.push('nsis.oneClick 应为 false（向导式 assisted）');
  if (nsis.perMachine !== true) winProblems.push('nsis.perMachine 应为 true（按机器安装）');
  if (nsis.allowToChangeInstallationDirectory !== true) winProblems.push('nsis.allowToChangeInstallationDirectory 应为 true');
  if (nsis.deleteAppDataOnUninstall === true) winProblems.push('nsis.deleteAppDataOnUninstall 不能为 true：卸载默认保留数据');
  if (typeof nsis.include !== 'string') winProblems.push('nsis.include 缺失（/CONFIG= 与卸载保留数据）');
  else if (!existsSync(join(root, nsis.include))) winProblems.push(`nsis.include ${nsis.include} 不存在`);
  rows.push(rowFor(AREA, 'Windows NSIS', winProblems, 'x64 · perMachine · assisted'));

  const linux = obj(config.linux);
  const linuxTargets = targetsOf(config.linux);
  const deb = obj(config.deb);
  const linuxProblems: string[] = [];
  const debArchs = linuxTargets.get('deb');
  if (!debArchs) linuxProblems.push('linux.target 缺少 deb');
  else for (const arch of ['x64', 'arm64']) if (!debArchs.includes(arch)) linuxProblems.push(`deb 应构建 ${arch}`);
  for (const [target, archs] of linuxTargets)
    for (const arch of archs) if (!ELECTRON_LINUX_ARCHS.has(arch)) linuxProblems.push(`${target} ${arch}：Electron 没有该架构的版本（loong64 无 Electron）`);
  for (const key of ['afterInstall', 'afterRemove'] as const) {
    const file = deb[key];
    if (typeof file !== 'string') linuxProblems.push(`deb.${key} 缺失`);
    else if (!existsSync(join(root, file))) linuxProblems.push(`deb.${key} ${file} 不存在`);
  }
  if (typeof linux.executableName !== 'string') linuxProblems.push('linux.executableName 缺失（/usr/bin 链接名）');
  const depends = list(deb.depends).map(String);
  const defaults = defaultDebDepends(root);
  if (!defaults) linuxProblems.push('读不到 electron-builder 的默认 deb 依赖（app-builder-lib FpmTarget.js）');
  else if (depends.length) for (const d of defaults) if (!depends.includes(d)) linuxProblems.push(`deb.depends 丢了 electron-builder 的默认依赖 ${d}`);
  for (const d of OUR_DEB_DEPENDS) if (!depends.includes(d)) linuxProblems.push(`deb.depends 缺少 ${d}`);
  rows.push(rowFor(AREA, 'Linux deb', linuxProblems, `deb ${(debArchs ?? []).join('/')} · /opt · ${String(linux.executableName)}`));

  return rows;
}
