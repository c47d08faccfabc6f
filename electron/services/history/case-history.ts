import type { DayCountsView, HistoryRowView, ParamsOf, SlipSignatureState } from '../../../shared/contract';
import { localIsoDate } from '../../../shared/domain/calendar';
import { SIGNATURE_STATE_OF_SLIP_SQL } from '../signatures/signature-store';
import { captureSummaryOf } from '../captures/capture-rows';
import type { Db } from '../storage/database';

/**
 * The window's case history: searches past cases by what the clerk
 * remembers, with masked numbers only (the full number is never a search
 * key here), and the day's counts by outcome. Day ranges go through the
 * opened_at index (migration 4).
 */
export class CaseHistory {
  constructor(private readonly db: Db) {}

  /** `text` matches the applicant's name, masked ID number, item name or code, case number or slip number; `from`/`to` are local dates, inclusive. */
  search(query: ParamsOf<'searchCases'>): HistoryRowView[] {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: Math.min(Math.max(query.limit ?? 50, 1), 200) };
    if (query.from) {
      where.push('c.opened_at >= :from');
      params.from = localStartUtc(query.from);
    }
    if (query.to) {
      where.push('c.opened_at < :to');
      params.to = localStartUtc(nextDay(query.to));
    }
    if (query.outcome === 'abandoned') where.push("c.status = 'abandoned'");
    else if (query.outcome === 'open') where.push("c.status = 'open'");
    else if (query.outcome) {
      where.push('c.outcome = :outcome');
      params.outcome = query.outcome;
    }
    const text = query.text?.trim();
    if (text) {
      where.push(`(c.applicant_name LIKE :like ESCAPE '\\' OR c.applicant_id_masked LIKE :like ESCAPE '\\' OR c.item_name LIKE :like ESCAPE '\\'
        OR c.item_code LIKE :like ESCAPE '\\' OR c.id LIKE :like ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM slips s WHERE s.case_id = c.id AND s.number LIKE :like ESCAPE '\\'))`);
      params.like = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    }
    const rows = this.db
      .prepare<Record<string, unknown>, CaseRow>(
        `SELECT c.id, c.opened_at, c.closed_at, c.phase, c.status, c.outcome, c.applicant_name, c.applicant_id_masked, c.item_name, c.item_code
         FROM cases c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY c.opened_at DESC, c.id DESC LIMIT :limit`,
      )
      .all(params);
    // Whether each slip was signed: the record bound to it, or a reprint's original's (signatures/signature-store.ts).
    const slipsOf = this.db.prepare<[string], { id: number; kind: string; number: string; copy: number; signature: SlipSignatureState }>(
      `SELECT s.id, s.kind, s.number, s.copy, COALESCE(${SIGNATURE_STATE_OF_SLIP_SQL}, 'none') AS signature FROM slips s WHERE s.case_id = ? ORDER BY s.id`,
    );
    return rows.map((r) => ({
      id: r.id,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
      phase: r.phase,
      status: r.status,
      outcome: r.outcome,
      applicantName: r.applicant_name,
      applicantIdMasked: r.applicant_id_masked,
      itemName: r.item_name,
      itemCode: r.item_code,
      slips: slipsOf.all(r.id),
      // The materials photographed with the document camera, and when (issue 11); said even once the images are purged.
      captures: captureSummaryOf(this.db, r.id),
    }));
  }

  /** Counts of one day's cases, by how they ended. */
  dayCounts(date: string): DayCountsView {
    const row = this.db
      .prepare<{ from: string; to: string }, Omit<DayCountsView, 'date'>>(
        `SELECT count(*) AS total,
           sum(outcome = 'accept' AND status <> 'abandoned') AS accept,
           sum(outcome = 'tolerate' AND status <> 'abandoned') AS tolerate,
           sum(outcome = 'notify' AND status <> 'abandoned') AS notify,
           sum(outcome = 'reject' AND status <> 'abandoned') AS reject,
           sum(status = 'abandoned') AS abandoned,
           sum(status = 'open') AS open
         FROM cases WHERE opened_at >= :from AND opened_at < :to`,
      )
      .get({ from: localStartUtc(date), to: localStartUtc(nextDay(date)) })!;
    const n = (v: number | null) => v ?? 0;
    return {
      date,
      total: n(row.total),
      accept: n(row.accept),
      tolerate: n(row.tolerate),
      notify: n(row.notify),
      reject: n(row.reject),
      abandoned: n(row.abandoned),
      open: n(row.open),
    };
  }
}

interface CaseRow {
  id: string;
  opened_at: string;
  closed_at: string | null;
  phase: string | null;
  status: string;
  outcome: string | null;
  applicant_name: string | null;
  applicant_id_masked: string | null;
  item_name: string | null;
  item_code: string | null;
}

/** opened_at is stored as a UTC instant; a local calendar day starts at local midnight. */
function localStartUtc(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toISOString();
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return localIsoDate(new Date(y!, m! - 1, d! + 1));
}
