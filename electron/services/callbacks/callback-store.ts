import type { Callback } from '../../../shared/contract';
import type { Db } from '../storage/database';
import { appendAudit } from '../audit/audit-log';

interface Row {
  id: number;
  case_id: string | null;
  name: string;
  phone: string;
  item_name: string;
  note: string;
  at: string;
  done_at: string | null;
}

const COLUMNS = 'id, case_id, name, phone, item_name, note, at, done_at';

function toCallback(row: Row): Callback {
  return { id: row.id, caseId: row.case_id, name: row.name, phone: row.phone, itemName: row.item_name, note: row.note, at: row.at, doneAt: row.done_at };
}

/** The callbacks table (migration 7): one row per call-back, written at once. */
export class CallbackStore {
  constructor(private readonly db: Db) {}

  insert(entry: Omit<Callback, 'id' | 'doneAt'> & { day: string }): Callback {
    const result = this.db
      .prepare('INSERT INTO callbacks (case_id, name, phone, item_name, note, at, day) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.caseId, entry.name, entry.phone, entry.itemName, entry.note, entry.at, entry.day);
    return this.get(Number(result.lastInsertRowid))!;
  }

  get(id: number): Callback | null {
    const row = this.db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM callbacks WHERE id = ?`).get(id);
    return row ? toCallback(row) : null;
  }

  setDone(id: number, doneAt: string | null): void {
    this.db.prepare('UPDATE callbacks SET done_at = ? WHERE id = ?').run(doneAt, id);
  }

  /** Every call-back still open (from any day: an open one never drops off the list), oldest first. */
  open(): Callback[] {
    return this.db.prepare<[], Row>(`SELECT ${COLUMNS} FROM callbacks WHERE done_at IS NULL ORDER BY at, id`).all().map(toCallback);
  }

  /** Call-backs recorded on a local day or ticked done on it, done ones latest first. */
  doneOn(day: string, from: string): Callback[] {
    return this.db
      .prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM callbacks WHERE done_at IS NOT NULL AND (day = ? OR done_at >= ?) ORDER BY done_at DESC, id DESC`)
      .all(day, from)
      .map(toCallback);
  }

  /** Recorded in [from, until), and how many of those are still open. */
  countBetween(from: string, until: string): { recorded: number; open: number } {
    const row = this.db
      .prepare<[string, string], { recorded: number; open: number | null }>(
        'SELECT count(*) AS recorded, sum(done_at IS NULL) AS open FROM callbacks WHERE at >= ? AND at < ?',
      )
      .get(from, until);
    return { recorded: row?.recorded ?? 0, open: row?.open ?? 0 };
  }

  audit(at: string, kind: string, caseId: string | null, detail: string): void {
    appendAudit(this.db, at, kind, caseId, detail);
  }
}
