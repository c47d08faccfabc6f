import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CounterConfigSchema } from '../../shared/contract';
import { verifyPin } from '../services/lead/pin-hash';
import { tempDir } from '../../test/support/temp-dir';

const root = join(__dirname, '..', '..');

/** Runs the command exactly as documented: `npm run --silent lead -- …`. */
function lead(args: string[], input = '') {
  const run = spawnSync('npm', ['run', '--silent', 'lead', '--', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run lead', { timeout: 60_000 }, () => {
  it('adds a lead with the PIN from stdin, resets it, lists and removes', async () => {
    const dir = tempDir('lead-cli-');
    const added = lead(['add', '0101', '王组长', '--data-dir', dir], '246810\n246810\n');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('已新增组长 王组长（0101）');
    const config = () => CounterConfigSchema.parse(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
    const hash = config().lead.accounts[0]!.pinHash;
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain('246810');
    expect(await verifyPin('246810', hash)).toBe(true);

    expect(lead(['add', '0101', '另一人', '--data-dir', dir], '111111\n')).toMatchObject({ status: 1 });
    expect(lead(['reset', '0101', '--data-dir', dir], '13579246\n99999999\n')).toMatchObject({ status: 1, stderr: expect.stringContaining('两次输入的 PIN 不一致') });
    expect(lead(['reset', '0101', '--data-dir', dir], '12\n')).toMatchObject({ status: 1, stderr: expect.stringContaining('PIN 须为 6 到 12 位数字') });
    expect(config().lead.accounts[0]!.pinHash).toBe(hash);
    expect(lead(['reset', '0101', '--data-dir', dir], '13579246\n')).toMatchObject({ status: 0 });
    expect(await verifyPin('13579246', config().lead.accounts[0]!.pinHash)).toBe(true);

    expect(lead(['list', '--data-dir', dir]).stdout).toBe('0101\t王组长\n');
    expect(lead(['remove', '0101', '--data-dir', dir])).toMatchObject({ status: 0 });
    expect(lead(['list', '--data-dir', dir]).stdout).toBe('尚未设置组长\n');
    expect(lead(['remove', '0101', '--data-dir', dir])).toMatchObject({ status: 1, stderr: expect.stringContaining('没有工号为 0101 的组长') });
  });
});
