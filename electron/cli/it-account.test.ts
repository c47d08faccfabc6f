/**
 * `npm run it-account` (and `--it-account`): IT accounts made like the
 * leads'; and `list` of every kind shows the accounts the counter uses —
 * the centre file's too, each marked with where it came from — not only
 * the ones in this counter's config.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterConfigSchema } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { tempDir } from '../../test/support/temp-dir';
import { hashPin, verifyPin } from '../services/accounts/pin-hash';
import { CENTRE_CONFIG_ENV } from '../services/config/centre-config';
import { runItCommand } from './it-commands';
import { CLERK_ACCOUNTS, IT_ACCOUNTS, LEAD_ACCOUNTS, runAccountsCommand, type AccountsCli } from './staff-accounts-cli';

const CHEAP = { N: 1024, r: 8, p: 1 };
const s = strings.itDesk.accountSource;
/** The fixtures' cheap hashes are marked 需重设, as any hash below the current cost. */
const weak = strings.credentials.weakHash;

const savedEnv = process.env[CENTRE_CONFIG_ENV];
afterEach(() => {
  if (savedEnv === undefined) delete process.env[CENTRE_CONFIG_ENV];
  else process.env[CENTRE_CONFIG_ENV] = savedEnv;
});

async function run(cli: AccountsCli, args: string[], input = '') {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runAccountsCommand(cli, args, { out: (t) => out.push(t), err: (t) => err.push(t), input: Readable.from([input]) });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

function setup(centre: unknown, counter: unknown) {
  const dir = tempDir('it-account-');
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  writeFileSync(join(dir, 'centre.json'), JSON.stringify(centre));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(counter));
  process.env[CENTRE_CONFIG_ENV] = join(dir, 'centre.json');
  return dataDir;
}

describe('list shows the accounts in force, with where they came from', () => {
  it('accounts of the centre file are listed (中心配置 / 中心锁定), the counter’s own as 本窗口配置', async () => {
    const account = async (staffNo: string, name: string) => ({ staffNo, name, pinHash: await hashPin('13572468', CHEAP) });
    const dataDir = setup(
      { locked: ['clerk.accounts'], lead: { accounts: [await account('0101', '王组长')] }, clerk: { accounts: [await account('0342', '李四')] }, it: { accounts: [await account('IT01', '赵工')] } },
      { it: { accounts: [await account('IT02', '钱工')] } },
    );
    expect(await run(LEAD_ACCOUNTS, ['list', '--data-dir', dataDir])).toEqual({ status: 0, stdout: `0101\t王组长\t${weak}\t${s.centre}`, stderr: '' });
    expect(await run(CLERK_ACCOUNTS, ['list', '--data-dir', dataDir])).toEqual({ status: 0, stdout: `0342\t李四\t${weak}\t${s.centreLocked}`, stderr: '' });
    // A list replaces the one below it whole: the counter's IT accounts are the ones in force.
    expect(await run(IT_ACCOUNTS, ['list', '--data-dir', dataDir])).toEqual({ status: 0, stdout: `IT02\t钱工\t${weak}\t${s.counter}`, stderr: '' });
  });

  it('without a centre file the list is as before (no marks)', async () => {
    const dataDir = tempDir('it-account-plain-');
    process.env[CENTRE_CONFIG_ENV] = join(dataDir, 'no-centre.json');
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ lead: { accounts: [{ staffNo: '0101', name: '王组长', pinHash: await hashPin('13572468', CHEAP) }] } }));
    expect((await run(LEAD_ACCOUNTS, ['list', '--data-dir', dataDir])).stdout).toBe(`0101\t王组长\t${weak}`);
  });
});

describe('IT accounts', { timeout: 30_000 }, () => {
  it('add (PIN from stdin, stored as a hash), list, remove; the installed app’s --it-account runs the same', async () => {
    const dataDir = tempDir('it-account-add-');
    process.env[CENTRE_CONFIG_ENV] = join(dataDir, 'no-centre.json');
    const added = await run(IT_ACCOUNTS, ['add', 'IT01', '赵工', '--data-dir', dataDir], '13572468\n13572468\n');
    expect(added).toMatchObject({ status: 0, stderr: '' });
    expect(added.stdout).toContain(strings.itDesk.cli.added('IT01', '赵工', join(dataDir, 'config.json')));
    const text = readFileSync(join(dataDir, 'config.json'), 'utf8');
    expect(text).not.toContain('13572468');
    const config = CounterConfigSchema.parse(JSON.parse(text));
    expect(config.it.accounts).toHaveLength(1);
    expect(await verifyPin('13572468', config.it.accounts[0]!.pinHash)).toBe(true);
    expect((await run(IT_ACCOUNTS, ['list', '--data-dir', dataDir])).stdout).toBe('IT01\t赵工');
    // The leads' list is untouched.
    expect((await run(LEAD_ACCOUNTS, ['list', '--data-dir', dataDir])).stdout).toBe(strings.lead.cli.none);

    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), input: Readable.from(['']) };
    expect(await runItCommand(['--it-account', 'remove', 'IT01', '--data-dir', dataDir], io)).toBe(0);
    expect(out.join('\n')).toContain(strings.itDesk.cli.removed('IT01', join(dataDir, 'config.json')));
    expect((await run(IT_ACCOUNTS, ['list', '--data-dir', dataDir])).stdout).toBe(strings.itDesk.cli.none);
  });
});
