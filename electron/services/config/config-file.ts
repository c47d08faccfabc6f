import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CounterConfigSchema, type ConfigIssue, type CounterConfig } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { explainDataFileError, parseJsonText, readText } from './json-text';
import { describeError } from './zod-issues-zh';

export const CONFIG_FILE = 'config.json';
/** The last configuration that validated; used when the current file is broken. */
export const LAST_GOOD_FILE = 'config.last-good.json';

export interface LoadedConfig {
  config: CounterConfig;
  /** Problems with config.json, field by field, in Chinese. Empty when it is valid. */
  issues: ConfigIssue[];
  /** Where `config` came from. */
  source: 'file' | 'created' | 'last-good' | 'defaults';
  /** The platform's own wording behind an issue (Node's errno text, V8's JSON message), for the log only. */
  logDetails: string[];
}

/** The configuration of a fresh counter: every device simulated. */
export function defaultConfig(): CounterConfig {
  return CounterConfigSchema.parse({});
}

/**
 * Loads `config.json` from the data directory. A missing file is created with
 * the defaults; an invalid one is reported field by field and the last good
 * configuration is used instead, so a typo by IT never stops the counter.
 */
export function loadConfig(dataDir: string): LoadedConfig {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch {
    // A data directory that cannot be created (read-only disk) must not stop the counter: it runs on defaults,
    // and the storage gate (services/app/storage-gate.ts) shows the clerk why nothing can be saved.
  }
  const file = join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) {
    const config = defaultConfig();
    try {
      writeJsonAtomic(file, config);
    } catch {
      // A read-only or full disk must not stop the counter: it runs on defaults.
    }
    rememberLastGood(dataDir, config);
    return { config, issues: [], source: 'created', logDetails: [] };
  }

  // A file that is not UTF-8 or not JSON is refused here: it never becomes the last good copy.
  const parsed = parseConfigText(readText(file));
  if (parsed.ok) {
    rememberLastGood(dataDir, parsed.config);
    return { config: parsed.config, issues: [], source: 'file', logDetails: [] };
  }

  const logDetails = parsed.original ? [parsed.original] : [];
  const fallback = readLastGood(dataDir);
  return fallback
    ? { config: fallback, issues: parsed.issues, source: 'last-good', logDetails }
    : { config: defaultConfig(), issues: parsed.issues, source: 'defaults', logDetails };
}

/** `original`: the platform's wording when the file could not be read or parsed, for the log. */
export type ParsedConfig = { ok: true; config: CounterConfig } | { ok: false; issues: ConfigIssue[]; original?: string };

/** Parses and validates the text of a configuration file (or the reason readText gave). Pure. */
export function parseConfigText(text: string | Error): ParsedConfig {
  if (text instanceof Error) {
    const { message, original } = explainDataFileError(text);
    return { ok: false, issues: [{ field: '', message: strings.config.unreadable(message) }], original };
  }
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    const { message, original } = explainDataFileError(error);
    return { ok: false, issues: [{ field: '', message: strings.config.notJson(message) }], original };
  }
  // reportInput tells a missing field (undefined) from a wrong one.
  const result = CounterConfigSchema.safeParse(json, { reportInput: true });
  return result.success ? { ok: true, config: result.data } : { ok: false, issues: describeError(result.error) };
}

function rememberLastGood(dataDir: string, config: CounterConfig): void {
  try {
    writeJsonAtomic(join(dataDir, LAST_GOOD_FILE), config);
  } catch {
    // Best effort: losing the fallback copy only matters if the file breaks later.
  }
}

function readLastGood(dataDir: string): CounterConfig | null {
  const file = join(dataDir, LAST_GOOD_FILE);
  if (!existsSync(file)) return null;
  const parsed = parseConfigText(readText(file));
  return parsed.ok ? parsed.config : null;
}

/** Write-then-rename so a crash or a full disk never leaves half a file; 0600 whatever the umask (PIN hashes, the upload token). */
export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  renameSync(tmp, file);
}
