/**
 * What electron-builder would put into app.asar, assembled without packing:
 * our files (the `files` patterns: out/** and package.json) and the
 * production dependency tree npm reports (`npm ls --omit=dev`), each package's
 * files without its own node_modules (those are packages of the tree too).
 * Then the checks: entry points, renderer assets, migrations, no sources,
 * tests or dev tools; and the resources shipped beside the archive.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { migrations } from '../../electron/services/storage/migrations';
import { listFiles, matchesPatterns } from './files';
import { fail, ok, rowFor, type Row } from './report';

const AREA = 'app.asar';
const RESOURCES_AREA = '资源 resources';

export interface ProductionPackage {
  name: string;
  /** Relative to the project root, forward slashes: node_modules/a/node_modules/b. */
  path: string;
}

export interface AsarContents {
  /** Our files (not under node_modules/). */
  appFiles: string[];
  packages: ProductionPackage[];
  /** node_modules files of those packages. */
  moduleFiles: number;
  bytes: number;
}

const toPosix = (p: string) => p.split(sep).join('/');
export const packageNameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** The production dependency tree, as electron-builder collects it (npm, dev dependencies left out). */
export function productionPackages(root: string): ProductionPackage[] {
  const run = spawnSync('npm', ['ls', '--omit=dev', '--parseable', '--all', '--silent'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`npm ls --omit=dev 失败（依赖树不完整或有多余的包）：${(run.stderr || run.stdout).trim().split('\n').slice(0, 3).join(' ')}`);
  return run.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((dir) => toPosix(relative(root, dir)))
    .filter((path) => path.startsWith('node_modules/'))
    .map((path) => ({ name: packageNameOf(path), path }));
}

/** The files our `files` patterns take from the project (never node_modules, handled as packages). */
export function appFiles(root: string, patterns: readonly string[]): string[] {
  const tops = new Set<string>();
  for (const pattern of patterns.filter((p) => !p.startsWith('!'))) tops.add(pattern.split('/')[0]!.includes('*') ? '' : pattern.split('/')[0]!);
  const files = new Set<string>();
  for (const top of tops) {
    const base = top ? join(root, top) : root;
    if (!existsSync(base)) continue;
    const found = statSync(base).isDirectory() ? listFiles(base, new Set(['node_modules', '.git'])).map((f) => (top ? `${top}/${f}` : f)) : [top];
    for (const f of found) if (matchesPatterns(f, patterns)) files.add(f);
  }
  return [...files].sort();
}

export function assembleAsar(root: string, patterns: readonly string[], packages: ProductionPackage[]): AsarContents {
  const app = appFiles(root, patterns);
  let bytes = 0;
  let moduleFiles = 0;
  for (const f of app) bytes += statSync(join(root, f)).size;
  for (const p of packages) {
    for (const f of listFiles(join(root, p.path), new Set(['node_modules']))) {
      moduleFiles++;
      bytes += statSync(join(root, p.path, f)).size;
    }
  }
  return { appFiles: app, packages, moduleFiles, bytes };
}

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
}

/** Dev dependencies, tests, sources and stray files in the archive. */
export function checkAsarContents(contents: AsarContents, root: string): Row[] {
  const rows: Row[] = [];
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main?: string; devDependencies?: Record<string, string> };
  const lock = (JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
  const has = new Set(contents.appFiles);

  const devProblems: string[] = [];
  for (const p of contents.packages) {
    const entry = lock[p.path];
    if (!entry) devProblems.push(`${p.name} 不在 package-lock.json 中`);
    else if (entry.dev || (pkg.devDependencies?.[p.name] && p.path === `node_modules/${p.name}`))
      devProblems.push(`开发依赖 ${p.name} 会进入 app.asar（devDependency in the archive）`);
  }
  rows.push(
    rowFor(
      AREA,
      '生产依赖 production deps',
      devProblems,
      `${contents.packages.length} 个包 packages，${contents.moduleFiles} 个文件；连同构建产物约 ${(contents.bytes / 1024 / 1024).toFixed(0)} MB（未减去 electron-builder 默认忽略的文件）`,
    ),
  );

  const stray = contents.appFiles.filter(
    (f) =>
      !(f === 'package.json' || f.startsWith('out/')) ||
      /(^|\/)(test|tests|__tests__)\//.test(f) ||
      /\.(test|spec)\.[cm]?[jt]sx?$/.test(f) ||
      (/\.[cm]?tsx?$/.test(f) && !f.endsWith('.d.ts')),
  );
  rows.push(
    rowFor(
      AREA,
      '只含构建产物 build output only',
      stray.length ? [`不应打包：${stray.slice(0, 5).join('、')}${stray.length > 5 ? ` 等 ${stray.length} 个` : ''}（源码、测试或开发工具）`] : [],
      `out/ 与 package.json：${contents.appFiles.length} 个文件 files`,
    ),
  );

  const entries = [pkg.main ?? 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'out/renderer/citizen.html', 'out/main/it.js'];
  const missingEntries = entries.filter((e) => !has.has(e));
  if (!has.has('package.json')) missingEntries.push('package.json');
  rows.push(
    missingEntries.length
      ? fail(AREA, '入口 entry points', `缺少 ${missingEntries.join('、')}${missingEntries.some((e) => e.startsWith('out/')) ? '（先运行 npm run build）' : ''}`)
      : ok(AREA, '入口 entry points', 'main · preload · renderer index/citizen · it (IT commands)'),
  );

  // Each page's scripts and styles (./assets/…) are in the archive too.
  const assetProblems: string[] = [];
  for (const page of ['out/renderer/index.html', 'out/renderer/citizen.html'].filter((p) => has.has(p))) {
    const html = readFileSync(join(root, page), 'utf8');
    for (const m of html.matchAll(/(?:src|href)="\.\/([^"?#]+)"/g)) {
      const asset = `out/renderer/${m[1]!}`;
      if (!has.has(asset)) assetProblems.push(`${page} 引用的 ${asset} 不在包中`);
    }
  }
  rows.push(rowFor(AREA, '页面资源 renderer assets', assetProblems, '页面引用的脚本与样式都在 all referenced'));

  // Migrations are bundled into the main chunks: each one's name is there, or it would never run on a counter.
  const mainCode = contents.appFiles
    .filter((f) => f.startsWith('out/main/') && f.endsWith('.js'))
    .map((f) => readFileSync(join(root, f), 'utf8'))
    .join('\n');
  const missingMigrations = migrations.filter((m) => !mainCode.includes(m.name)).map((m) => `${m.version} ${m.name}`);
  rows.push(
    rowFor(
      AREA,
      '数据库迁移 migrations',
      missingMigrations.length ? [`out/main 中没有迁移 ${missingMigrations.join('、')}（构建过旧？npm run build）`] : [],
      `1–${migrations.length} 都在主进程包中 bundled`,
    ),
  );
  return rows;
}

/** Files that go beside the archive (extraResources: resources/ without build/). */
export const REQUIRED_RESOURCES = ['catalogue/default.json', 'phrases/default.json', 'signatures/sample-signature.hid'];

export function checkResources(root: string, filter: readonly string[]): Row[] {
  const files = listFiles(join(root, 'resources')).filter((f) => matchesPatterns(f, filter));
  const problems = REQUIRED_RESOURCES.filter((f) => !files.includes(f)).map((f) => `缺少 resources/${f}`);
  const rules = files.filter((f) => /^udev\/70-counter-terminal-[\w-]+\.rules$/.test(f));
  if (rules.length < 2) problems.push('resources/udev 中应有设备与签名板的 udev 规则');
  const leaked = files.filter((f) => f.startsWith('build/'));
  if (leaked.length) problems.push(`安装脚本不应进入 resources：${leaked.join('、')}`);
  return [rowFor(RESOURCES_AREA, 'extraResources', problems, `${files.length} 个文件：目录 catalogue、话术 phrases、签名样例 signature sample、udev ${rules.length}`)];
}
