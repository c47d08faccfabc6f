import { createHash } from 'node:crypto';
import type { CounterConfig } from '../../../shared/contract';
import type { CaseStateOf } from '../../../shared/domain/case';
import { SlipDataSchema, type SlipData, type SlipKind } from '../../../shared/domain/slips/slip-data';
import { slipDataFromCase, SLIP_OF_DECISION, type SlipContext } from '../../../shared/domain/slips/slip-from-case';
import { strings } from '../../../shared/i18n';

/**
 * What a signature signs (电子签名法 art. 13): the slip's content as the
 * slip service would draw it now, without what is only taken at issue (its
 * number, the issue time and the lookup code). The applicant signs before
 * the number exists; the same content, stored with the slip as data_json,
 * hashes to the same value at issue and at every reprint.
 */

/** The slip context without what is taken at issue: centre, window, the clerk signed in, the ID mask. */
export type SignableContext = Omit<SlipContext, 'number' | 'issuedAt'>;

export interface SignableSlip {
  kind: SlipKind;
  /** e.g. 受理通知书 */
  title: string;
  /** SHA-256 (hex) of the signed content: signedContentSha256 of the slip data. */
  sha256: string;
}

/** Fields of SlipData that are not signed: taken only when the slip is issued. */
const TAKEN_AT_ISSUE = ['number', 'issuedAt', 'lookupCode'] as const;

/** The slip the open decided case leads to, and the hash of the content the applicant signs. */
export function signableSlip(state: CaseStateOf<'decided'>, ctx: SignableContext): SignableSlip {
  // Placeholders for the fields taken at issue: they are removed before hashing, so their value does not matter.
  const data = slipDataFromCase(state, { ...ctx, number: '-', issuedAt: '-' });
  const kind = SLIP_OF_DECISION[state.decision.kind].kind;
  return { kind, title: strings.slips.titles[kind], sha256: signedContentSha256(data) };
}

/**
 * SHA-256 (hex) of the signed part of a slip's data. The slip service hashes
 * the data it issues, and reprint verification the stored data_json, with
 * this one function: defaults filled by the schema, fields taken at issue
 * removed, keys sorted.
 */
export function signedContentSha256(data: SlipData | unknown): string {
  const parsed: Record<string, unknown> = { ...SlipDataSchema.parse(data) };
  for (const key of TAKEN_AT_ISSUE) delete parsed[key];
  return sha256Hex(canonicalJson(parsed));
}

/** Whether a slip of this kind must be signed (or a reason recorded) before it is printed. */
export function signatureRequired(kind: SlipKind, slips: Pick<CounterConfig['slips'], 'signatureRequired'>): boolean {
  // The 容缺受理 commitment is the applicant's promise: always signed, whatever the centre configures.
  if (kind === 'toleratedAcceptance') return true;
  return slips.signatureRequired[kind];
}

/**
 * JSON with object keys sorted at every level and undefined members left
 * out (as JSON.stringify leaves them out): one text for one value, whatever
 * order the fields were built in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`canonicalJson: ${value} is not JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
