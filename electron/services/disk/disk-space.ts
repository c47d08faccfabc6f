import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DiskSpace } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { explainError } from '../errors/system-error';

/** Just the numbers of fs.statfsSync this module reads (bigint or number, as Node gives them). */
export interface FsStats {
  bsize: number | bigint;
  blocks: number | bigint;
  bavail: number | bigint;
}
export type StatFs = (path: string) => FsStats;

/**
 * When the clerk and IT are warned: far enough ahead that IT can free space
 * before a write fails (a day of slips is a few MB; a database write needs
 * its WAL and temporary space), critical when a failure may come any moment.
 */
export interface DiskThresholds {
  /** Warn below this many free bytes … */
  warnBytes: number;
  /** … or below this share of the disk. */
  warnFraction: number;
  /** Critical below this many free bytes. */
  criticalBytes: number;
}

export const DEFAULT_DISK_THRESHOLDS: DiskThresholds = {
  warnBytes: 1024 ** 3,
  warnFraction: 0.05,
  criticalBytes: 200 * 1024 ** 2,
};

/** Once a minute: space runs out over hours, and a statfs call costs microseconds. */
export const DISK_CHECK_INTERVAL_MS = 60_000;

/** The level of a disk with `free` of `total` bytes available to us. Pure. */
export function diskLevel(free: number, total: number, thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS): DiskSpace['level'] {
  if (free < thresholds.criticalBytes) return 'critical';
  if (free < thresholds.warnBytes || (total > 0 && free / total < thresholds.warnFraction)) return 'warning';
  return 'ok';
}

/**
 * Free space of the disk holding `dir` (the nearest existing folder above it
 * when it does not exist yet). `bavail`: the blocks an unprivileged process
 * may use, which is what our writes get.
 */
export function measureDiskSpace(dir: string, statfs: StatFs = statfsSync, thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS): DiskSpace {
  const stats = statfsNearest(dir, statfs);
  const blockSize = Number(stats.bsize);
  const free = Number(stats.bavail) * blockSize;
  const total = Number(stats.blocks) * blockSize;
  const level = diskLevel(free, total, thresholds);
  const t = strings.storageHealth.disk;
  const message = level === 'critical' ? t.critical(free, total) : level === 'warning' ? t.warning(free, total) : '';
  return { level, freeBytes: free, totalBytes: total, message };
}

function statfsNearest(dir: string, statfs: StatFs): FsStats {
  for (let path = dir; ; path = dirname(path)) {
    try {
      return statfs(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(path) === path) throw error;
    }
  }
}

export interface DiskWatchOptions {
  dir: string;
  statfs?: StatFs;
  thresholds?: DiskThresholds;
  intervalMs?: number;
  /** The space changed level, or its free amount changed while not ok (the clerk's banner shows it). */
  onChange?: (space: DiskSpace) => void;
  log: (line: string) => void;
}

export interface DiskWatch {
  /** The last measurement; null when the system could not tell. */
  current(): DiskSpace | null;
  /** Measures now (as the timer does). */
  check(): DiskSpace | null;
  stop(): void;
}

/**
 * Measures the data directory's disk at once and every interval. A change of
 * level is written to the log for IT and passed to `onChange` for the clerk
 * screen; a disk that cannot be measured is logged once and not guessed at.
 */
export function watchDiskSpace(options: DiskWatchOptions): DiskWatch {
  const statfs = options.statfs ?? statfsSync;
  const t = strings.storageHealth.log;
  let current: DiskSpace | null = null;
  let unknownLogged = false;

  const check = (): DiskSpace | null => {
    let next: DiskSpace;
    try {
      next = measureDiskSpace(options.dir, statfs, options.thresholds);
      unknownLogged = false;
    } catch (error) {
      if (!unknownLogged) options.log(t.diskUnknown(explainError(error).original));
      unknownLogged = true;
      return current;
    }
    const previous = current;
    current = next;
    const levelChanged = previous?.level !== next.level;
    if (levelChanged) {
      if (next.level !== 'ok') options.log(t.disk(next.message));
      else if (previous) options.log(t.diskOk(next.freeBytes, next.totalBytes));
    }
    if (levelChanged || (next.level !== 'ok' && previous?.message !== next.message)) options.onChange?.(next);
    return next;
  };

  check();
  const timer = setInterval(check, options.intervalMs ?? DISK_CHECK_INTERVAL_MS);
  timer.unref();
  return {
    current: () => current,
    check,
    stop: () => clearInterval(timer),
  };
}
