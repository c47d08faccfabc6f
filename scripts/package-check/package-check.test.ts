/**
 * `npm run package:check` fed broken inputs, each failing with the reason IT
 * or a developer needs: a builder config missing a fuse or taking sources,
 * a devDependency or a native module left inside app.asar, deb scripts with a
 * syntax error, an unknown macro or a lost electron-builder step, broken udev
 * rules, an NSIS include that would not do /CONFIG=, a missing or small icon,
 * a version the UOS store cannot number. The project as it is
 * passes each of the same checks, so each failure is the broken input's.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { APP_FILES, checkBuilderConfig, loadBuilderConfig, type BuilderConfig } from './builder-config';
import { assembleAsar, checkAsarContents, productionPackages, type ProductionPackage } from './asar-contents';
import { checkDebScript, debMacros, renderDebScript } from './deb-scripts';
import { globToRegExp, matchesPatterns } from './files';
import { checkNativeModules } from './native-modules';
import { checkNsisInclude } from './nsis-include';
import type { Row } from './report';
import { checkUdevRules, parseUdevRule } from './udev-rules';
import { checkAppIcon, pngSize } from './app-icon';
import { checkStoreReadiness } from './uos-store';

const ROOT = join(__dirname, '..', '..');
const YML = join(ROOT, 'electron-builder.yml');
const PRODUCT = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { productName: string }).productName;

const failures = (rows: Row[]) => rows.filter((r) => r.verdict === 'fail');
const row = (rows: Row[], item: string) => rows.find((r) => r.item === item)!;

/** A temp copy of a project file with one change, asserting the change applies. */
function brokenCopy(file: string, name: string, from: string | RegExp, to: string): string {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${name}: the change must apply`).not.toBe(text);
  const copy = join(tempDir('package-check-'), name);
  writeFileSync(copy, changed);
  return copy;
}

describe('package:check — the builder config', () => {
  it('passes the project’s electron-builder.yml', async () => {
    expect(failures(await checkBuilderConfig(loadBuilderConfig(YML), ROOT))).toEqual([]);
  });

  it('fails a copy missing a fuse, naming it', async () => {
    const rows = await checkBuilderConfig(loadBuilderConfig(brokenCopy(YML, 'electron-builder.yml', /^\s+runAsNode: false\n/m, '')), ROOT);
    expect(row(rows, 'electronFuses')).toMatchObject({ verdict: 'fail', detail: 'electronFuses.runAsNode 缺失（应为 false）' });
  });

  it('fails a flipped fuse, a loong64 target, a lost perMachine and a data-deleting uninstall', async () => {
    let yml = brokenCopy(YML, 'a.yml', 'onlyLoadAppFromAsar: true', 'onlyLoadAppFromAsar: false');
    yml = brokenCopy(yml, 'b.yml', 'arch: [x64, arm64]\n    - target: AppImage', 'arch: [x64, arm64, loong64]\n    - target: AppImage');
    yml = brokenCopy(yml, 'c.yml', 'perMachine: true', 'perMachine: false');
    yml = brokenCopy(yml, 'd.yml', 'deleteAppDataOnUninstall: false', 'deleteAppDataOnUninstall: true');
    const rows = await checkBuilderConfig(loadBuilderConfig(yml), ROOT);
    expect(row(rows, 'electronFuses').detail).toBe('electronFuses.onlyLoadAppFromAsar 应为 true，实为 false');
    expect(row(rows, 'Linux deb').detail).toContain('deb loong64：Electron 没有该架构的版本');
    expect(row(rows, 'Windows NSIS').detail).toContain('nsis.perMachine 应为 true');
    expect(row(rows, 'Windows NSIS').detail).toContain('nsis.deleteAppDataOnUninstall 不能为 true');
  });

  it('fails an option electron-builder does not know (its own schema), sources in files, and a deb without its scripts', async () => {
    let yml = brokenCopy(YML, 'a.yml', 'afterInstall: resources/build/linux/after-install.sh', 'afterInstal: resources/build/linux/after-install.sh');
    yml = brokenCopy(yml, 'b.yml', "  - package.json\n", "  - package.json\n  - 'electron/**'\n");
    const rows = await checkBuilderConfig(loadBuilderConfig(yml), ROOT);
    expect(row(rows, 'electron-builder schema')).toMatchObject({ verdict: 'fail' });
    expect(row(rows, 'electron-builder schema').detail).toContain('deb');
    expect(row(rows, 'files').detail).toContain('files 不应包含 electron/**');
    expect(row(rows, 'Linux deb').detail).toContain('deb.afterInstall 缺失');
  });

  it('the command exits 1 and prints the reason for a config missing a fuse', () => {
    const yml = brokenCopy(YML, 'electron-builder.yml', /^\s+enableCookieEncryption: true\n/m, '');
    const run = spawnSync('npx', ['tsx', 'scripts/package-check.ts', '--config', yml], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('配置 config electronFuses: electronFuses.enableCookieEncryption 缺失（应为 true）');
    expect(run.stdout).toMatch(/打包检查失败 package check failed: \d+ 项问题/);
  });
});

describe('package:check — what goes into app.asar', () => {
  let packages: ProductionPackage[];
  let config: BuilderConfig;
  beforeAll(() => {
    packages = productionPackages(ROOT);
    config = loadBuilderConfig(YML);
  });

  it('takes the production tree only: no devDependency, the runtime ones present', () => {
    const names = packages.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['better-sqlite3', 'serialport', 'node-hid', 'zod', 'react']));
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript', 'eslint', 'tsx']) expect(names).not.toContain(dev);
    const rows = checkAsarContents(assembleAsar(ROOT, APP_FILES, packages), ROOT);
    expect(row(rows, '生产依赖 production deps').verdict).toBe('ok');
  });

  it('fails a devDependency in the archive list, naming it', () => {
    const withDev = [...packages, { name: 'vitest', path: 'node_modules/vitest' }];
    const rows = checkAsarContents(assembleAsar(ROOT, APP_FILES, withDev), ROOT);
    expect(row(rows, '生产依赖 production deps')).toMatchObject({ verdict: 'fail', detail: '开发依赖 vitest 会进入 app.asar（devDependency in the archive）' });
  });

  it('fails sources and tests taken into the archive by a files pattern', () => {
    const rows = checkAsarContents(assembleAsar(ROOT, [...APP_FILES, 'electron/**'], []), ROOT);
    const stray = row(rows, '只含构建产物 build output only');
    expect(stray.verdict).toBe('fail');
    expect(stray.detail).toMatch(/不应打包：electron\//);
  });

  it('fails a native module left inside the archive (not in asarUnpack)', () => {
    const withoutKoffi = { ...config, asarUnpack: (config.asarUnpack as string[]).filter((p) => !/koffi|koromix/.test(p)) };
    const rows = checkNativeModules(packages, withoutKoffi, ROOT);
    expect(row(rows, 'koffi')).toMatchObject({ verdict: 'fail' });
    expect(row(rows, 'koffi').detail).toContain('不在 asarUnpack 中');
    expect(failures(checkNativeModules(packages, config, ROOT))).toEqual([]);
  });

  it('flags better-sqlite3 when nothing would rebuild it for Electron', () => {
    const rows = checkNativeModules(packages, { ...config, npmRebuild: false }, ROOT);
    expect(row(rows, 'better-sqlite3').detail).toContain('npmRebuild 不是 true');
  });

  it('reads asarUnpack and files patterns the way electron-builder does', () => {
    expect(matchesPatterns('node_modules/@serialport/bindings-cpp/prebuilds/linux-x64/a.node', ['**/node_modules/@serialport/**'])).toBe(true);
    expect(matchesPatterns('node_modules/koffi/index.js', ['**/node_modules/node-hid/**'])).toBe(false);
    expect(matchesPatterns('build/linux/after-install.sh', ['**/*', '!build/**'])).toBe(false);
    expect(matchesPatterns('udev/70-x.rules', ['**/*', '!build/**'])).toBe(true);
    expect(globToRegExp('out/**').test('out/main/index.js')).toBe(true);
    expect(globToRegExp('out/**').test('outside/x.js')).toBe(false);
  });
});

describe('package:check — the deb scripts', () => {
  const config = loadBuilderConfig(YML);
  const macros = debMacros(config, PRODUCT);
  const INSTALL = join(ROOT, 'resources', 'build', 'linux', 'after-install.sh');

  it('passes the project’s scripts', () => {
    const rows = [...checkDebScript(INSTALL, 'after-install', macros, ROOT), ...checkDebScript(join(ROOT, 'resources/build/linux/after-remove.sh'), 'after-remove', macros, ROOT)];
    expect(failures(rows)).toEqual([]);
  });

  it('fails a script with a syntax error (sh -n)', () => {
    const broken = brokenCopy(INSTALL, 'after-install.sh', /\nfi\n/, '\n');
    const rows = checkDebScript(broken, 'after-install', macros, ROOT);
    expect(row(rows, 'after-install (after-install.sh) sh -n')).toMatchObject({ verdict: 'fail' });
    expect(row(rows, 'after-install (after-install.sh) sh -n').detail).toMatch(/^语法错误 syntax error: .+/);
  });

  it('fails a braced variable electron-builder would take for an unknown macro', () => {
    const broken = brokenCopy(INSTALL, 'after-install.sh', 'RULES_TARGET="$DESTROOT/etc/udev/rules.d"', 'RULES_TARGET="${DESTROOT}/etc/udev/rules.d"');
    expect(checkDebScript(broken, 'after-install', macros, ROOT)).toEqual([
      expect.objectContaining({ verdict: 'fail', detail: expect.stringContaining('未定义的宏 ${DESTROOT}') }),
    ]);
    expect(() => renderDebScript('x=${DESTROOT}', macros)).toThrow('未定义的宏 ${DESTROOT}');
    expect(renderDebScript("'/opt/${sanitizedProductName}/${executable}'", macros)).toBe(`'/opt/${PRODUCT}/counter-terminal'`);
  });

  it('fails a script that lost one of electron-builder’s steps (chrome-sandbox setuid)', () => {
    const broken = brokenCopy(INSTALL, 'after-install.sh', /chmod 4755 "\$APP_DIR\/chrome-sandbox"/, 'true');
    const rows = checkDebScript(broken, 'after-install', macros, ROOT);
    expect(row(rows, 'after-install (after-install.sh) 模板 template').detail).toContain('缺少 electron-builder 的步骤 chmod 4755 .*chrome-sandbox');
  });
});

describe('package:check — udev rules and the NSIS include', () => {
  const SIGNATURE = join(ROOT, 'resources', 'udev', '70-counter-terminal-signature.rules');
  const DEVICES = join(ROOT, 'resources', 'udev', '70-counter-terminal-devices.rules');

  it('passes the shipped rules', () => {
    expect(failures(checkUdevRules(join(ROOT, 'resources', 'udev')))).toEqual([]);
  });

  function rulesDirWith(devices: string): string {
    const dir = tempDir('udev-rules-');
    copyFileSync(SIGNATURE, join(dir, '70-counter-terminal-signature.rules'));
    copyFileSync(devices, join(dir, '70-counter-terminal-devices.rules'));
    return dir;
  }

  it('fails a rule with a missing comma, naming the line', () => {
    const broken = brokenCopy(DEVICES, 'devices.rules', 'ATTRS{idProduct}=="7523", TAG', 'ATTRS{idProduct}=="7523" TAG');
    const rows = checkUdevRules(rulesDirWith(broken));
    expect(row(rows, '70-counter-terminal-devices.rules').detail).toMatch(/第 \d+ 行：不是 key=="value" 形式/);
  });

  it('fails a rule without uaccess and a chip no rule covers', () => {
    let broken = brokenCopy(DEVICES, 'a.rules', /(ATTRS\{idProduct\}=="6001"), TAG\+="uaccess", /, '$1, ');
    broken = brokenCopy(broken, 'b.rules', /^SUBSYSTEM=="tty", ATTRS\{idVendor\}=="067b".*\n/m, '');
    const rows = checkUdevRules(rulesDirWith(broken));
    expect(row(rows, '70-counter-terminal-devices.rules').detail).toContain('缺少 TAG+="uaccess"');
    expect(row(rows, '覆盖 coverage').detail).toContain('PL2303 067b:2303 (tty)');
  });

  it('parses like udev: operators by key', () => {
    expect(() => parseUdevRule('SUBSYSTEM="tty", MODE="0660"', 1)).toThrow('SUBSYSTEM 不能用 =');
    expect(() => parseUdevRule('SUBSYSTEM=="tty", MODE=="0660"', 1)).toThrow('MODE 不能用 ==');
    expect(parseUdevRule('SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", TAG+="uaccess"', 1)).toHaveLength(3);
  });

  it('passes the NSIS include and fails one that would not install the centre file or that deletes data on upgrade', () => {
    const NSH = join(ROOT, 'resources', 'build', 'installer.nsh');
    expect(failures(checkNsisInclude(NSH))).toEqual([]);
    const noConfig = brokenCopy(NSH, 'a.nsh', '"/CONFIG="', '"/CENTRE="');
    expect(checkNsisInclude(noConfig)[0]!.detail).toContain('customInstall 不读取 /CONFIG=');
    const onUpgrade = brokenCopy(NSH, 'b.nsh', '  ${IfNot} ${isUpdated}\n', '  ${If} 1 == 1\n');
    expect(checkNsisInclude(onUpgrade)[0]!.detail).toContain('customUnInstall 应整体包在 ${IfNot} ${isUpdated} 中');
    const typo = brokenCopy(NSH, 'c.nsh', '${APP_EXECUTABLE_FILENAME}', '${APP_EXECUTABLE}');
    expect(checkNsisInclude(typo)[0]!.detail).toContain('未定义：${APP_EXECUTABLE}');
  });
});

describe('package:check — the icon and the UOS store package', () => {
  const BUILD = join(ROOT, 'resources', 'build');

  it('passes the project’s icon and store settings', () => {
    expect(failures(checkAppIcon(BUILD))).toEqual([]);
    expect(failures(checkStoreReadiness(ROOT))).toEqual([]);
    expect(pngSize(readFileSync(join(BUILD, 'icon.png')))).toEqual({ width: 512, height: 512 });
  });

  it('fails a missing icon, a small or non-square one and an SVG that is not one', () => {
    const dir = tempDir('package-check-');
    const rows = checkAppIcon(dir);
    expect(row(rows, 'icon.png').detail).toContain('npm run icon');
    expect(row(rows, 'icon.svg').detail).toContain('缺少');
    const png = readFileSync(join(BUILD, 'icon.png'));
    const small = Buffer.from(png);
    small.writeUInt32BE(256, 16);
    writeFileSync(join(dir, 'icon.png'), small);
    writeFileSync(join(dir, 'icon.svg'), '<html></html>');
    expect(row(checkAppIcon(dir), 'icon.png').detail).toContain('是 256×512，应为不小于 512×512 的正方形');
    expect(row(checkAppIcon(dir), 'icon.svg').detail).toContain('不是 SVG');
    writeFileSync(join(dir, 'icon.png'), 'GIF89a');
    expect(row(checkAppIcon(dir), 'icon.png').detail).toContain('不是 PNG');
  });

  it('fails a prerelease version and a desktopName that does not match the appId', () => {
    const project = tempDir('package-check-');
    copyFileSync(YML, join(project, 'electron-builder.yml'));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ ...pkg, version: '1.0.0-beta.1', desktopName: 'counter-terminal.desktop' }));
    expect(row(checkStoreReadiness(project), 'appId/version').detail).toContain('版本号「1.0.0-beta.1」不能用于应用商店');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ ...pkg, desktopName: 'counter-terminal.desktop' }));
    expect(row(checkStoreReadiness(project), 'desktopName').detail).toContain('应为「cn.gov.service-centre.counter-terminal.desktop」');
  });
});
