import { z } from 'zod';
import { IdCardSchema, type IdCard } from '../../../shared/contract';
import { maskIdNumber } from '../../../shared/domain/id-number';
import type { Db } from '../storage/database';

export interface CaseRecord {
  id: string;
  openedAt: string;
  applicant: (IdCard & { readAt: string; source: string }) | null;
}

interface CaseRow {
  id: string;
  opened_at: string;
  applicant_json: string | null;
}

const StoredApplicantSchema = IdCardSchema.extend({ readAt: z.string(), source: z.string() });

/**
 * The case being handled at this window. Every change is one transaction,
 * committed before the caller tells anyone, so a crash mid-case loses nothing:
 * on restart the open case is read back.
 */
export class CaseStore {
  constructor(
    private readonly db: Db,
    private readonly windowNumber: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  current(): CaseRecord | null {
    const row = this.db
      .prepare<[], CaseRow>("SELECT id, opened_at, applicant_json FROM cases WHERE status = 'open' ORDER BY opened_at DESC LIMIT 1")
      .get();
    return row ? toRecord(row) : null;
  }

  /** Puts a freshly read card on the open case, opening one when none is open. */
  attachApplicant(card: IdCard, source: string): CaseRecord {
    const at = this.now().toISOString();
    const applicant = { ...IdCardSchema.parse(card), readAt: at, source };
    return this.db.transaction(() => {
      const open = this.current();
      const id = open?.id ?? this.nextId();
      if (open) {
        this.db.prepare('UPDATE cases SET applicant_json = ? WHERE id = ?').run(JSON.stringify(applicant), id);
      } else {
        this.db
          .prepare("INSERT INTO cases (id, opened_at, status, applicant_json) VALUES (?, ?, 'open', ?)")
          .run(id, at, JSON.stringify(applicant));
      }
      // The audit trail names the card by its masked number only.
      this.audit('applicant-card-read', id, `${card.cardType} ${maskIdNumber(card.idNumber)}`);
      return this.current()!;
    })();
  }

  /** Ends the open case without an outcome. Returns false when none was open. */
  abandonCurrent(): boolean {
    return this.db.transaction(() => {
      const open = this.current();
      if (!open) return false;
      this.db.prepare("UPDATE cases SET status = 'abandoned', closed_at = ? WHERE id = ?").run(this.now().toISOString(), open.id);
      this.audit('case-abandoned', open.id, '');
      return true;
    })();
  }

  private audit(kind: string, caseId: string | null, detail: string): void {
    this.db
      .prepare('INSERT INTO audit_log (at, kind, case_id, detail) VALUES (?, ?, ?, ?)')
      .run(this.now().toISOString(), kind, caseId, detail);
  }

  /** Window number, local date and a daily sequence: 01-20261123-0007. */
  private nextId(): string {
    const d = this.now();
    const day = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
    const prefix = `${this.windowNumber}-${day}-`;
    const last = this.db
      .prepare<[string], { id: string }>('SELECT id FROM cases WHERE id LIKE ? ORDER BY id DESC LIMIT 1')
      .get(`${prefix}%`);
    const sequence = last ? Number(last.id.slice(prefix.length)) + 1 : 1;
    return `${prefix}${String(sequence).padStart(4, '0')}`;
  }
}

function toRecord(row: CaseRow): CaseRecord {
  let applicant: CaseRecord['applicant'] = null;
  if (row.applicant_json) {
    // A row damaged outside the app shows as a case without an applicant rather than crashing the screen.
    const parsed = StoredApplicantSchema.safeParse(parseJson(row.applicant_json));
    applicant = parsed.success ? parsed.data : null;
  }
  return { id: row.id, openedAt: row.opened_at, applicant };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
