import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AddCapturePageParams, CaptureResult, CaseCaptures, MaterialCaptures } from '../../../shared/contract';
import type { OpenCase } from '../../../shared/domain/case/view';
import { strings } from '../../../shared/i18n';
import { appendAudit } from '../audit/audit-log';
import { explainError } from '../errors/system-error';
import type { Db } from '../storage/database';
import { shredFile } from '../privacy/shred-file';
import { materialsFolderOf, materialsFolderOfPage, pageFileOf, pdfFileOf, writeAll, writeFileAtomically, type WriteBytes } from './capture-files';
import { capturedMaterialsOf, materialOf, pagesKey, pageRowsOf, pdfRowOf, type PageRow } from './capture-rows';
import { jpegProblem, type JpegProblem } from './jpeg-check';
import { buildMaterialPdf } from './material-pdf';

const t = strings.camera.captures;

/** Points in a change where a crash test stops the process (kill -9): after the file, after the commit, after the PDF. */
export type CaptureStep = 'pageWritten' | 'committed' | 'pdfWritten';

export interface CaptureServiceOptions {
  db: Db;
  /** <dataDir>/archive: the slips' archive, where each case keeps its materials beside its slips. */
  archiveRoot: string;
  /** The open case (CaseService.current). */
  openCase: () => OpenCase | null;
  /** Diagnostics: case ids, material names and reasons only, never image data. */
  log: (line: string) => void;
  now?: () => Date;
  /** Tests: writes a file's bytes (to run out of disk halfway). */
  writeBytes?: WriteBytes;
  /** Tests: called at each step of a change (a crash test prints and waits to be killed there). */
  reached?: (step: CaptureStep) => void | Promise<void>;
}

type Refusal = { ok: false; message: string; captures: null };

/**
 * The straightened pages of each material of the open case, kept durably
 * beside the case's slips, and one PDF per material rebuilt after each
 * change (issue 11). Every change (add, replace, delete, move) is one
 * transaction committed before the caller is told; the JPEG is on disk,
 * synced, before the row that names it commits, and a file a change leaves
 * behind (the replaced page's, a crash's) is removed afterwards or at the
 * next start (capture-recovery.ts). Changes run one at a time.
 *
 * The images are personal data (photos of ID cards): they never leave the
 * counter (nothing here uploads; the outbox carries ratings only), are never
 * logged, are shredded when removed, and follow the retention's captureDays
 * (capture-retention.ts).
 */
export class CaptureService {
  private readonly now: () => Date;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CaptureServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** The open case's captured materials; null when no case is open. */
  current(): CaseCaptures | null {
    const open = this.options.openCase();
    return open ? this.ofCase(open.id) : null;
  }

  /** A case's captured materials (its pages not purged), in the catalogue's order. */
  ofCase(caseId: string): CaseCaptures {
    const { db } = this.options;
    const materials: MaterialCaptures[] = capturedMaterialsOf(db, caseId).map((m) => {
      const pdf = pdfRowOf(db, caseId, m.materialId);
      return {
        materialId: m.materialId,
        materialName: m.materialName,
        pages: pageRowsOf(db, caseId, m.materialId).map((p) => ({
          id: p.id,
          index: p.position,
          kind: p.kind,
          mode: p.mode,
          capturedAt: p.captured_at,
          width: p.width,
          height: p.height,
          bytes: p.bytes,
        })),
        pdf: pdf ? { pages: pdf.pages, bytes: pdf.bytes, updatedAt: pdf.updated_at } : null,
      };
    });
    return { caseId, materials };
  }

  /** Keeps a page for a material of the open case, or replaces one (重拍, an edit), then rebuilds the material's PDF. */
  add(params: AddCapturePageParams): Promise<CaptureResult> {
    return this.serial(async () => {
      const open = this.options.openCase();
      if (!open) return this.refused(t.noCase);
      const item = 'item' in open.state ? open.state.item : null;
      if (!item) return this.refused(t.noItem);
      const materialOrder = item.materials.findIndex((m) => m.id === params.materialId);
      // Only the open case's item's materials: an id of another item (or made up) never names a folder.
      if (materialOrder < 0) return this.refused(t.notOfItem(params.materialId.slice(0, 40)));
      const materialName = item.materials[materialOrder]!.name;
      const jpeg = Buffer.from(params.jpeg, 'base64');
      const problem = jpegProblem(jpeg, params.width, params.height);
      if (problem) return this.refused(describeJpegProblem(problem, params));
      const { db } = this.options;
      const replaced = params.replacePageId ? this.pageOfOpenCase(params.replacePageId, open.id) : null;
      if (replaced && !replaced.ok) return replaced;
      if (replaced && replaced.page.material_id !== params.materialId) return this.refused(t.pageNotFound);

      const pageId = randomUUID();
      const folder = replaced ? materialsFolderOfPage(replaced.page.file) : this.folderOf(open);
      const file = pageFileOf(folder, params.materialId, pageId);
      const capturedAt = this.now().toISOString();
      try {
        writeFileAtomically(this.path(file), jpeg, this.options.writeBytes ?? writeAll);
      } catch (error) {
        return this.failed(open.id, t.saveFailed, error);
      }
      await this.options.reached?.('pageWritten');

      let position: number;
      try {
        position = db.transaction(() => {
          let at: number;
          if (replaced) {
            // Re-read inside the transaction: the page may have gone meanwhile (nothing else writes here, but a restart's repair may have).
            const still = db.prepare<[string], { position: number }>('SELECT position FROM capture_pages WHERE id = ? AND purged_at IS NULL').get(replaced.page.id);
            if (!still) throw new PageGone();
            db.prepare('DELETE FROM capture_pages WHERE id = ?').run(replaced.page.id);
            at = still.position;
          } else {
            at = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM capture_pages WHERE case_id = ? AND material_id = ? AND purged_at IS NULL').get(open.id, params.materialId)!.n;
          }
          db.prepare(
            `INSERT INTO capture_pages (id, case_id, material_id, material_name, material_order, position, kind, mode, width, height, width_mm, height_mm, bytes, sha256, file, captured_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            pageId,
            open.id,
            params.materialId,
            materialName,
            materialOrder,
            at,
            params.kind,
            params.mode,
            params.width,
            params.height,
            params.sizeMm?.width ?? null,
            params.sizeMm?.height ?? null,
            jpeg.length,
            createHash('sha256').update(jpeg).digest('hex'),
            file,
            capturedAt,
          );
          const detail = `material=${params.materialId} page=${pageId} position=${at + 1} bytes=${jpeg.length}${replaced ? ` replaces=${replaced.page.id}` : ''}`;
          appendAudit(db, capturedAt, replaced ? 'capture-page-replaced' : 'capture-page-added', open.id, detail);
          return at;
        })();
      } catch (error) {
        // Not kept: the file written for it goes again (a crash here leaves it to the start-up check).
        this.removeQuietly(file);
        if (error instanceof PageGone) return this.refused(t.pageNotFound);
        return this.failed(open.id, t.saveFailed, error);
      }
      await this.options.reached?.('committed');
      if (replaced) this.removeQuietly(replaced.page.file);
      const message = replaced ? t.replaced(materialName, position + 1) : t.added(materialName, position + 1);
      return this.afterChange(open.id, params.materialId, message);
    });
  }

  /** 删除 a page of the open case. */
  delete(pageId: string): Promise<CaptureResult> {
    return this.serial(async () => {
      const open = this.options.openCase();
      if (!open) return this.refused(t.noCase);
      const found = this.pageOfOpenCase(pageId, open.id);
      if (!found.ok) return found;
      const { page } = found;
      const { db } = this.options;
      try {
        db.transaction(() => {
          db.prepare('DELETE FROM capture_pages WHERE id = ?').run(page.id);
          renumber(db, open.id, page.material_id);
          appendAudit(db, this.now().toISOString(), 'capture-page-deleted', open.id, `material=${page.material_id} page=${page.id}`);
        })();
      } catch (error) {
        return this.failed(open.id, t.changeFailed, error);
      }
      await this.options.reached?.('committed');
      this.removeQuietly(page.file);
      return this.afterChange(open.id, page.material_id, t.deleted(page.material_name));
    });
  }

  /** Moves a page of the open case to another position within its material (clamped to the last). */
  move(pageId: string, toIndex: number): Promise<CaptureResult> {
    return this.serial(async () => {
      const open = this.options.openCase();
      if (!open) return this.refused(t.noCase);
      const found = this.pageOfOpenCase(pageId, open.id);
      if (!found.ok) return found;
      const { page } = found;
      const { db } = this.options;
      let to: number;
      try {
        to = db.transaction(() => {
          const order = pageRowsOf(db, open.id, page.material_id).map((p) => p.id);
          const from = order.indexOf(page.id);
          const target = Math.min(toIndex, order.length - 1);
          order.splice(from, 1);
          order.splice(target, 0, page.id);
          const set = db.prepare('UPDATE capture_pages SET position = ? WHERE id = ?');
          order.forEach((id, position) => set.run(position, id));
          appendAudit(db, this.now().toISOString(), 'capture-page-moved', open.id, `material=${page.material_id} page=${page.id} from=${from + 1} to=${target + 1}`);
          return target;
        })();
      } catch (error) {
        return this.failed(open.id, t.changeFailed, error);
      }
      await this.options.reached?.('committed');
      return this.afterChange(open.id, page.material_id, t.moved(page.material_name, to + 1));
    });
  }

  /** One kept page as base64 JPEG (thumbnails, editing again): of any case, while its image is kept. */
  page(pageId: string): { ok: boolean; message: string; jpeg: string | null } {
    const row = this.options.db.prepare<[string], PageRow>('SELECT * FROM capture_pages WHERE id = ?').get(pageId);
    if (!row) return { ok: false, message: t.pageNotFound, jpeg: null };
    if (row.purged_at) return { ok: false, message: t.pagePurged, jpeg: null };
    try {
      return { ok: true, message: '', jpeg: readFileSync(this.path(row.file)).toString('base64') };
    } catch (error) {
      return { ok: false, message: explainError(error).message, jpeg: null };
    }
  }

  /** A material's PDF as it stands (the web shell's /captures/<case>/<material>.pdf), audited; null when there is none. */
  pdf(caseId: string, materialId: string): Buffer | null {
    const { db } = this.options;
    const row = pdfRowOf(db, caseId, materialId);
    if (!row) return null;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path(row.file));
    } catch {
      return null;
    }
    try {
      appendAudit(db, this.now().toISOString(), 'capture-pdf-opened', caseId, `material=${materialId}`);
    } catch (error) {
      // Opening is not refused for a lock on the audit log; the log says it went unrecorded.
      this.options.log(`审计记录失败（capture-pdf-opened ${caseId} ${materialId}）：${explainError(error).original}`);
    }
    return bytes;
  }

  /**
   * Rebuilds the PDF of a material from its pages as they stand (none: the
   * PDF goes). Written atomically, then its row; a PDF whose row says it
   * matches the pages is left alone. Says whether it wrote, and why it failed.
   */
  async rebuildPdf(caseId: string, materialId: string): Promise<{ rebuilt: boolean; problem: string | null }> {
    const { db } = this.options;
    const pages = pageRowsOf(db, caseId, materialId);
    const current = pdfRowOf(db, caseId, materialId);
    const material = materialOf(db, caseId, materialId);
    try {
      if (pages.length === 0) {
        if (current) {
          db.prepare('DELETE FROM capture_pdfs WHERE case_id = ? AND material_id = ?').run(caseId, materialId);
          this.removeQuietly(current.file);
        }
        return { rebuilt: current !== undefined, problem: null };
      }
      const key = pagesKey(pages);
      if (current && current.pages_key === key && this.fileHasSize(current.file, current.bytes)) return { rebuilt: false, problem: null };
      const at = this.now();
      const pdf = await buildMaterialPdf(
        pages.map((p) => ({
          jpeg: readFileSync(this.path(p.file)),
          kind: p.kind,
          sizeMm: p.width_mm !== null && p.height_mm !== null ? { width: p.width_mm, height: p.height_mm } : null,
        })),
        { caseId, materialName: material?.materialName ?? materialId, at },
      );
      const file = pdfFileOf(materialsFolderOfPage(pages[0]!.file), materialId);
      writeFileAtomically(this.path(file), pdf, this.options.writeBytes ?? writeAll);
      await this.options.reached?.('pdfWritten');
      db.prepare(
        `INSERT INTO capture_pdfs (case_id, material_id, file, pages, bytes, sha256, pages_key, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id, material_id) DO UPDATE SET file = excluded.file, pages = excluded.pages, bytes = excluded.bytes,
           sha256 = excluded.sha256, pages_key = excluded.pages_key, updated_at = excluded.updated_at`,
      ).run(caseId, materialId, file, pages.length, pdf.length, createHash('sha256').update(pdf).digest('hex'), key, at.toISOString());
      return { rebuilt: true, problem: null };
    } catch (error) {
      const explained = explainError(error);
      this.options.log(t.log.pdfFailed(caseId, material?.materialName ?? materialId, explained.original));
      return { rebuilt: false, problem: explained.message };
    }
  }

  /** Resolves once the changes under way (and the start-up check) are done: the database may then close. */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** Runs `work` after every change before it: one change at a time, so positions and PDFs never interleave. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async afterChange(caseId: string, materialId: string, message: string): Promise<CaptureResult> {
    const { problem: pdfProblem } = await this.rebuildPdf(caseId, materialId);
    // The page change stands (committed): ok, with what the PDF lacks said; the start-up check and the next change rebuild it.
    return { ok: true, message: pdfProblem ? t.pdfFailed(pdfProblem) : message, captures: this.ofCase(caseId) };
  }

  private pageOfOpenCase(pageId: string, caseId: string): { ok: true; page: PageRow } | Refusal {
    const page = this.options.db.prepare<[string], PageRow>('SELECT * FROM capture_pages WHERE id = ?').get(pageId);
    if (!page) return this.refused(t.pageNotFound);
    if (page.case_id !== caseId) return this.refused(t.pageNotOpenCase);
    if (page.purged_at) return this.refused(t.pagePurged);
    return { ok: true, page };
  }

  /** The case's materials folder: where its pages already are, else from the day it was opened. */
  private folderOf(open: OpenCase): string {
    const first = this.options.db.prepare<[string], { file: string }>('SELECT file FROM capture_pages WHERE case_id = ? AND purged_at IS NULL LIMIT 1').get(open.id);
    return first ? materialsFolderOfPage(first.file) : materialsFolderOf(open.id, open.openedAt);
  }

  private path(relative: string): string {
    return join(this.options.archiveRoot, relative);
  }

  private fileHasSize(relative: string, bytes: number): boolean {
    try {
      return statSync(this.path(relative)).size === bytes;
    } catch {
      return false;
    }
  }

  /** A file no row names any more: shredded now; should that fail, the start-up check removes it. */
  removeQuietly(relative: string): void {
    try {
      shredFile(this.path(relative));
    } catch (error) {
      this.options.log(t.log.checkFailed(explainError(error).original));
    }
  }

  private refused(message: string): Refusal {
    return { ok: false, message, captures: null };
  }

  private failed(caseId: string, wording: (reason: string) => string, error: unknown): CaptureResult {
    const explained = explainError(error);
    this.options.log(t.log.saveFailed(caseId, explained.original));
    return { ok: false, message: wording(explained.message), captures: this.ofCase(caseId) };
  }
}

class PageGone extends Error {}

/** Positions 0…n-1 again after a page left its material. */
function renumber(db: Db, caseId: string, materialId: string): void {
  const set = db.prepare('UPDATE capture_pages SET position = ? WHERE id = ?');
  pageRowsOf(db, caseId, materialId).forEach((p, position) => set.run(position, p.id));
}

function describeJpegProblem(problem: JpegProblem, sent: { width: number; height: number }): string {
  switch (problem.kind) {
    case 'notJpeg':
      return t.notJpeg;
    case 'truncated':
      return t.truncated;
    case 'components':
      return t.components(problem.components);
    case 'size':
      return t.sizeMismatch(problem.width, problem.height, sent.width, sent.height);
  }
}
