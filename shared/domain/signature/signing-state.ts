import type { InkEvent, InkPoint, SignatureSource, SigningPhase } from '../../contract/signature';
import { sampleToInk } from './ink-scale';
import type { PadDescription, PenSample } from './pen';

/**
 * One signing session of the 签名 step (issue 10), in memory:
 *
 *   idle ──start──▶ signing ──signed──▶ signed
 *     ▲  ◀─cancel──   │ ▲  reset (a new session)
 *     │               └─┘
 *     └── waived ◀── idle | signing          (waived ──start──▶ signing)
 *
 * Each start and each reset takes a new session id: ink still on its way
 * from an older session (a late screen batch, a pen report of the box just
 * cleared) names the old id and is dropped. Ink is kept here until 确认;
 * the service writes it durably and only then calls `signed`. Pure: no
 * I/O, the session ids and the clock come from outside.
 */

export type Refusal = 'alreadySigned' | 'notSigning' | 'empty' | 'tooShort';
export type Outcome = { ok: true } | { ok: false; refusal: Refusal };

/** Fewer tip-down points than this is a tap, not a signature. */
export const MIN_INK_POINTS = 8;
/** Nor is a stroke shorter in total than this many box heights (a dot, a dash). */
export const MIN_INK_LENGTH = 0.3;

const OK: Outcome = { ok: true };
const refuse = (refusal: Refusal): Outcome => ({ ok: false, refusal });

export interface SignedFacts {
  signedAt: string;
  verificationCode: string;
}

export class SigningState {
  private sessionId: string;
  private currentPhase: SigningPhase = 'idle';
  private currentSource: SignatureSource | null = null;
  /** The pad signed on (null on the screen, or before a start). */
  private currentPad: PadDescription | null = null;
  private box = 1;
  /** Host ms (performance clock) when the box was shown: ink times count from here. */
  private started = 0;
  private capturedAtIso: string | null = null;
  private ink: InkPoint[][] = [];
  /** The pad's raw reports while signing (hover included): the record keeps them as they came. */
  private raw: PenSample[] = [];
  /** The pad's pen was down at its last report: a tip-down after a tip-up starts a stroke. */
  private penDown = false;
  private signedFacts: SignedFacts | null = null;
  private reason: string | null = null;

  constructor(private readonly newId: () => string) {
    this.sessionId = newId();
  }

  get session(): string {
    return this.sessionId;
  }
  get phase(): SigningPhase {
    return this.currentPhase;
  }
  get source(): SignatureSource | null {
    return this.currentSource;
  }
  get pad(): PadDescription | null {
    return this.currentPad;
  }
  get aspect(): number {
    return this.box;
  }
  get startedAt(): number {
    return this.started;
  }
  get capturedAt(): string | null {
    return this.capturedAtIso;
  }
  get strokes(): readonly (readonly InkPoint[])[] {
    return this.ink;
  }
  get samples(): readonly PenSample[] {
    return this.raw;
  }
  get signed(): SignedFacts | null {
    return this.signedFacts;
  }
  get waivedReason(): string | null {
    return this.reason;
  }

  /** 请申请人签名: the box is shown, empty. Again while signing: a fresh box (a new session). */
  start(how: { source: SignatureSource; pad: PadDescription | null; aspect: number; now: number; nowIso: string }): Outcome {
    if (this.currentPhase === 'signed') return refuse('alreadySigned');
    this.currentPhase = 'signing';
    this.currentSource = how.source;
    this.currentPad = how.source === 'pad' ? how.pad : null;
    this.box = how.aspect > 0 && Number.isFinite(how.aspect) ? how.aspect : 1;
    this.reason = null;
    this.freshBox(how.now, how.nowIso);
    return OK;
  }

  /** 重签: the ink is cleared, the box stays; ink of the cleared box is dropped from now on. */
  reset(now: number, nowIso: string): Outcome {
    if (this.currentPhase !== 'signing') return refuse(this.currentPhase === 'signed' ? 'alreadySigned' : 'notSigning');
    this.freshBox(now, nowIso);
    return OK;
  }

  /** The box closes, nothing is kept. */
  cancel(): Outcome {
    if (this.currentPhase !== 'signing') return refuse(this.currentPhase === 'signed' ? 'alreadySigned' : 'notSigning');
    this.toIdle();
    return OK;
  }

  /**
   * A pad's report while signing on the pad: its samples kept, those with
   * the tip down scaled into the box. Returns the live ink to publish (one
   * event per stroke the report touched, usually one); none when the
   * report is not for this session or drew nothing.
   */
  penReport(samples: readonly PenSample[]): InkEvent[] {
    if (this.currentPhase !== 'signing' || this.currentSource !== 'pad' || !this.currentPad) return [];
    const events: InkEvent[] = [];
    for (const sample of samples) {
      this.raw.push(sample);
      if (!sample.tip) {
        this.penDown = false;
        continue;
      }
      if (!this.penDown || this.ink.length === 0) {
        this.ink.push([]);
        this.penDown = true;
      }
      const point = sampleToInk(sample, this.currentPad, this.started);
      const stroke = this.ink.length - 1;
      this.ink[stroke]!.push(point);
      const last = events.at(-1);
      if (last && last.stroke === stroke) last.points.push(point);
      else events.push({ session: this.sessionId, stroke, points: [point] });
    }
    return events;
  }

  /**
   * A batch from the on-screen pad. Accepted only for this session, while
   * signing on the screen, for a stroke that exists or the next one (a
   * batch of an older box, or one that skips strokes, is dropped).
   */
  screenInk(event: InkEvent): boolean {
    if (this.currentPhase !== 'signing' || this.currentSource !== 'screen' || event.session !== this.sessionId) return false;
    if (event.stroke > this.ink.length) return false;
    if (event.stroke === this.ink.length) this.ink.push([]);
    this.ink[event.stroke]!.push(...event.points);
    return true;
  }

  /** Whether the ink is a signature that may be kept (确认): null when it is, else why not. */
  confirmable(): Refusal | null {
    if (this.currentPhase !== 'signing') return this.currentPhase === 'signed' ? 'alreadySigned' : 'notSigning';
    return inkRefusal(this.ink, this.box);
  }

  /** The signature was written durably: 已签名. */
  markSigned(facts: SignedFacts): Outcome {
    const refusal = this.confirmable();
    if (refusal) return refuse(refusal);
    this.currentPhase = 'signed';
    this.signedFacts = facts;
    this.penDown = false;
    return OK;
  }

  /** The reason there is no signature was written durably. */
  markWaived(reason: string): Outcome {
    if (this.currentPhase === 'signed') return refuse('alreadySigned');
    this.toIdle();
    this.currentPhase = 'waived';
    this.reason = reason;
    return OK;
  }

  /** After a restart, or when the case returns to a slip already signed or waived: the stored outcome, no ink in memory. */
  restore(stored: { kind: 'signed'; signedAt: string; verificationCode: string } | { kind: 'waived'; reason: string }): void {
    this.toIdle();
    if (stored.kind === 'signed') {
      this.currentPhase = 'signed';
      this.signedFacts = { signedAt: stored.signedAt, verificationCode: stored.verificationCode };
    } else {
      this.currentPhase = 'waived';
      this.reason = stored.reason;
    }
  }

  /** Back to nothing asked (a new session), e.g. when the signed content changed. */
  clear(): void {
    this.toIdle();
  }

  private freshBox(now: number, nowIso: string): void {
    this.sessionId = this.newId();
    this.ink = [];
    this.raw = [];
    this.penDown = false;
    this.started = now;
    this.capturedAtIso = nowIso;
    this.signedFacts = null;
  }

  private toIdle(): void {
    this.sessionId = this.newId();
    this.currentPhase = 'idle';
    this.currentSource = null;
    this.currentPad = null;
    this.box = 1;
    this.ink = [];
    this.raw = [];
    this.penDown = false;
    this.capturedAtIso = null;
    this.signedFacts = null;
    this.reason = null;
  }
}

/** Why this ink is not a signature (empty, too short), or null. Lengths in box heights, x stretched by the box's aspect. */
export function inkRefusal(strokes: readonly (readonly InkPoint[])[], aspect: number): 'empty' | 'tooShort' | null {
  let points = 0;
  let length = 0;
  for (const stroke of strokes) {
    points += stroke.length;
    for (let i = 1; i < stroke.length; i += 1) {
      length += Math.hypot((stroke[i]!.x - stroke[i - 1]!.x) * aspect, stroke[i]!.y - stroke[i - 1]!.y);
    }
  }
  if (points === 0) return 'empty';
  return points < MIN_INK_POINTS || length < MIN_INK_LENGTH ? 'tooShort' : null;
}
