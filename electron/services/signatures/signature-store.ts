import { createHash, randomUUID } from 'node:crypto';
import type { PadDescription, PenSample } from '../../../shared/domain/signature/pen';
import type { SlipKind } from '../../../shared/domain/slips/slip-data';
import { strings } from '../../../shared/i18n';
import { appendAudit } from '../audit/audit-log';
import type { FieldCipher } from '../privacy/field-cipher';
import type { Db } from '../storage/database';
import { signedContentSha256 } from './signable-slip';
import { inkedSamples, recordSha256, verificationCode, type SignatureRecord } from './signature-record';
import { EmptySignatureError, renderSignaturePng, strokesOf } from './signature-image';

const t = strings.signatureEvidence;

/** What the signing step hands over when the applicant confirms (确认). */
export interface SignatureCapture {
  caseId: string;
  slipKind: SlipKind;
  /** signableSlip(...).sha256 at the moment the applicant signed. */
  slipSha256: string;
  pad: PadDescription;
  samples: PenSample[];
  /** When the signing box was shown (ISO). */
  capturedAt: string;
  /** When the applicant confirmed (ISO): the signing time printed on the slip. */
  confirmedAt: string;
  clerkStaffNumber: string;
}

export interface SignatureWaiver {
  caseId: string;
  slipKind: SlipKind;
  slipSha256: string;
  /** e.g. 申请人拒签; printed in the signature line. */
  reason: string;
  clerkStaffNumber: string;
  at: string;
}

export interface SavedSignature {
  id: string;
  recordSha256: string;
  verificationCode: string;
  signedAt: string;
}

/** A stored record, opened (samples and image unsealed), with what was stored beside it. */
export interface StoredSignature extends SignatureRecord {
  recordSha256: string;
  verificationCode: string;
  /** The rendered image (signed only). */
  png: Buffer | null;
  slipId: number | null;
}

export type SignatureCheck = { ok: true } | { ok: false; problem: string };

/** A signature that could not be kept (empty, no reason); the message is Chinese, for the clerk. */
export class SignatureError extends Error {
  override name = 'SignatureError';
}

interface SignatureRow {
  id: string;
  case_id: string;
  slip_kind: SlipKind;
  slip_sha256: string;
  kind: 'signed' | 'waived';
  waived_reason: string | null;
  pad_json: string | null;
  samples: string | null;
  captured_at: string | null;
  signed_at: string;
  png: string | null;
  record_sha256: string;
  verification_code: string;
  clerk_staff_number: string;
  slip_id: number | null;
}

/** The authenticated context of a sealed column of a signature row: a value moved to another row or column is refused. */
const sealedField = (column: 'samples' | 'png', id: string) => `signatures.${column}:${id}`;

/**
 * SQL giving the signature state ('signed' | 'waived' | NULL) of the slip row
 * aliased `s`: the record bound to the slip, or for a reprint (copy n,
 * number `<original>#n`) the record bound to its original. Shared by the
 * slip summaries and 办件记录 so that both say the same.
 */
export const SIGNATURE_STATE_OF_SLIP_SQL = `(SELECT g.kind FROM signatures g JOIN slips o ON g.slip_id = o.id
  WHERE o.case_id = s.case_id AND o.kind = s.kind AND o.copy = 1
    AND (s.number = o.number OR substr(s.number, 1, length(o.number) + 1) = o.number || '#') LIMIT 1)`;

export interface SignatureStoreOptions {
  db: Db;
  /** Seals the samples and the image (personal data); without one (unit tests) they are stored plain. */
  cipher?: FieldCipher;
}

/**
 * The signatures of slips, kept as evidence (migration 13): append-only
 * rows, the raw samples and the image sealed, a hash over each record. A
 * record is written durably before save() returns, so a counter killed
 * right after 确认 has lost nothing; it is bound to its slip in the slip's
 * own transaction when the slip is issued. The audit log gets counts,
 * never the ink.
 *
 * Retention (not done yet): privacy/retention.ts purges card data by
 * cardDays and deletes the slip PDFs (archive/) after slipPdfDays, audited
 * with counts. Purging the raw samples after the PDFs' retention needs a
 * migration letting the no-update trigger blank exactly `samples` (and
 * `png`), and a record format whose hash covers a digest of the samples
 * rather than the samples themselves, so that a purged record still
 * verifies; until then signatures are kept with the case.
 */
export class SignatureStore {
  constructor(private readonly options: SignatureStoreOptions) {}

  private get db(): Db {
    return this.options.db;
  }

  /** Keeps a signature; durable (fsynced) when this returns. Throws SignatureError when there is no ink. */
  save(capture: SignatureCapture): SavedSignature {
    let png: Buffer;
    try {
      png = renderSignaturePng(capture.samples, capture.pad);
    } catch (error) {
      if (error instanceof EmptySignatureError) throw new SignatureError(t.empty);
      throw error;
    }
    const record: SignatureRecord = {
      id: randomUUID(),
      caseId: capture.caseId,
      slipKind: capture.slipKind,
      slipSha256: capture.slipSha256,
      kind: 'signed',
      waivedReason: null,
      pad: capture.pad,
      // As JSON will give them back: the hash taken now is the one a reread recomputes.
      samples: JSON.parse(JSON.stringify(capture.samples)) as PenSample[],
      capturedAt: capture.capturedAt,
      signedAt: capture.confirmedAt,
      pngSha256: sha256(png),
      clerkStaffNumber: capture.clerkStaffNumber,
    };
    const strokes = strokesOf(record.samples).length;
    const detail = `kind=${capture.slipKind} samples=${record.samples.length} points=${inkedSamples(record.samples).length} strokes=${strokes}`;
    return this.insertDurably(record, png, 'signature-saved', detail);
  }

  /** Records that the slip goes out unsigned, and why; durable when this returns. */
  waive(waiver: SignatureWaiver): SavedSignature {
    const reason = waiver.reason.trim();
    if (!reason) throw new SignatureError(t.waiveReasonEmpty);
    const record: SignatureRecord = {
      id: randomUUID(),
      caseId: waiver.caseId,
      slipKind: waiver.slipKind,
      slipSha256: waiver.slipSha256,
      kind: 'waived',
      waivedReason: reason,
      pad: null,
      samples: [],
      capturedAt: null,
      signedAt: waiver.at,
      pngSha256: null,
      clerkStaffNumber: waiver.clerkStaffNumber,
    };
    return this.insertDurably(record, null, 'signature-waived', `kind=${waiver.slipKind}`);
  }

  private insertDurably(record: SignatureRecord, png: Buffer | null, auditKind: string, detail: string): SavedSignature {
    const hash = recordSha256(record);
    const code = verificationCode(hash);
    const cipher = this.options.cipher;
    const seal = (value: string | null, column: 'samples' | 'png') => (value !== null && cipher ? cipher.seal(value, sealedField(column, record.id)) : value);
    const db = this.db;
    const insert = db.transaction(() => {
      db.prepare(
        `INSERT INTO signatures (id, case_id, slip_kind, slip_sha256, kind, waived_reason, pad_json, samples, captured_at, signed_at, png,
           record_sha256, verification_code, clerk_staff_number, slip_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      ).run(
        record.id,
        record.caseId,
        record.slipKind,
        record.slipSha256,
        record.kind,
        record.waivedReason,
        record.pad ? JSON.stringify(record.pad) : null,
        seal(record.kind === 'signed' ? JSON.stringify(record.samples) : null, 'samples'),
        record.capturedAt,
        record.signedAt,
        seal(png ? png.toString('base64') : null, 'png'),
        hash,
        code,
        record.clerkStaffNumber,
      );
      appendAudit(db, new Date().toISOString(), auditKind, record.caseId, detail);
    });
    // The database runs WAL with synchronous=NORMAL: a commit survives the process being killed, not a power cut.
    // A signature is evidence the applicant will not give twice: this commit is fsynced (FULL) before we answer.
    const previous = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('synchronous = FULL');
    try {
      insert();
    } finally {
      db.pragma(`synchronous = ${previous}`);
    }
    return { id: record.id, recordSha256: hash, verificationCode: code, signedAt: record.signedAt };
  }

  /** The latest record (signature or waiver) of a case's slip kind, bound or not; null when none. */
  latestFor(caseId: string, slipKind: SlipKind): StoredSignature | null {
    const row = this.db
      .prepare<[string, string], SignatureRow>('SELECT * FROM signatures WHERE case_id = ? AND slip_kind = ? ORDER BY rowid DESC LIMIT 1')
      .get(caseId, slipKind);
    return row ? this.open(row) : null;
  }

  /** The record printed on a slip: the one bound to it, or for a reprint the one bound to its original. */
  forSlip(slipId: number): StoredSignature | null {
    const row = this.db
      .prepare<[number], SignatureRow>(
        `SELECT g.* FROM slips s JOIN slips o ON o.case_id = s.case_id AND o.kind = s.kind AND o.copy = 1
           AND (s.number = o.number OR substr(s.number, 1, length(o.number) + 1) = o.number || '#')
         JOIN signatures g ON g.slip_id = o.id WHERE s.id = ? LIMIT 1`,
      )
      .get(slipId);
    return row ? this.open(row) : null;
  }

  /** 'signed' | 'waived' | 'none' of a slip, without opening anything sealed. */
  stateOfSlip(slipId: number): 'signed' | 'waived' | 'none' {
    const state = this.db.prepare<[number], { state: 'signed' | 'waived' | null }>(`SELECT ${SIGNATURE_STATE_OF_SLIP_SQL} AS state FROM slips s WHERE s.id = ?`).get(slipId);
    return state?.state ?? 'none';
  }

  /** Binds a record to the slip it is printed on; call inside the slip's transaction. Once only. */
  bindToSlip(id: string, slipId: number): void {
    const db = this.db;
    db.transaction(() => {
      const { changes } = db.prepare('UPDATE signatures SET slip_id = ? WHERE id = ? AND slip_id IS NULL').run(slipId, id);
      if (changes !== 1) throw new SignatureError(t.alreadyBound);
      const caseId = db.prepare('SELECT case_id FROM signatures WHERE id = ?').pluck().get(id) as string;
      appendAudit(db, new Date().toISOString(), 'signature-bound', caseId, `slip=${slipId}`);
    })();
  }

  /**
   * Recomputes both hashes: the record's over every stored field (incl. the
   * image) and the slip content's over the slip data stored with the slip.
   * The first problem found is returned (Chinese).
   */
  verify(signature: StoredSignature, slipDataJson: string): SignatureCheck {
    const check = this.verifyRecord(signature);
    if (!check.ok) return check;
    let content: string;
    try {
      content = signedContentSha256(JSON.parse(slipDataJson));
    } catch {
      return { ok: false, problem: t.problems.content };
    }
    if (content !== signature.slipSha256) return { ok: false, problem: t.problems.content };
    return { ok: true };
  }

  /** The record hash over every stored field (incl. the image) and the code derived from it, recomputed. */
  verifyRecord(signature: StoredSignature): SignatureCheck {
    const record: SignatureRecord = {
      id: signature.id,
      caseId: signature.caseId,
      slipKind: signature.slipKind,
      slipSha256: signature.slipSha256,
      kind: signature.kind,
      waivedReason: signature.waivedReason,
      pad: signature.pad,
      samples: signature.samples,
      capturedAt: signature.capturedAt,
      signedAt: signature.signedAt,
      pngSha256: signature.png ? sha256(signature.png) : null,
      clerkStaffNumber: signature.clerkStaffNumber,
    };
    if (recordSha256(record) !== signature.recordSha256) return { ok: false, problem: t.problems.record };
    if (verificationCode(signature.recordSha256) !== signature.verificationCode) return { ok: false, problem: t.problems.code };
    return { ok: true };
  }

  /** A row opened: sealed columns unsealed with their row's context. Throws FieldCipherError on a wrong key or damage. */
  private open(row: SignatureRow): StoredSignature {
    const cipher = this.options.cipher;
    const unseal = (value: string | null, column: 'samples' | 'png') => (value !== null && cipher ? cipher.open(value, sealedField(column, row.id)) : value);
    const samples = unseal(row.samples, 'samples');
    const png = unseal(row.png, 'png');
    const image = png ? Buffer.from(png, 'base64') : null;
    return {
      id: row.id,
      caseId: row.case_id,
      slipKind: row.slip_kind,
      slipSha256: row.slip_sha256,
      kind: row.kind,
      waivedReason: row.waived_reason,
      pad: row.pad_json ? (JSON.parse(row.pad_json) as PadDescription) : null,
      samples: samples ? (JSON.parse(samples) as PenSample[]) : [],
      capturedAt: row.captured_at,
      signedAt: row.signed_at,
      pngSha256: image ? sha256(image) : null,
      clerkStaffNumber: row.clerk_staff_number,
      recordSha256: row.record_sha256,
      verificationCode: row.verification_code,
      png: image,
      slipId: row.slip_id,
    };
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
