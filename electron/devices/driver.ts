import type { DeviceKind, DeviceState, IdCard } from '../../shared/contract';

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
  | { type: 'card-removed'; source: string };

/** Handed to a driver when it starts: the only way it talks back. */
export interface DriverContext {
  setStatus(state: DeviceState, reason?: string): void;
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

/** A driver that can present a card on request (the simulated ID reader). */
export interface CardPresenter {
  presentSampleCard(): void;
}

export function isCardPresenter(driver: DeviceDriver | undefined): driver is DeviceDriver & CardPresenter {
  return typeof (driver as Partial<CardPresenter> | undefined)?.presentSampleCard === 'function';
}
