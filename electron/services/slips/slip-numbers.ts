import type { SlipKind } from '../../../shared/domain/slips/slip-data';
import { strings } from '../../../shared/i18n';
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../storage/database';

/**
 * The register of slip numbers (migration 8, table slip_numbers). A number
 * is recorded the moment it is taken from its yearly sequence, in the same
 * committed transaction, before anything is drawn or archived; it then ends
 * issued (in the transaction that writes the slip row) or void with the
 * reason. So an official number is never lost silently: a crash leaves it
 * reserved, and the reconciliation voids it.
 */
export type SlipNumberStatus = 'reserved' | 'issued' | 'void';

export interface SlipNumberRow {
  id: number;
  nature: string;
  year: number;
  seq: number;
  number: string;
  case_id: string | null;
  kind: SlipKind | null;
  status: SlipNumberStatus;
  reason: string;
  taken_at: string;
  settled_at: string | null;
  pdf_path: string | null;
  aside_path: string | null;
}

export interface Reservation {
  nature: string;
  year: number;
  caseId: string;
  kind: SlipKind;
  /** Where this attempt will archive its PDF (relative to archive/). */
  pdfPath: string;
  at: string;
  /** The number as printed, from its sequence value. */
  format: (seq: number) => string;
}

export class SlipNumbers {
  constructor(private readonly db: Db) {}

  /** Takes the next number of a nature in a year and records it reserved: one transaction, so two slips never share one and none goes unrecorded. */
  reserve(r: Reservation): SlipNumberRow {
    const db = this.db;
    return db.transaction(() => {
      db.prepare('INSERT INTO sequences (name, year, value) VALUES (?, ?, 1) ON CONFLICT (name, year) DO UPDATE SET value = value + 1').run(r.nature, r.year);
      const seq = db.prepare<[string, number], { value: number }>('SELECT value FROM sequences WHERE name = ? AND year = ?').get(r.nature, r.year)!.value;
      const { lastInsertRowid } = db
        .prepare(
          "INSERT INTO slip_numbers (nature, year, seq, number, case_id, kind, status, taken_at, pdf_path) VALUES (?, ?, ?, ?, ?, ?, 'reserved', ?, ?)",
        )
        .run(r.nature, r.year, seq, r.format(seq), r.caseId, r.kind, r.at, r.pdfPath);
      return this.byId(Number(lastInsertRowid))!;
    })();
  }

  /** Marks a reserved number issued; call inside the transaction that writes its slip row. */
  markIssued(id: number, at: string): void {
    const { changes } = this.db.prepare("UPDATE slip_numbers SET status = 'issued', settled_at = ? WHERE id = ? AND status = 'reserved'").run(at, id);
    // A number voided meanwhile (by a reconciliation) must not be printed: the slip's transaction rolls back.
    if (changes !== 1) throw new Error(strings.slipService.numberNotReserved(this.byId(id)?.number ?? String(id)));
  }

  /** Records a reserved number void with its reason, and the audit line, in one transaction. Returns false when it was not reserved (already settled). */
  markVoid(id: number, reason: string, at: string): boolean {
    const db = this.db;
    return db.transaction(() => {
      const { changes } = db.prepare("UPDATE slip_numbers SET status = 'void', reason = ?, settled_at = ? WHERE id = ? AND status = 'reserved'").run(reason, at, id);
      if (changes !== 1) return false;
      const row = this.byId(id)!;
      appendAudit(db, at, 'slip-number-void', row.case_id, `${row.number}：${reason}`);
      return true;
    })();
  }

  /** Records where a void attempt's PDF went ('' when it left none). */
  recordAside(id: number, asidePath: string): void {
    this.db.prepare('UPDATE slip_numbers SET aside_path = ? WHERE id = ?').run(asidePath, id);
  }

  byId(id: number): SlipNumberRow | undefined {
    return this.db.prepare<[number], SlipNumberRow>('SELECT * FROM slip_numbers WHERE id = ?').get(id);
  }

  /** Numbers still reserved: attempts in flight, or left by a crash or a failed write. */
  reserved(): SlipNumberRow[] {
    return this.db.prepare<[], SlipNumberRow>("SELECT * FROM slip_numbers WHERE status = 'reserved' ORDER BY id").all();
  }

  /** Void numbers whose attempt's PDF has not been looked at yet. */
  voidUnchecked(): SlipNumberRow[] {
    return this.db.prepare<[], SlipNumberRow>("SELECT * FROM slip_numbers WHERE status = 'void' AND aside_path IS NULL ORDER BY id").all();
  }

  /** The latest number not issued whose attempt archives at a path: the owner of a PDF found there without a slip row. */
  unissuedAt(pdfPath: string): SlipNumberRow | undefined {
    return this.db
      .prepare<[string], SlipNumberRow>("SELECT * FROM slip_numbers WHERE pdf_path = ? AND status != 'issued' ORDER BY id DESC LIMIT 1")
      .get(pdfPath);
  }

  /** Void numbers for the lead, newest first. */
  voids(limit: number): { total: number; rows: SlipNumberRow[] } {
    const total = this.db.prepare("SELECT count(*) FROM slip_numbers WHERE status = 'void'").pluck().get() as number;
    const rows = this.db
      .prepare<[number], SlipNumberRow>("SELECT * FROM slip_numbers WHERE status = 'void' ORDER BY settled_at DESC, id DESC LIMIT ?")
      .all(limit);
    return { total, rows };
  }
}
