/**
 * The IT commands of the installed app (`窗口受理终端 --doctor …`, `--lead …`,
 * `--clerk …`, `--catalogue …`, `--audit …`): the dispatcher in-process, the
 * built main bundle run with Node (`node out/main/it.js …`, the installed
 * app's code path without Electron), and the `npm run` forms, which must
 * print the same and exit the same.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { CounterConfigSchema } from '../../shared/contract';
import { itCommandArgs } from '../../electron/cli/it-args';
import { runItCommand } from '../../electron/cli/it-commands';
import { appendAudit } from '../../electron/services/audit/audit-log';
import { verifyPin } from '../../electron/services/accounts/pin-hash';
import { closeDatabase, DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import { tempDir } from '../support/temp-dir';

const root = join(__dirname, '..', '..');
const bundle = join(root, 'out', 'main', 'it.js');

beforeAll(() => {
  // `npm test` builds before the suites; run alone, build once as the end-to-end setup does.
  if (existsSync(bundle) && statSync(bundle).size > 0) return;
  const run = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('electron-vite build 失败');
}, 120_000);

/** The dispatcher in this process, its output collected line by line. */
async function inProcess(argv: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runItCommand(argv, { out: (t) => out.push(t), err: (t) => err.push(t), input: Readable.from([stdin]) });
  return { status: code, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
}

/** The built bundle under Node, as the installed app runs it. */
function built(argv: string[], stdin = '', env: Record<string, string> = {}) {
  const ran = spawnSync(process.execPath, [bundle, ...argv], { cwd: root, input: stdin, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

/** The developer's form: `npm run --silent <script> -- …`. */
function npm(script: string, argv: string[], stdin = '', env: Record<string, string> = {}) {
  const ran = spawnSync('npm', ['run', '--silent', script, '--', ...argv], { cwd: root, input: stdin, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

describe('the installed app’s IT commands', { timeout: 120_000 }, () => {
  it('finds the command among Electron’s own arguments, and none in a plain start', () => {
    expect(itCommandArgs(['/opt/窗口受理终端/窗口受理终端', '--no-sandbox', '--doctor', 'all', '--json'])).toEqual(['--doctor', 'all', '--json']);
    expect(itCommandArgs(['electron', '.', '--lead', 'list'])).toEqual(['--lead', 'list']);
    expect(itCommandArgs(['/opt/窗口受理终端/窗口受理终端'])).toBeNull();
    expect(itCommandArgs(['/opt/窗口受理终端/窗口受理终端', '--kiosk'])).toBeNull();
  });

  it('--doctor all --json: one JSON object, the same from the built bundle, in-process and `npm run --silent doctor -- all --json`', async () => {
    const dir = tempDir('it-doctor-');
    const env = { COUNTER_DATA_DIR: dir };
    const fromNpm = npm('doctor', ['all', '--json'], '', env);
    expect(fromNpm.status, fromNpm.stderr).toBe(0);
    const fromBundle = built(['--doctor', 'all', '--json'], '', env);
    expect(fromBundle.status, fromBundle.stderr).toBe(0);
    const here = await inProcess(['--doctor', 'all', '--json', '--data-dir', dir]);
    expect(here.status).toBe(0);
    const json = JSON.parse(fromBundle.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['dataDir', 'config', 'idcard', 'camera', 'signature', 'evaluator', 'printer', 'ports', 'problems']);
    expect(json).toMatchObject({ dataDir: dir, camera: { cameras: null, note: '运行 doctor camera 列出摄像头及其分辨率（会逐个打开摄像头）' } });
    expect(fromBundle.stdout).toBe(fromNpm.stdout);
    expect(here.stdout).toBe(fromNpm.stdout);
    // The doctor only looks: no config.json is created in the data directory.
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('--lead and --clerk: add with the PIN on stdin, list as `npm run lead|clerk` lists, remove; exit statuses as theirs', async () => {
    const dir = tempDir('it-accounts-');
    const added = await inProcess(['--lead', 'add', '0101', '王组长', '--data-dir', dir], '24681357\n');
    expect(added).toMatchObject({ status: 0, stderr: '' });
    expect(added.stdout).toContain('已新增组长 王组长（0101）');
    const clerk = built(['--clerk', 'add', '0342', '李四', '--data-dir', dir], '13572468\n13572468\n');
    expect(clerk).toMatchObject({ status: 0, stderr: '' });
    const config = CounterConfigSchema.parse(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
    expect(await verifyPin('24681357', config.lead.accounts[0]!.pinHash)).toBe(true);
    expect(await verifyPin('13572468', config.clerk.accounts[0]!.pinHash)).toBe(true);

    const listed = await inProcess(['--lead', 'list', '--data-dir', dir]);
    expect(listed).toEqual(npm('lead', ['list', '--data-dir', dir]));
    expect(listed.stdout).toBe('0101\t王组长\n');
    expect(built(['--clerk', 'list', '--data-dir', dir])).toEqual(npm('clerk', ['list', '--data-dir', dir]));
    expect(await inProcess(['--lead', 'add', '0101', '另一人', '--data-dir', dir], '11112222\n')).toMatchObject({ status: 1 });
    expect(await inProcess(['--lead', 'reset', '0101', '--data-dir', dir], '246810\n')).toMatchObject({ status: 1, stderr: expect.stringContaining('新 PIN 须为 8 到 12 位数字') });
    expect(await inProcess(['--clerk', 'remove', '0342', '--data-dir', dir])).toMatchObject({ status: 0 });
    expect((await inProcess(['--clerk', 'list', '--data-dir', dir])).stdout).toBe('尚未设置窗口工作人员\n');
    expect(await inProcess(['--lead'])).toMatchObject({ status: 2 });
  });

  it('--catalogue: template, check and export as `npm run catalogue` does; a wrong command is a usage error', async () => {
    const dir = tempDir('it-catalogue-');
    const workbook = join(dir, '事项目录.xlsx');
    const template = await inProcess(['--catalogue', 'template', workbook, '--data-dir', dir]);
    expect(template.status, template.stderr).toBe(0);
    const checked = built(['--catalogue', 'check', workbook, '--data-dir', dir]);
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked).toEqual(npm('catalogue', ['check', workbook, '--data-dir', dir]));
    expect(checked.stdout).toContain(workbook);
    expect((await inProcess(['--catalogue', 'export', join(dir, 'out.json'), '--data-dir', dir])).status).toBe(0);
    expect(existsSync(join(dir, 'out.json'))).toBe(true);
    expect(await inProcess(['--catalogue', 'frobnicate', 'x'])).toMatchObject({ status: 2, stderr: expect.stringContaining('frobnicate') });
  });

  it('--audit verify: 0 and the head on an intact log, 2 without a database; the same as `npm run audit -- verify`', async () => {
    const dir = tempDir('it-audit-');
    const db = openDatabase(join(dir, DATABASE_FILE));
    for (let i = 1; i <= 3; i++) appendAudit(db, `2026-03-02T09:00:0${i}.000Z`, 'test-event', null, `第${i}条`, 'clerk:0342');
    closeDatabase(db);
    const intact = await inProcess(['--audit', 'verify', '--data-dir', dir]);
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('共 3 条');
    expect(built(['--audit', 'verify', '--data-dir', dir])).toEqual(intact);
    const empty = tempDir('it-audit-none-');
    const missing = await inProcess(['--audit', 'verify', '--data-dir', empty]);
    expect(missing.status).toBe(2);
    expect(missing).toEqual(npm('audit', ['verify', '--data-dir', empty]));
  });

  it('--output FILE takes what the command prints (for a Windows session without a console); help and unknown flags', async () => {
    const dir = tempDir('it-output-');
    const file = join(dir, 'doctor.txt');
    const ran = built(['--doctor', 'camera', '--data-dir', dir, '--output', file]);
    expect(ran).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(file, 'utf8')).toContain('高拍仪（camera）');
    expect(built(['--help-it'])).toMatchObject({ status: 0, stdout: expect.stringContaining('窗口受理终端 --doctor bundle') });
    expect(await inProcess(['--doctor', 'all', '--output'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--output') });
    expect(await inProcess(['--doctor', 'all', '--output', join(dir, 'no', 'such', 'dir', 'x.txt')])).toMatchObject({ status: 2, stderr: expect.stringContaining('无法写入输出文件') });
  });
});
