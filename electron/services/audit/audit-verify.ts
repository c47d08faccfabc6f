import type { Db } from '../storage/database';
import { migrations } from '../storage/migrations';
import { ChainWalker, type ChainBreak } from './audit-chain';

export type AuditVerdict =
  | { ok: true; rows: number; head: { id: number; hash: string } | null }
  | { ok: false; rows: number; broken: ChainBreak }
  /** The chain holds but the triggers that refuse UPDATE and DELETE were dropped. */
  | { ok: false; rows: number; unprotected: string[] }
  /** Migration 11 ran, yet the table or its chain columns are gone. */
  | { ok: false; rows: 0; tableAltered: true }
  /** Older than migration 11: there is no chain to check yet. */
  | { ok: false; rows: 0; tooOld: { schemaVersion: number } };

/** The triggers of migration 11 as its SQL creates them, by name (whitespace folded). */
export function expectedAuditTriggers(): Map<string, string> {
  const sql = migrations.find((m) => m.version === CHAIN_SCHEMA_VERSION)?.sql ?? '';
  return new Map([...sql.matchAll(/CREATE TRIGGER (\w+)[\s\S]*?\bEND\b/g)].map((m) => [m[1]!, foldSql(m[0])]));
}

const foldSql = (sql: string) => sql.replace(/--[^\n]*/g, '').replace(/\s+/g, ' ').replace(/;\s*$/, '').trim();

interface Row {
  id: number;
  at: string;
  kind: string;
  case_id: string | null;
  detail: string;
  actor: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The version that added the chain (migrations.ts). */
export const CHAIN_SCHEMA_VERSION = 11;

/**
 * Walks the whole audit log in id order and reports the first broken link.
 * Reads only (the CLI opens the database read-only); rows are streamed, not
 * loaded at once.
 */
export function verifyAuditLog(db: Db): AuditVerdict {
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  const columns = new Set((db.prepare("SELECT name FROM pragma_table_info('audit_log')").pluck().all() as string[]));
  if (schemaVersion < CHAIN_SCHEMA_VERSION) return { ok: false, rows: 0, tooOld: { schemaVersion } };
  if (!['at', 'kind', 'case_id', 'detail', 'actor', 'prev_hash', 'hash'].every((c) => columns.has(c))) return { ok: false, rows: 0, tableAltered: true };
  // Only called once a link is broken, to say how: a scan is fine. (Reads may run while another statement iterates.)
  const byHash = db.prepare('SELECT id FROM audit_log WHERE hash = ? ORDER BY id LIMIT 1').pluck();
  const walker = new ChainWalker((hash) => (byHash.get(hash) as number | undefined) ?? null);
  for (const row of db.prepare('SELECT id, at, kind, case_id, detail, actor, prev_hash, hash FROM audit_log ORDER BY id').iterate() as IterableIterator<Row>) {
    const broken = walker.next({ id: row.id, at: row.at, kind: row.kind, caseId: row.case_id, detail: row.detail, actor: row.actor ?? '', prevHash: row.prev_hash, hash: row.hash });
    if (broken) return { ok: false, rows: walker.rows, broken };
  }
  const sequence = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as number | undefined) ?? null;
  const tail = walker.finish(sequence);
  if (tail) return { ok: false, rows: walker.rows, broken: tail };
  // Dropped, or replaced by one of the same name that lets changes through.
  const present = new Map((db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as Array<{ name: string; sql: string }>).map((t) => [t.name, foldSql(t.sql)]));
  const missing = [...expectedAuditTriggers()].filter(([name, sql]) => present.get(name) !== sql).map(([name]) => name);
  if (missing.length > 0) return { ok: false, rows: walker.rows, unprotected: missing };
  return { ok: true, rows: walker.rows, head: walker.head };
}
