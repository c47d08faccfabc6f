import { randomBytes } from 'node:crypto';
import { strings } from '../../../shared/i18n';
import type { Db } from '../storage/database';
import { ENVELOPE_PREFIX, FieldCipher, KEY_BYTES, keyIdOf } from './field-cipher';
import { KeyUnavailableError, type KeyStore } from './key-store';

const t = strings.privacy.key;

/** Whether any field of the database is sealed: such data needs the key it was sealed with, and no other. */
export function hasSealedValues(db: Db): boolean {
  const like = `${ENVELOPE_PREFIX}%`;
  return (
    db
      .prepare('SELECT 1 FROM cases WHERE state_json LIKE ? OR applicant_json LIKE ? OR agent_json LIKE ? LIMIT 1')
      .get(like, like, like) !== undefined ||
    // Signatures (migration 13) outlive the card data the retention purges: their ink is sealed too.
    db.prepare('SELECT 1 FROM signatures WHERE samples LIKE ? OR png LIKE ? LIMIT 1').get(like, like) !== undefined
  );
}

/**
 * The cipher of this counter's personal data. The key's fingerprint is
 * recorded in the database (privacy_key, migration 10) when it is first
 * used, so that a missing key file and a key file from another counter are
 * each told apart and refused while sealed data exists: never a new key
 * over old ciphertext, which would make it unreadable for good. A new key
 * is made only on a database that holds no sealed value.
 */
export async function openFieldCipher(db: Db, store: KeyStore, log: (line: string) => void, now: () => Date = () => new Date()): Promise<FieldCipher> {
  const recorded = db.prepare('SELECT key_id FROM privacy_key WHERE id = 1').pluck().get() as string | undefined;
  let key = await store.load();
  if (!key) {
    if (hasSealedValues(db)) throw new KeyUnavailableError(t.missing(store.location));
    key = randomBytes(KEY_BYTES);
    try {
      await store.create(key);
      log(t.log.created(store.location));
    } catch (error) {
      // Another counter process of this account made the key a moment ago (the key folder is per account): use that one.
      const made = await store.load();
      if (!made) throw error;
      key = made;
    }
  }
  const keyId = keyIdOf(key);
  if (recorded !== undefined && recorded !== keyId) {
    if (hasSealedValues(db)) throw new KeyUnavailableError(t.mismatch(store.location));
    // Nothing sealed with the old key is left (all purged): the new one takes over.
    log(t.log.replaced(store.location));
  }
  if (recorded !== keyId) {
    db.prepare('INSERT INTO privacy_key (id, key_id, recorded_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, recorded_at = excluded.recorded_at').run(
      keyId,
      now().toISOString(),
    );
  }
  log(t.log.inUse(store.location));
  return new FieldCipher(key);
}
