import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CounterConfigSchema } from '../../shared/contract';
import { hashPin, parsePinHash, verifyPin } from '../services/accounts/pin-hash';
import { tempDir } from '../../test/support/temp-dir';

const root = join(__dirname, '..', '..');

/** Runs the command exactly as documented: `npm run --silent lead|clerk -- …`. */
function run(command: 'lead' | 'clerk', args: string[], input = '') {
  const ran = spawnSync('npm', ['run', '--silent', command, '--', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}
const lead = (args: string[], input = '') => run('lead', args, input);
const clerk = (args: string[], input = '') => run('clerk', args, input);

describe('npm run lead', { timeout: 60_000 }, () => {
  it('adds a lead with the PIN from stdin, resets it, lists and removes', async () => {
    const dir = tempDir('lead-cli-');
    const added = lead(['add', '0101', '王组长', '--data-dir', dir], '24681357\n24681357\n');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('已新增组长 王组长（0101）');
    const config = () => CounterConfigSchema.parse(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
    const hash = config().lead.accounts[0]!.pinHash;
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain('24681357');
    expect(await verifyPin('24681357', hash)).toBe(true);
    // At the current, memory-hard cost.
    expect(parsePinHash(hash)).toMatchObject({ N: 131072, r: 8, p: 1 });

    expect(lead(['add', '0101', '另一人', '--data-dir', dir], '11111111\n')).toMatchObject({ status: 1 });
    expect(lead(['reset', '0101', '--data-dir', dir], '13579246\n99999999\n')).toMatchObject({ status: 1, stderr: expect.stringContaining('两次输入的 PIN 不一致') });
    // A new PIN is at least 8 digits: the 6 digits allowed before are refused now.
    expect(lead(['reset', '0101', '--data-dir', dir], '246810\n')).toMatchObject({ status: 1, stderr: expect.stringContaining('新 PIN 须为 8 到 12 位数字') });
    expect(config().lead.accounts[0]!.pinHash).toBe(hash);
    expect(lead(['reset', '0101', '--data-dir', dir], '13579246\n')).toMatchObject({ status: 0 });
    expect(await verifyPin('13579246', config().lead.accounts[0]!.pinHash)).toBe(true);

    expect(lead(['list', '--data-dir', dir]).stdout).toBe('0101\t王组长\n');
    expect(lead(['remove', '0101', '--data-dir', dir])).toMatchObject({ status: 0 });
    expect(lead(['list', '--data-dir', dir]).stdout).toBe('尚未设置组长\n');
    expect(lead(['remove', '0101', '--data-dir', dir])).toMatchObject({ status: 1, stderr: expect.stringContaining('没有工号为 0101 的组长') });
  });

  it('lists accounts whose hash is at the old cost as 需重设, for leads and clerks alike', async () => {
    const dir = tempDir('lead-cli-weak-');
    const old = await hashPin('246810', { N: 16384, r: 8, p: 1 });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ lead: { accounts: [{ staffNo: '0101', name: '王组长', pinHash: old }] }, clerk: { accounts: [{ staffNo: '0342', name: '李四', pinHash: old }] } }));
    expect(lead(['list', '--data-dir', dir]).stdout).toBe('0101\t王组长\t需重设\n');
    expect(clerk(['list', '--data-dir', dir]).stdout).toBe('0342\t李四\t需重设\n');
  });
});

describe('npm run clerk', { timeout: 60_000 }, () => {
  it('adds a clerk account beside the leads, with its own staff numbers and wording', async () => {
    const dir = tempDir('clerk-cli-');
    expect(lead(['add', '0101', '王组长', '--data-dir', dir], '24681357\n')).toMatchObject({ status: 0 });
    const added = clerk(['add', '0342', '李四', '--data-dir', dir], '13572468\n13572468\n');
    expect(added).toMatchObject({ status: 0, stderr: '' });
    expect(added.stdout).toContain('已新增窗口工作人员 李四（0342）');
    const config = CounterConfigSchema.parse(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
    expect(config.lead.accounts.map((a) => a.staffNo)).toEqual(['0101']);
    expect(config.clerk.accounts).toEqual([{ staffNo: '0342', name: '李四', pinHash: expect.stringMatching(/^scrypt\$131072\$8\$1\$/) }]);
    expect(await verifyPin('13572468', config.clerk.accounts[0]!.pinHash)).toBe(true);
    expect(clerk(['add', '0342', '张三', '--data-dir', dir], '11112222\n')).toMatchObject({ status: 1, stderr: expect.stringContaining('工号 0342 的窗口工作人员已存在') });
    expect(clerk(['list', '--data-dir', dir]).stdout).toBe('0342\t李四\n');
    expect(clerk(['remove', '0342', '--data-dir', dir])).toMatchObject({ status: 0 });
    expect(clerk(['list', '--data-dir', dir]).stdout).toBe('尚未设置窗口工作人员\n');
  });
});
