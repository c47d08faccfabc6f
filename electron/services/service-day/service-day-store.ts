import {
  DeviceKindSchema,
  DeviceStateSchema,
  DaySummarySchema,
  PauseReasonSchema,
  type CheckException,
  type DaySummary,
  type SelfCheckItem,
} from '../../../shared/contract';
import type { CaseSpan, PauseRecord } from '../../../shared/domain/service-day';
import type { Db } from '../storage/database';
import { appendAudit } from '../audit/audit-log';

/** One sign-in of a clerk, as stored. */
export interface SessionRow {
  id: number;
  day: string;
  staffNumber: string;
  clerkName: string;
  photoFile: string | null;
  windowNumber: string;
  signedInAt: string;
  openedAt: string | null;
  signedOutAt: string | null;
  autoClosed: boolean;
  summary: DaySummary | null;
}

interface RawSession {
  id: number;
  day: string;
  staff_number: string;
  clerk_name: string;
  photo_file: string | null;
  window_number: string;
  signed_in_at: string;
  opened_at: string | null;
  signed_out_at: string | null;
  auto_closed: number;
  summary_json: string | null;
}

interface RawPause {
  id: number;
  started_at: string;
  reason: string;
  reason_text: string;
  expected_return_at: string | null;
  handover_name: string | null;
  handover_window: string | null;
  ended_at: string | null;
}

export interface NewPause {
  reason: PauseRecord['reason'];
  reasonText: string;
  expectedReturnAt: string | null;
  handover: { name: string; window: string } | null;
}

/**
 * The service day in the database (migration 服务日). Each method that
 * changes something is one transaction, committed before it returns, with
 * its audit-log line in the same transaction.
 */
export class ServiceDayStore {
  constructor(private readonly db: Db) {}

  /** The session of the clerk signed in now, if any. */
  openSession(): SessionRow | null {
    const row = this.db.prepare<[], RawSession>('SELECT * FROM service_days WHERE signed_out_at IS NULL ORDER BY id DESC LIMIT 1').get();
    return row ? toSession(row) : null;
  }

  /** The last session signed out on a day (YYYY-MM-DD), for the summary on the sign-in view. */
  lastSignedOut(day: string): SessionRow | null {
    const row = this.db
      .prepare<[string], RawSession>('SELECT * FROM service_days WHERE day = ? AND signed_out_at IS NOT NULL ORDER BY signed_out_at DESC, id DESC LIMIT 1')
      .get(day);
    return row ? toSession(row) : null;
  }

  signIn(session: { day: string; staffNumber: string; clerkName: string; photoFile: string | null; windowNumber: string; at: string }): SessionRow {
    return this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO service_days (day, staff_number, clerk_name, photo_file, window_number, signed_in_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(session.day, session.staffNumber, session.clerkName, session.photoFile, session.windowNumber, session.at);
      this.audit(session.at, 'service-day-sign-in', `工号 ${session.staffNumber} ${session.windowNumber} 号窗口`);
      return this.openSession()!;
    })();
  }

  recordException(sessionId: number, exception: CheckException & { deviceReason: string }): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO service_day_exceptions (service_day_id, at, kind, state, device_reason, reason) VALUES (?, ?, ?, ?, ?, ?)')
        .run(sessionId, exception.at, exception.kind, exception.state, exception.deviceReason, exception.reason);
      this.audit(exception.at, 'service-day-check-exception', `${exception.kind} ${exception.state}`);
    })();
  }

  exceptions(sessionId: number): CheckException[] {
    return this.db
      .prepare<[number], { at: string; kind: string; state: string; reason: string }>(
        'SELECT at, kind, state, reason FROM service_day_exceptions WHERE service_day_id = ? ORDER BY at, id',
      )
      .all(sessionId)
      .flatMap((r) => {
        const kind = DeviceKindSchema.safeParse(r.kind);
        const state = DeviceStateSchema.safeParse(r.state);
        return kind.success && state.success ? [{ at: r.at, kind: kind.data, state: state.data, reason: r.reason }] : [];
      });
  }

  open(sessionId: number, at: string, check: readonly SelfCheckItem[]): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE service_days SET opened_at = ?, check_json = ? WHERE id = ? AND opened_at IS NULL').run(at, JSON.stringify(check), sessionId);
      const exceptions = check.filter((c) => c.verdict === 'exception').map((c) => c.kind);
      this.audit(at, 'service-day-open', exceptions.length ? `异常：${exceptions.join(',')}` : '');
    })();
  }

  startPause(sessionId: number, at: string, pause: NewPause): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO service_pauses (service_day_id, started_at, reason, reason_text, expected_return_at, handover_name, handover_window) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(sessionId, at, pause.reason, pause.reasonText, pause.expectedReturnAt, pause.handover?.name ?? null, pause.handover?.window ?? null);
      this.audit(at, 'service-day-pause', pause.handover ? `${pause.reason} 交 ${pause.handover.window} 号窗口` : pause.reason);
    })();
  }

  /** Ends the running pause; false when none was running. */
  endPause(sessionId: number, at: string): boolean {
    return this.db.transaction(() => {
      const { changes } = this.db.prepare('UPDATE service_pauses SET ended_at = ? WHERE service_day_id = ? AND ended_at IS NULL').run(at, sessionId);
      if (changes > 0) this.audit(at, 'service-day-resume', '');
      return changes > 0;
    })();
  }

  pauses(sessionId: number): PauseRecord[] {
    return this.db
      .prepare<[number], RawPause>('SELECT * FROM service_pauses WHERE service_day_id = ? ORDER BY started_at, id')
      .all(sessionId)
      .map(toPause);
  }

  activePause(sessionId: number): PauseRecord | null {
    const row = this.db
      .prepare<[number], RawPause>('SELECT * FROM service_pauses WHERE service_day_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1')
      .get(sessionId);
    return row ? toPause(row) : null;
  }

  /** Ends the session (and a pause still running) with its summary. */
  signOut(sessionId: number, at: string, summary: DaySummary, autoClosed: boolean): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE service_pauses SET ended_at = ? WHERE service_day_id = ? AND ended_at IS NULL').run(at, sessionId);
      this.db
        .prepare('UPDATE service_days SET signed_out_at = ?, auto_closed = ?, summary_json = ? WHERE id = ?')
        .run(at, autoClosed ? 1 : 0, JSON.stringify(summary), sessionId);
      this.audit(at, autoClosed ? 'service-day-auto-closed' : 'service-day-sign-out', `${summary.cases.total} 件`);
    })();
  }

  /** Cases that ran at some time within [from, until]: how they ended, or their status while open. */
  casesOverlapping(from: string, until: string): CaseSpan[] {
    return this.db
      .prepare<[string, string], { opened_at: string; closed_at: string | null; status: string; outcome: string | null }>(
        `SELECT opened_at, closed_at, status, outcome FROM cases
         WHERE opened_at <= ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY opened_at`,
      )
      .all(until, from)
      .map((r) => ({ openedAt: r.opened_at, closedAt: r.closed_at, outcome: r.outcome ?? r.status }));
  }

  /** The latest moment a case opened since `from` was worked on (opened or closed). */
  lastCaseActivity(from: string): string | null {
    const row = this.db
      .prepare<[string, string], { last: string | null }>('SELECT max(coalesce(closed_at, opened_at)) AS last FROM cases WHERE opened_at >= ? OR closed_at >= ?')
      .get(from, from);
    return row?.last ?? null;
  }

  caseInProgress(): boolean {
    return this.db.prepare("SELECT 1 FROM cases WHERE status = 'open' LIMIT 1").get() !== undefined;
  }

  private audit(at: string, kind: string, detail: string): void {
    appendAudit(this.db, at, kind, null, detail);
  }
}

function toSession(row: RawSession): SessionRow {
  let summary: DaySummary | null = null;
  if (row.summary_json) {
    try {
      const parsed = DaySummarySchema.safeParse(JSON.parse(row.summary_json));
      summary = parsed.success ? parsed.data : null;
    } catch {
      summary = null;
    }
  }
  return {
    id: row.id,
    day: row.day,
    staffNumber: row.staff_number,
    clerkName: row.clerk_name,
    photoFile: row.photo_file,
    windowNumber: row.window_number,
    signedInAt: row.signed_in_at,
    openedAt: row.opened_at,
    signedOutAt: row.signed_out_at,
    autoClosed: row.auto_closed === 1,
    summary,
  };
}

function toPause(row: RawPause): PauseRecord {
  const reason = PauseReasonSchema.safeParse(row.reason);
  return {
    reason: reason.success ? reason.data : 'other',
    reasonText: row.reason_text,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    expectedReturnAt: row.expected_return_at,
    handover: row.handover_name && row.handover_window ? { name: row.handover_name, window: row.handover_window } : null,
  };
}
