/** The evaluations table as the service reads it, and its conversion to the shared record shape. */
import type { EvaluationStatus, Rating, RatingChannel, RatingRecord } from '../../../shared/domain/evaluation';
import type { Db } from '../storage/database';

export interface EvaluationRow {
  case_id: string;
  status: EvaluationStatus;
  level: Rating | null;
  reasons_json: string;
  comment: string;
  channel: RatingChannel | '';
  source: string;
  key_code: number | null;
  rater: string;
  day: string;
  item_code: string;
  item_name: string;
  window_number: string;
  clerk_name: string;
  clerk_staff_number: string;
  rating_count: number;
  requested_at: string | null;
  rated_at: string | null;
  unrated_at: string | null;
  unrated_reason: string | null;
  reasons_missing: number;
  updated_at: string;
}

export function reasonsOf(row: Pick<EvaluationRow, 'reasons_json'>): string[] {
  try {
    const parsed: unknown = JSON.parse(row.reasons_json);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

export function toRecord(row: EvaluationRow): RatingRecord {
  return {
    caseId: row.case_id,
    day: row.day,
    itemCode: row.item_code,
    itemName: row.item_name,
    windowNumber: row.window_number,
    clerkName: row.clerk_name,
    clerkStaffNumber: row.clerk_staff_number,
    status: row.status,
    level: row.level,
    reasons: reasonsOf(row),
    comment: row.comment,
    channel: row.channel,
    ratedAt: row.rated_at,
    rater: row.rater,
    count: row.rating_count,
  };
}

export function getEvaluation(db: Db, caseId: string): EvaluationRow | undefined {
  return db.prepare<[string], EvaluationRow>('SELECT * FROM evaluations WHERE case_id = ?').get(caseId);
}

/** Every record whose statistics day lies in [from, to], oldest first. */
export function recordsBetween(db: Db, from: string, to: string): RatingRecord[] {
  return db
    .prepare<[string, string], EvaluationRow>('SELECT * FROM evaluations WHERE day BETWEEN ? AND ? ORDER BY day, case_id')
    .all(from, to)
    .map(toRecord);
}
