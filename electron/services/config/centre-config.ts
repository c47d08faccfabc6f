/**
 * The machine-wide centre file (fleet configuration): one `centre.json` per
 * PC, put there by the installer (`/CONFIG=…`) or IT, read by every counter
 * of the machine under its own config.json (config-layers.ts). The counter
 * only reads it — it is IT's file, outside the data directory, usually not
 * even writable by the counter's account.
 */
import { existsSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { strings } from '../../../shared/i18n';
import type { ConfigIssue } from '../../../shared/contract';
import { parseCentreJson, type CentreLayer } from './config-layers';
import { explainDataFileError, parseJsonText, readText } from './json-text';

/** The environment variable that puts the centre file elsewhere (tests, IT trying a file before rolling it out). */
export const CENTRE_CONFIG_ENV = 'COUNTER_CENTRE_CONFIG';

/**
 * Where the centre file lives: `%ProgramData%\counter-terminal\centre.json`
 * on Windows, `/etc/counter-terminal/centre.json` elsewhere, unless
 * COUNTER_CENTRE_CONFIG names another file.
 */
export function centreConfigPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env[CENTRE_CONFIG_ENV];
  if (override) return override;
  if (platform === 'win32') return win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'counter-terminal', 'centre.json');
  return posix.join('/etc', 'counter-terminal', 'centre.json');
}

export type CentreRead =
  /** No centre file: the counter's config.json lies over the defaults, as before fleet configuration. */
  | { state: 'absent'; file: string }
  | { state: 'ok'; file: string; layer: CentreLayer }
  /** Issues name the file; `logDetails` is the platform's wording, for the log only. */
  | { state: 'broken'; file: string; issues: ConfigIssue[]; logDetails: string[] };

/** Reads and checks the centre file; never throws. */
export function readCentreConfig(file: string): CentreRead {
  if (!existsSync(file)) return { state: 'absent', file };
  const text = readText(file);
  const broken = (error: unknown, wrap: (reason: string) => string): CentreRead => {
    const { message, original } = explainDataFileError(error);
    return { state: 'broken', file, issues: [{ field: '', message: strings.fleetConfig.centreIssue(file, wrap(message)) }], logDetails: [original] };
  };
  if (text instanceof Error) return broken(text, strings.config.unreadable);
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    return broken(error, strings.config.notJson);
  }
  const parsed = parseCentreJson(json, file);
  return parsed.ok ? { state: 'ok', file, layer: parsed.layer } : { state: 'broken', file, issues: parsed.issues, logDetails: [] };
}
