import {
  type CitizenScreen,
  type CounterConfig,
  type DaySummary,
  type DeviceKind,
  type DeviceStatus,
  type PauseParams,
  type ServiceDayResult,
  type ServiceDayView,
} from '../../../shared/contract';
import {
  checkPause,
  evaluateSelfCheck,
  localDayKey,
  phaseOf,
  refusal,
  staleSessionEnd,
  summariseDay,
  type SessionRecord,
} from '../../../shared/domain/service-day';
import { strings } from '../../../shared/i18n';
import { BackgroundWork } from '../errors/background-work';
import { chineseMessage } from '../errors/system-error';
import type { Db } from '../storage/database';
import { ClerkPhotos, checkPhoto } from './clerk-photo';
import { ServiceDayStore, type SessionRow } from './service-day-store';

const s = strings.serviceDay.service;

export interface ServiceDayOptions {
  db: Db;
  dataDir: string;
  config: Pick<CounterConfig, 'counter' | 'serviceDay'>;
  /** The devices as the device manager sees them now. */
  devices: () => DeviceStatus[];
  /** Told after every change, with the new view (the composition root publishes serviceDay.changed). */
  onChange?: (view: ServiceDayView) => void;
  log?: (line: string) => void;
  now?: () => Date;
  /** Call-backs recorded in [from, until) and how many are still open, for the summary (回电登记). */
  callbacks?: (from: string, until: string) => { recorded: number; open: number };
  /** How often a session left open from an earlier day is looked for; a minute by default. */
  staleCheckMs?: number;
}

/**
 * A clerk whose PIN was verified (clerk-sign-in.ts: the contract's signIn
 * goes through it), with the name of their account: this service records
 * the session and the photo, it does not check credentials itself.
 */
export interface SignInRequest {
  staffNumber: string;
  name: string;
  photo?: { mediaType: 'image/png' | 'image/jpeg'; base64: string } | undefined;
}

/**
 * The service day of this window: who is signed in, the pre-shift
 * self-check and its exceptions, pauses with the A/B post hand-over, and the
 * summary at sign-out. Refusals are answers ({ ok: false, message }), not
 * exceptions: the clerk reads them.
 */
export class ServiceDayService {
  private readonly store: ServiceDayStore;
  private readonly photos: ClerkPhotos;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | null = null;
  /** The stale-session check outside requests (the timer, a view): its failures are logged, never thrown. */
  private readonly staleCheck: BackgroundWork;

  constructor(private readonly options: ServiceDayOptions) {
    this.store = new ServiceDayStore(options.db);
    this.photos = new ClerkPhotos(options.dataDir);
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
    this.staleCheck = new BackgroundWork(strings.backgroundWork.jobs.serviceDayCheck, this.log);
  }

  /**
   * Closes a session left open from an earlier day, then checks again every
   * minute (a screen left on overnight). A check that meets another
   * program's write lock is logged and done at the next tick: the close is
   * one transaction computed from the stored session, so it is simply
   * looked for again.
   */
  start(): void {
    this.closeStaleSessionQuietly();
    this.timer ??= setInterval(() => {
      void this.staleCheck.run(() => {
        if (this.closeStaleSession()) this.changed();
      });
    }, this.options.staleCheckMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  view(): ServiceDayView {
    // A read: a stale session that cannot be closed now (a lock) is shown as stored and closed by the timer's next tick.
    this.closeStaleSessionQuietly();
    const now = this.now();
    const { serviceDay: cfg } = this.options.config;
    const hours = { openingTime: cfg.openingTime, closingTime: cfg.closingTime, lunchStart: cfg.lunchStart, lunchEnd: cfg.lunchEnd };
    const session = this.store.openSession();
    const exceptions = session ? this.store.exceptions(session.id) : [];
    const check = evaluateSelfCheck(this.options.devices(), cfg.requiredDevices, exceptions);
    const pause = session ? this.store.activePause(session.id) : null;
    const last = session ? null : this.store.lastSignedOut(localDayKey(now));
    return {
      phase: phaseOf(session, pause !== null),
      session: session
        ? {
            clerk: { staffNumber: session.staffNumber, name: session.clerkName, hasPhoto: session.photoFile !== null },
            windowNumber: session.windowNumber,
            signedInAt: session.signedInAt,
            openedAt: session.openedAt,
          }
        : null,
      check: check.items,
      canOpen: check.canOpen,
      pause: pause ? { reason: pause.reason, reasonText: pause.reasonText, startedAt: pause.startedAt, expectedReturnAt: pause.expectedReturnAt, handover: pause.handover } : null,
      hours,
      today: session ? this.summaryOf(session, null, now) : null,
      lastSummary: last?.summary ?? null,
    };
  }

  /** Why nobody can sign in now (someone is), or null: asked before a PIN is checked. */
  signInRefusal(): ServiceDayResult | null {
    const current = this.current();
    const refused = refusal(current.phase, 'signIn', current.session?.clerkName);
    return refused ? this.answer(false, refused) : null;
  }

  /** The clerk signed in now (staff number and name of the verified account), or null. */
  signedInClerk(): { staffNumber: string; name: string } | null {
    // A session left open from an earlier day is not today's clerk (closed here when the database allows).
    this.closeStaleSessionQuietly();
    const session = this.store.openSession();
    return session ? { staffNumber: session.staffNumber, name: session.clerkName } : null;
  }

  signIn(request: SignInRequest): ServiceDayResult {
    const refused = this.signInRefusal();
    if (refused) return refused;

    let photoFile = this.photos.existing(request.staffNumber);
    let warning: string | null = null;
    if (request.photo) {
      const photo = checkPhoto(request.photo);
      if (!photo.ok) return this.answer(false, photo.message);
      try {
        photoFile = this.photos.save(request.staffNumber, photo);
      } catch (error) {
        warning = s.photoSaveFailed(chineseMessage(error));
        this.log(`服务日：照片保存失败（${(error as Error).name}）`);
      }
    }
    const now = this.now();
    this.store.signIn({
      day: localDayKey(now),
      staffNumber: request.staffNumber,
      clerkName: request.name,
      photoFile,
      windowNumber: this.options.config.counter.windowNumber,
      at: now.toISOString(),
    });
    return this.changedAnswer(true, warning ?? s.signedIn(request.name));
  }

  recordException(kind: DeviceKind, reason: string): ServiceDayResult {
    const { phase, session } = this.current();
    const refused = refusal(phase, 'recordException');
    if (refused || !session) return this.answer(false, refused ?? s.notSignedIn);
    const text = reason.trim();
    if (text === '') return this.answer(false, s.exceptionReasonNeeded);
    const label = strings.deviceKinds[kind];
    const device = this.options.devices().find((d) => d.kind === kind);
    if (!device || device.state === 'connected' || device.state === 'simulated') return this.answer(false, s.exceptionNotNeeded(label));
    this.store.recordException(session.id, { kind, state: device.state, deviceReason: device.reason, reason: text, at: this.now().toISOString() });
    return this.changedAnswer(true, s.exceptionRecorded(label));
  }

  openService(): ServiceDayResult {
    const { phase, session } = this.current();
    const refused = refusal(phase, 'open');
    if (refused || !session) return this.answer(false, refused ?? s.notSignedIn);
    const check = evaluateSelfCheck(this.options.devices(), this.options.config.serviceDay.requiredDevices, this.store.exceptions(session.id));
    if (!check.canOpen) {
      return this.answer(false, s.checkBlocked(check.blocking.map((k) => strings.deviceKinds[k]).join('、')));
    }
    this.store.open(session.id, this.now().toISOString(), check.items);
    return this.changedAnswer(true, s.opened);
  }

  pause(params: PauseParams): ServiceDayResult {
    const { phase, session } = this.current();
    const refused = refusal(phase, 'pause');
    if (refused || !session) return this.answer(false, refused ?? s.notSignedIn);
    const checked = checkPause(params, { now: this.now(), ownWindow: session.windowNumber });
    if (!checked.ok) return this.answer(false, checked.message);
    this.store.startPause(session.id, this.now().toISOString(), {
      reason: params.reason,
      reasonText: checked.reasonText,
      expectedReturnAt: checked.expectedReturnAt,
      handover: checked.handover,
    });
    return this.changedAnswer(true, s.paused);
  }

  resume(): ServiceDayResult {
    const { phase, session } = this.current();
    const refused = refusal(phase, 'resume');
    if (refused || !session) return this.answer(false, refused ?? s.notSignedIn);
    this.store.endPause(session.id, this.now().toISOString());
    return this.changedAnswer(true, s.resumed);
  }

  signOut(): ServiceDayResult & { summary: DaySummary | null } {
    const { phase, session } = this.current();
    const refused = refusal(phase, 'signOut');
    if (refused || !session) return { ...this.answer(false, refused ?? s.notSignedIn), summary: null };
    const at = this.now().toISOString();
    const summary = this.summaryOf(session, at, this.now());
    this.store.signOut(session.id, at, summary, false);
    return { ...this.changedAnswer(true, s.signedOut(session.clerkName)), summary };
  }

  /** What the citizen-facing screen shows: window, clerk card, pause; nothing of any citizen. */
  citizenScreen(): CitizenScreen {
    const view = this.view();
    const session = this.store.openSession();
    const status = { signedOut: 'closed', checking: 'preparing', open: 'open', paused: 'paused' } as const;
    return {
      centreName: this.options.config.counter.centreName,
      windowNumber: this.options.config.counter.windowNumber,
      status: status[view.phase],
      clerk: session ? { name: session.clerkName, staffNumber: session.staffNumber, photo: this.photos.dataUrl(session.photoFile) } : null,
      pause: view.pause
        ? { reason: view.pause.reason, reasonText: view.pause.reasonText, expectedReturnAt: view.pause.expectedReturnAt, handover: view.pause.handover }
        : null,
      hours: view.hours,
    };
  }

  /** Tells listeners the view changed (after a device or case change that may move the check or the counts). */
  changed(): void {
    this.options.onChange?.(this.view());
  }

  private current(): { phase: ServiceDayView['phase']; session: SessionRow | null } {
    this.closeStaleSession();
    const session = this.store.openSession();
    const pausedNow = session ? this.store.activePause(session.id) !== null : false;
    return { phase: phaseOf(session, pausedNow), session };
  }

  private summaryOf(session: SessionRow, signedOutAt: string | null, now: Date): DaySummary {
    const until = signedOutAt ?? now.toISOString();
    const summary = summariseDay(this.recordOf(session, signedOutAt), this.store.casesOverlapping(session.signedInAt, until), this.options.config.serviceDay, now);
    return this.withCallbacks(summary, session.signedInAt, until);
  }

  /** Adds the call-backs taken during the session (until inclusive: one taken this very instant counts). */
  private withCallbacks(summary: DaySummary, from: string, until: string): DaySummary {
    const count = this.options.callbacks;
    if (!count) return summary;
    const end = new Date(new Date(until).getTime() + 1).toISOString();
    return { ...summary, callbacks: count(from, end) };
  }

  private recordOf(session: SessionRow, signedOutAt: string | null, autoClosed = false): SessionRecord {
    return {
      clerk: { staffNumber: session.staffNumber, name: session.clerkName },
      windowNumber: session.windowNumber,
      signedInAt: session.signedInAt,
      openedAt: session.openedAt,
      signedOutAt,
      autoClosed,
      pauses: this.store.pauses(session.id),
      exceptions: this.store.exceptions(session.id),
    };
  }

  /**
   * closeStaleSession for reads and the start: a failure is logged and left
   * to the timer. A session closed here is told to the screens as the timer
   * would, once the read that closed it is done.
   */
  private closeStaleSessionQuietly(): void {
    try {
      if (this.closeStaleSession()) queueMicrotask(() => void this.staleCheck.run(() => this.changed()));
      this.staleCheck.succeeded();
    } catch (error) {
      this.staleCheck.failed(error);
    }
  }

  /** A session from an earlier day still open (the clerk forgot to sign out): close it where the day ended. True if one was closed. */
  private closeStaleSession(): boolean {
    const session = this.store.openSession();
    const now = this.now();
    if (!session || session.day === localDayKey(now)) return false;
    const record = this.recordOf(session, null);
    const end = staleSessionEnd(record, this.store.lastCaseActivity(session.signedInAt), this.options.config.serviceDay, now);
    const summary = this.withCallbacks(
      summariseDay({ ...record, signedOutAt: end, autoClosed: true }, this.store.casesOverlapping(session.signedInAt, end), this.options.config.serviceDay, now),
      session.signedInAt,
      end,
    );
    this.store.signOut(session.id, end, summary, true);
    this.log(s.autoClosedLog(session.staffNumber, session.day));
    return true;
  }

  private answer(ok: boolean, message: string): ServiceDayResult {
    return { ok, message, day: this.view() };
  }

  private changedAnswer(ok: boolean, message: string): ServiceDayResult {
    const day = this.view();
    this.options.onChange?.(day);
    return { ok, message, day };
  }
}
