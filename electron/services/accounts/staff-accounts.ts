/**
 * Adding, re-keying and removing staff accounts in config.json: window
 * leads (`npm run lead`, section `lead`) and clerks (`npm run clerk`,
 * section `clerk`) for IT, and the re-hash of a PIN at the current cost
 * after a successful sign-in. Works on the file's own JSON, not the
 * defaults-expanded configuration, so that everything else IT wrote stays
 * as written; the whole result is validated before it is written
 * (atomically).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CounterConfigSchema, type ConfigIssue, type StaffAccount, type StaffAccountKind } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { centreConfigPath, readCentreConfig } from '../config/centre-config';
import { CONFIG_FILE, writeJsonAtomic } from '../config/config-file';
import { isAtOrUnder } from '../config/config-layers';
import { explainDataFileError, parseJsonText, readText } from '../config/json-text';
import { describeError } from '../config/zod-issues-zh';

type Json = Record<string, unknown>;

export type AccountsChange = (accounts: StaffAccount[]) => StaffAccount[] | string;

export type ChangeOutcome = { ok: true; file: string; accounts: StaffAccount[] } | { ok: false; message: string; issues: ConfigIssue[] };

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The data directory's config.json as JSON ({} when there is none yet). */
export function readRawConfig(dataDir: string): { ok: true; json: Json } | { ok: false; message: string } {
  const file = join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return { ok: true, json: {} };
  try {
    // readText refuses a GBK config.json: rewriting it would turn the clerk's name into mojibake for good.
    const text = readText(file);
    if (text instanceof Error) throw text;
    const json = parseJsonText(text);
    return isRecord(json) ? { ok: true, json } : { ok: false, message: strings.lead.cli.notObject(CONFIG_FILE) };
  } catch (error) {
    return { ok: false, message: `${CONFIG_FILE}：${explainDataFileError(error).message}` };
  }
}

/** The accounts of one kind in a raw config, validated with it (the whole file must be valid to be changed). */
export function accountsOf(json: Json, kind: StaffAccountKind): { ok: true; accounts: StaffAccount[] } | { ok: false; issues: ConfigIssue[] } {
  const parsed = CounterConfigSchema.safeParse(json, { reportInput: true });
  return parsed.success ? { ok: true, accounts: parsed.data[kind].accounts } : { ok: false, issues: describeError(parsed.error) };
}

/** Applies `change` to the accounts of the raw config; returns the new raw config or why not. Pure. */
export function withAccounts(json: Json, kind: StaffAccountKind, change: AccountsChange): { ok: true; json: Json; accounts: StaffAccount[] } | { ok: false; message: string; issues: ConfigIssue[] } {
  const before = accountsOf(json, kind);
  if (!before.ok) return { ok: false, message: '', issues: before.issues };
  const next = change(before.accounts);
  if (typeof next === 'string') return { ok: false, message: next, issues: [] };
  const section = isRecord(json[kind]) ? json[kind] : {};
  const result = { ...json, [kind]: { ...section, accounts: next } };
  const after = accountsOf(result, kind);
  if (!after.ok) return { ok: false, message: '', issues: after.issues };
  return { ok: true, json: result, accounts: after.accounts };
}

/**
 * Changes the accounts in this counter's config.json — only there: the
 * machine's centre file (fleet configuration) is never merged in nor written.
 * When the centre file locks the accounts, the change is refused (config.json
 * could not make it take effect). A change that changes nothing writes
 * nothing (a re-hash of an account that comes from the centre file must not
 * leave an empty list in config.json that would hide the centre's).
 */
export function changeAccounts(dataDir: string, kind: StaffAccountKind, change: AccountsChange, centreFile: string = centreConfigPath()): ChangeOutcome {
  const centre = readCentreConfig(centreFile);
  const section = `${kind}.accounts`;
  if (centre.state === 'ok' && centre.layer.locked.some((locked) => isAtOrUnder(section, locked))) {
    return { ok: false, message: strings.fleetConfig.accountsLocked(section, centre.file), issues: [] };
  }
  const raw = readRawConfig(dataDir);
  if (!raw.ok) return { ok: false, message: raw.message, issues: [] };
  const before = accountsOf(raw.json, kind);
  const changed = withAccounts(raw.json, kind, change);
  if (!changed.ok) return changed;
  const file = join(dataDir, CONFIG_FILE);
  if (before.ok && isDeepStrictEqual(before.accounts, changed.accounts)) return { ok: true, file, accounts: changed.accounts };
  mkdirSync(dataDir, { recursive: true });
  writeJsonAtomic(file, changed.json);
  return { ok: true, file, accounts: changed.accounts };
}
