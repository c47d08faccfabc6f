import { SLIP_OF_DECISION } from '../../../shared/domain/slips/slip-from-case';
import type { SlipKind } from '../../../shared/domain/slips/slip-data';
import { strings } from '../../../shared/i18n';
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../storage/database';
import { ArchiveConflictError, type SlipArchive } from './slip-archive';
import type { SlipNumberRow, SlipNumbers } from './slip-numbers';

const s = strings.slipService;

/** How many of the latest slips the start-up check looks for on disk (a power cut may lose the last writes). */
const RECENT_SLIPS_CHECKED = 20;

export interface SlipReconciliationOptions {
  db: Db;
  numbers: SlipNumbers;
  archive: SlipArchive;
  log: (line: string) => void;
  now: () => Date;
  /** Numbers this process is drawing right now: not strays. */
  inFlight: () => ReadonlySet<number>;
  /** Why an attempt of this process failed, when its void could not be written then. */
  pendingReason: (id: number) => string | undefined;
  /** The number as printed (the configured pattern), for numbers taken before the register existed. */
  formatNumber: (nature: string, year: number, seq: number) => string;
}

/**
 * Brings the slip numbers and the archive back into agreement after a
 * crash or a failed write: numbers left reserved are voided (程序中断，未出具),
 * a failed attempt's PDF is moved aside under a name that says so, a PDF
 * without any record is moved aside as an orphan, a slip whose PDF is gone
 * is logged and audited. Cheap on a large archive: it looks only at
 * unsettled numbers and the folders of their cases, plus the latest slips.
 */
export class SlipReconciliation {
  constructor(private readonly o: SlipReconciliationOptions) {}

  /** Everything, at start: numbers taken before the register existed, strays, their folders, the latest slips. */
  atStart(): void {
    this.recordLegacyNumbers();
    const touched = this.settle();
    for (const path of new Set(touched)) this.checkFolder(path);
    this.checkRecentSlips();
  }

  /**
   * The cheap part, before each slip too: voids reserved numbers no attempt
   * of this process is drawing, and moves aside the PDFs of void attempts.
   * Returns the archive paths it looked at.
   */
  settle(): string[] {
    const { numbers, inFlight, pendingReason } = this.o;
    const touched: string[] = [];
    const flying = inFlight();
    for (const row of numbers.reserved()) {
      if (flying.has(row.id)) continue;
      if (this.issuedSlipOf(row)) {
        // Its slip row exists (written before the register knew): the number was issued after all.
        numbers.markIssued(row.id, this.at());
        continue;
      }
      const reason = pendingReason(row.id) ?? s.interrupted;
      if (numbers.markVoid(row.id, reason, this.at())) this.o.log(`通知书编号 ${row.number} 未出具，已作废：${reason}`);
    }
    for (const row of numbers.voidUnchecked()) {
      this.setAsideFor(row);
      if (row.pdf_path) touched.push(row.pdf_path);
    }
    return touched;
  }

  /**
   * Frees the archive name a new attempt will write, before its number is
   * taken: a PDF there that no slip row owns was left by a failed attempt
   * and is moved aside. Throws (Chinese) when the name stays taken, so no
   * number is used for an attempt that could not archive.
   */
  clearTarget(relativePath: string): void {
    const { archive, numbers } = this.o;
    if (!archive.exists(relativePath)) return;
    if (this.slipRowAt(relativePath)) throw new ArchiveConflictError(s.archiveOccupied(relativePath));
    const owner = numbers.unissuedAt(relativePath);
    if (owner && owner.status === 'reserved' && this.o.inFlight().has(owner.id)) throw new ArchiveConflictError(s.archiveOccupied(relativePath));
    // A reserved owner is a stray whose void is not written yet (a locked database): its PDF goes aside all the same.
    if (owner) this.setAsideFor(owner);
    else this.setAsideOrphan(relativePath);
    if (archive.exists(relativePath)) throw new ArchiveConflictError(s.archiveOccupied(relativePath));
  }

  /**
   * Moves a failed attempt's PDF out of its slip's name (receipt.void-000002.pdf)
   * and records where; '' when it left none. The move comes first: when the
   * record cannot be written (a locked database) the file is found under its
   * new name next time.
   */
  setAsideFor(row: SlipNumberRow): void {
    const { archive, numbers, db } = this.o;
    if (!row.pdf_path || this.slipRowAt(row.pdf_path)) {
      numbers.recordAside(row.id, '');
      return;
    }
    const label = `void-${String(row.seq).padStart(6, '0')}`;
    const aside = archive.setAside(row.pdf_path, label) ?? archive.setAsideEarlier(row.pdf_path, label);
    db.transaction(() => {
      numbers.recordAside(row.id, aside ?? '');
      if (aside) appendAudit(db, this.at(), 'slip-pdf-set-aside', row.case_id, `${row.number}：${row.pdf_path} → ${aside}`);
    })();
    if (aside) this.o.log(`未出具编号 ${row.number} 的 PDF 已移到 ${aside}`);
  }

  /** PDFs in the folder of an attempt without a slip row, and that case's slips without a PDF. */
  private checkFolder(pdfPath: string): void {
    const { archive, numbers, db } = this.o;
    for (const file of archive.slipFilesBeside(pdfPath)) {
      if (this.slipRowAt(file)) continue;
      const owner = numbers.unissuedAt(file);
      if (owner?.status === 'void') this.setAsideFor(owner);
      else if (!owner) this.setAsideOrphan(file);
    }
    const caseId = db.prepare<[string], { case_id: string | null }>('SELECT case_id FROM slip_numbers WHERE pdf_path = ? LIMIT 1').get(pdfPath)?.case_id;
    if (!caseId) return;
    const rows = db.prepare<[string], SlipFileRow>('SELECT id, case_id, number, pdf_path FROM slips WHERE case_id = ?').all(caseId);
    for (const row of rows) this.checkSlipFile(row);
  }

  private checkRecentSlips(): void {
    const rows = this.o.db.prepare<[number], SlipFileRow>('SELECT id, case_id, number, pdf_path FROM slips ORDER BY id DESC LIMIT ?').all(RECENT_SLIPS_CHECKED);
    for (const row of rows) this.checkSlipFile(row);
  }

  /** A slip whose PDF is gone cannot be repaired here: logged, and audited once. */
  private checkSlipFile(row: SlipFileRow): void {
    if (this.o.archive.exists(row.pdf_path)) return;
    const detail = `${row.number}：${row.pdf_path}`;
    const seen = this.o.db.prepare("SELECT 1 FROM audit_log WHERE case_id = ? AND kind = 'slip-pdf-missing' AND detail = ?").get(row.case_id, detail);
    this.o.log(s.pdfMissing(row.number, row.pdf_path));
    if (!seen) appendAudit(this.o.db, this.at(), 'slip-pdf-missing', row.case_id, detail);
  }

  /** A PDF under a slip's name that neither a slip nor a number claims: moved aside, never deleted. */
  private setAsideOrphan(relativePath: string): void {
    const aside = this.o.archive.setAside(relativePath, 'orphan');
    if (!aside) return;
    this.o.log(s.orphanSetAside(relativePath, aside));
    appendAudit(this.o.db, this.at(), 'slip-pdf-orphan', null, `${relativePath} → ${aside}`);
  }

  /**
   * Numbers a sequence handed out before the register existed (migration 8):
   * each is recorded issued when a slip carries it, else void, so the lead
   * sees the gaps an earlier crash left. Cheap once done: the counts agree.
   */
  private recordLegacyNumbers(): void {
    const { db } = this.o;
    const behind = db
      .prepare<[], { nature: string; year: number; value: number; recorded: number }>(
        `SELECT s.name AS nature, s.year, s.value,
           (SELECT count(*) FROM slip_numbers n WHERE n.nature = s.name AND n.year = s.year) AS recorded
         FROM sequences s`,
      )
      .all()
      .filter((r) => r.recorded < r.value);
    if (behind.length === 0) return;
    const at = this.at();
    const kindOf = new Map(Object.values(SLIP_OF_DECISION).map((x) => [x.nature, x.kind] as [string, SlipKind]));
    db.transaction(() => {
      for (const { nature, year, value } of behind) {
        const known = new Set(db.prepare<[string, number], number>('SELECT seq FROM slip_numbers WHERE nature = ? AND year = ?').pluck().all(nature, year));
        const voided: string[] = [];
        for (let seq = 1; seq <= value; seq++) {
          if (known.has(seq)) continue;
          const number = this.o.formatNumber(nature, year, seq);
          const slip = db
            .prepare<[string], { case_id: string; kind: SlipKind; issued_at: string; pdf_path: string }>(
              'SELECT case_id, kind, issued_at, pdf_path FROM slips WHERE number = ? AND copy = 1',
            )
            .get(number);
          db.prepare(
            `INSERT INTO slip_numbers (nature, year, seq, number, case_id, kind, status, reason, taken_at, settled_at, pdf_path, aside_path)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`,
          ).run(
            nature,
            year,
            seq,
            number,
            slip?.case_id ?? null,
            slip?.kind ?? kindOf.get(nature) ?? null,
            slip ? 'issued' : 'void',
            slip ? '' : s.legacyUnused,
            slip?.issued_at ?? at,
            slip?.issued_at ?? at,
            slip?.pdf_path ?? null,
          );
          if (!slip) voided.push(number);
        }
        if (voided.length > 0) {
          appendAudit(db, at, 'slip-number-void', null, `${voided.join('、')}：${s.legacyUnused}`);
          this.o.log(`通知书编号登记：${voided.length} 个升级前取用但未出具的编号已记为作废（${nature}字 ${year} 年）`);
        }
      }
    })();
  }

  private issuedSlipOf(row: SlipNumberRow): boolean {
    return !!this.o.db.prepare('SELECT 1 FROM slips WHERE number = ? AND case_id IS ? AND copy = 1').get(row.number, row.case_id);
  }

  private slipRowAt(relativePath: string): boolean {
    return !!this.o.db.prepare('SELECT 1 FROM slips WHERE pdf_path = ?').get(relativePath);
  }

  private at(): string {
    return this.o.now().toISOString();
  }
}

interface SlipFileRow {
  id: number;
  case_id: string;
  number: string;
  pdf_path: string;
}
