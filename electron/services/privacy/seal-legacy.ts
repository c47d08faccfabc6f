import type { Db } from '../storage/database';
import { caseField, ENVELOPE_PREFIX, type FieldCipher } from './field-cipher';
import { needsFullVacuum, reclaimSpace } from './reclaim';

interface PlainRow {
  id: string;
  state_json: string | null;
  applicant_json: string | null;
  agent_json: string | null;
}

/**
 * Seals the case fields a version before encryption stored in plain text,
 * once, at the first start with a key (openFieldCipher records the key's
 * row first); then rewrites the file (VACUUM) and empties the WAL so
 * the plain copies are gone from the disk's data files, not only from the
 * rows. Returns how many cases were sealed.
 */
export function sealLegacyRows(db: Db, cipher: FieldCipher, now: () => Date = () => new Date()): number {
  // Once: every value written since is sealed as it is written (the scan reads the whole table).
  if (db.prepare('SELECT legacy_sealed_at FROM privacy_key WHERE id = 1').pluck().get()) return 0;
  const like = `${ENVELOPE_PREFIX}%`;
  const rows = db
    .prepare<[string, string, string], PlainRow>(
      `SELECT id, state_json, applicant_json, agent_json FROM cases
       WHERE (state_json IS NOT NULL AND state_json NOT LIKE ?) OR (applicant_json IS NOT NULL AND applicant_json NOT LIKE ?)
          OR (agent_json IS NOT NULL AND agent_json NOT LIKE ?)`,
    )
    .all(like, like, like);
  if (rows.length > 0) {
    const update = db.prepare('UPDATE cases SET state_json = ?, applicant_json = ?, agent_json = ? WHERE id = ?');
    const seal = (value: string | null, column: 'state_json' | 'applicant_json' | 'agent_json', id: string) =>
      value === null || value.startsWith(ENVELOPE_PREFIX) ? value : cipher.seal(value, caseField(column, id));
    db.transaction(() => {
      for (const r of rows) update.run(seal(r.state_json, 'state_json', r.id), seal(r.applicant_json, 'applicant_json', r.id), seal(r.agent_json, 'agent_json', r.id), r.id);
    })();
  }
  if (rows.length > 0 || needsFullVacuum(db)) reclaimSpace(db, { full: true });
  db.prepare('UPDATE privacy_key SET legacy_sealed_at = ? WHERE id = 1').run(now().toISOString());
  return rows.length;
}
