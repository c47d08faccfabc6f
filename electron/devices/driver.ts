import type { DeviceKind, DeviceState, IdCard } from '../../shared/contract';
import type { Rating } from '../../shared/domain/evaluation';
import type { PadDescription, PadPrompt, PenSample } from '../../shared/domain/signature/pen';

/** What a driver reports besides its status. One variant per device capability. */
export type DeviceEvent =
  | {
      type: 'card';
      card: IdCard;
      source: string;
      /** Raw WLT photo bytes from the card, kept with the case (personal data: never logged). */
      photoWlt?: Uint8Array;
      /** The photo as a BMP file, only when a vendor decoder library is configured and decoded it. */
      photoBmp?: Uint8Array;
    }
  /** The card that was read has left the reader (the next placement will be read again). */
  | { type: 'card-removed'; source: string }
  /**
   * A citizen pressed a rating key on an evaluator keypad. `caseId` is the
   * case the keypad was asked to rate (repeats of one frame are already
   * dropped by the driver; several presses for one case are not — one rating
   * per case is the evaluation service's rule). The service stores it before
   * it tells the device "thanks".
   */
  | {
      type: 'rating';
      source: string;
      caseId: string;
      level: Rating;
      /** The physical key, for the log and IT (serial: 1…n from the left; HID: the usage id). */
      keyCode: number;
      /** The keypad's press counter when it has one (serial profile). */
      pressCounter?: number;
    }
  /**
   * Pen reports of a signature pad, decoded, in device units, in the order
   * they arrived (one event per input report; a report may hold more than
   * one sample). Reported whenever the pad is open; the signing service
   * keeps only what arrives while the applicant is asked to sign.
   */
  | { type: 'pen'; source: string; samples: PenSample[] };

/** Handed to a driver when it starts: the only way it talks back. */
export interface DriverContext {
  /** detail: what the device runs at, for the tooltip and IT (DeviceStatus.detail); a status without it drops the previous one. */
  setStatus(state: DeviceState, reason?: string, detail?: string): void;
  /** A message the clerk should see now (Chinese). */
  notice(level: 'info' | 'warning' | 'error', message: string): void;
  report(event: DeviceEvent): void;
}

/**
 * A device driver: a protocol over a transport, or a simulator of one.
 * `start` may resolve before the device is reached; progress is reported
 * through the context. Neither method may throw for a missing device: that
 * is a status (已断开 / 故障), not an exception.
 */
export interface DeviceDriver {
  readonly kind: DeviceKind;
  /** Shown to the clerk and IT, e.g. 模拟身份证阅读器. */
  readonly name: string;
  start(context: DriverContext): Promise<void>;
  stop(): Promise<void>;
}

/** What became of 模拟刷证: refused (with the reason, in Chinese) while the reader is not connected. */
export type SampleCardPresentation = { placed: true } | { placed: false; reason: string };

/** A driver that can present a card on request (the simulated ID reader). */
export interface CardPresenter {
  presentSampleCard(): SampleCardPresentation;
}

export function isCardPresenter(driver: DeviceDriver | undefined): driver is DeviceDriver & CardPresenter {
  return typeof (driver as Partial<CardPresenter> | undefined)?.presentSampleCard === 'function';
}

/** What the evaluation service shows on an evaluator (docs/evaluator-serial-protocol.md, §5.1). */
export interface EvaluatorClerkCard {
  window: string;
  name: string;
  staffNumber: string;
}

/**
 * An evaluator the evaluation service can drive. Calls never throw and never
 * wait for the device: the driver remembers the latest clerk card and screen
 * and shows them again whenever the device (re)connects. A keypad without a
 * screen (HID) only keeps the case it is asked to rate.
 */
export interface EvaluatorDisplay {
  showClerk(card: EvaluatorClerkCard): void;
  showWelcome(text: string): void;
  requestRating(caseId: string, itemName: string): void;
  showThanks(caseId: string): void;
  /** returnAt: HH:MM, or null when not given. */
  showPaused(reason: string, returnAt: string | null): void;
}

export function isEvaluatorDisplay(driver: DeviceDriver | undefined): driver is DeviceDriver & EvaluatorDisplay {
  const d = driver as Partial<EvaluatorDisplay> | undefined;
  return typeof d?.requestRating === 'function' && typeof d.showThanks === 'function';
}

/** A simulated evaluator: 模拟评价 presses a key for a level on the simulated keypad. */
export interface EvaluatorSimulation {
  /** False when no rating is being asked for (the keypad would send nothing useful). */
  simulatePress(level: Rating): boolean;
}

export function isEvaluatorSimulation(driver: DeviceDriver | undefined): driver is DeviceDriver & EvaluatorSimulation {
  return typeof (driver as Partial<EvaluatorSimulation> | undefined)?.simulatePress === 'function';
}

/**
 * A signature pad the signing service can drive (electron/devices/signature).
 * Calls never throw for a missing pad: they resolve, and the status says 已断开.
 */
export interface SignaturePad {
  /** What the pad is (model, ranges), once it has been reached; null before. */
  readonly pad: PadDescription | null;
  /** Clears the pad's ink and, on a pad with a screen, shows the prompt and the signing box. */
  beginSigning(prompt: PadPrompt): Promise<void>;
  /** 重签: clears the ink on the pad's screen and shows the same prompt again. */
  clearInk(): Promise<void>;
  /** The signing is over (kept or cancelled): the pad's screen goes back to idle. */
  endSigning(): Promise<void>;
}

export function isSignaturePad(driver: DeviceDriver | undefined): driver is DeviceDriver & SignaturePad {
  const d = driver as Partial<SignaturePad> | undefined;
  return typeof d?.beginSigning === 'function' && typeof d.endSigning === 'function';
}

/** A simulated pad: 模拟签名 replays a recorded signature as input reports through the real decoder. */
export interface SignatureSimulation {
  /** Starts the replay; false (with nothing sent) while the pad is not connected. Resolves when the last report is sent. */
  simulateSignature(): Promise<boolean>;
}

export function isSignatureSimulation(driver: DeviceDriver | undefined): driver is DeviceDriver & SignatureSimulation {
  return typeof (driver as Partial<SignatureSimulation> | undefined)?.simulateSignature === 'function';
}
