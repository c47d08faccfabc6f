/**
 * The deb's maintainer scripts (deb.afterInstall / deb.afterRemove):
 * rendered the way electron-builder renders them (its macros filled in, an
 * unknown one refused), then `sh -n`, shellcheck when installed, and the
 * steps of electron-builder's own templates, which a custom script replaces
 * and so must carry on.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fail, ok, rowFor, skip, type Row } from './report';

const AREA = 'deb 脚本 scripts';

export type Macros = Record<string, unknown>;

/** electron-builder's macros for a deb (FpmTarget: executable, sanitizedProductName, productFilename, then the linux options). */
export function debMacros(config: Record<string, unknown>, productName: string): Macros {
  const linux = (config.linux ?? {}) as Record<string, unknown>;
  // sanitizeFileName keeps CJK; the product name has nothing it would change.
  const escape = (value: string) => value.replace(/'/g, "'\\''");
  return {
    executable: escape(String(linux.executableName ?? '')),
    sanitizedProductName: escape(productName),
    productFilename: productName,
    ...linux,
  };
}

/** As FpmTarget's writeConfigFile: every `${name}` replaced, an undefined name is an error that stops the build. */
export function renderDebScript(text: string, macros: Macros): string {
  return text.replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
    if (!(name in macros)) throw new Error(`未定义的宏 \${${name}}：electron-builder 打包时会报错（脚本自己的变量请写成 $${name}）`);
    return String(macros[name]);
  });
}

/** The steps of electron-builder's templates that our scripts must also take (matched in both). */
export const TEMPLATE_STEPS: Readonly<Record<'after-install' | 'after-remove', readonly RegExp[]>> = {
  'after-install': [
    /update-alternatives --install/,
    /ln -sf/,
    /unshare --user true/,
    /chmod 4755 .*chrome-sandbox/,
    /chmod 0755 .*chrome-sandbox/,
    /update-mime-database/,
    /update-desktop-database/,
    /apparmor_status --enabled/,
    /apparmor_parser --skip-kernel-load --debug/,
    /apparmor_parser --replace --write-cache --skip-read-cache/,
    /ischroot/,
  ],
  'after-remove': [/update-alternatives --remove/, /rm -f .*usr\/bin/, /apparmor_parser --remove/, /rm -f "\$APPARMOR_PROFILE_DEST"/],
};

/**
 * The templates as read when our scripts were last compared with them
 * (sha256 of their non-comment, non-blank lines). A new electron-builder that
 * changes a template fails here until someone carries the change over.
 */
export const TEMPLATE_FINGERPRINTS: Readonly<Record<'after-install' | 'after-remove', string>> = {
  // electron-builder 26.17.0
  'after-install': 'ddf0cd5540333e12c71b0e06d1947118117d2671b03a2e91aa2ce016248195b3',
  'after-remove': '005857bdc5850b909c1ea6a8760bda80102d07eabfc689c2b5255899e67d4b07',
};

export function templateFingerprint(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export function templatePath(root: string, kind: 'after-install' | 'after-remove'): string {
  const require = createRequire(join(root, 'package.json'));
  const lib = require.resolve('app-builder-lib/package.json', { paths: [root] });
  return join(lib, '..', 'templates', 'linux', `${kind}.tpl`);
}

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;

/** Checks one script; `kind` names the electron-builder template it replaces. */
export function checkDebScript(file: string, kind: 'after-install' | 'after-remove', macros: Macros, root: string): Row[] {
  const item = `${kind} (${file.split('/').pop()})`;
  if (!existsSync(file)) return [fail(AREA, item, `${file} 不存在`)];
  const text = readFileSync(file, 'utf8');
  const rows: Row[] = [];
  if (!text.startsWith('#!/bin/sh\n')) rows.push(fail(AREA, item, '第一行应为 #!/bin/sh（按 POSIX sh 检查）'));

  let rendered: string;
  try {
    rendered = renderDebScript(text, macros);
  } catch (error) {
    return [...rows, fail(AREA, item, (error as Error).message)];
  }

  const syntax = spawnSync('sh', ['-n'], { input: rendered, encoding: 'utf8' });
  rows.push(
    syntax.status === 0
      ? ok(AREA, `${item} sh -n`, '语法正确 syntax ok')
      : fail(AREA, `${item} sh -n`, `语法错误 syntax error: ${syntax.stderr.trim().split('\n')[0]}`),
  );

  if (onPath('shellcheck')) {
    const lint = spawnSync('shellcheck', ['--shell=sh', '--severity=warning', '--format=gcc', '-'], { input: rendered, encoding: 'utf8' });
    rows.push(
      lint.status === 0
        ? ok(AREA, `${item} shellcheck`, '无警告 clean')
        : fail(AREA, `${item} shellcheck`, lint.stdout.trim().split('\n').slice(0, 3).join(' | ') || lint.stderr.trim()),
    );
  } else rows.push(skip(AREA, `${item} shellcheck`, '未安装 not installed (apt-get install shellcheck)'));

  const template = readFileSync(templatePath(root, kind), 'utf8');
  const problems: string[] = [];
  for (const step of TEMPLATE_STEPS[kind]) {
    if (!step.test(template)) problems.push(`electron-builder 模板已没有 ${step.source}：更新 TEMPLATE_STEPS`);
    else if (!step.test(text)) problems.push(`缺少 electron-builder 的步骤 ${step.source}`);
  }
  const fingerprint = templateFingerprint(template);
  if (fingerprint !== TEMPLATE_FINGERPRINTS[kind])
    problems.push(`electron-builder 的 ${kind}.tpl 已变化（${fingerprint.slice(0, 12)}）：对照更新本脚本，再更新 TEMPLATE_FINGERPRINTS`);
  rows.push(rowFor(AREA, `${item} 模板 template`, problems, `包含 electron-builder ${kind}.tpl 的 ${TEMPLATE_STEPS[kind].length} 个步骤`));
  return rows;
}
