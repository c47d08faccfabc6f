import { explainError } from '../errors/system-error';
import { strings } from '../../../shared/i18n';
import { checkpointWal, type Db } from './database';

export interface WalMaintenanceOptions {
  db: Db;
  /** How often to look; the WAL is truncated on a look that finds no write since the previous one. */
  intervalMs?: number;
  log?: (line: string) => void;
}

/** Five minutes: a counter is idle between applicants far more often than that. */
export const WAL_MAINTENANCE_INTERVAL_MS = 5 * 60_000;

/**
 * Keeps the WAL from sitting at its high-water mark for weeks: SQLite's own
 * automatic checkpoints copy pages back but never shrink the file. Every
 * interval, when this connection wrote nothing since the last look (idle:
 * no applicant at the counter), a TRUNCATE checkpoint empties the file.
 * A checkpoint that meets another program's lock gives up after the short
 * busy timeout and is tried at the next idle look.
 */
export function startWalMaintenance(options: WalMaintenanceOptions): { stop(): void } {
  const { db } = options;
  const intervalMs = options.intervalMs ?? WAL_MAINTENANCE_INTERVAL_MS;
  // total_changes(): rows this connection changed since it opened; unchanged between two looks means idle.
  const writes = db.prepare('SELECT total_changes()').pluck();
  let lastWrites = -1;
  let failureLogged = false;

  const truncate = (): void => {
    if (!db.open) return;
    try {
      checkpointWal(db);
      failureLogged = false;
    } catch (error) {
      // Logged once per run of failures: a read-only disk would otherwise fill the log every interval.
      if (!failureLogged) options.log?.(strings.storageHealth.log.checkpointFailed(explainError(error).original));
      failureLogged = true;
    }
  };
  const look = (): void => {
    if (!db.open) return;
    const now = writes.get() as number;
    const idle = now === lastWrites;
    lastWrites = now;
    if (idle) truncate();
  };
  const timer = setInterval(look, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
