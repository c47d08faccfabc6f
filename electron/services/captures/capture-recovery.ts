import { readdirSync, rmdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { strings } from '../../../shared/i18n';
import { appendAudit } from '../audit/audit-log';
import { explainError } from '../errors/system-error';
import type { Db } from '../storage/database';
import { shredFile } from '../privacy/shred-file';
import type { CaptureService } from './capture-service';
import type { PageRow } from './capture-rows';

const t = strings.camera.captures;

export interface CaptureRecovery {
  /** Page rows whose file was missing (or cut short): reported and dropped. */
  dropped: number;
  /** Files no row names (a change a crash stopped, a replaced page, a purge's leftovers): shredded. */
  orphans: number;
  /** Material PDFs rebuilt because they did not match their pages (or were missing). */
  rebuilt: number;
}

/**
 * The start-up check of the captured materials, after a crash or a kill -9
 * at any point of a change: a page row whose file is not there (whole) is
 * reported in Chinese and dropped (the material's other pages keep their
 * order); a file under a case's materials/ folder that no row names is
 * shredded (a page written whose row never committed, a replaced or deleted
 * page's file, an unfinished .tmp); then each material's PDF is rebuilt
 * where it does not match its pages. Runs in the service's queue, before any
 * change the clerk makes.
 */
export function recoverCaptures(service: CaptureService, db: Db, archiveRoot: string, log: (line: string) => void): Promise<CaptureRecovery> {
  return service.serial(async () => {
    const report: CaptureRecovery = { dropped: 0, orphans: 0, rebuilt: 0 };
    report.dropped = dropRowsWithoutFiles(db, archiveRoot, log);
    report.orphans = removeOrphanFiles(db, archiveRoot);
    if (report.orphans > 0) log(t.log.orphansRemoved(report.orphans));
    const materials = db
      .prepare<[], { case_id: string; material_id: string }>(
        'SELECT case_id, material_id FROM capture_pages WHERE purged_at IS NULL UNION SELECT case_id, material_id FROM capture_pdfs',
      )
      .all();
    for (const m of materials) {
      const { rebuilt, problem } = await service.rebuildPdf(m.case_id, m.material_id);
      if (rebuilt) {
        report.rebuilt++;
        const name = db.prepare<[string, string], { n: string }>('SELECT material_name AS n FROM capture_pages WHERE case_id = ? AND material_id = ? LIMIT 1').get(m.case_id, m.material_id);
        log(t.log.pdfRebuilt(m.case_id, name?.n ?? m.material_id));
      }
      // A PDF that cannot be built now (a full disk) is logged by rebuildPdf and tried again at the next change or start.
      void problem;
    }
    return report;
  });
}

function dropRowsWithoutFiles(db: Db, archiveRoot: string, log: (line: string) => void): number {
  const rows = db.prepare<[], PageRow>('SELECT * FROM capture_pages WHERE purged_at IS NULL ORDER BY case_id, material_id, position').all();
  const missing = rows.filter((row) => {
    try {
      return statSync(join(archiveRoot, row.file)).size !== row.bytes;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return 0;
  const at = new Date().toISOString();
  db.transaction(() => {
    const remove = db.prepare('DELETE FROM capture_pages WHERE id = ?');
    const set = db.prepare('UPDATE capture_pages SET position = ? WHERE id = ?');
    const touched = new Map<string, { caseId: string; materialId: string }>();
    for (const row of missing) {
      remove.run(row.id);
      touched.set(`${row.case_id}\n${row.material_id}`, { caseId: row.case_id, materialId: row.material_id });
    }
    for (const { caseId, materialId } of touched.values()) {
      db.prepare<[string, string], { id: string }>('SELECT id FROM capture_pages WHERE case_id = ? AND material_id = ? AND purged_at IS NULL ORDER BY position, captured_at, id')
        .all(caseId, materialId)
        .forEach((p, position) => set.run(position, p.id));
    }
    for (const row of missing) appendAudit(db, at, 'capture-page-dropped', row.case_id, `material=${row.material_id} page=${row.id} reason=file-missing`, 'system');
  })();
  // Said after the commit: what the log reports is what the database now holds.
  for (const row of missing) log(t.log.rowWithoutFile(row.case_id, row.material_name, row.position + 1));
  return missing.length;
}

/** Files under <archive>/<year>/<month>/<case>/materials/ that no page or PDF row names; empty folders there go too. */
function removeOrphanFiles(db: Db, archiveRoot: string): number {
  const named = new Set<string>([
    ...db.prepare<[], string>('SELECT file FROM capture_pages WHERE purged_at IS NULL').pluck().all(),
    ...db.prepare<[], string>('SELECT file FROM capture_pdfs').pluck().all(),
  ].map(normalise));
  let removed = 0;
  for (const folder of materialsFolders(archiveRoot)) {
    const walk = (dir: string): boolean => {
      let empty = true;
      for (const entry of readdirSafe(dir)) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (walk(path)) rmdirSafe(path);
          else empty = false;
        } else if (entry.isFile() && !named.has(normalise(relative(archiveRoot, path)))) {
          try {
            if (shredFile(path)) removed++;
          } catch (error) {
            throw new Error(t.log.checkFailed(explainError(error).message), { cause: error });
          }
        } else {
          empty = false;
        }
      }
      return empty;
    };
    if (walk(folder)) rmdirSafe(folder);
  }
  return removed;
}

/** <archive>/<year>/<month>/<case>/materials folders that exist. */
function materialsFolders(archiveRoot: string): string[] {
  const found: string[] = [];
  for (const year of readdirSafe(archiveRoot).filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name))) {
    for (const month of readdirSafe(join(archiveRoot, year.name)).filter((e) => e.isDirectory())) {
      for (const kase of readdirSafe(join(archiveRoot, year.name, month.name)).filter((e) => e.isDirectory())) {
        const folder = join(archiveRoot, year.name, month.name, kase.name, 'materials');
        try {
          if (statSync(folder).isDirectory()) found.push(folder);
        } catch {
          // no captures for this case
        }
      }
    }
  }
  return found;
}

function readdirSafe(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function rmdirSafe(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty after all (a file appeared), or already gone
  }
}

const normalise = (path: string) => path.split(sep).join('/');
