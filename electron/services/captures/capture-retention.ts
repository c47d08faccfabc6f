import { rmdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from '../storage/database';
import { shredFile } from '../privacy/shred-file';

/** Which cases' captured images are past their retention (ISO instants; shared/contract/retention.ts). */
export interface CapturesDue {
  /** Closed or abandoned cases ended (办结 / the abandon) at or before this: captureDays. */
  endedBefore: string;
  /** Cases still open, opened at or before this: openCardDays, as their card. */
  openedBefore: string;
  /** Any case with a page captured at or before this: slipPdfDays, the archive they lie in (never outlived). */
  capturedBefore: string;
}

/**
 * Purges captured pages and material PDFs past their retention: one
 * transaction marks the pages purged (the rows stay, so 办件记录 still says
 * which materials were captured and when) and drops the PDFs' rows; then the
 * files are shredded. A crash between the two leaves files no row names,
 * which the start-up check (capture-recovery.ts) shreds. Returns the files
 * removed.
 */
export function purgeCaptures(db: Db, archiveRoot: string, due: CapturesDue, at: string): number {
  const cases = db
    .prepare<[string, string, string], string>(
      `SELECT DISTINCT p.case_id FROM capture_pages p JOIN cases c ON c.id = p.case_id
       WHERE p.purged_at IS NULL AND (
         (c.status IN ('closed', 'abandoned') AND coalesce(c.closed_at, c.opened_at) <= ?)
         OR (c.status = 'open' AND c.opened_at <= ?)
         OR p.case_id IN (SELECT case_id FROM capture_pages WHERE purged_at IS NULL AND captured_at <= ?))`,
    )
    .pluck()
    .all(due.endedBefore, due.openedBefore, due.capturedBefore);
  if (cases.length === 0) return 0;
  const files = db.transaction(() => {
    const found: string[] = [];
    for (const caseId of cases) {
      found.push(...db.prepare<[string], string>('SELECT file FROM capture_pages WHERE case_id = ? AND purged_at IS NULL').pluck().all(caseId));
      found.push(...db.prepare<[string], string>('SELECT file FROM capture_pdfs WHERE case_id = ?').pluck().all(caseId));
      db.prepare('UPDATE capture_pages SET purged_at = ? WHERE case_id = ? AND purged_at IS NULL').run(at, caseId);
      db.prepare('DELETE FROM capture_pdfs WHERE case_id = ?').run(caseId);
    }
    return found;
  })();
  let removed = 0;
  for (const file of files) {
    const path = join(archiveRoot, file);
    if (shredFile(path)) removed++;
    removeEmpty(dirname(path));
  }
  return removed;
}

/** A material's folder and the case's materials/ folder, once empty; the case's folder (its slips) stays. */
function removeEmpty(fileFolder: string): void {
  // A page lies in materials/<material>/, a PDF in materials/ itself.
  const folders = basename(fileFolder) === 'materials' ? [fileFolder] : [fileFolder, dirname(fileFolder)];
  for (const folder of folders) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}
