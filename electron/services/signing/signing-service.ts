import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DeviceState, InkEvent, SignatureSource, SigningPhase, SigningResult, SigningView } from '../../../shared/contract';
import type { CaseStateOf } from '../../../shared/domain/case';
import type { OpenCase } from '../../../shared/domain/case/view';
import { padAspect, SCREEN_PAD_ASPECT, screenInkToSamples, screenPadDescription } from '../../../shared/domain/signature/ink-scale';
import type { PadDescription, PadPrompt, PenSample } from '../../../shared/domain/signature/pen';
import { SigningState, type Outcome, type Refusal } from '../../../shared/domain/signature/signing-state';
import type { SlipKind } from '../../../shared/domain/slips/slip-data';
import { strings } from '../../../shared/i18n';
import { isSignaturePad, isSignatureSimulation, type DeviceDriver, type SignaturePad } from '../../devices/driver';
import { explainError } from '../errors/system-error';
import { retryWhenBusy } from '../storage/busy-retry';
import type { SavedSignature, SignatureStore, StoredSignature } from '../signatures';

const t = strings.signing;

/** The slip a decided case leads to and the hash of what the applicant signs (signatures/signable-slip.ts). */
export interface SlipToSign {
  kind: SlipKind;
  title: string;
  sha256: string;
}

/** The evidence store (electron/services/signatures): durable before save and waive return. */
export type SignatureEvidence = Pick<SignatureStore, 'save' | 'waive' | 'latestFor'>;

export interface SigningServiceOptions {
  /** Where the on-screen pad is shown (devices.signature.screenPad): the citizen screen, or the clerk's with no second screen. */
  screenPad?: 'citizen' | 'clerk';
  cases: { current(): OpenCase | null };
  /** The slip of the decided case as it would be printed now, and its signed-content hash. */
  slipOf: (state: CaseStateOf<'decided'>) => SlipToSign;
  /** Whether this kind of slip must be signed (or a reason recorded) before it is printed. */
  required: (kind: SlipKind) => boolean;
  evidence: SignatureEvidence;
  /** The signature pad driver and its status (DeviceManager). */
  padDriver: () => DeviceDriver | undefined;
  padState: () => DeviceState | undefined;
  /** The clerk the record names (the one signed in). */
  clerkStaffNumber: () => string;
  publishView: (view: SigningView | null) => void;
  /** Live ink: called at once for each pen report (the clerk's screen draws it as it comes). */
  publishInk: (ink: InkEvent) => void;
  log: (line: string) => void;
  now?: () => Date;
  /** Host ms, the clock pen samples carry (performance.now). */
  clock?: () => number;
}

/** The open case's 签名 step is for this case and this slip content. */
interface Bound {
  caseId: string;
  slip: SlipToSign;
  itemName: string;
}

/** A pad that can be used now: its driver runs and is connected or simulated. */
type UsablePad = DeviceDriver & SignaturePad & { readonly pad: PadDescription };

/**
 * The 签名 step (issue 10): one signing session for the open decided case.
 * The ink lives in memory until 确认 (a crash loses only unconfirmed ink);
 * 确认 writes the record durably through the evidence store and only then
 * says 已签名. After a restart, or when the case comes back to a slip, the
 * outcome is read from the store, and counts only while the slip's content
 * still hashes to what was signed. Pen reports are turned into ink and
 * published at once, without touching the database.
 */
export class SigningService {
  private readonly state = new SigningState(() => randomUUID());
  private bound: Bound | null = null;
  /** A message for the clerk that outlives one answer (the signed content changed). */
  private notice = '';
  private lastShown = 'null';
  /** 确认 is writing the record (waiting out another program's lock): the ink is frozen, other steps wait. */
  private saving = false;
  private readonly now: () => Date;
  private readonly clock: () => number;

  constructor(private readonly options: SigningServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.clock = options.clock ?? (() => performance.now());
  }

  /** The 签名 step of the open case; null when no decided case is open. */
  view(): SigningView | null {
    const bound = this.bind();
    return bound ? this.viewOf(bound) : null;
  }

  /** 请申请人签名. Without a source: the pad when one is usable, else the on-screen pad. */
  async start(source?: SignatureSource): Promise<SigningResult> {
    const bound = this.bind();
    if (!bound) return this.result(false, t.refused.noCase, null);
    if (this.saving) return this.result(false, t.refused.saving, bound);
    const pad = this.usablePad();
    if (source === 'pad' && !pad) return this.result(false, t.refused.padMissing, bound);
    const chosen: SignatureSource = source ?? (pad ? 'pad' : 'screen');
    const previous = this.state.source === 'pad' && this.state.phase === 'signing' ? this.pad() : null;
    const outcome = this.state.start({
      source: chosen,
      pad: chosen === 'pad' ? pad!.pad : null,
      aspect: chosen === 'pad' ? padAspect(pad!.pad) : SCREEN_PAD_ASPECT,
      now: this.clock(),
      nowIso: this.now().toISOString(),
    });
    if (!outcome.ok) return this.refused(outcome, bound);
    this.notice = '';
    this.changed();
    if (chosen === 'pad') await this.onPad(pad!, (p) => p.beginSigning(this.prompt(bound)));
    else if (previous) await this.onPad(previous, (p) => p.endSigning());
    return this.result(true, chosen === 'pad' ? t.started.pad(this.padName(pad!)) : t.started.screen, bound);
  }

  /** 重签: the ink is cleared (on the pad too); the box stays. */
  async reset(): Promise<SigningResult> {
    const bound = this.bind();
    if (!bound) return this.result(false, t.refused.noCase, null);
    if (this.saving) return this.result(false, t.refused.saving, bound);
    const outcome = this.state.reset(this.clock(), this.now().toISOString());
    if (!outcome.ok) return this.refused(outcome, bound);
    this.changed();
    const pad = this.state.source === 'pad' ? this.pad() : null;
    if (pad) await this.onPad(pad, (p) => p.clearInk());
    return this.result(true, t.reset, bound);
  }

  /** 确认: kept durably through the evidence store, then 已签名. */
  async confirm(): Promise<SigningResult> {
    const bound = this.bind();
    if (!bound) return this.result(false, t.refused.noCase, null);
    if (this.saving) return this.result(false, t.refused.saving, bound);
    const refusal = this.state.confirmable();
    if (refusal) return this.refused({ ok: false, refusal }, bound);
    const pad = this.state.source === 'pad' ? this.state.pad! : screenPadDescription(t.screenPadModel, this.state.aspect);
    const samples = this.state.source === 'pad' ? [...this.state.samples] : screenInkToSamples(this.state.strokes, pad, this.state.startedAt);
    // Durable (fsynced) when save returns; one transaction, so run again while another program holds the write lock.
    // Meanwhile the step is frozen: both screens pressing 确认 give one record, and no ink is added to what is kept.
    let saved: SavedSignature;
    this.saving = true;
    try {
      saved = await retryWhenBusy(() => this.options.evidence.save({
        caseId: bound.caseId,
        slipKind: bound.slip.kind,
        slipSha256: bound.slip.sha256,
        pad,
        samples,
        capturedAt: this.state.capturedAt ?? this.now().toISOString(),
        confirmedAt: this.now().toISOString(),
        clerkStaffNumber: this.options.clerkStaffNumber(),
      }));
    } catch (error) {
      const explained = explainError(error);
      this.options.log(`签名保存失败：${explained.original}`);
      return this.result(false, t.notice.saveFailed(explained.message), bound);
    } finally {
      this.saving = false;
    }
    const wasPad = this.state.source === 'pad';
    if (!this.state.markSigned({ signedAt: saved.signedAt, verificationCode: saved.verificationCode }).ok) {
      // The case moved on while the record was written (a lock waited out): what the store now says for it is the step.
      this.bound = null;
      this.bind();
    }
    this.changed();
    const padNow = wasPad ? this.pad() : null;
    if (padNow) await this.onPad(padNow, (p) => p.endSigning());
    return this.result(true, t.signed, bound);
  }

  /** No signature, and why (printed on the slip instead). */
  async waive(reason: string): Promise<SigningResult> {
    const bound = this.bind();
    if (!bound) return this.result(false, t.refused.noCase, null);
    if (this.saving) return this.result(false, t.refused.saving, bound);
    if (this.state.phase === 'signed') return this.result(false, t.refused.waiveWhileSigned, bound);
    const wasPad = this.state.phase === 'signing' && this.state.source === 'pad';
    this.saving = true;
    try {
      await retryWhenBusy(() =>
        this.options.evidence.waive({
          caseId: bound.caseId,
          slipKind: bound.slip.kind,
          slipSha256: bound.slip.sha256,
          reason,
          at: this.now().toISOString(),
          clerkStaffNumber: this.options.clerkStaffNumber(),
        }),
      );
    } catch (error) {
      const explained = explainError(error);
      this.options.log(`未签名原因保存失败：${explained.original}`);
      return this.result(false, t.notice.saveFailed(explained.message), bound);
    } finally {
      this.saving = false;
    }
    this.state.markWaived(reason);
    this.notice = '';
    this.changed();
    const pad = wasPad ? this.pad() : null;
    if (pad) await this.onPad(pad, (p) => p.endSigning());
    return this.result(true, t.waived(reason), bound);
  }

  /** The box closes; nothing is kept. */
  async cancel(): Promise<SigningResult> {
    const bound = this.bind();
    if (!bound) return this.result(false, t.refused.noCase, null);
    if (this.saving) return this.result(false, t.refused.saving, bound);
    const wasPad = this.state.source === 'pad';
    const outcome = this.state.cancel();
    if (!outcome.ok) return this.refused(outcome, bound);
    this.changed();
    const pad = wasPad ? this.pad() : null;
    if (pad) await this.onPad(pad, (p) => p.endSigning());
    return this.result(true, t.cancelled, bound);
  }

  /** 模拟签名: the simulated pad replays a recorded signature through the real decoder (asking for it first if needed). */
  async simulate(): Promise<SigningResult> {
    const bound = this.bind();
    if (!bound) return this.result(false, t.refused.noCase, null);
    const driver = this.options.padDriver();
    if (!isSignatureSimulation(driver)) return this.result(false, t.refused.padNotSimulated, bound);
    if (this.state.phase !== 'signing' || this.state.source !== 'pad') {
      const started = await this.start('pad');
      if (!started.ok) return started;
    }
    if (!(await driver.simulateSignature())) return this.result(false, t.refused.simulatePadOffline, bound);
    return this.result(true, t.simulated, bound);
  }

  /** A batch from the on-screen pad: only for the session being signed now. */
  submitScreenInk(ink: InkEvent): { accepted: boolean } {
    if (this.saving || !this.state.screenInk(ink)) return { accepted: false };
    // The other screen draws it too (the clerk watches the applicant sign).
    this.options.publishInk(ink);
    return { accepted: true };
  }

  /** Pen reports from the pad (DeviceEvent 'pen'): kept and drawn while signing on the pad, dropped otherwise. */
  penReport(samples: readonly PenSample[]): void {
    if (this.saving) return;
    for (const ink of this.state.penReport(samples)) this.options.publishInk(ink);
  }

  /** The case or a device changed: the step follows (a changed slip asks for a new signature). */
  refresh(): void {
    this.bind();
    this.changed();
  }

  /** Publishes the view when it differs from what the screens last got. */
  private changed(): void {
    const view = this.bound ? this.viewOf(this.bound) : null;
    const shown = JSON.stringify(view);
    if (shown === this.lastShown) return;
    this.lastShown = shown;
    this.options.publishView(view);
  }

  /**
   * The open decided case and its slip, kept in step with the session: a
   * new case or another slip starts from what the store holds for it; a
   * change of the signed content (the clerk edited the case after it was
   * signed) drops the signature in memory and asks for a new one.
   */
  private bind(): Bound | null {
    const open = this.options.cases.current();
    if (!open || open.state.phase !== 'decided') {
      if (this.bound) this.unbind();
      return null;
    }
    const state = open.state;
    const slip = this.options.slipOf(state);
    const before = this.bound;
    const next: Bound = { caseId: open.id, slip, itemName: state.item?.name ?? '' };
    this.bound = next;
    if (before && before.caseId === next.caseId && before.slip.kind === slip.kind && before.slip.sha256 === slip.sha256) return next;
    const sameSlip = before !== null && before.caseId === next.caseId && before.slip.kind === slip.kind;
    const hadWork = sameSlip && this.state.phase !== 'idle';
    this.fromStore(next);
    const after: SigningPhase = this.state.phase;
    if (hadWork && after === 'idle') this.notice = t.notice.caseChanged;
    return next;
  }

  private unbind(): void {
    const pad = this.state.phase === 'signing' && this.state.source === 'pad' ? this.pad() : null;
    this.bound = null;
    this.notice = '';
    this.state.clear();
    if (pad) void this.onPad(pad, (p) => p.endSigning());
  }

  /** The session from the store's last outcome for this slip, if it still signs this content. */
  private fromStore(bound: Bound): void {
    const pad = this.state.phase === 'signing' && this.state.source === 'pad' ? this.pad() : null;
    this.notice = '';
    this.state.clear();
    if (pad) void this.onPad(pad, (p) => p.endSigning());
    let stored: StoredSignature | null = null;
    try {
      stored = this.options.evidence.latestFor(bound.caseId, bound.slip.kind);
    } catch (error) {
      this.options.log(`读取签名记录失败：${explainError(error).original}`);
    }
    if (!stored) return;
    if (stored.slipSha256 !== bound.slip.sha256) {
      this.notice = t.notice.caseChanged;
      return;
    }
    this.state.restore(
      stored.kind === 'signed'
        ? { kind: 'signed', signedAt: stored.signedAt, verificationCode: stored.verificationCode }
        : { kind: 'waived', reason: stored.waivedReason ?? '' },
    );
  }

  private viewOf(bound: Bound): SigningView {
    const s = this.state;
    const signed = s.signed;
    const pad = s.source === 'pad' ? this.options.padDriver() : undefined;
    return {
      session: s.session,
      phase: s.phase,
      required: this.options.required(bound.slip.kind),
      source: s.source,
      padName: s.source === 'pad' && s.pad ? this.padName(pad, s.pad) : null,
      prompt: { ...this.prompt(bound), slipKind: bound.slip.kind },
      // Kept ink is drawn in the box it was written in (a screen signature stays 2.5:1 after 确认, whatever pad is plugged in).
      aspect: s.phase === 'signing' || s.strokes.length > 0 ? s.aspect : this.idleAspect(),
      screenPad: this.options.screenPad ?? 'citizen',
      strokes: s.strokes.map((stroke) => [...stroke]),
      signedAt: signed?.signedAt ?? null,
      verificationCode: signed?.verificationCode ?? null,
      waivedReason: s.phase === 'waived' ? s.waivedReason : null,
      message: this.message(),
    };
  }

  private message(): string {
    if (this.notice) return this.notice;
    if (this.state.phase === 'signing' && this.state.source === 'pad' && !this.usablePad()) return t.notice.padDisconnected;
    return '';
  }

  /** The box a start would show: the pad's when one is usable, else the screen's. */
  private idleAspect(): number {
    const pad = this.usablePad();
    return pad ? padAspect(pad.pad) : SCREEN_PAD_ASPECT;
  }

  private prompt(bound: Bound): PadPrompt & { slipKind: SlipKind } {
    return { slipKind: bound.slip.kind, slipTitle: bound.slip.title, itemName: bound.itemName, caseNumber: bound.caseId, instruction: t.instruction };
  }

  /** The pad driver, whatever its state (to end a signing on it). */
  private pad(): (DeviceDriver & SignaturePad) | null {
    const driver = this.options.padDriver();
    return isSignaturePad(driver) ? driver : null;
  }

  /** The pad, when it can take a signature now: running, 已连接 or 模拟, and its ranges known. */
  private usablePad(): UsablePad | null {
    const driver = this.pad();
    const state = this.options.padState();
    if (!driver || (state !== 'connected' && state !== 'simulated') || !driver.pad) return null;
    return driver as UsablePad;
  }

  private padName(driver: DeviceDriver | undefined, pad: PadDescription | null = (driver as Partial<SignaturePad> | undefined)?.pad ?? null): string {
    if (pad && !pad.simulated && pad.model) return pad.model;
    return driver?.name ?? pad?.model ?? strings.deviceKinds.signature;
  }

  /** A pad call: never allowed to fail the step (the pad's status tells the clerk); logged. */
  private async onPad(pad: DeviceDriver & SignaturePad, call: (pad: SignaturePad) => Promise<void>): Promise<void> {
    try {
      await call(pad);
    } catch (error) {
      this.options.log(`签名板操作失败：${explainError(error).original}`);
    }
  }

  private refused(outcome: Outcome, bound: Bound): SigningResult {
    const refusal: Refusal = outcome.ok ? 'notSigning' : outcome.refusal;
    return this.result(false, t.refused[refusal], bound);
  }

  private result(ok: boolean, message: string, bound: Bound | null): SigningResult {
    return { ok, message, signing: bound ? this.viewOf(bound) : null };
  }
}
