/**
 * All of `npm run package:check`, as a function the CLI and the tests call:
 * the builder config, the assembled app.asar and its native modules, the
 * resources beside it, the deb scripts, the udev rules, the NSIS include, the
 * app icon and what the UOS store package needs.
 * Every part runs even when an earlier one failed, so one run lists all the
 * problems.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleAsar, checkAsarContents, checkResources, productionPackages, type ProductionPackage } from './asar-contents';
import { APP_FILES, checkBuilderConfig, loadBuilderConfig, obj, type BuilderConfig } from './builder-config';
import { checkDebScript, debMacros } from './deb-scripts';
import { checkNativeModules } from './native-modules';
import { checkNsisInclude } from './nsis-include';
import { fail, type Row } from './report';
import { checkUdevRules } from './udev-rules';
import { checkAppIcon } from './app-icon';
import { checkStoreReadiness } from './uos-store';

export interface PackageCheckOptions {
  root: string;
  /** electron-builder.yml by default. */
  configFile?: string;
  /** The production packages; `npm ls --omit=dev` by default. */
  packages?: ProductionPackage[];
}

const str = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

/** Runs one part; an exception (an unreadable file, npm failing) is a failed row, never a crash of the whole check. */
function part(area: string, run: () => Row[]): Row[] {
  try {
    return run();
  } catch (error) {
    return [fail(area, '—', error instanceof Error ? error.message : String(error))];
  }
}

export async function runPackageCheck(options: PackageCheckOptions): Promise<Row[]> {
  const { root } = options;
  const configFile = options.configFile ?? join(root, 'electron-builder.yml');
  let config: BuilderConfig;
  try {
    config = loadBuilderConfig(configFile);
  } catch (error) {
    return [fail('配置 config', configFile, `读不出 electron-builder.yml：${(error as Error).message}`)];
  }
  const rows: Row[] = [];
  try {
    rows.push(...(await checkBuilderConfig(config, root)));
  } catch (error) {
    rows.push(fail('配置 config', '—', (error as Error).message));
  }

  let packages: ProductionPackage[] | undefined;
  rows.push(
    ...part('app.asar', () => {
      packages = options.packages ?? productionPackages(root);
      const files = Array.isArray(config.files) ? config.files.map(String) : APP_FILES;
      return checkAsarContents(assembleAsar(root, files, packages), root);
    }),
  );
  if (packages) rows.push(...part('原生模块 native', () => checkNativeModules(packages!, config, root)));

  const resources = (Array.isArray(config.extraResources) ? config.extraResources : []).find(
    (e): e is { from: string; filter?: string[] } => (e as { from?: unknown })?.from === 'resources',
  );
  rows.push(...part('资源 resources', () => checkResources(root, resources?.filter ?? ['**/*'])));

  const productName = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName: string }).productName;
  const deb = (config.deb ?? {}) as Record<string, unknown>;
  const macros = debMacros(config, productName);
  rows.push(...part('deb 脚本 scripts', () => checkDebScript(join(root, str(deb.afterInstall, 'missing')), 'after-install', macros, root)));
  rows.push(...part('deb 脚本 scripts', () => checkDebScript(join(root, str(deb.afterRemove, 'missing')), 'after-remove', macros, root)));
  rows.push(...part('udev 规则 rules', () => checkUdevRules(join(root, 'resources', 'udev'))));
  const nsis = (config.nsis ?? {}) as Record<string, unknown>;
  rows.push(...part('NSIS', () => checkNsisInclude(join(root, str(nsis.include, 'resources/build/installer.nsh')))));
  rows.push(...part('图标 icon', () => checkAppIcon(join(root, str(obj(config.directories).buildResources, 'build')))));
  rows.push(...part('UOS 商店 store', () => checkStoreReadiness(root)));
  return rows;
}
