import { createHash } from 'node:crypto';
import type { CaptureMode, CapturePageKind } from '../../../shared/contract';
import type { Db } from '../storage/database';

/** A row of capture_pages (migration 14). */
export interface PageRow {
  id: string;
  case_id: string;
  material_id: string;
  material_name: string;
  material_order: number;
  position: number;
  kind: CapturePageKind;
  mode: CaptureMode;
  width: number;
  height: number;
  width_mm: number | null;
  height_mm: number | null;
  bytes: number;
  sha256: string;
  /** Relative to the archive root. */
  file: string;
  captured_at: string;
  purged_at: string | null;
}

/** A row of capture_pdfs. */
export interface PdfRow {
  case_id: string;
  material_id: string;
  file: string;
  pages: number;
  bytes: number;
  sha256: string;
  pages_key: string;
  updated_at: string;
}

/** A material's kept pages, in PDF order. */
export function pageRowsOf(db: Db, caseId: string, materialId: string): PageRow[] {
  return db
    .prepare<[string, string], PageRow>('SELECT * FROM capture_pages WHERE case_id = ? AND material_id = ? AND purged_at IS NULL ORDER BY position, captured_at, id')
    .all(caseId, materialId);
}

export function pdfRowOf(db: Db, caseId: string, materialId: string): PdfRow | undefined {
  return db.prepare<[string, string], PdfRow>('SELECT * FROM capture_pdfs WHERE case_id = ? AND material_id = ?').get(caseId, materialId);
}

/** The materials of a case with kept pages, in the catalogue's order. */
export function capturedMaterialsOf(db: Db, caseId: string): { materialId: string; materialName: string }[] {
  return db
    .prepare<[string], { materialId: string; materialName: string }>(
      `SELECT material_id AS materialId, min(material_name) AS materialName FROM capture_pages WHERE case_id = ? AND purged_at IS NULL
       GROUP BY material_id ORDER BY min(material_order), material_id`,
    )
    .all(caseId);
}

export function materialOf(db: Db, caseId: string, materialId: string): { materialName: string } | undefined {
  return db
    .prepare<[string, string], { materialName: string }>('SELECT material_name AS materialName FROM capture_pages WHERE case_id = ? AND material_id = ? LIMIT 1')
    .get(caseId, materialId);
}

/** What a PDF was built from: the ordered page hashes. A PDF whose key differs from its pages' is out of date. */
export function pagesKey(pages: readonly Pick<PageRow, 'sha256' | 'width_mm' | 'height_mm' | 'kind'>[]): string {
  const hash = createHash('sha256');
  for (const p of pages) hash.update(`${p.sha256}:${p.kind}:${p.width_mm ?? ''}x${p.height_mm ?? ''}\n`);
  return hash.digest('hex');
}

/** 办件记录: per case, the materials captured, how many pages and when last; purged once every image of it went. */
export interface CapturedMaterialSummary {
  materialId: string;
  materialName: string;
  pages: number;
  capturedAt: string;
  purged: boolean;
}

export function captureSummaryOf(db: Db, caseId: string): CapturedMaterialSummary[] {
  return db
    .prepare<[string], { materialId: string; materialName: string; pages: number; capturedAt: string; kept: number }>(
      `SELECT material_id AS materialId, min(material_name) AS materialName, count(*) AS pages, max(captured_at) AS capturedAt,
         sum(purged_at IS NULL) AS kept
       FROM capture_pages WHERE case_id = ? GROUP BY material_id ORDER BY min(material_order), material_id`,
    )
    .all(caseId)
    .map(({ kept, ...m }) => ({ ...m, purged: kept === 0 }));
}
