/**
 * `npm run lead -- <command>`: IT sets up the window leads (组长) who may
 * unlock statistics, 差评 follow-ups and exports. PINs are read from stdin
 * (never from the command line, which ends up in shell history) and stored
 * only as scrypt hashes in config.json, written atomically.
 *
 *   add <工号> <姓名>   new lead; PIN on stdin (a second line, if given, must match)
 *   reset <工号>        new PIN for a lead
 *   remove <工号>       removes a lead
 *   list                the leads (never a hash)
 *
 * `--data-dir DIR` (or COUNTER_DATA_DIR) chooses the data directory.
 */
import { createInterface } from 'node:readline';
import type { LeadAccount } from '../../shared/contract';
import { isPin, STAFF_NO_PATTERN } from '../../shared/domain/lead/pin-format';
import { strings } from '../../shared/i18n';
import { changeAccounts, leadAccountsOf, readRawConfig, type ChangeOutcome } from '../services/lead/lead-accounts';
import { hashPin } from '../services/lead/pin-hash';
import { dataDirArg, positionalArgs, runCli } from './run-cli';

const t = strings.lead.cli;

/** Reads the PIN (and its confirmation) from stdin; null with the reason printed when it is missing or wrong. */
async function readPin(): Promise<string | null> {
  if (process.stdin.isTTY) process.stderr.write(`${t.pinPrompt}\n`);
  const lines: string[] = [];
  const reader = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of reader) {
    lines.push(line.replace(/^\uFEFF/, '').trim());
    if (lines.length === 2) break;
  }
  reader.close();
  const [pin, again] = lines;
  if (!pin) return fail(t.noPin);
  if (!isPin(pin)) return fail(strings.lead.gate.badPin);
  if (again !== undefined && again !== '' && again !== pin) return fail(t.pinMismatch);
  return pin;
}

function fail(message: string): null {
  process.stderr.write(`${message}\n`);
  return null;
}

function report(outcome: ChangeOutcome, done: (file: string) => string, dataDir: string): number {
  if (outcome.ok) {
    process.stdout.write(`${done(outcome.file)}\n${t.restartNote}\n`);
    return 0;
  }
  if (outcome.issues.length > 0) {
    process.stderr.write(`${t.badConfig(dataDir)}\n`);
    for (const issue of outcome.issues) process.stderr.write(`  ${issue.field || strings.config.wholeFile}：${issue.message}\n`);
  } else {
    process.stderr.write(`${outcome.message}\n`);
  }
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const dataDir = dataDirArg(rest);
  const [staffNo, name] = positionalArgs(rest);
  switch (command) {
    case 'add': {
      if (!staffNo || !name) return usage(t.missingArgs);
      if (!STAFF_NO_PATTERN.test(staffNo)) return usage(strings.lead.config.staffNo);
      const pin = await readPin();
      if (!pin) return 1;
      const pinHash = await hashPin(pin);
      const outcome = changeAccounts(dataDir, (accounts) =>
        accounts.some((a) => a.staffNo === staffNo) ? t.exists(staffNo) : [...accounts, { staffNo, name: name.trim(), pinHash }],
      );
      return report(outcome, (file) => t.added(staffNo, name.trim(), file), dataDir);
    }
    case 'reset': {
      if (!staffNo) return usage(t.missingArgs);
      const pin = await readPin();
      if (!pin) return 1;
      const pinHash = await hashPin(pin);
      const outcome = changeAccounts(dataDir, (accounts) =>
        accounts.some((a) => a.staffNo === staffNo) ? accounts.map((a): LeadAccount => (a.staffNo === staffNo ? { ...a, pinHash } : a)) : t.notFound(staffNo),
      );
      return report(outcome, (file) => t.reset(staffNo, file), dataDir);
    }
    case 'remove': {
      if (!staffNo) return usage(t.missingArgs);
      const outcome = changeAccounts(dataDir, (accounts) => (accounts.some((a) => a.staffNo === staffNo) ? accounts.filter((a) => a.staffNo !== staffNo) : t.notFound(staffNo)));
      return report(outcome, (file) => t.removed(staffNo, file), dataDir);
    }
    case 'list': {
      const raw = readRawConfig(dataDir);
      if (!raw.ok) return fail(raw.message) ?? 1;
      const accounts = leadAccountsOf(raw.json);
      if (!accounts.ok) return report({ ok: false, message: '', issues: accounts.issues }, () => '', dataDir);
      if (accounts.accounts.length === 0) process.stdout.write(`${t.none}\n`);
      for (const a of accounts.accounts) process.stdout.write(`${a.staffNo}\t${a.name}\n`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${t.usage}\n`);
      return command === undefined ? 2 : 0;
    default:
      return usage(t.unknownCommand(command));
  }
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\n${t.usage}\n`);
  return 2;
}

runCli(main);
