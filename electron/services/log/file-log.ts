import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maskIdNumbersInText } from '../../../shared/domain/id-number';
import { strings } from '../../../shared/i18n';
import { explainError } from '../errors/system-error';
import { chooseLogFile, choosePrunes, DEFAULT_LOG_POLICY, LOG_DIR, logDay, type LogFileEntry, type LogPolicy } from './log-files';

/**
 * The diagnostic log of both shells, as a function that takes one line.
 * `configure` gives it the centre's limits once config.json is read (the log
 * exists before, to report the configuration's own problems); `problem` and
 * `onProblem` tell the storage notices that the log cannot be written.
 */
export interface FileLog {
  (raw: string, now?: Date): void;
  /** <dataDir>/logs */
  readonly directory: string;
  /** New limits (config.json `logs`); old files are pruned at once by them. */
  configure(policy: LogPolicy): void;
  /** Why the log cannot be written now (Chinese), or null. */
  problem(): string | null;
  /** Called with the message when writing starts failing and with null when it works again. */
  onProblem(listener: (message: string | null) => void): () => void;
}

/** A log handed over as a plain `(line) => void` that is in fact a FileLog (the shells pass theirs to the services). */
export function isFileLog(log: (line: string) => void): log is FileLog {
  return typeof (log as Partial<FileLog>).configure === 'function' && typeof (log as Partial<FileLog>).onProblem === 'function';
}

export interface FileLogOptions {
  policy?: LogPolicy;
}

/**
 * A diagnostic log for IT: under <dataDir>/logs, one file a day (local
 * time), continued in a new part when a file reaches its size limit, days
 * past `keepDays` and the oldest files over the total cap deleted; each
 * line stamped, also echoed to stderr.
 *
 * Each line is one append (O_APPEND, one write) of the whole line: two
 * processes logging into the same folder (the counter and an IT command)
 * never split each other's lines, and because a full file is never renamed
 * (see log-files.ts) no line is lost at a rotation. The size is read from the
 * file before each line, not counted in memory, so the other writer's lines
 * count too.
 *
 * Writing is best effort: a full or read-only disk must never stop the
 * counter. It is said once (echo, and `onProblem` for the clerk screen) and
 * again when writing works again.
 *
 * Callers never pass personal data (ID numbers, names, phone numbers) to it;
 * a full ID number that slips through anyway (an error quoting a request, a
 * device's raw answer) is masked before it reaches the file or the console.
 */
export function createFileLog(
  dataDir: string,
  echo: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  options: FileLogOptions = {},
): FileLog {
  const dir = join(dataDir, LOG_DIR);
  let policy = options.policy ?? DEFAULT_LOG_POLICY;
  // Nothing is deleted by the defaults before the centre's own limits are known: a centre that keeps a year of logs
  // must not lose eleven months to the lines written while config.json is still being read.
  let mayPrune = options.policy !== undefined;
  let dirReady = false;
  /** The day and file lines go to; null until the first line (or after a failure, to look again). */
  let day: string | null = null;
  let current: string | null = null;
  let problem: string | null = null;
  const listeners = new Set<(message: string | null) => void>();

  const setProblem = (message: string | null): void => {
    if (message === problem) return;
    problem = message;
    echo(message ?? strings.logs.recovered(dir));
    for (const listener of [...listeners]) listener(message);
  };

  const listFiles = (): LogFileEntry[] => {
    const files: LogFileEntry[] = [];
    for (const name of readdirSync(dir)) {
      const size = sizeOf(join(dir, name));
      if (size !== null) files.push({ name, size });
    }
    return files;
  };

  const prune = (files: readonly LogFileEntry[], today: string): void => {
    if (!mayPrune) return;
    for (const name of choosePrunes(files, today, policy, current)) {
      // Another writer may have deleted it first; a file that will not go is tried again at the next prune.
      rmSync(join(dir, name), { force: true });
    }
  };

  /** The file for a line of `bytes` on `today`: the same as before unless the day changed or the file is full. */
  const fileFor = (today: string, bytes: number): string => {
    if (today === day && current !== null) {
      const size = sizeOf(join(dir, current)) ?? 0;
      if (size === 0 || size + bytes <= policy.maxFileBytes) return current;
    }
    const files = listFiles();
    current = chooseLogFile(today, files, bytes, policy.maxFileBytes);
    day = today;
    prune(files, today);
    return current;
  };

  const log = (raw: string, now: Date = new Date()): void => {
    const line = maskIdNumbersInText(raw);
    echo(line);
    const text = `${now.toISOString()} ${line.replace(/\r?\n|\r/g, ' ')}\n`;
    try {
      if (!dirReady) {
        mkdirSync(dir, { recursive: true });
        dirReady = true;
      }
      const file = join(dir, fileFor(logDay(now), Buffer.byteLength(text)));
      appendFileSync(file, text, 'utf8');
      if (problem !== null) {
        // The file has a gap: say where it ends, for IT reading it later.
        appendFileSync(file, `${now.toISOString()} ${strings.logs.recovered(dir)}\n`, 'utf8');
        setProblem(null);
      }
    } catch (error) {
      // The echo above already reached the console; look at the folder afresh next time (it may have been replaced).
      dirReady = false;
      current = null;
      setProblem(strings.logs.unwritable(dir, explainError(error).message));
    }
  };

  return Object.assign(log, {
    directory: dir,
    configure(next: LogPolicy): void {
      policy = next;
      mayPrune = true;
      try {
        if (!dirReady) return;
        prune(listFiles(), logDay(new Date()));
      } catch {
        // Pruned at the next new file instead; a folder that cannot be read is reported by the next line written.
      }
    },
    problem: () => problem,
    onProblem(listener: (message: string | null) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
}

/** Size of a regular file, 0 when it does not exist (yet, or any more), null for a folder or anything else. */
function sizeOf(path: string): number | null {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.size : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
