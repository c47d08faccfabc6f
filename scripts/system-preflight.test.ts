/**
 * The preflight run for real, as `npm test` runs it, on a PATH of stand-ins
 * for dpkg-query, apt-get and id: the stand-in dpkg knows only the packages
 * listed in a state file, and the stand-in apt-get records its arguments and
 * environment and "installs" into that file. Nothing on this machine is
 * installed or removed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dir';
import { DPKG_FORMAT, SYSTEM_PACKAGES } from './system-packages';
import { systemPreflight } from './system-preflight';

const repo = join(__dirname, '..');
const tsxCli = join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const ALL = SYSTEM_PACKAGES.map((p) => p.name);

function script(file: string, body: string): void {
  writeFileSync(file, `#!${process.execPath}\n${body}`);
  chmodSync(file, 0o755);
}

interface Machine {
  dir: string;
  bin: string;
  installed: () => string[];
  aptCalls: () => { args: string[]; frontend: string | null }[];
}

/** A folder of stand-ins; `installed` are the packages dpkg knows as installed. */
function fakeMachine(installed: string[], options: { dpkg?: boolean; apt?: boolean } = {}): Machine {
  const dir = tempDir('system-preflight-');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const state = join(dir, 'installed');
  const calls = join(dir, 'apt-calls.jsonl');
  writeFileSync(state, installed.map((p) => `${p}\n`).join(''));
  script(join(bin, 'id'), `if (process.argv[2] !== '-u') process.exit(2);\nconsole.log(process.env.FAKE_UID);\n`);
  if (options.dpkg !== false)
    script(
      join(bin, 'dpkg-query'),
      `const fs = require('fs');
const installed = fs.readFileSync(${JSON.stringify(state)}, 'utf8').split('\\n');
const [w, format, ...names] = process.argv.slice(2);
if (w !== '-W' || format !== ${JSON.stringify(`-f=${DPKG_FORMAT}`)}) { console.error('unexpected', process.argv); process.exit(2); }
let status = 0;
for (const name of names) {
  if (installed.includes(name)) process.stdout.write(name + '\\tinstalled\\n');
  else { console.error('dpkg-query: no packages found matching ' + name); status = 1; }
}
process.exit(status);
`,
    );
  if (options.apt !== false)
    script(
      join(bin, 'apt-get'),
      `const fs = require('fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(calls)}, JSON.stringify({ args, frontend: process.env.DEBIAN_FRONTEND ?? null }) + '\\n');
if (process.env.FAKE_APT_FAIL === args[0]) { console.error('E: Unable to locate package ' + args.at(-1)); process.exit(100); }
if (args[0] === 'install') for (const a of args.slice(1)) if (!a.startsWith('-')) fs.appendFileSync(${JSON.stringify(state)}, a + '\\n');
`,
    );
  return {
    dir,
    bin,
    installed: () => readFileSync(state, 'utf8').split('\n').filter(Boolean),
    aptCalls: () =>
      existsSync(calls)
        ? readFileSync(calls, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as { args: string[]; frontend: string | null })
        : [],
  };
}

/** Runs `entry` (a script of this folder) with tsx, with only the stand-ins on PATH. */
function run(machine: Machine, entry: string, env: Record<string, string>): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [tsxCli, join(__dirname, entry)], {
    cwd: repo,
    encoding: 'utf8',
    env: { PATH: machine.bin, TMPDIR: process.env.TMPDIR ?? '/tmp', HOME: process.env.HOME ?? '/root', ...env },
    timeout: 60_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const missingTwo = ALL.filter((p) => p !== 'socat' && p !== 'poppler-utils');

describe('npm test on a machine missing socat and poppler-utils', () => {
  it('as root with apt-get: installs exactly those, noninteractive and quiet, in one line, then lets the tests run', () => {
    const machine = fakeMachine(missingTwo);
    const { status, out } = run(machine, 'check-system-packages.ts', { FAKE_UID: '0' });
    expect(out).toBe('安装系统软件包：socat poppler-utils（apt-get；COUNTER_TEST_NO_APT=1 则只报告）\n');
    expect(status).toBe(0);
    expect(machine.aptCalls()).toEqual([
      { args: ['update', '-qq'], frontend: 'noninteractive' },
      { args: ['install', '-y', '-qq', '--no-install-recommends', 'socat', 'poppler-utils'], frontend: 'noninteractive' },
    ]);
    expect(machine.installed().sort()).toEqual([...ALL].sort());
  }, 60_000);

  it('not root: stops at once with the sudo command, exit 1, and apt-get is never called', () => {
    const machine = fakeMachine(missingTwo);
    const { status, out } = run(machine, 'check-system-packages.ts', { FAKE_UID: '1000' });
    expect(status).toBe(1);
    expect(out.split('\n')[0]).toMatch(/^缺少测试所需的系统软件包：socat（虚拟串口：socat）、poppler-utils（/);
    expect(out).toContain('\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends socat poppler-utils\n');
    expect(machine.aptCalls()).toEqual([]);
  }, 60_000);

  it('root with COUNTER_TEST_NO_APT=1: only reports, exit 1, installs nothing', () => {
    const machine = fakeMachine(missingTwo);
    const { status, out } = run(machine, 'check-system-packages.ts', { FAKE_UID: '0', COUNTER_TEST_NO_APT: '1' });
    expect(status).toBe(1);
    expect(out).toContain('COUNTER_TEST_NO_APT=1：不自动安装');
    expect(out).toContain('\n  apt-get update && apt-get install -y --no-install-recommends socat poppler-utils\n');
    expect(machine.aptCalls()).toEqual([]);
    expect(machine.installed()).toEqual(missingTwo);
  }, 60_000);

  it('root, but apt-get fails: says so with apt’s words and the command, exit 1', () => {
    const machine = fakeMachine(missingTwo);
    const { status, out } = run(machine, 'check-system-packages.ts', { FAKE_UID: '0', FAKE_APT_FAIL: 'install' });
    expect(status).toBe(1);
    expect(out).toContain('apt-get install 失败（状态 100）');
    expect(out).toContain('E: Unable to locate package poppler-utils');
    expect(out).toContain('  apt-get update && apt-get install -y --no-install-recommends socat poppler-utils\n');
  }, 60_000);

  it('npm test itself (scripts/test.ts) stops in its first lines, before the typecheck, with the closing count', () => {
    const machine = fakeMachine(missingTwo);
    const { status, out } = run(machine, 'test.ts', { FAKE_UID: '1000' });
    expect(status).toBe(1);
    expect(out.split('\n')[0]).toMatch(/^缺少测试所需的系统软件包：socat/);
    expect(out).not.toContain('typecheck');
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed, 0 skipped');
  }, 60_000);
});

describe('nothing missing', () => {
  it('prints nothing and never calls apt-get', () => {
    const machine = fakeMachine(ALL);
    const { status, out } = run(machine, 'check-system-packages.ts', { FAKE_UID: '0' });
    expect({ status, out }).toEqual({ status: 0, out: '' });
    expect(machine.aptCalls()).toEqual([]);
  }, 60_000);
});

describe('a machine without dpkg', () => {
  it('looks for the programs on PATH and the files, and stops naming what is missing', () => {
    const machine = fakeMachine([], { dpkg: false, apt: false });
    const root = join(machine.dir, 'root');
    // Everything but pdffonts (so poppler-utils) and the font.
    for (const command of ['socat', 'ffmpeg', 'pdftotext', 'pdftoppm', 'pdfimages', 'pdfinfo', 'udevadm', 'shellcheck']) script(join(machine.bin, command), '');
    for (const file of ['/usr/bin/chromium', '/usr/lib64/libusb-1.0.so.0']) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), '');
    }
    let out = '';
    const status = systemPreflight({ env: { PATH: machine.bin, FAKE_UID: '0' }, fileRoot: root, write: (text) => (out += text) });
    expect(status).toBe(1);
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      '缺少测试所需的系统软件包：poppler-utils（检查回执 PDF：pdftotext、pdftoppm、pdfimages、pdfinfo、pdffonts）、fonts-wqy-microhei（中文字体，否则中文显示为方框）',
    );
    expect(lines[1]).toContain('没有 apt-get');
    expect(lines[2]).toBe('  apt-get update && apt-get install -y --no-install-recommends poppler-utils fonts-wqy-microhei');
  });
});
