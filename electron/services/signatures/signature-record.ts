import type { PadDescription, PenSample } from '../../../shared/domain/signature/pen';
import type { SlipKind } from '../../../shared/domain/slips/slip-data';
import { canonicalJson, sha256Hex } from './signable-slip';

/**
 * The evidence of one signature (or of the reason there is none), in the
 * form its hash is taken over. Pure. Every stored field is in it — the
 * slip content's hash, the pad, the raw samples, the times, the rendered
 * image's hash — so that a change to any of them (电子签名法 art. 13) gives
 * another record hash and another verification code than the one printed.
 */
export interface SignatureRecord {
  id: string;
  caseId: string;
  slipKind: SlipKind;
  /** signedContentSha256 of the slip content signed (signable-slip.ts). */
  slipSha256: string;
  kind: 'signed' | 'waived';
  /** Waived: why there is no signature (e.g. 申请人拒签), printed in the signature line. */
  waivedReason: string | null;
  /** The pad that captured it (null for a waiver). */
  pad: PadDescription | null;
  /** The raw pen reports in device units ([] for a waiver). */
  samples: PenSample[];
  /** When the signing box was shown (null for a waiver). */
  capturedAt: string | null;
  /** When the applicant confirmed (确认), or the reason was recorded. */
  signedAt: string;
  /** SHA-256 (hex) of the rendered PNG (null for a waiver). */
  pngSha256: string | null;
  /** The clerk signed in when it was kept. */
  clerkStaffNumber: string;
}

/** Raised with the record's format: a new format (a new field) takes a new version, so old records still verify. */
const RECORD_FORMAT = 'counter-signature-record/1';

/** The text the record hash is taken over: canonical JSON, keys sorted, format tagged. */
export function canonicalRecord(record: SignatureRecord): string {
  return canonicalJson({ format: RECORD_FORMAT, ...record });
}

export function recordSha256(record: SignatureRecord): string {
  return sha256Hex(canonicalRecord(record));
}

/** Crockford's base32: no I, L, O, U, so a code read aloud or copied by hand is not misread. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The short code printed beside the signature: the first 40 bits of the
 * record hash as 8 Crockford base32 characters in two groups (7K3Q-9XW2).
 * Enough to tell at a glance that a printed slip and the stored record
 * belong together; the full hash is what verification compares.
 */
export function verificationCode(recordSha: string): string {
  if (!/^[0-9a-f]{64}$/.test(recordSha)) throw new Error('verificationCode: not a SHA-256 hex digest');
  let bits = BigInt(`0x${recordSha.slice(0, 10)}`);
  let code = '';
  for (let i = 0; i < 8; i += 1) {
    code = CROCKFORD[Number(bits & 31n)]! + code;
    bits >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Samples with the pen on the surface: what is drawn and counted as the signature's points. */
export function inkedSamples(samples: readonly PenSample[]): PenSample[] {
  return samples.filter((s) => s.tip);
}
