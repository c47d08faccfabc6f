/**
 * The store deb built for real with dpkg-deb from a stand-in for
 * electron-builder's unpacked folder (a 64-byte ELF header as the executable,
 * since no Electron binary can be had here), then read back with dpkg-deb and
 * unpacked into a temporary root, as dpkg would install it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { buildStoreDeb, StoreError } from './build';

const ROOT = join(__dirname, '..', '..');
const APP_ID = 'cn.gov.service-centre.counter-terminal';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const E_MACHINE = { x64: 62, arm64: 183 } as const;

/** What `electron-builder --linux dir` leaves, in miniature: the executable (an ELF header for `machine`), chrome-sandbox setuid as electron-builder ships it, the asar, a shared library. */
function unpackedApp(machine: number): string {
  const dir = tempDir('unpacked-');
  const elf = new Uint8Array(64);
  elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  [elf[18], elf[19]] = [machine & 0xff, machine >> 8];
  writeFileSync(join(dir, 'counter-terminal'), elf, { mode: 0o755 });
  writeFileSync(join(dir, 'chrome-sandbox'), elf);
  chmodSync(join(dir, 'chrome-sandbox'), 0o4755);
  writeFileSync(join(dir, 'libffmpeg.so'), 'library');
  mkdirSync(join(dir, 'resources', 'resources', 'udev'), { recursive: true });
  writeFileSync(join(dir, 'resources', 'app.asar'), 'asar');
  writeFileSync(join(dir, 'resources', 'resources', 'udev', '70-counter-terminal.rules'), '# rules\n');
  return dir;
}

function run(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd });
  expect(result.status, `${command} ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

describe('buildStoreDeb', () => {
  it('packs the app under /opt/apps/<appid> with no maintainer script, owned by root, no setuid file', () => {
    const out = tempDir('store-out-');
    const result = buildStoreDeb({ root: ROOT, unpacked: unpackedApp(E_MACHINE.x64), arch: 'x64', outDir: out });

    expect(result.deb).toBe(join(out, `${APP_ID}_${VERSION}.0_amd64.deb`));
    expect(result.version).toBe(`${VERSION}.0`);
    expect(result.bytes).toBe(statSync(result.deb).size);
    expect(run('dpkg-deb', ['--field', result.deb, 'Package', 'Version', 'Architecture'])).toBe(
      `Package: ${APP_ID}\nVersion: ${VERSION}.0\nArchitecture: amd64\n`,
    );

    // The control archive holds control and md5sums only: no preinst, postinst, prerm, postrm, triggers.
    const control = spawnSync('sh', ['-c', `dpkg-deb --ctrl-tarfile "${result.deb}" | tar -t`], { encoding: 'utf8' });
    expect(control.stdout.split('\n').filter(Boolean).sort()).toEqual(['./', './control', './md5sums']);

    const listing = run('dpkg-deb', ['--contents', result.deb]).trim().split('\n');
    const paths = listing.map((line) => line.split(/\s+/).slice(5).join(' '));
    expect(paths.filter((p) => !['./', './opt/', './opt/apps/'].includes(p) && !p.startsWith(`./opt/apps/${APP_ID}/`))).toEqual([]);
    for (const line of listing) {
      expect(line.split(/\s+/)[1], line).toBe('root/root');
      expect(line.split(/\s+/)[0], line).not.toMatch(/[sS]/);
    }
    expect(paths).toContain(`./opt/apps/${APP_ID}/files/resources/resources/udev/70-counter-terminal.rules`);
  });

  it('installs (dpkg-deb -x) into a tree where the desktop entry starts an executable that is there, with its icon, info and true md5sums', () => {
    const out = tempDir('store-out-');
    const { deb } = buildStoreDeb({ root: ROOT, unpacked: unpackedApp(E_MACHINE.arm64), arch: 'arm64', outDir: out, build: 7 });
    const system = tempDir('store-root-');
    run('dpkg-deb', ['-x', deb, system]);
    const app = join(system, 'opt', 'apps', APP_ID);
    expect(readdirSync(app).sort()).toEqual(['entries', 'files', 'info']);

    const info = JSON.parse(readFileSync(join(app, 'info'), 'utf8')) as { appid: string; version: string; arch: string[] };
    expect(info).toMatchObject({ appid: APP_ID, version: `${VERSION}.7`, arch: ['arm64'] });

    const desktop = readFileSync(join(app, 'entries', 'applications', `${APP_ID}.desktop`), 'utf8');
    const exec = /^Exec=(\S+)/m.exec(desktop)?.[1];
    expect(exec).toBe(`/opt/apps/${APP_ID}/files/counter-terminal`);
    expect(statSync(join(system, exec!)).mode & 0o777).toBe(0o755);
    expect(statSync(join(app, 'files', 'chrome-sandbox')).mode & 0o7777).toBe(0o755);
    const icon = /^Icon=(\S+)/m.exec(desktop)?.[1];
    expect(readFileSync(join(app, 'entries', 'icons', 'hicolor', 'scalable', 'apps', `${icon}.svg`), 'utf8')).toContain('<svg');
    expect(readFileSync(join(app, 'entries', 'icons', 'hicolor', '512x512', 'apps', `${icon}.png`)).subarray(1, 4).toString()).toBe('PNG');

    // md5sums lists every installed file, and each sum is right.
    const sums = spawnSync('sh', ['-c', `dpkg-deb --ctrl-tarfile "${deb}" | tar -xO ./md5sums`], { encoding: 'utf8' }).stdout;
    expect(sums.trim().split('\n')).toHaveLength(9);
    writeFileSync(join(system, 'md5sums'), sums);
    expect(run('md5sum', ['--check', '--strict', 'md5sums'], system)).toMatch(/files\/counter-terminal: OK/);
  });

  it('refuses, in Chinese and leaving nothing behind, an unpacked folder that would not run', () => {
    const out = join(tempDir('store-out-'), 'dist');
    const build = (unpacked: string, arch: 'x64' | 'arm64' = 'x64') => () => buildStoreDeb({ root: ROOT, unpacked, arch, outDir: out });

    expect(build('/nonexistent/linux-unpacked')).toThrow(/找不到未打包的应用目录/);
    expect(build(unpackedApp(E_MACHINE.x64), 'arm64')).toThrow(/是 x64 的程序，不是 arm64/);
    expect(build(unpackedApp(258))).toThrow(/是 loong64 的程序/);

    const script = unpackedApp(E_MACHINE.x64);
    writeFileSync(join(script, 'counter-terminal'), '#!/bin/sh\n');
    expect(build(script)).toThrow(/不是 Linux 可执行文件/);

    const notExecutable = unpackedApp(E_MACHINE.x64);
    chmodSync(join(notExecutable, 'counter-terminal'), 0o644);
    expect(build(notExecutable)).toThrow(/没有可执行权限/);

    const noAsar = unpackedApp(E_MACHINE.x64);
    rmSync(join(noAsar, 'resources', 'app.asar'));
    expect(build(noAsar)).toThrow(StoreError);
    expect(build(noAsar)).toThrow(/没有 resources\/app.asar/);

    const noExecutable = unpackedApp(E_MACHINE.x64);
    rmSync(join(noExecutable, 'counter-terminal'));
    expect(build(noExecutable)).toThrow(/没有可执行文件 counter-terminal/);

    expect(existsSync(out)).toBe(false);
  });
});

describe('npm run package:uos-store', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'package-uos-store.ts'), ...args], { encoding: 'utf8' });

  it('prints the package it made, exit 0', () => {
    const out = tempDir('store-out-');
    const result = cli(['--arch', 'x64', '--unpacked', unpackedApp(E_MACHINE.x64), '--out', out, '--build', '3']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(join(out, `${APP_ID}_${VERSION}.3_amd64.deb`));
    expect(existsSync(join(out, `${APP_ID}_${VERSION}.3_amd64.deb`))).toBe(true);
  });

  it('exit 1 with the reason for a wrong folder, exit 2 with the usage for a wrong arch or build number', () => {
    const wrong = cli(['--arch', 'x64', '--unpacked', '/nonexistent']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('找不到未打包的应用目录 /nonexistent');

    const loong = cli(['--arch', 'loong64']);
    expect(loong.status).toBe(2);
    expect(loong.stderr).toContain('龙芯 loong64 没有 Electron');
    expect(loong.stderr).toContain('用法');
    expect(cli(['--arch', 'x64', '--build', '-1']).status).toBe(2);
    expect(cli(['--arch', 'x64', '--bogus']).status).toBe(2);
  });
});
