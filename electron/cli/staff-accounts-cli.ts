/**
 * The IT commands for staff accounts in config.json, one code for both
 * kinds: `npm run lead` (window leads, 组长) and `npm run clerk` (window
 * clerks, 窗口工作人员). PINs are read from stdin (never from the command
 * line, which ends up in shell history), must be 8–12 digits, and are stored
 * only as scrypt hashes, written atomically.
 *
 *   add <工号> <姓名>   new account; PIN on stdin (a second line, if given, must match)
 *   reset <工号>        new PIN
 *   remove <工号>       removes the account
 *   list                the accounts (never a hash); 需重设 beside a hash at the old, cheaper cost
 *
 * `--data-dir DIR` (or COUNTER_DATA_DIR) chooses the data directory.
 */
import { createInterface } from 'node:readline';
import { STAFF_NUMBER_PATTERN, type StaffAccount, type StaffAccountKind } from '../../shared/contract';
import { isNewPin, NEW_PIN_MIN_DIGITS, STAFF_NO_PATTERN } from '../../shared/domain/lead/pin-format';
import { strings } from '../../shared/i18n';
import { accountsOf, changeAccounts, readRawConfig, type ChangeOutcome } from '../services/accounts/staff-accounts';
import { hashPin, isWeakHash } from '../services/accounts/pin-hash';
import { resolveConfig } from '../services/config/config-file';
import { dataDirArg, positionalArgs, processIo, type CliIo } from './run-cli';

/** The wording of one kind's command (strings.lead.cli, strings.credentials.clerkCli). */
export interface AccountsCliTexts {
  usage: string;
  pinPrompt: string;
  pinMismatch: string;
  noPin: string;
  missingArgs: string;
  unknownCommand: (command: string) => string;
  notFound: (staffNo: string) => string;
  exists: (staffNo: string) => string;
  added: (staffNo: string, name: string, file: string) => string;
  reset: (staffNo: string, file: string) => string;
  removed: (staffNo: string, file: string) => string;
  none: string;
  badConfig: (file: string) => string;
  restartNote: string;
}

export interface AccountsCli {
  kind: StaffAccountKind;
  /** The staff numbers this kind accepts, and the message when one does not fit. */
  staffNoPattern: RegExp;
  badStaffNo: string;
  texts: AccountsCliTexts;
}

/** `npm run lead` and `--lead`: the window leads. */
export const LEAD_ACCOUNTS: AccountsCli = { kind: 'lead', staffNoPattern: STAFF_NO_PATTERN, badStaffNo: strings.lead.config.staffNo, texts: strings.lead.cli };
/** `npm run clerk` and `--clerk`: the window clerks. */
export const CLERK_ACCOUNTS: AccountsCli = {
  kind: 'clerk',
  staffNoPattern: STAFF_NUMBER_PATTERN,
  badStaffNo: strings.credentials.clerkConfig.staffNo,
  texts: strings.credentials.clerkCli,
};
/** `npm run it-account` and `--it-account`: IT staff who may unlock 设备与诊断. */
export const IT_ACCOUNTS: AccountsCli = { kind: 'it', staffNoPattern: STAFF_NO_PATTERN, badStaffNo: strings.itDesk.config.staffNo, texts: strings.itDesk.cli };

/**
 * The accounts in force — config.json over the centre file (a list replaces
 * the one below it whole) — each with where it came from when a centre file
 * is in use: 本窗口配置, 中心配置 or 中心锁定.
 */
function listInForce(dataDir: string, kind: StaffAccountKind): Array<{ account: StaffAccount; source: string | null }> {
  const loaded = resolveConfig(dataDir);
  const at = loaded.provenance.find((p) => p.path === `${kind}.accounts`);
  const s = strings.itDesk.accountSource;
  const source = !loaded.centreFile || !at ? null : at.locked ? s.centreLocked : at.source === 'centre' ? s.centre : s.counter;
  return loaded.config[kind].accounts.map((account) => ({ account, source }));
}

/** Reads the PIN (and its confirmation) from stdin; null with the reason printed when it is missing or wrong. */
async function readPin(t: AccountsCliTexts, io: CliIo): Promise<string | null> {
  const fail = (message: string): null => {
    io.err(message);
    return null;
  };
  if (io.input.isTTY) io.err(t.pinPrompt);
  const lines: string[] = [];
  const reader = createInterface({ input: io.input, crlfDelay: Infinity, terminal: false });
  for await (const line of reader) {
    lines.push(line.replace(/^\uFEFF/, '').trim());
    if (lines.length === 2) break;
  }
  reader.close();
  const [pin, again] = lines;
  if (!pin) return fail(t.noPin);
  if (!isNewPin(pin)) return fail(strings.credentials.newPin(NEW_PIN_MIN_DIGITS));
  if (again !== undefined && again !== '' && again !== pin) return fail(t.pinMismatch);
  return pin;
}

function report(io: CliIo, t: AccountsCliTexts, outcome: ChangeOutcome, done: (file: string) => string, dataDir: string): number {
  if (outcome.ok) {
    io.out(`${done(outcome.file)}\n${t.restartNote}`);
    return 0;
  }
  if (outcome.issues.length > 0) {
    io.err(t.badConfig(dataDir));
    for (const issue of outcome.issues) io.err(`  ${issue.field || strings.config.wholeFile}：${issue.message}`);
  } else {
    io.err(outcome.message);
  }
  return 1;
}

/** The command of `npm run lead|clerk -- …` and of the installed app's `--lead|--clerk …`: resolves with the exit status. */
export async function runAccountsCommand(cli: AccountsCli, argv: string[], io: CliIo = processIo): Promise<number> {
  const usage = (t: AccountsCliTexts, problem: string): number => {
    io.err(`${problem}\n${t.usage}`);
    return 2;
  };
  const { kind, texts: t } = cli;
  const [command, ...rest] = argv;
  const dataDir = dataDirArg(rest);
  const [staffNo, name] = positionalArgs(rest);
  switch (command) {
    case 'add': {
      if (!staffNo || !name) return usage(t, t.missingArgs);
      if (!cli.staffNoPattern.test(staffNo)) return usage(t, cli.badStaffNo);
      const pin = await readPin(t, io);
      if (!pin) return 1;
      const pinHash = await hashPin(pin);
      const outcome = changeAccounts(dataDir, kind, (accounts) =>
        accounts.some((a) => a.staffNo === staffNo) ? t.exists(staffNo) : [...accounts, { staffNo, name: name.trim(), pinHash }],
      );
      return report(io, t, outcome, (file) => t.added(staffNo, name.trim(), file), dataDir);
    }
    case 'reset': {
      if (!staffNo) return usage(t, t.missingArgs);
      const pin = await readPin(t, io);
      if (!pin) return 1;
      const pinHash = await hashPin(pin);
      const outcome = changeAccounts(dataDir, kind, (accounts) =>
        accounts.some((a) => a.staffNo === staffNo) ? accounts.map((a): StaffAccount => (a.staffNo === staffNo ? { ...a, pinHash } : a)) : t.notFound(staffNo),
      );
      return report(io, t, outcome, (file) => t.reset(staffNo, file), dataDir);
    }
    case 'remove': {
      if (!staffNo) return usage(t, t.missingArgs);
      const outcome = changeAccounts(dataDir, kind, (accounts) => (accounts.some((a) => a.staffNo === staffNo) ? accounts.filter((a) => a.staffNo !== staffNo) : t.notFound(staffNo)));
      return report(io, t, outcome, (file) => t.removed(staffNo, file), dataDir);
    }
    case 'list': {
      const raw = readRawConfig(dataDir);
      if (!raw.ok) {
        io.err(raw.message);
        return 1;
      }
      const accounts = accountsOf(raw.json, kind);
      if (!accounts.ok) return report(io, t, { ok: false, message: '', issues: accounts.issues }, () => '', dataDir);
      // What the counter uses, the centre file's accounts included, not only this counter's file.
      const inForce = listInForce(dataDir, kind);
      if (inForce.length === 0) io.out(t.none);
      for (const { account: a, source } of inForce) {
        io.out(`${a.staffNo}\t${a.name}${isWeakHash(a.pinHash) ? `\t${strings.credentials.weakHash}` : ''}${source ? `\t${source}` : ''}`);
      }
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(t.usage);
      return command === undefined ? 2 : 0;
    default:
      return usage(t, t.unknownCommand(command));
  }
}
