/**
 * 差评 follow-up (specs/evaluation.md): every 差评 opens a record the
 * window's lead works through — call the citizen back, verify, rectify by a
 * deadline counted in working days, write the outcome, ask the citizen's
 * view of the fix — and closes. Each change is one transaction.
 */
import type { FollowUpView, UpdateFollowUpParams } from '../../../shared/contract';
import { addWorkingDays, localIsoDate, type CalendarOverrides } from '../../../shared/domain/calendar';
import type { FixView, Rating, Reason } from '../../../shared/domain/evaluation';
import { strings } from '../../../shared/i18n';
import type { Db } from '../storage/database';
import { appendAudit } from '../audit/audit-log';
import { reasonsOf } from './rows';

const s = strings.evaluation.followUp;

/** Opens the follow-up of a 差评 (inside the rating's transaction); the deadline is `workingDays` after the day of the case. */
export function openFollowUp(
  db: Db,
  input: { caseId: string; day: string; responsibleName: string; responsibleStaffNumber: string; workingDays: number; overrides?: CalendarOverrides; at: string },
): void {
  const deadline = addWorkingDays(input.day, input.workingDays, input.overrides).date;
  db.prepare(
    `INSERT OR IGNORE INTO evaluation_follow_ups (case_id, opened_at, responsible_name, responsible_staff_number, deadline, status, updated_at)
     VALUES (?, ?, ?, ?, ?, 'open', ?)`,
  ).run(input.caseId, input.at, input.responsibleName, input.responsibleStaffNumber, deadline, input.at);
}

interface Row {
  id: number;
  case_id: string;
  opened_at: string;
  responsible_name: string;
  responsible_staff_number: string;
  deadline: string;
  status: 'open' | 'closed';
  callback_at: string | null;
  callback_reached: number | null;
  callback_note: string;
  verification: 'confirmed' | 'partlyConfirmed' | 'unfounded' | null;
  verification_note: string;
  rectification: string;
  rectified_at: string | null;
  outcome: string;
  fix_view: FixView | null;
  closed_at: string | null;
  updated_at: string;
  // from evaluations
  day: string;
  item_name: string;
  level: Rating | null;
  reasons_json: string;
  comment: string;
  rater: string;
  window_number: string;
}

const SELECT = `SELECT f.*, e.day, e.item_name, e.level, e.reasons_json, e.comment, e.rater, e.window_number
  FROM evaluation_follow_ups f JOIN evaluations e ON e.case_id = f.case_id`;

export interface FollowUpsOptions {
  db: Db;
  reasons: () => readonly Reason[];
  now?: () => Date;
}

export type FollowUpOutcome = { ok: boolean; message: string; followUp: FollowUpView | null };

export class FollowUps {
  private readonly now: () => Date;

  constructor(private readonly options: FollowUpsOptions) {
    this.now = options.now ?? (() => new Date());
  }

  list(status: 'open' | 'closed' | 'all' = 'open'): FollowUpView[] {
    const rows =
      status === 'all'
        ? this.options.db.prepare<[], Row>(`${SELECT} ORDER BY f.status DESC, f.deadline, f.id`).all()
        : this.options.db.prepare<[string], Row>(`${SELECT} WHERE f.status = ? ORDER BY f.deadline, f.id`).all(status);
    return rows.map((r) => this.view(r));
  }

  get(id: number): FollowUpView | null {
    const row = this.row(id);
    return row ? this.view(row) : null;
  }

  update(params: UpdateFollowUpParams): FollowUpOutcome {
    const db = this.options.db;
    return db.transaction((): FollowUpOutcome => {
      const row = this.row(params.id);
      if (!row) return { ok: false, message: s.notFound, followUp: null };
      if (row.status === 'closed') return { ok: false, message: s.alreadyClosed, followUp: this.view(row) };
      const at = this.now().toISOString();
      const next: Row = { ...row, updated_at: at };
      if (params.callback) {
        next.callback_at = at;
        next.callback_reached = params.callback.reached ? 1 : 0;
        next.callback_note = params.callback.note;
      }
      if (params.verification) {
        next.verification = params.verification.result;
        next.verification_note = params.verification.note;
      }
      if (params.rectification) {
        next.rectification = params.rectification.measures;
        next.rectified_at = params.rectification.done ? (row.rectified_at ?? at) : null;
      }
      if (params.outcome !== undefined) next.outcome = params.outcome;
      if (params.fixView) next.fix_view = params.fixView;
      if (params.close) {
        const refusal = closeRefusal(next);
        if (refusal) return { ok: false, message: refusal, followUp: this.view(row) };
        next.status = 'closed';
        next.closed_at = at;
      }
      db.prepare(
        `UPDATE evaluation_follow_ups SET status = ?, callback_at = ?, callback_reached = ?, callback_note = ?, verification = ?, verification_note = ?,
           rectification = ?, rectified_at = ?, outcome = ?, fix_view = ?, closed_at = ?, updated_at = ? WHERE id = ?`,
      ).run(
        next.status,
        next.callback_at,
        next.callback_reached,
        next.callback_note,
        next.verification,
        next.verification_note,
        next.rectification,
        next.rectified_at,
        next.outcome,
        next.fix_view,
        next.closed_at,
        next.updated_at,
        row.id,
      );
      appendAudit(db, at, params.close ? 'follow-up-closed' : 'follow-up-updated', row.case_id);
      return { ok: true, message: params.close ? s.closed : s.updated, followUp: this.get(row.id) };
    })();
  }

  private row(id: number): Row | undefined {
    return this.options.db.prepare<[number], Row>(`${SELECT} WHERE f.id = ?`).get(id);
  }

  private view(r: Row): FollowUpView {
    const labels = new Map(this.options.reasons().map((x) => [x.code, x.label]));
    return {
      id: r.id,
      caseId: r.case_id,
      day: r.day,
      itemName: r.item_name,
      level: r.level ?? 'dissatisfied',
      reasons: reasonsOf(r).map((code) => ({ code, label: labels.get(code) ?? code })),
      comment: r.comment,
      rater: r.rater,
      responsible: { name: r.responsible_name, staffNumber: r.responsible_staff_number },
      windowNumber: r.window_number,
      openedAt: r.opened_at,
      deadline: r.deadline,
      overdue: r.status === 'open' && localIsoDate(this.now()) > r.deadline,
      status: r.status,
      callback: r.callback_at ? { at: r.callback_at, reached: r.callback_reached === 1, note: r.callback_note } : null,
      verification: r.verification ? { result: r.verification, note: r.verification_note } : null,
      rectification: r.rectification || r.rectified_at ? { measures: r.rectification, rectifiedAt: r.rectified_at } : null,
      outcome: r.outcome,
      fixView: r.fix_view,
      closedAt: r.closed_at,
    };
  }
}

/** Why a follow-up cannot be closed yet, or null. */
function closeRefusal(r: Row): string | null {
  if (!r.callback_at) return s.closeNeedsCallback;
  if (!r.verification) return s.closeNeedsVerification;
  if (r.verification !== 'unfounded' && (!r.rectification.trim() || !r.rectified_at)) return s.closeNeedsRectification;
  if (!r.outcome.trim()) return s.closeNeedsOutcome;
  return null;
}
