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
import { CounterConfigSchema, type ConfigIssue, type StaffAccount, type StaffAccountKind } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { CONFIG_FILE, writeJsonAtomic } from '../config/config-file';
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

export function changeAccounts(dataDir: string, kind: StaffAccountKind, change: AccountsChange): ChangeOutcome {
  const raw = readRawConfig(dataDir);
  if (!raw.ok) return { ok: false, message: raw.message, issues: [] };
  const changed = withAccounts(raw.json, kind, change);
  if (!changed.ok) return changed;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, CONFIG_FILE);
  writeJsonAtomic(file, changed.json);
  return { ok: true, file, accounts: changed.accounts };
}
