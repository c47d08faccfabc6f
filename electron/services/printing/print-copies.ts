import type { Db } from '../storage/database';
import { strings } from '../../../shared/i18n';

/** One physical copy handed to a spooler (or, 'uncertain', that may have been). */
export interface PrintCopy {
  jobId: number;
  slipId: number;
  spoolerRef: string;
  copy: number;
  printer: string;
  spoolerJobId: string;
  status: 'sent' | 'uncertain';
  source: 'print' | 'recovered';
  detail: string;
  at: string;
}

interface CopyRow {
  job_id: number;
  slip_id: number;
  spooler_ref: string;
  copy: number;
  printer: string;
  spooler_job_id: string;
  status: 'sent' | 'uncertain';
  source: 'print' | 'recovered';
  detail: string;
  at: string;
}

/**
 * Records copies of one attempt. The attempt's reference and the copy number
 * are unique, so recording the same copy twice (a recovery that runs again)
 * leaves one row. Call inside the transaction that settles the job.
 */
export function recordCopies(db: Db, copies: Omit<PrintCopy, 'copy'>[]): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO print_copies (job_id, slip_id, spooler_ref, copy, printer, spooler_job_id, status, source, detail, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  copies.forEach((c, i) => insert.run(c.jobId, c.slipId, c.spoolerRef, i + 1, c.printer, c.spoolerJobId, c.status, c.source, c.detail, c.at));
}

/** Every copy of a slip, oldest first. */
export function copiesOfSlip(db: Db, slipId: number): PrintCopy[] {
  return db
    .prepare<[number], CopyRow>('SELECT * FROM print_copies WHERE slip_id = ? ORDER BY id')
    .all(slipId)
    .map((r) => ({
      jobId: r.job_id,
      slipId: r.slip_id,
      spoolerRef: r.spooler_ref,
      copy: r.copy,
      printer: r.printer,
      spoolerJobId: r.spooler_job_id,
      status: r.status,
      source: r.source,
      detail: r.detail,
      at: r.at,
    }));
}

/**
 * A slip's print status as the clerk sees it: its latest job's state, and
 * once printed the copies sent with the spooler's ids, plus any copy a crash
 * left unconfirmed. Jobs done without copy rows (a print through the
 * browser's dialog, or before copies were recorded) count as one copy each.
 */
export function slipPrintStatus(db: Db, slipId: number): { status: string; message: string } | null {
  const job = db
    .prepare<[number], { status: string; last_error: string }>('SELECT status, last_error FROM print_jobs WHERE slip_id = ? ORDER BY id DESC LIMIT 1')
    .get(slipId);
  if (!job) return null;
  const copies = copiesOfSlip(db, slipId);
  const uncertain = copies.filter((c) => c.status === 'uncertain').length;
  const uncertainNote = uncertain > 0 ? strings.printRecovery.uncertainCopies(uncertain) : '';
  if (job.status !== 'done') return { status: job.status, message: (job.last_error || strings.slipService.printQueued) + uncertainNote };
  const sent = copies.filter((c) => c.status === 'sent');
  const uncopied = db
    .prepare<[number], { n: number }>(
      "SELECT COUNT(*) AS n FROM print_jobs j WHERE j.slip_id = ? AND j.status = 'done' AND NOT EXISTS (SELECT 1 FROM print_copies c WHERE c.job_id = j.id AND c.status = 'sent')",
    )
    .get(slipId)!.n;
  const ids = [...new Set(sent.map((c) => c.spoolerJobId).filter(Boolean))].join('、');
  return { status: 'done', message: strings.printRecovery.printed(sent.length + uncopied, ids) + uncertainNote };
}
