import { checkpointWal, type Db } from '../storage/database';

/**
 * Makes deleted personal data really gone from the files, not only from the
 * tables. secure_delete (storage/database.ts) zeroes what a statement frees
 * inside the database file; the older versions of those pages still sit in
 * the WAL until a checkpoint copies the new ones back, and TRUNCATE then
 * empties the WAL file. Free pages are handed back to the file system.
 *
 * `full`: a VACUUM rewrites the whole file (once: when legacy plaintext was
 * sealed, and to switch an old database to incremental auto-vacuum); it
 * blocks the event loop for the size of the database, so the daily run uses
 * the cheap incremental vacuum instead.
 */
export function reclaimSpace(db: Db, { full }: { full: boolean }): void {
  checkpointWal(db);
  if (full) {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  } else {
    db.pragma('incremental_vacuum');
  }
  checkpointWal(db);
}

/** Whether the database still needs its one full VACUUM to hand free pages back cheaply later (auto_vacuum 2 = incremental). */
export function needsFullVacuum(db: Db): boolean {
  return db.pragma('auto_vacuum', { simple: true }) !== 2;
}
