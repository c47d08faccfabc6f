/**
 * The diagnostic bundle (`doctor bundle`, `窗口受理终端 --doctor bundle`): one
 * zip IT can send on — versions, OS, displays, the device overview, the
 * configuration with its secrets replaced by ***, the last 7 days of logs,
 * the database's integrity check and the state of the print queue and the
 * upload outbox (counts by status only).
 *
 * Never a full ID number, a photo or a signature: only text goes in, every
 * text passes the log's masking (maskIdNumbersInText), and nothing is read
 * from the tables that hold cards, signatures or ratings' payloads. The
 * database is opened read-only, so the bundle may be made while the counter runs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { arch, hostname, platform, release, type, version } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { maskIdNumbersInText } from '../../shared/domain/id-number';
import { strings } from '../../shared/i18n';
import { CONFIG_FILE, LAST_GOOD_FILE } from '../services/config/config-file';
import { parseJsonText, readText } from '../services/config/json-text';
import { chineseMessage } from '../services/errors/system-error';
import { DATABASE_FILE } from '../services/storage/database';
import { deviceOverview, readCounterConfig, type OverviewDeps } from './device-overview';

const b = strings.itCommands.bundle;

/** What the shell can say about the displays (Electron's `screen`); null when it cannot. */
export type DisplayProbe = () => Promise<unknown>;

export interface BundleOptions {
  dataDir: string;
  /** The zip to write; default `<dataDir>/diagnostics/diagnostics-<date>-<time>.zip`. An existing file is never replaced. */
  out?: string;
  displays?: DisplayProbe;
  overviewDeps?: OverviewDeps;
  now?: Date;
}

export type BundleResult = { ok: true; file: string; entries: string[] } | { ok: false; message: string };

const LOG_DAYS = 7;
/** A log part bigger than this goes in by its tail: the newest lines are the ones that explain a fault. */
const MAX_LOG_BYTES = 8 * 1024 * 1024;

// ---------------------------------------------------------------- secrets

/** Keys whose values are secrets wherever they appear: the upload token, PIN hashes, any password or key. */
const SECRET_KEY = /token|pinhash|password|secret|apikey|privatekey/i;

/** `value` with every secret replaced by "***" (an empty one stays empty: "not set" is worth knowing). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, SECRET_KEY.test(key) && v !== '' && v !== null ? '***' : redactSecrets(v)]),
    );
  }
  return value;
}

function configEntry(file: string): unknown {
  if (!existsSync(file)) return { file, exists: false };
  const text = readText(file);
  if (text instanceof Error) return { file, exists: true, problem: b.unreadableConfig(chineseMessage(text)) };
  try {
    return { file, exists: true, content: redactSecrets(parseJsonText(text)) };
  } catch (error) {
    // The raw text is not included: a broken file may still hold the token.
    return { file, exists: true, problem: b.unreadableConfig(chineseMessage(error)) };
  }
}

// ---------------------------------------------------------------- database

function countByStatus(db: Database.Database, table: string): Record<string, number> | { problem: string } {
  try {
    const rows = db.prepare(`SELECT status, COUNT(*) AS n FROM ${table} GROUP BY status ORDER BY status`).all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } catch (error) {
    return { problem: chineseMessage(error) };
  }
}

function databaseEntry(dataDir: string): unknown {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return { file, exists: false, problem: b.noDatabase };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 2000');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    return {
      file,
      exists: true,
      sizeBytes: statSync(file).size,
      walBytes: existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0,
      schemaVersion: db.pragma('user_version', { simple: true }),
      integrityCheck: integrity,
      printQueue: countByStatus(db, 'print_jobs'),
      uploadOutbox: countByStatus(db, 'evaluation_outbox'),
    };
  } catch (error) {
    return { file, exists: true, problem: chineseMessage(error) };
  } finally {
    db?.close();
  }
}

// ---------------------------------------------------------------- logs

/** The log files changed in the last 7 days, by name. */
function recentLogs(dataDir: string, now: Date): { name: string; text: string }[] {
  const dir = join(dataDir, 'logs');
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const since = now.getTime() - LOG_DAYS * 24 * 60 * 60 * 1000;
  const out: { name: string; text: string }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    try {
      const stat = statSync(file);
      if (!stat.isFile() || stat.mtimeMs < since) continue;
      let bytes = readFileSync(file);
      if (bytes.length > MAX_LOG_BYTES) bytes = bytes.subarray(bytes.length - MAX_LOG_BYTES);
      out.push({ name, text: bytes.toString('utf8') });
    } catch {
      // A part deleted by retention meanwhile: nothing to include.
    }
  }
  return out;
}

// ---------------------------------------------------------------- crash dumps

/** Where the desktop shell keeps its crash dumps (electron/shell/crash-dumps.ts; that module loads Electron, this one may not). */
const CRASH_DUMPS_DIR = 'crashes';
/** Enough to see that and when the app crashed; a counter that crashes in a loop does not fill the bundle. */
const MAX_CRASH_FILES = 200;

/**
 * The crash dumps in <dataDir>/crashes by name, size and time, newest first; null when there is no such folder.
 * Never their content: a minidump holds memory, and so may hold what was on the screen.
 */
function crashDumpList(dataDir: string): { file: string; bytes: number; modified: string }[] | null {
  const root = join(dataDir, CRASH_DUMPS_DIR);
  let names: string[];
  try {
    // Crashpad keeps its reports in subfolders (completed/, pending/, new/ …).
    names = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    return null;
  }
  const files: { file: string; bytes: number; modified: string; ms: number }[] = [];
  for (const name of names) {
    try {
      const stat = statSync(join(root, name));
      if (stat.isFile()) files.push({ file: name.split(sep).join('/'), bytes: stat.size, modified: stat.mtime.toISOString(), ms: stat.mtimeMs });
    } catch {
      // Removed meanwhile: nothing to list.
    }
  }
  return files
    .sort((a, b) => b.ms - a.ms || a.file.localeCompare(b.file))
    .slice(0, MAX_CRASH_FILES)
    .map(({ file, bytes, modified }) => ({ file, bytes, modified }));
}

// ---------------------------------------------------------------- versions and displays

/** package.json of the app: two levels up from electron/cli (tsx) and from out/main (the build, in app.asar too). */
function appPackage(): { name?: string; productName?: string; version?: string } {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name?: string; productName?: string; version?: string };
  } catch {
    return {};
  }
}

function versions(now: Date, dataDir: string): unknown {
  const pkg = appPackage();
  return {
    generatedAt: now.toISOString(),
    app: { name: pkg.productName ?? pkg.name ?? null, version: pkg.version ?? null },
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    node: process.versions.node,
    os: { platform: platform(), type: type(), release: release(), version: version(), arch: arch(), hostname: hostname() },
    dataDir,
  };
}

/** Linux reports each connector and its modes in sysfs; enough to see a second screen plugged in. */
function sysfsDisplays(root = '/sys/class/drm'): { connector: string; status: string; modes: string[] }[] | null {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => /^card\d+-/.test(n));
  } catch {
    return null;
  }
  return names.map((connector) => {
    const read = (file: string) => {
      try {
        return readFileSync(join(root, connector, file), 'utf8').trim();
      } catch {
        return '';
      }
    };
    return { connector, status: read('status'), modes: read('modes').split('\n').filter(Boolean).slice(0, 3) };
  });
}

async function displayEntry(probe: DisplayProbe | undefined): Promise<unknown> {
  if (probe) {
    try {
      const displays = await probe();
      if (displays) return { source: 'electron', displays };
    } catch (error) {
      return { source: 'electron', problem: chineseMessage(error), connectors: sysfsDisplays() };
    }
  }
  const connectors = sysfsDisplays();
  return connectors ? { source: 'sysfs', connectors } : { source: null, note: b.displayInAppOnly };
}

// ---------------------------------------------------------------- the zip

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Builds the bundle's files, every one of them text that went through the ID-number masking. */
export async function bundleEntries(options: BundleOptions): Promise<Map<string, string>> {
  const now = options.now ?? new Date();
  const dataDir = resolve(options.dataDir);
  const entries = new Map<string, string>();
  entries.set('README.txt', `${b.readme}\n`);
  entries.set('versions.json', json(versions(now, dataDir)));
  entries.set('display.json', json(await displayEntry(options.displays)));
  entries.set('devices.json', json(await deviceOverview(dataDir, options.overviewDeps)));
  const { centreFile } = readCounterConfig(dataDir);
  entries.set(
    'config.json',
    json({ config: configEntry(join(dataDir, CONFIG_FILE)), lastGood: configEntry(join(dataDir, LAST_GOOD_FILE)), centre: centreFile ? configEntry(centreFile) : null }),
  );
  entries.set('database.json', json(databaseEntry(dataDir)));
  for (const log of recentLogs(dataDir, now)) entries.set(`logs/${log.name}`, log.text);
  const crashes = crashDumpList(dataDir);
  if (crashes) entries.set('crashes.json', json({ folder: join(dataDir, CRASH_DUMPS_DIR), files: crashes }));
  for (const [name, text] of entries) entries.set(name, maskIdNumbersInText(text));
  return entries;
}

/** Writes the bundle; an existing file is refused, a write is atomic (temp file, then rename) and private (0600). */
export async function writeDiagnosticBundle(options: BundleOptions): Promise<BundleResult> {
  const now = options.now ?? new Date();
  const file = resolve(options.out ?? join(options.dataDir, 'diagnostics', `diagnostics-${stamp(now)}.zip`));
  if (existsSync(file)) return { ok: false, message: b.outExists(file) };
  const entries = await bundleEntries({ ...options, now });
  const zip = new JSZip();
  for (const [name, text] of entries) zip.file(name, text, { date: now });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, bytes, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (error) {
    return { ok: false, message: b.writeFailed(file, chineseMessage(error)) };
  }
  return { ok: true, file, entries: [...entries.keys()] };
}
