/**
 * One device's settings for the IT screen: what is shown (the plain leaves
 * of `devices.<kind>`, with where each value came from and whether the
 * centre file locks it) and how 保存 changes them — validated field by field
 * with the configuration's own zod schema laid over the centre file
 * (config-layers.ts mergeLayers), locked fields refused, and only then
 * written into this counter's config.json, atomically (writeJsonAtomic).
 *
 * Works on config.json's own JSON, like the account commands: everything
 * else IT wrote stays as written, and nothing of the centre's is copied in.
 * Nested settings (idcard timeouts, HID framing, the photo decoder) are left
 * alone: IT edits those in the file.
 */
import { join } from 'node:path';
import type { CounterConfig, DeviceKind, DeviceSetting } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { readRawConfig } from '../accounts/staff-accounts';
import { centreConfigPath, readCentreConfig } from '../config/centre-config';
import { CONFIG_FILE, writeJsonAtomic } from '../config/config-file';
import { isAtOrUnder, isRecord, mergeLayers, type Json, type ProvenancedValue } from '../config/config-layers';

const t = strings.itDesk;

type FieldSpec = Pick<DeviceSetting, 'key' | 'type' | 'choices'>;

const MODE: FieldSpec = { key: 'mode', type: 'choice', choices: ['simulated', 'hardware', 'disabled'] };
const PORT: FieldSpec = { key: 'port', type: 'text' };
const BAUD: FieldSpec = { key: 'baudRate', type: 'number' };

/** The settings the screen shows per kind, in order. */
export const DEVICE_FIELDS: Record<DeviceKind, readonly FieldSpec[]> = {
  idcard: [MODE, PORT, BAUD, { key: 'pollIntervalMs', type: 'number' }, { key: 'readFingerprint', type: 'boolean' }],
  // The camera has no port: it is chosen by label or device id (document / face), as the capture panel chooses it.
  camera: [MODE, { key: 'document', type: 'text' }, { key: 'face', type: 'text' }, { key: 'jpegQuality', type: 'number' }],
  signature: [MODE, PORT, { key: 'descriptorFile', type: 'text' }, { key: 'screenPad', type: 'choice', choices: ['citizen', 'clerk'] }],
  evaluator: [MODE, PORT, BAUD],
  printer: [MODE, PORT],
};

const pathOf = (kind: DeviceKind, key: string) => `devices.${kind}.${key}`;

/** The settings of `kind` as the IT screen shows them: value in force, its layer, whether locked. */
export function deviceSettingsView(kind: DeviceKind, config: CounterConfig, provenance: readonly ProvenancedValue[], locked: readonly string[]): DeviceSetting[] {
  const settings = config.devices[kind] as Record<string, unknown>;
  return DEVICE_FIELDS[kind].map((spec) => {
    const value = settings[spec.key];
    const path = pathOf(kind, spec.key);
    const known = provenance.find((p) => p.path === path);
    return {
      ...spec,
      value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null,
      source: known?.source ?? 'default',
      locked: known?.locked ?? locked.some((l) => isAtOrUnder(path, l)),
    };
  });
}

export type FieldValue = string | number | boolean | null;

/** A typed value turned into what config.json holds; `undefined`: cleared (the key is removed). Strings that are not numbers stay strings so the schema names the fault. */
function coerce(spec: FieldSpec, value: FieldValue): unknown {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (spec.type === 'number' && typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value.trim()) : value;
  if (spec.type === 'boolean' && typeof value === 'string') return value === 'true' ? true : value === 'false' ? false : value;
  return typeof value === 'string' ? value.trim() : value;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export type PreparedSave = { ok: true; json: Json; config: CounterConfig } | { ok: false; message: string; issues: FieldIssue[] };

/**
 * config.json's JSON with `values` laid on `devices.<kind>`, validated over
 * the centre layer. Refuses, field by field: a key the screen does not edit,
 * a locked field given a value other than the one in force, a value the
 * schema refuses (its Chinese message). Pure.
 */
export function prepareDeviceSave(
  raw: Json,
  centre: { values: Json; locked: string[]; file: string } | null,
  kind: DeviceKind,
  values: Readonly<Record<string, FieldValue>>,
): PreparedSave {
  const locked = centre?.locked ?? [];
  const before = mergeLayers(centre, raw);
  if (!before.ok) return { ok: false, message: t.configBroken(CONFIG_FILE), issues: [] };
  const current = before.config.devices[kind] as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const devices = isRecord(raw.devices) ? raw.devices : {};
  const section: Json = { ...(isRecord(devices[kind]) ? devices[kind] : {}) };
  for (const [key, typed] of Object.entries(values)) {
    const spec = DEVICE_FIELDS[kind].find((f) => f.key === key);
    if (!spec) {
      issues.push({ field: key, message: strings.config.unknownKey(key) });
      continue;
    }
    const value = coerce(spec, typed);
    if (locked.some((l) => isAtOrUnder(pathOf(kind, key), l))) {
      // Sending the value in force back is no change; anything else would be silently dropped by the lock: refused, said.
      if (value !== current[key]) issues.push({ field: key, message: t.lockedRefused(t.fields[key as keyof typeof t.fields] ?? key, centre!.file) });
      continue;
    }
    if (value === undefined) delete section[key];
    else section[key] = value;
  }
  const json: Json = { ...raw, devices: { ...devices, [kind]: section } };
  const merged = mergeLayers(centre, json);
  if (!merged.ok) {
    const prefix = `devices.${kind}.`;
    for (const issue of merged.issues) {
      // Only this device changed, so the issues are its fields'; an issue elsewhere (impossible after the check above) names its path.
      issues.push({ field: issue.field.startsWith(prefix) ? issue.field.slice(prefix.length) : issue.field, message: issue.message });
    }
  }
  if (issues.length > 0) return { ok: false, message: t.invalid, issues };
  return { ok: true, json, config: (merged as Extract<typeof merged, { ok: true }>).config };
}

export type SaveOutcome = { ok: true; file: string; config: CounterConfig } | { ok: false; message: string; issues: FieldIssue[] };

/** 保存: validates, then writes config.json atomically; the configuration now in force comes back (for the restart). */
export function saveDeviceSettings(dataDir: string, kind: DeviceKind, values: Readonly<Record<string, FieldValue>>, centreFile: string = centreConfigPath()): SaveOutcome {
  const centre = readCentreConfig(centreFile);
  // A broken centre file: its locks cannot be known, so nothing is written (the counter runs on its last good copy).
  if (centre.state === 'broken') return { ok: false, message: centre.issues.map((i) => i.message).join('；'), issues: [] };
  const raw = readRawConfig(dataDir);
  if (!raw.ok) return { ok: false, message: raw.message, issues: [] };
  const layer = centre.state === 'ok' ? { ...centre.layer, file: centre.file } : null;
  const prepared = prepareDeviceSave(raw.json, layer, kind, values);
  if (!prepared.ok) return prepared;
  const file = join(dataDir, CONFIG_FILE);
  writeJsonAtomic(file, prepared.json);
  return { ok: true, file, config: prepared.config };
}
