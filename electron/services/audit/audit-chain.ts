/**
 * The audit log's hash chain, pure: how one row is serialised and hashed,
 * and a walker that checks rows in id order and names the first broken link.
 *
 * Each row's hash is SHA-256 over the previous row's hash and the row's own
 * content, so changing, deleting or moving any row breaks every link after
 * it. The id is not hashed: ids are checked to run without gaps instead,
 * which tells a deleted row from a moved one.
 */
import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a row says (everything but its id and its hashes). */
export interface AuditContent {
  at: string;
  kind: string;
  caseId: string | null;
  detail: string;
  actor: string;
}

export interface StoredAuditRow extends AuditContent {
  id: number;
  prevHash: string | null;
  hash: string | null;
}

/** One unambiguous text per row: a JSON array, so no field can run into the next. */
export function canonicalRow(row: AuditContent): string {
  return JSON.stringify([row.at, row.kind, row.caseId, row.detail, row.actor]);
}

export function chainHash(prevHash: string, row: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalRow(row)).digest('hex');
}

/** Why the chain is broken, at the first row where it is. */
export type ChainBreak =
  /** The row has no hash: written around the chain. */
  | { kind: 'unsealed'; rowId: number }
  /** The row's content no longer matches its hash (or its hash was rewritten and its successor no longer links to it). */
  | { kind: 'edited'; rowId: number }
  /** Rows `from`–`to` are missing before `rowId`. */
  | { kind: 'deleted'; rowId: number; from: number; to: number }
  /** The row's predecessor in the chain is row `after`, further down: rows were moved. */
  | { kind: 'reordered'; rowId: number; after: number }
  /** The row links to nothing that exists: the rows before it were replaced. */
  | { kind: 'unlinked'; rowId: number }
  /** Rows after the last one were deleted: SQLite's sequence had reached `sequence`. */
  | { kind: 'tail-deleted'; rowId: number; sequence: number };

/**
 * Checks rows one by one, in id order. `findHash` looks a hash up among all
 * rows (only called once a link is already broken, to say how).
 */
export class ChainWalker {
  private previous: { id: number; hash: string } | null = null;
  private count = 0;

  constructor(private readonly findHash: (hash: string) => number | null) {}

  /** The break at this row, or null while the chain holds. */
  next(row: StoredAuditRow): ChainBreak | null {
    const previous = this.previous;
    if (row.hash === null || row.prevHash === null) return { kind: 'unsealed', rowId: row.id };
    if (chainHash(row.prevHash, row) !== row.hash) return { kind: 'edited', rowId: row.id };
    const expectedId = (previous?.id ?? 0) + 1;
    if (row.id !== expectedId) return { kind: 'deleted', rowId: row.id, from: expectedId, to: row.id - 1 };
    if (row.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      const linked = this.findHash(row.prevHash);
      if (linked !== null && linked > row.id) return { kind: 'reordered', rowId: row.id, after: linked };
      // The predecessor's content and hash were both rewritten, or something else stands in its place.
      if (previous && (linked === null || linked < previous.id)) return { kind: 'edited', rowId: previous.id };
      return { kind: 'unlinked', rowId: row.id };
    }
    this.previous = { id: row.id, hash: row.hash };
    this.count += 1;
    return null;
  }

  /** After the last row: rows deleted from the end show as a sequence past the last id. */
  finish(sequence: number | null): ChainBreak | null {
    const lastId = this.previous?.id ?? 0;
    if (sequence !== null && sequence > lastId) return { kind: 'tail-deleted', rowId: lastId + 1, sequence };
    return null;
  }

  get rows(): number {
    return this.count;
  }

  get head(): { id: number; hash: string } | null {
    return this.previous;
  }
}
