import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { strings } from '../../../shared/i18n';

const t = strings.privacy.cipher;

/**
 * The envelope of a sealed field: `enc1:<key id>:<base64 of iv ‖ tag ‖ ciphertext>`.
 * A value without the prefix is a legacy plain value (JSON starts with `{`),
 * read as it is and sealed at the next start (seal-legacy.ts). The version
 * in the prefix lets a later cipher sit beside this one.
 */
export const ENVELOPE_PREFIX = 'enc1:';
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Why a sealed value could not be opened: the key does not fit, or the value was damaged. */
export class FieldCipherError extends Error {
  override name = 'FieldCipherError';
}

/** A short, non-secret fingerprint of a key, stored with each value and in the database: tells a wrong key from damage. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('counter-field-key:').update(key).digest('hex').slice(0, 16);
}

export function isSealed(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.startsWith(ENVELOPE_PREFIX);
}

/**
 * AES-256-GCM over single database fields. `context` (table.column:row id)
 * is authenticated with each value, so a sealed value copied onto another
 * row or column is refused rather than read as that row's data.
 */
export class FieldCipher {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new FieldCipherError(t.badKeyLength(key.length));
    this.keyId = keyIdOf(key);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${ENVELOPE_PREFIX}${this.keyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The plain text of a sealed value; a legacy plain value is returned as it is. Throws FieldCipherError on a wrong key or damage. */
  open(value: string, context: string): string {
    if (!isSealed(value)) return value;
    const rest = value.slice(ENVELOPE_PREFIX.length);
    const colon = rest.indexOf(':');
    const keyId = colon > 0 ? rest.slice(0, colon) : '';
    if (keyId !== this.keyId) throw new FieldCipherError(t.wrongKey);
    const bytes = Buffer.from(rest.slice(colon + 1), 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new FieldCipherError(t.damaged);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCipherError(t.damaged);
    }
  }

  /** Like open, for nullable columns. */
  openNullable(value: string | null, context: string): string | null {
    return value === null ? null : this.open(value, context);
  }

  sealNullable(value: string | null, context: string): string | null {
    return value === null ? null : this.seal(value, context);
  }
}

/** The authenticated context of a field of a case row. */
export const caseField = (column: 'state_json' | 'applicant_json' | 'agent_json', caseId: string) => `cases.${column}:${caseId}`;
