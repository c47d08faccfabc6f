/**
 * SW3, the status byte of every response (specs/idcard-sam.md, "SW3 status
 * codes"), with what the clerk is told. The messages live in shared/i18n.
 */
import { strings } from '../../../../shared/i18n';

export const SW3 = {
  success: 0x90,
  noContent: 0x91,
  findSuccess: 0x9f,
  hostChecksumError: 0x10,
  hostLengthError: 0x11,
  commandError: 0x21,
  unauthorised: 0x23,
  unrecognisedError: 0x24,
  cardAuthFailed: 0x31,
  samAuthFailed: 0x32,
  verificationError: 0x33,
  fingerprintError: 0x37,
  lengthError: 0x3f,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorised: 0x66,
  noCard: 0x80,
  selectFailed: 0x81,
} as const;

const KNOWN: ReadonlySet<number> = new Set(Object.values(SW3));

/** Whether the spec knows this status: a SAM gives no other. */
export function isKnownStatus(sw3: number): boolean {
  return KNOWN.has(sw3);
}

/** Codes after which the SAM itself is unusable: the driver stops polling and re-checks it. */
const SAM_FAULTS: ReadonlySet<number> = new Set([SW3.samSelfTestFailed, SW3.samNotAuthorised]);

export function isSamFault(sw3: number): boolean {
  return SAM_FAULTS.has(sw3);
}

/** The Chinese message for a status code; unknown codes say so with their hex. */
export function statusMessage(sw3: number): string {
  return strings.idcard.sw3[sw3] ?? strings.idcard.unknownStatus(sw3.toString(16).toUpperCase().padStart(2, '0'));
}

/** A response whose SW3 is not the one the step needed. */
export class SamStatusError extends Error {
  constructor(readonly sw3: number) {
    super(statusMessage(sw3));
    this.name = 'SamStatusError';
  }
}
