import type { Db } from './database';

/** Appends one line to the audit log (migration 1). `detail` never holds personal data: masked values only. */
export function appendAudit(db: Db, at: string, kind: string, caseId: string | null, detail = ''): void {
  db.prepare('INSERT INTO audit_log (at, kind, case_id, detail) VALUES (?, ?, ?, ?)').run(at, kind, caseId, detail);
}
