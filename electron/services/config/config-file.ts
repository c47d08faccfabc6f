import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CounterConfigSchema, type ConfigIssue, type CounterConfig } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { centreConfigPath, readCentreConfig } from './centre-config';
import { isRecord, lockedIssues, mergeLayers, provenanceOf, type Json, type ProvenancedValue } from './config-layers';
import { explainDataFileError, parseJsonText, readText } from './json-text';
import { describeError } from './zod-issues-zh';

export const CONFIG_FILE = 'config.json';
/** The last configuration that validated; used when the current file is broken. */
export const LAST_GOOD_FILE = 'config.last-good.json';

export interface LoadedConfig {
  config: CounterConfig;
  /** Problems with config.json or the centre file, field by field, in Chinese; locked fields config.json tried to change. Empty when all is well. */
  issues: ConfigIssue[];
  /** Where `config` came from. */
  source: 'file' | 'created' | 'last-good' | 'defaults';
  /** The platform's own wording behind an issue (Node's errno text, V8's JSON message), for the log only. */
  logDetails: string[];
  /** The centre file laid under config.json, or null when there is none (or it is broken and was not used). */
  centreFile: string | null;
  /** This counter's config.json. */
  counterFile: string;
  /** Every value with the layer it came from and whether the centre locked it (`doctor -- config`). */
  provenance: ProvenancedValue[];
}

export interface LoadOptions {
  /** The centre file; by default COUNTER_CENTRE_CONFIG or the platform's place (centre-config.ts). */
  centreFile?: string;
}

/** The configuration of a fresh counter: every device simulated. */
export function defaultConfig(): CounterConfig {
  return CounterConfigSchema.parse({});
}

/**
 * Loads the configuration: config.json from the data directory laid over the
 * machine's centre file (if any) over the defaults. A missing config.json is
 * created empty — every value then comes from the centre file or the
 * defaults, and a centre file rolled out later still reaches this counter.
 * An invalid file is reported field by field and the last good configuration
 * is used instead, so a typo by IT never stops the counter.
 */
export function loadConfig(dataDir: string, options: LoadOptions = {}): LoadedConfig {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch {
    // A data directory that cannot be created (read-only disk) must not stop the counter: it runs on defaults,
    // and the storage gate (services/app/storage-gate.ts) shows the clerk why nothing can be saved.
  }
  const file = join(dataDir, CONFIG_FILE);
  const created = !existsSync(file);
  if (created) {
    try {
      writeJsonAtomic(file, {});
    } catch {
      // A read-only or full disk must not stop the counter: it runs on the centre file and the defaults.
    }
  }
  const { remember, ...loaded } = resolveConfig(dataDir, options);
  if (remember) rememberLastGood(dataDir, loaded.config);
  return created && loaded.source === 'file' ? { ...loaded, source: 'created' } : loaded;
}

/**
 * The configuration as loadConfig would use it, without writing anything
 * (`doctor -- config` runs beside the counter). `remember`: the result is
 * worth keeping as the last good copy (every layer was valid).
 */
export function resolveConfig(dataDir: string, options: LoadOptions = {}): LoadedConfig & { remember: boolean } {
  const centre = readCentreConfig(options.centreFile ?? centreConfigPath());
  const counterFile = join(dataDir, CONFIG_FILE);
  // No config.json (a read-only disk kept it from being created): nothing of the counter's own.
  const counter = existsSync(counterFile) ? parseCounterJson(readText(counterFile)) : ({ ok: true, json: {} } as const);

  if (centre.state === 'broken') {
    // The centre's locks cannot be known: keep what the counter last ran on (or the defaults) rather than let config.json override them.
    const lastGood = readLastGood(dataDir);
    const issues = [...centre.issues, ...(counter.ok ? [] : counter.issues)];
    issues.push({ field: '', message: lastGood ? strings.fleetConfig.centreBrokenLastGood(centre.file) : strings.fleetConfig.centreBrokenDefaults(centre.file) });
    const config = lastGood ?? defaultConfig();
    const logDetails = [...centre.logDetails, ...(counter.ok || !counter.original ? [] : [counter.original])];
    const provenance = provenanceOf(config, lastGood ? [{ source: 'last-good', values: lastGood }] : [], []);
    return { config, issues, source: lastGood ? 'last-good' : 'defaults', logDetails, centreFile: null, counterFile, provenance, remember: false };
  }

  const layer = centre.state === 'ok' ? centre.layer : null;
  const centreFile = centre.state === 'ok' ? centre.file : null;
  let problems: ConfigIssue[];
  let logDetails: string[] = [];
  if (counter.ok) {
    const merged = mergeLayers(layer, counter.json);
    if (merged.ok) {
      const issues = lockedIssues(merged.refused, centre.file);
      return { config: merged.config, issues, source: 'file', logDetails, centreFile, counterFile, provenance: merged.provenance, remember: true };
    }
    problems = merged.issues;
  } else {
    problems = counter.issues;
    logDetails = counter.original ? [counter.original] : [];
  }

  // config.json is broken: the last good copy, the centre's locked fields applied over it; without one, the centre over the defaults.
  const lastGood = readLastGood(dataDir);
  const fallback = mergeLayers(layer, lastGood ?? {}, lastGood ? 'last-good' : 'counter');
  const config = fallback.ok ? fallback.config : (lastGood ?? defaultConfig());
  const provenance = fallback.ok ? fallback.provenance : provenanceOf(config, [], []);
  return { config, issues: problems, source: lastGood ? 'last-good' : 'defaults', logDetails, centreFile, counterFile, provenance, remember: false };
}

type CounterJson = { ok: true; json: Json } | { ok: false; issues: ConfigIssue[]; original?: string };

/** The JSON of a configuration file's text (or the reason readText gave), or why there is none, in Chinese. */
function jsonOf(text: string | Error): { ok: true; json: unknown } | { ok: false; issues: ConfigIssue[]; original?: string } {
  if (text instanceof Error) {
    const { message, original } = explainDataFileError(text);
    return { ok: false, issues: [{ field: '', message: strings.config.unreadable(message) }], original };
  }
  try {
    return { ok: true, json: parseJsonText(text) };
  } catch (error) {
    const { message, original } = explainDataFileError(error);
    return { ok: false, issues: [{ field: '', message: strings.config.notJson(message) }], original };
  }
}

/** config.json's own JSON (not yet merged): an object, or why not. */
function parseCounterJson(text: string | Error): CounterJson {
  const read = jsonOf(text);
  if (!read.ok) return read;
  const json = read.json;
  if (isRecord(json)) return { ok: true, json };
  // Not an object (null, a list): the schema words it as for any other wrong type.
  const result = CounterConfigSchema.safeParse(json, { reportInput: true });
  return { ok: false, issues: result.success ? [{ field: '', message: strings.fleetConfig.notObject }] : describeError(result.error) };
}

/** `original`: the platform's wording when the file could not be read or parsed, for the log. */
export type ParsedConfig = { ok: true; config: CounterConfig } | { ok: false; issues: ConfigIssue[]; original?: string };

/** Parses and validates the text of a configuration file (or the reason readText gave). Pure. */
export function parseConfigText(text: string | Error): ParsedConfig {
  const read = jsonOf(text);
  if (!read.ok) return read;
  // reportInput tells a missing field (undefined) from a wrong one.
  const result = CounterConfigSchema.safeParse(read.json, { reportInput: true });
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
