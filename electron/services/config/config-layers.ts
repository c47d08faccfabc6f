/**
 * Fleet configuration, the pure part: the counter's configuration is three
 * layers — the schema's defaults, the machine-wide centre file, the
 * counter's own config.json — deep-merged in that order (plain objects merge
 * key by key; a list or a value replaces). The centre file may also `lock`
 * dotted paths ("evaluation.upload.url", "retention"): whatever config.json
 * holds at or under a locked path is dropped, and the clerk/IT is told,
 * naming the field and the centre file.
 *
 * Every leaf of the result carries its provenance (which layer set it, and
 * whether it is locked) for `doctor -- config`. Secrets (the upload token,
 * PIN hashes) are masked by `maskSecrets` before anything is printed.
 *
 * No I/O here: centre-config.ts and config-file.ts read the files.
 */
import type { z } from 'zod';
import { CounterConfigSchema, type ConfigIssue, type CounterConfig } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { describeError } from './zod-issues-zh';

const f = strings.fleetConfig;

export type Json = Record<string, unknown>;

/** Which layer a value came from. `last-good`: the copy of what the counter last ran on, used while config.json is broken. */
export type ValueSource = 'default' | 'centre' | 'counter' | 'last-good';

export interface ProvenancedValue {
  /** Dotted path, e.g. counter.windowNumber; a list is one value (lead.accounts). */
  path: string;
  value: unknown;
  source: ValueSource;
  locked: boolean;
}

/** A centre file that validated: its values (without `locked`) and its locked paths. */
export interface CentreLayer {
  values: Json;
  locked: string[];
}

export type CentreParse = { ok: true; layer: CentreLayer } | { ok: false; issues: ConfigIssue[] };

export type MergeResult =
  | { ok: true; config: CounterConfig; provenance: ProvenancedValue[]; /** Locked fields config.json tried to change. */ refused: string[] }
  | { ok: false; issues: ConfigIssue[] };

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with `over` laid on it: plain objects merge key by key, anything else in `over` replaces. Neither is changed. */
export function deepMerge(base: Json, over: Json): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = result[key];
    result[key] = isRecord(below) && isRecord(value) ? deepMerge(below, value) : value;
  }
  return result;
}

const split = (path: string) => path.split('.');

/** True when `path` is `prefix` itself or lies under it. */
export function isAtOrUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** The value at a dotted path of plain objects, or undefined. */
export function valueAt(json: unknown, path: string): unknown {
  let at: unknown = json;
  for (const key of split(path)) {
    if (!isRecord(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/** `json` without what lies at `path` (a copy; the rest untouched). */
function withoutPath(json: Json, keys: string[]): Json {
  const [key, ...rest] = keys;
  if (key === undefined || !Object.hasOwn(json, key)) return json;
  const copy = { ...json };
  if (rest.length === 0) {
    delete copy[key];
    return copy;
  }
  const child = copy[key];
  if (isRecord(child)) copy[key] = withoutPath(child, rest);
  return copy;
}

/**
 * Drops from the counter layer every value at or under a locked path.
 * `refused`: the locked paths the counter layer held something at, in the
 * centre file's order.
 */
export function applyLocks(counter: Json, locked: readonly string[]): { values: Json; refused: string[] } {
  let values = counter;
  const refused: string[] = [];
  for (const path of locked) {
    const held = valueAt(values, path);
    // An empty object sets nothing: not worth a notice.
    if (held === undefined || (isRecord(held) && Object.keys(held).length === 0)) continue;
    refused.push(path);
    values = withoutPath(values, split(path));
  }
  return { values, refused };
}

/** Zod's wrappers that keep the shape of what they wrap (default, prefault, optional, nullable, pipe into a refinement). */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let at = schema;
  for (;;) {
    const def = at._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType && ['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) at = def.innerType;
    else if (def.type === 'pipe' && def.in) at = def.in;
    else return at;
  }
}

/** True when the dotted path names a field of the configuration (an object or a value; lists are not entered). */
export function isConfigPath(path: string, schema: z.core.$ZodType = CounterConfigSchema): boolean {
  if (path === '' || split(path).some((key) => key === '')) return false;
  let at = schema;
  for (const key of split(path)) {
    const def = unwrap(at)._zod.def as { type: string; shape?: Record<string, z.core.$ZodType> };
    if (def.type !== 'object' || !def.shape || !Object.hasOwn(def.shape, key)) return false;
    at = def.shape[key]!;
  }
  return true;
}

/**
 * Checks the JSON of a centre file: an object whose `locked` (optional) lists
 * fields of the configuration, and whose other keys validate against the
 * counter's own schema (every field optional, as in config.json). Issues name
 * the field and the file.
 */
export function parseCentreJson(json: unknown, file: string): CentreParse {
  const issue = (field: string, message: string): ConfigIssue => ({ field, message: f.centreIssue(file, message) });
  if (!isRecord(json)) return { ok: false, issues: [issue('', f.notObject)] };
  const { locked = [], ...values } = json;
  const issues: ConfigIssue[] = [];
  if (!Array.isArray(locked) || locked.some((p) => typeof p !== 'string')) issues.push(issue('locked', f.badLockList));
  else for (const path of locked as string[]) if (!isConfigPath(path)) issues.push(issue('locked', f.unknownLockPath(path)));
  // reportInput tells a missing field (undefined) from a wrong one, as for config.json.
  const parsed = CounterConfigSchema.safeParse(values, { reportInput: true });
  if (!parsed.success) issues.push(...describeError(parsed.error).map((i) => issue(i.field, i.message)));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, layer: { values, locked: [...new Set(locked as string[])] } };
}

/**
 * Lays `upper` (config.json, or the last good copy while it is broken) over
 * the centre layer over the defaults, with the centre's locks, and validates
 * the result. Issues of a result that does not validate are the upper
 * layer's: the centre layer validated on its own.
 */
export function mergeLayers(centre: CentreLayer | null, upper: Json, upperSource: 'counter' | 'last-good' = 'counter'): MergeResult {
  const locked = centre?.locked ?? [];
  const { values: upperValues, refused } = applyLocks(upper, locked);
  const raw = deepMerge(centre?.values ?? {}, upperValues);
  const parsed = CounterConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: describeError(parsed.error) };
  const provenance = provenanceOf(parsed.data, [
    { source: upperSource, values: upperValues },
    { source: 'centre', values: centre?.values ?? {} },
  ], locked);
  return { ok: true, config: parsed.data, provenance, refused };
}

/**
 * Every leaf of `config` (lists count as one leaf) with the first layer,
 * topmost first, that holds a value at its path — else `default` — and
 * whether a locked path covers it.
 */
export function provenanceOf(config: CounterConfig, layers: ReadonlyArray<{ source: ValueSource; values: Json }>, locked: readonly string[]): ProvenancedValue[] {
  const out: ProvenancedValue[] = [];
  const walk = (value: unknown, path: string) => {
    if (isRecord(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
      return;
    }
    const layer = layers.find((l) => valueAt(l.values, path) !== undefined);
    out.push({ path, value, source: layer?.source ?? 'default', locked: locked.some((l) => isAtOrUnder(path, l)) });
  };
  walk(config, '');
  return out;
}

/** The mask printed in place of a secret. */
export const SECRET_MASK = '***';

/**
 * A value fit to print: the upload token and every PIN hash replaced by
 * `***` (an empty token stays empty: "none set" is worth knowing and tells
 * nothing). Works on a leaf at `path` or on a whole (sub)tree.
 */
export function maskSecrets(path: string, value: unknown): unknown {
  if (path === 'evaluation.upload.token') return value === '' ? '' : SECRET_MASK;
  if (Array.isArray(value)) return value.map((item, i) => maskSecrets(`${path}.${i}`, item));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, key === 'pinHash' ? SECRET_MASK : maskSecrets(path ? `${path}.${key}` : key, child)]),
    );
  }
  return value;
}

/** The ConfigIssue shown for each locked field config.json tried to change: the field and the centre file, never the value. */
export function lockedIssues(refused: readonly string[], centreFile: string): ConfigIssue[] {
  return refused.map((field) => ({ field, message: f.lockedIgnored(centreFile) }));
}
