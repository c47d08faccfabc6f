/**
 * `npm run --silent audit -- verify [--data-dir DIR]` (audit.ts) and the
 * installed app's `窗口受理终端 --audit verify` (it-commands.ts): checks the audit log's
 * hash chain in the counter's database (electron/services/audit).
 *
 * Exit status: 0 intact (one line: how many rows), 1 broken (the first
 * broken row and why), 2 the database cannot be read or the usage is wrong.
 * The database is opened read-only: the check never changes what it checks,
 * and may run while the counter does.
 *
 * `--expect <id>:<hash>` also checks that row <id> still has the hash noted
 * earlier (the head this command printed, kept off the counter PC): a chain
 * rewritten wholesale from some row on, every hash recomputed, is consistent
 * in itself, and only a hash kept elsewhere tells.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { strings } from '../../shared/i18n';
import type { ChainBreak } from '../services/audit/audit-chain';
import { verifyAuditLog, type AuditVerdict } from '../services/audit/audit-verify';
import { DATABASE_FILE } from '../services/storage/database';
import { dataDirArg, positionalArgs, type CliIo } from './run-cli';

const t = strings.audit;

/** The first broken link in Chinese. */
function describeBreak(broken: ChainBreak): string {
  switch (broken.kind) {
    case 'unsealed':
      return t.broken.unsealed(broken.rowId);
    case 'edited':
      return t.broken.edited(broken.rowId);
    case 'deleted':
      return t.broken.deleted(broken.rowId, broken.from, broken.to);
    case 'reordered':
      return t.broken.reordered(broken.rowId, broken.after);
    case 'unlinked':
      return t.broken.unlinked(broken.rowId);
    case 'tail-deleted':
      return t.broken.tailDeleted(broken.rowId, broken.sequence);
  }
}

function report(verdict: AuditVerdict): { code: number; line: string } {
  if (verdict.ok) return { code: 0, line: t.cli.intact(verdict.rows, verdict.head ? t.cli.head(verdict.head.id, verdict.head.hash) : '') };
  if ('broken' in verdict) return { code: 1, line: describeBreak(verdict.broken) };
  if ('unprotected' in verdict) return { code: 1, line: t.cli.unprotected(verdict.rows, verdict.unprotected) };
  if ('tableAltered' in verdict) return { code: 1, line: t.cli.tableAltered };
  return { code: 2, line: t.cli.tooOld(verdict.tooOld.schemaVersion) };
}

/** `--expect <id>:<hash prefix>`: null when absent or matching, else the finding. */
function checkAnchor(db: Database.Database, args: readonly string[]): { code: number; line: string } | null {
  const at = args.indexOf('--expect');
  if (at < 0) return null;
  const match = /^(\d+):([0-9a-f]{8,64})$/i.exec(args[at + 1] ?? '');
  if (!match) return { code: 2, line: t.cli.usage };
  const id = Number(match[1]);
  const hash = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(id) as string | null | undefined;
  if (hash?.startsWith(match[2]!.toLowerCase())) return null;
  return { code: 1, line: t.cli.anchorMismatch(id) };
}

/** `npm run --silent audit -- verify …` and the installed app's `--audit verify …`: resolves with the exit status. */
export async function runAuditCommand(args: string[], io: CliIo): Promise<number> {
  const [command] = positionalArgs(args.filter((_, i) => args[i - 1] !== '--expect'));
  if (command !== 'verify') {
    io.err(t.cli.usage);
    return 2;
  }
  const file = join(dataDirArg(args), DATABASE_FILE);
  if (!existsSync(file)) {
    io.err(t.cli.noDatabase(file));
    return 2;
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const verdict = verifyAuditLog(db);
    const anchor = verdict.ok ? checkAnchor(db, args) : null;
    const { code, line } = anchor ?? report(verdict);
    if (code === 2) io.err(line);
    else io.out(line);
    return code;
  } catch (error) {
    // Not a database, a damaged file, a file we may not read: nothing can be said about the chain.
    io.err(t.cli.unreadable(file, (error as Error).message));
    return 2;
  } finally {
    db?.close();
  }
}

