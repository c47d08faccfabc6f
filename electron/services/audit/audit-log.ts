import type { Db } from '../storage/database';
import { currentActor, LEGACY_ACTOR } from './actor-context';
import { chainHash, GENESIS_HASH } from './audit-chain';

/**
 * Appends one row to the audit log (migrations 1 and 11), chained to the row
 * before it. `detail` never holds personal data: masked values only. The
 * actor is the running request's (actor-context.ts) unless given.
 *
 * Reading the last hash and inserting happen in one transaction (a savepoint
 * inside the caller's own), so two writers cannot both chain to the same row.
 */
export function appendAudit(db: Db, at: string, kind: string, caseId: string | null, detail = '', actor: string = currentActor()): void {
  db.transaction(() => {
    const head = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string | null | undefined;
    const prevHash = head ?? GENESIS_HASH;
    const hash = chainHash(prevHash, { at, kind, caseId, detail, actor });
    db.prepare('INSERT INTO audit_log (at, kind, case_id, detail, actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(at, kind, caseId, detail, actor, prevHash, hash);
  })();
}

interface LegacyRow {
  id: number;
  at: string;
  kind: string;
  case_id: string | null;
  detail: string;
}

/**
 * Migration 11: chains the rows written before the log had a chain, once, in
 * id order, with the actor `legacy`. From then on every row is written
 * sealed and the triggers refuse any change.
 */
export function sealLegacyAuditRows(db: Db): number {
  // In batches: a counter with years of rows need not hold them all in memory.
  const batch = db.prepare('SELECT id, at, kind, case_id, detail FROM audit_log WHERE hash IS NULL ORDER BY id LIMIT 1000');
  const seal = db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ? AND hash IS NULL');
  let prevHash = (db.prepare('SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS_HASH;
  let sealed = 0;
  for (let rows = batch.all() as LegacyRow[]; rows.length > 0; rows = batch.all() as LegacyRow[]) {
    for (const row of rows) {
      const hash = chainHash(prevHash, { at: row.at, kind: row.kind, caseId: row.case_id, detail: row.detail, actor: LEGACY_ACTOR });
      seal.run(LEGACY_ACTOR, prevHash, hash, row.id);
      prevHash = hash;
    }
    sealed += rows.length;
  }
  return sealed;
}
