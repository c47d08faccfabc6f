/**
 * 好差评 at the counter: one rating per case (一次一评), from a keypad or
 * the citizen-facing screen, stored before anyone is told.
 *
 *   slip out → request (status requested; the keypad and the citizen page
 *   ask) → rating committed in one transaction with: the case's `evaluate`
 *   step when the case is waiting for it, a follow-up record for a 差评, and
 *   the upload in the outbox → then the keypad says thanks and the clerk
 *   sees 评价已收到 (never the level unless the centre turns
 *   confidentiality off).
 *
 * A 差评 needs at least one reason. The citizen page sends them with the
 * level; a keypad cannot, so its 差评 is stored as 差评 pending reasons and
 * the citizen page asks for them; after `reasonsGraceMinutes` it is
 * uploaded without. Duplicates (key bounce, repeated frames, a second
 * device) are ignored by case id. A request not answered within
 * `unratedAfterMinutes`, or skipped by the clerk, is 未评; a 未评 may get
 * the configured default level after N natural days.
 */
import type {
  ClerkEvaluationView,
  EvaluationConfig,
  EvaluationStats,
  ExportRatingsParams,
  ExportResult,
  FollowUpView,
  RatingRequestView,
  SubmitRatingParams,
} from '../../../shared/contract';
import { addDays, localIsoDate, type CalendarOverrides } from '../../../shared/domain/calendar';
import { BAD_RATINGS, checkReasons, isBadRating, type EvaluationStatus, type Rating, type RatingChannel, type StatsDimension } from '../../../shared/domain/evaluation';
import { strings } from '../../../shared/i18n';
import type { DeviceEvent, EvaluatorClerkCard, EvaluatorDisplay } from '../../devices/driver';
import type { CaseService } from '../cases/case-service';
import { BackgroundWork } from '../errors/background-work';
import type { Db } from '../storage/database';
import { appendAudit } from '../audit/audit-log';
import { exportRatings } from './exports';
import { FollowUps, openFollowUp } from './follow-ups';
import { enqueueUpload } from './outbox';
import { getEvaluation, toRecord, type EvaluationRow } from './rows';
import { queryStats } from './stats-query';

const e = strings.evaluation;

/** Why a case was not rated (the case workflow's skip reasons, and the service's own timeout). */
export type UnratedReason = 'declined' | 'applicantLeft' | 'deviceFault' | 'other' | 'timeout';

export interface EvaluationServiceOptions {
  db: Db;
  config: EvaluationConfig;
  cases: CaseService;
  /** The clerk now at the window (service-day sign-in, or the configured counter). */
  clerk: () => EvaluatorClerkCard;
  /** The evaluator to drive now, if there is one. */
  display: () => EvaluatorDisplay | null;
  /** Told when an upload was queued. */
  onQueued?: () => void;
  onClerkView?: (view: ClerkEvaluationView | null) => void;
  onRequestView?: (view: RatingRequestView) => void;
  onCaseChanged?: () => void;
  calendarOverrides?: CalendarOverrides;
  now?: () => Date;
  /** How long the keypad and the citizen page say thanks before the welcome screen. */
  thanksMs?: number;
  /** A rating arriving this soon after the clerk ended the case still counts (the citizen pressed as the clerk clicked). */
  lateGraceMs?: number;
  /** How often the time-driven rules run (sweep); a minute by default. */
  sweepIntervalMs?: number;
  log?: (line: string) => void;
}

export interface RateInput {
  caseId: string;
  level: Rating;
  reasons?: string[];
  comment?: string;
  channel: Exclude<RatingChannel, 'default'>;
  source: string;
  keyCode?: number;
}

export interface RateOutcome {
  ok: boolean;
  message: string;
  status: EvaluationStatus | null;
  /** A second rating for a case already rated (ignored). */
  duplicate?: boolean;
}

export class EvaluationService {
  readonly followUps: FollowUps;
  private readonly now: () => Date;
  private readonly thanksMs: number;
  private readonly lateGraceMs: number;
  private thanks: { caseId: string; timer: NodeJS.Timeout } | null = null;
  private paused: { reason: string; returnAt: string | null } | null = null;
  /** The case the citizen page was last asked to rate (or to give a keypad 差评's reasons for): the only one it may rate. */
  private askedCaseId: string | null = null;
  /** The clerk's view last published (JSON): the same view is not sent twice. */
  private lastClerkView = '';
  private sweepTimer: NodeJS.Timeout | null = null;
  // Timers and post-commit notices run outside any request: their failures are logged here, never thrown into the event loop.
  private readonly sweepWork: BackgroundWork;
  private readonly thanksWork: BackgroundWork;
  private readonly noticeWork: BackgroundWork;

  constructor(private readonly options: EvaluationServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.thanksMs = options.thanksMs ?? 5000;
    this.lateGraceMs = options.lateGraceMs ?? 60_000;
    this.followUps = new FollowUps({ db: options.db, reasons: () => options.config.reasons, now: this.now });
    const jobs = strings.backgroundWork.jobs;
    this.sweepWork = new BackgroundWork(jobs.evaluationSweep, options.log);
    this.thanksWork = new BackgroundWork(jobs.evaluationThanks, options.log);
    this.noticeWork = new BackgroundWork(jobs.afterRating, options.log);
  }

  private get config(): EvaluationConfig {
    return this.options.config;
  }

  /**
   * Sweeps once now and every minute, and shows the current screen on the
   * evaluator. A sweep that meets another program's write lock (or fails
   * otherwise) is logged and simply runs again at the next tick: it is one
   * transaction computed from the stored rows, rolled back whole on failure,
   * so nothing is lost or done twice.
   */
  start(): void {
    void this.sweepWork.run(() => this.sweep());
    this.sweepTimer ??= setInterval(() => void this.sweepWork.run(() => this.sweep()), this.options.sweepIntervalMs ?? 60_000);
    this.sweepTimer.unref();
    this.pushDisplay();
  }

  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    if (this.thanks) clearTimeout(this.thanks.timer);
    this.thanks = null;
  }

  // ------------------------------------------------------------ requests

  /** 请评价: asks for a rating of the open case once its slip is out. */
  requestCurrent(): { ok: boolean; message: string } {
    const open = this.options.cases.current();
    if (!open) return { ok: false, message: e.service.noOpenCase };
    const state = open.state;
    if (state.phase !== 'slipPrinted') return { ok: false, message: e.service.notReady };
    const db = this.options.db;
    const at = this.now().toISOString();
    const existing = getEvaluation(db, open.id);
    if (existing && existing.status !== 'requested' && !(existing.status === 'unrated' && existing.unrated_reason === 'timeout')) {
      return { ok: false, message: e.service.alreadyRated };
    }
    if (!existing || existing.status === 'unrated') {
      const clerk = this.options.clerk();
      db.transaction(() => {
        db.prepare(
          `INSERT INTO evaluations (case_id, status, day, item_code, item_name, window_number, clerk_name, clerk_staff_number, rater, requested_at, updated_at)
           VALUES (?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (case_id) DO UPDATE SET status = 'requested', requested_at = excluded.requested_at, unrated_at = NULL, unrated_reason = NULL, updated_at = excluded.updated_at`,
        ).run(
          open.id,
          localIsoDate(this.now()),
          state.item.implementationCode,
          state.item.name,
          clerk.window,
          clerk.name,
          clerk.staffNumber,
          state.applicant.name,
          at,
          at,
        );
        this.audit('evaluation-requested', open.id, at);
      })();
    }
    this.clearThanks();
    if (!this.paused) this.options.display()?.requestRating(open.id, state.item.name);
    this.publish();
    return { ok: true, message: existing?.status === 'requested' ? e.service.alreadyRequested : e.service.requested };
  }

  // ------------------------------------------------------------ ratings

  /** A key pressed on a keypad (DeviceEvent 'rating'). */
  keyPressed(event: Extract<DeviceEvent, { type: 'rating' }>): RateOutcome {
    return this.rate({ caseId: event.caseId, level: event.level, channel: 'keypad', source: event.source, keyCode: event.keyCode });
  }

  /**
   * The citizen-facing page: a rating, or the reasons of a keypad's 差评, of
   * the case it was asked about and no other (a page cannot rate the window's
   * earlier cases). The last case asked stays the one, so a rating pressed as
   * the clerk ended the case still meets the grace period of rate().
   */
  submit(params: SubmitRatingParams): RateOutcome {
    this.requestView(); // brings askedCaseId up to what the page is shown now
    if (this.askedCaseId === null || params.caseId !== this.askedCaseId) {
      return { ok: false, message: strings.roles.notAskedToRate, status: null };
    }
    return this.rate({ ...params, channel: 'screen', source: 'screen' });
  }

  rate(input: RateInput): RateOutcome {
    const db = this.options.db;
    const at = this.now();
    const iso = at.toISOString();
    let queued = false;
    const outcome = db.transaction((): RateOutcome => {
      const row = getEvaluation(db, input.caseId);
      if (!row) return { ok: false, message: e.service.noRequest, status: null };
      if (row.status === 'pendingReasons') {
        if (input.channel === 'keypad') return { ok: false, message: e.service.alreadyRated, status: row.status, duplicate: true };
        return this.completeReasons(row, input, iso, (q) => (queued = q));
      }
      const late = row.status === 'unrated' && row.unrated_reason !== 'timeout' && row.unrated_at && at.getTime() - Date.parse(row.unrated_at) <= this.lateGraceMs;
      if (row.status === 'rated' || row.status === 'defaulted') return { ok: false, message: e.service.alreadyRated, status: row.status, duplicate: true };
      if (row.status === 'unrated' && !late) return { ok: false, message: e.service.ended, status: row.status };

      const bad = isBadRating(input.level);
      let reasons: string[] = [];
      if (input.channel === 'screen' || (input.reasons && input.reasons.length > 0)) {
        const check = checkReasons(input.level, input.reasons, this.config.reasons);
        if (!check.ok) return { ok: false, message: check.message, status: row.status };
        reasons = check.codes;
      }
      const status: EvaluationStatus = bad && reasons.length === 0 ? 'pendingReasons' : 'rated';
      const comment = input.comment?.trim() ?? '';
      db.prepare(
        `UPDATE evaluations SET status = ?, level = ?, reasons_json = ?, comment = ?, channel = ?, source = ?, key_code = ?, rated_at = ?,
           unrated_at = NULL, unrated_reason = NULL, updated_at = ? WHERE case_id = ?`,
      ).run(status, input.level, JSON.stringify(reasons), comment, input.channel, input.source, input.keyCode ?? null, iso, iso, row.case_id);
      if (bad) {
        openFollowUp(db, {
          caseId: row.case_id,
          day: row.day,
          responsibleName: row.clerk_name,
          responsibleStaffNumber: row.clerk_staff_number,
          workingDays: this.config.rectificationWorkingDays,
          overrides: this.options.calendarOverrides,
          at: iso,
        });
      }
      if (status === 'rated') queued = this.enqueue(row.case_id, iso);
      // The case moves on when it is the one waiting for this rating; the rating stands either way.
      this.options.cases.rate(row.case_id, input.level, comment || undefined);
      this.audit('evaluation-rated', row.case_id, iso, input.channel);
      return { ok: true, message: e.service.recorded, status };
    })();

    if (outcome.ok) {
      // Committed: only now is anyone told. The rating stands whatever telling does: a failure here is logged, not thrown
      // (a keypad's press would otherwise count as unsaved and be sent again).
      void this.noticeWork.run(() => {
        this.showThanks(input.caseId);
        this.publish();
        this.options.onCaseChanged?.();
        if (queued) this.options.onQueued?.();
      });
    }
    return outcome;
  }

  private completeReasons(row: EvaluationRow, input: RateInput, iso: string, setQueued: (q: boolean) => void): RateOutcome {
    if (!isBadRating(input.level)) return { ok: false, message: e.service.pendingNeedsBad, status: row.status };
    const check = checkReasons(row.level ?? input.level, input.reasons, this.config.reasons);
    if (!check.ok) return { ok: false, message: check.message, status: row.status };
    const comment = input.comment?.trim() ?? '';
    this.options.db
      .prepare("UPDATE evaluations SET status = 'rated', reasons_json = ?, comment = ?, updated_at = ? WHERE case_id = ?")
      .run(JSON.stringify(check.codes), comment, iso, row.case_id);
    setQueued(this.enqueue(row.case_id, iso));
    this.audit('evaluation-reasons', row.case_id, iso, input.channel);
    return { ok: true, message: e.service.reasonsRecorded, status: 'rated' };
  }

  /**
   * The open case leaves the counter unrated: 未评, unless it was rated.
   * Call it before the clerk's 结束本次办件 (phase slipPrinted) or after a
   * skipEvaluation step (phase evaluated, skipped).
   */
  skipCurrent(reason: Exclude<UnratedReason, 'timeout'>): void {
    const open = this.options.cases.current();
    if (!open) return;
    const state = open.state;
    if (state.phase !== 'slipPrinted' && !(state.phase === 'evaluated' && state.evaluation.kind === 'skipped')) return;
    const db = this.options.db;
    const iso = this.now().toISOString();
    const row = getEvaluation(db, open.id);
    if (row && row.status !== 'requested') return;
    const clerk = this.options.clerk();
    db.transaction(() => {
      db.prepare(
        `INSERT INTO evaluations (case_id, status, day, item_code, item_name, window_number, clerk_name, clerk_staff_number, rater, unrated_at, unrated_reason, updated_at)
         VALUES (?, 'unrated', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET status = 'unrated', unrated_at = excluded.unrated_at, unrated_reason = excluded.unrated_reason, updated_at = excluded.updated_at`,
      ).run(open.id, localIsoDate(this.now()), state.item.implementationCode, state.item.name, clerk.window, clerk.name, clerk.staffNumber, state.applicant.name, iso, reason, iso);
      this.audit('evaluation-unrated', open.id, iso);
    })();
    this.clearThanks();
    this.showIdle();
    this.publish();
  }

  /**
   * Time-driven rules: requests left unanswered become 未评; keypad 差评
   * still without reasons after the grace period are uploaded without; 未评
   * cases old enough get the configured default level.
   */
  sweep(): { unrated: number; finalized: number; defaulted: number } {
    const db = this.options.db;
    const now = this.now();
    const iso = now.toISOString();
    const c = this.config;
    const counts = db.transaction(() => {
      const expired = db
        .prepare<[string], { case_id: string }>("SELECT case_id FROM evaluations WHERE status = 'requested' AND requested_at < ?")
        .all(new Date(now.getTime() - c.unratedAfterMinutes * 60_000).toISOString());
      for (const { case_id } of expired) {
        db.prepare("UPDATE evaluations SET status = 'unrated', unrated_at = ?, unrated_reason = 'timeout', updated_at = ? WHERE case_id = ?").run(iso, iso, case_id);
      }
      const waiting = db
        .prepare<[string], { case_id: string }>("SELECT case_id FROM evaluations WHERE status = 'pendingReasons' AND rated_at < ?")
        .all(new Date(now.getTime() - c.reasonsGraceMinutes * 60_000).toISOString());
      for (const { case_id } of waiting) {
        db.prepare("UPDATE evaluations SET status = 'rated', reasons_missing = 1, updated_at = ? WHERE case_id = ?").run(iso, case_id);
        this.enqueue(case_id, iso);
      }
      let defaulted: Array<{ case_id: string }> = [];
      if (c.defaultLevel) {
        defaulted = db
          .prepare<[string], { case_id: string }>("SELECT case_id FROM evaluations WHERE status = 'unrated' AND day <= ?")
          .all(addDays(localIsoDate(now), -c.defaultAfterNaturalDays));
        for (const { case_id } of defaulted) {
          db.prepare("UPDATE evaluations SET status = 'defaulted', level = ?, channel = 'default', rated_at = ?, updated_at = ? WHERE case_id = ?").run(c.defaultLevel, iso, iso, case_id);
          this.enqueue(case_id, iso);
        }
      }
      return { unrated: expired.length, finalized: waiting.length, defaulted: defaulted.length, expired: expired.map((x) => x.case_id) };
    })();
    if (counts.unrated + counts.finalized + counts.defaulted > 0) {
      this.options.log?.(e.service.swept(counts.unrated, counts.defaulted));
      if (counts.finalized + counts.defaulted > 0) this.options.onQueued?.();
      const open = this.options.cases.current();
      // The keypad stops asking about a request that ran out.
      if (open && counts.expired.includes(open.id)) this.showIdle();
      this.publish();
    }
    return { unrated: counts.unrated, finalized: counts.finalized, defaulted: counts.defaulted };
  }

  // ------------------------------------------------------------ what the screens show

  /** The rating of the open case as the clerk may see it, or null. */
  clerkView(): ClerkEvaluationView | null {
    const open = this.options.cases.current();
    if (!open) return null;
    const row = getEvaluation(this.options.db, open.id);
    if (!row) return null;
    const c = e.clerk;
    const level = this.config.confidential ? null : row.level;
    // Only a 差评 waits for reasons: while ratings are confidential the clerk sees it as any other rating received.
    if (this.config.confidential && row.status === 'pendingReasons') return { caseId: row.case_id, status: 'rated', message: c.received, level: null };
    const message =
      row.status === 'requested'
        ? c.requested
        : row.status === 'unrated'
          ? c.unrated
          : row.status === 'pendingReasons'
            ? c.pendingReasons
            : level
              ? c.receivedWithLevel(e.levels[level])
              : c.received;
    return { caseId: row.case_id, status: row.status, message, level };
  }

  /** What the citizen-facing rating page shows now; a case it asks about becomes the one the page may rate. */
  requestView(): RatingRequestView {
    const view = this.currentRequestView();
    if ((view.screen === 'rating' || view.screen === 'reasons') && view.caseId) this.askedCaseId = view.caseId;
    return view;
  }

  private currentRequestView(): RatingRequestView {
    const base = {
      clerk: this.options.clerk(),
      reasons: this.config.reasons,
      reasonsRequiredFor: [...BAD_RATINGS],
      paused: this.paused,
    };
    if (this.paused) return { ...base, screen: 'paused', caseId: null, itemName: null, message: '' };
    const open = this.options.cases.current();
    const row = open ? getEvaluation(this.options.db, open.id) : undefined;
    if (row?.status === 'pendingReasons') return { ...base, screen: 'reasons', caseId: row.case_id, itemName: row.item_name, message: '' };
    if (this.thanks) return { ...base, screen: 'thanks', caseId: this.thanks.caseId, itemName: null, message: e.citizen.thanks };
    if (row?.status === 'requested') return { ...base, screen: 'rating', caseId: row.case_id, itemName: row.item_name, message: '' };
    return { ...base, screen: 'welcome', caseId: null, itemName: null, message: e.citizen.welcome };
  }

  /** The clerk signed in or out (service day): the card on the evaluator and the citizen page. */
  clerkChanged(): void {
    this.options.display()?.showClerk(this.options.clerk());
    this.publish();
  }

  /** 暂停服务 on the evaluator and the citizen page, or back to what was shown (null). */
  setPaused(pause: { reason: string; returnAt: string | null } | null): void {
    this.paused = pause;
    if (pause) this.options.display()?.showPaused(pause.reason, pause.returnAt);
    else this.pushScreen();
    this.publish();
  }

  /** Shows the clerk card and the current screen on the evaluator (after its driver (re)started). */
  pushDisplay(): void {
    this.options.display()?.showClerk(this.options.clerk());
    this.pushScreen();
  }

  // ------------------------------------------------------------ lead's tools

  stats(dimension: StatsDimension, from: string, to: string): EvaluationStats {
    if (from > to) throw new Error(e.stats.badRange);
    return queryStats(this.options.db, dimension, from, to);
  }

  listFollowUps(status: 'open' | 'closed' | 'all'): FollowUpView[] {
    return this.followUps.list(status);
  }

  async export(params: ExportRatingsParams, dir: string): Promise<ExportResult> {
    return exportRatings({
      db: this.options.db,
      dir,
      format: params.format,
      from: params.from,
      to: params.to,
      direction: params.codeDirection,
      config: this.config,
      followUps: (from, to) => this.followUps.list('all').filter((f) => f.day >= from && f.day <= to),
      now: this.now(),
    });
  }

  // ------------------------------------------------------------ helpers

  private enqueue(caseId: string, iso: string): boolean {
    const row = getEvaluation(this.options.db, caseId)!;
    const c = this.config;
    return enqueueUpload(this.options.db, toRecord(row), { direction: c.upload.codeDirection, regionCode: c.regionCode, channelCodes: c.channelCodes }, iso);
  }

  private showThanks(caseId: string): void {
    this.clearThanks();
    if (this.paused) return;
    this.options.display()?.showThanks(caseId);
    const timer = setTimeout(() => {
      if (this.thanks?.timer !== timer) return;
      this.thanks = null;
      void this.thanksWork.run(() => {
        this.pushScreen();
        this.publish();
      });
    }, this.thanksMs);
    timer.unref();
    this.thanks = { caseId, timer };
  }

  private clearThanks(): void {
    if (this.thanks) clearTimeout(this.thanks.timer);
    this.thanks = null;
  }

  /** Whatever the evaluator should show now, short of the clerk card. */
  private pushScreen(): void {
    const display = this.options.display();
    if (!display) return;
    if (this.paused) return display.showPaused(this.paused.reason, this.paused.returnAt);
    const view = this.requestView();
    if (view.screen === 'rating' && view.caseId) display.requestRating(view.caseId, view.itemName ?? '');
    else if (view.screen === 'thanks' && view.caseId) display.showThanks(view.caseId);
    else display.showWelcome(e.citizen.welcome);
  }

  private showIdle(): void {
    if (!this.paused) this.options.display()?.showWelcome(e.citizen.welcome);
  }

  private publish(): void {
    const clerkView = this.clerkView();
    // Told only of a change: the reasons of a keypad 差评 arriving later would otherwise be a second, telling, event.
    const key = JSON.stringify(clerkView);
    if (key !== this.lastClerkView) {
      this.lastClerkView = key;
      this.options.onClerkView?.(clerkView);
    }
    this.options.onRequestView?.(this.requestView());
  }

  private audit(kind: string, caseId: string, at: string, channel = ''): void {
    // The level is confidential: the audit line names the event and the channel (keypad, screen) only; the actor who.
    appendAudit(this.options.db, at, kind, caseId, channel);
  }
}
