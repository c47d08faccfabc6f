import type { LogsConfig } from '../../../shared/contract/logs';

/**
 * The pure half of the diagnostic log: how its files are named, which one a
 * line goes to, which ones are deleted. No I/O here (file-log.ts does it), so
 * every case is tested without a disk.
 *
 * Rotation never renames a file: a full file is left as it is and the next
 * line starts the next part (`counter-2026-11-23.1.log`). A writer that still
 * appends to the previous part (another process that has not noticed yet)
 * only makes that file one line longer; no line is ever moved, so none can
 * be lost between a rename and a write.
 */

/** The folder under the data directory. */
export const LOG_DIR = 'logs';

export interface LogPolicy {
  /** A part is not continued once a line would take it past this size (a single longer line still goes in, alone). */
  maxFileBytes: number;
  /** Days kept, today included. */
  keepDays: number;
  /** All log files together; the oldest go first, never the file being written. */
  maxTotalBytes: number;
}

const KIB = 1024;
const MIB = 1024 * 1024;

export const DEFAULT_LOG_POLICY: LogPolicy = { maxFileBytes: 5 * MIB, keepDays: 30, maxTotalBytes: 200 * MIB };

/** config.json `logs` in bytes. */
export function logPolicyFromConfig(logs: LogsConfig): LogPolicy {
  return { maxFileBytes: logs.maxFileKb * KIB, keepDays: logs.keepDays, maxTotalBytes: logs.maxTotalMb * MIB };
}

/**
 * The day a line belongs to, YYYY-MM-DD in the counter's local time: a hall in
 * UTC+8 would otherwise start "today's" file at 08:00.
 */
export function logDay(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `counter-2026-11-23.log`, then `counter-2026-11-23.1.log`, `.2.log` … */
export function logFileName(day: string, part: number): string {
  return part === 0 ? `counter-${day}.log` : `counter-${day}.${part}.log`;
}

export interface ParsedLogFileName {
  day: string;
  part: number;
  /** `counter-YYYYMMDD.log` of versions before size rotation (UTC days): pruned like the others, never written again. */
  legacy: boolean;
}

const CURRENT_NAME = /^counter-(\d{4})-(\d{2})-(\d{2})(?:\.([1-9]\d{0,5}))?\.log$/;
const LEGACY_NAME = /^counter-(\d{4})(\d{2})(\d{2})\.log$/;

/** The day and part of one of our log files; null for any other name (those are never touched). */
export function parseLogFileName(name: string): ParsedLogFileName | null {
  const current = CURRENT_NAME.exec(name);
  const legacy = current ? null : LEGACY_NAME.exec(name);
  const match = current ?? legacy;
  if (!match) return null;
  const [, y, m, d, part] = match;
  if (!isCalendarDate(Number(y), Number(m), Number(d))) return null;
  return { day: `${y}-${m}-${d}`, part: part ? Number(part) : 0, legacy: legacy !== null };
}

export interface LogFileEntry {
  name: string;
  size: number;
}

/**
 * The file a line of `lineBytes` bytes for `day` goes to: the day's newest
 * part, or the next one when the line would take that part past the limit.
 * An empty part always takes the line, so a line longer than the limit is
 * written whole in a file of its own rather than lost or split.
 */
export function chooseLogFile(day: string, files: readonly LogFileEntry[], lineBytes: number, maxFileBytes: number): string {
  let newest: { part: number; size: number } | null = null;
  for (const file of files) {
    const parsed = parseLogFileName(file.name);
    if (!parsed || parsed.legacy || parsed.day !== day) continue;
    if (!newest || parsed.part > newest.part) newest = { part: parsed.part, size: file.size };
  }
  if (!newest) return logFileName(day, 0);
  const full = newest.size > 0 && newest.size + lineBytes > maxFileBytes;
  return logFileName(day, full ? newest.part + 1 : newest.part);
}

/**
 * The log files to delete, oldest first: every file of a day older than
 * `keepDays` days (today included), then the oldest of the rest while all of
 * them together are over `maxTotalBytes`. `current`, the file being written,
 * is never deleted. Names that are not ours are left alone and not counted.
 */
export function choosePrunes(files: readonly LogFileEntry[], today: string, policy: LogPolicy, current: string | null): string[] {
  const ours = files
    .map((file) => ({ ...file, parsed: parseLogFileName(file.name) }))
    .filter((file): file is LogFileEntry & { parsed: ParsedLogFileName } => file.parsed !== null)
    .sort((a, b) => oldestFirst(a.parsed, b.parsed) || a.name.localeCompare(b.name));
  const firstKept = addDays(today, -(Math.max(1, policy.keepDays) - 1));
  const doomed: string[] = [];
  const kept: LogFileEntry[] = [];
  for (const file of ours) {
    if (file.parsed.day < firstKept && file.name !== current) doomed.push(file.name);
    else kept.push(file);
  }
  let total = kept.reduce((sum, file) => sum + file.size, 0);
  for (const file of kept) {
    if (total <= policy.maxTotalBytes) break;
    if (file.name === current) continue;
    doomed.push(file.name);
    total -= file.size;
  }
  return doomed;
}

function oldestFirst(a: ParsedLogFileName, b: ParsedLogFileName): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  // The day's legacy file was written before any part of the new scheme.
  if (a.legacy !== b.legacy) return a.legacy ? -1 : 1;
  return a.part - b.part;
}

/** YYYY-MM-DD plus `days` (negative: back), on the calendar alone. */
export function addDays(day: string, days: number): string {
  const date = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + days));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
