import { existsSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RetentionConfig } from '../../../shared/contract/retention';
import { strings } from '../../../shared/i18n';
import { BackgroundWork } from '../errors/background-work';
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../storage/database';
import { redactCaseState } from './card-redaction';
import { caseField, type FieldCipher } from './field-cipher';
import { reclaimSpace } from './reclaim';
import { shredFile } from './shred-file';
import { purgeCaptures } from '../captures/capture-retention';

const DAY_MS = 86_400_000;
/** Once a day; and once at start. */
export const RETENTION_INTERVAL_MS = DAY_MS;
/** Cases purged per transaction: a long first run on an old database lets the counter answer in between. */
const BATCH = 200;

/** Folders of the data directory whose files expire, and the setting each follows. */
export const RETAINED_FOLDERS: ReadonlyArray<{ folder: string; setting: keyof RetentionConfig }> = [
  { folder: 'archive', setting: 'slipPdfDays' },
  { folder: 'simulated-printer', setting: 'slipPdfDays' },
  { folder: 'print-spool', setting: 'slipPdfDays' },
  { folder: 'exports', setting: 'exportDays' },
];

export interface PurgeCounts {
  /** Cases whose full card (number, address, photo, phone) was removed. */
  cards: number;
  callbacks: number;
  raters: number;
  /** Sent uploads whose payload (with the rater's name) was emptied. */
  uploads: number;
  /** Files deleted, by folder. */
  files: Record<string, number>;
}

export interface RetentionOptions {
  db: Db;
  dataDir: string;
  cipher: FieldCipher;
  policy: () => RetentionConfig;
  log: (line: string) => void;
  now?: () => Date;
}

/**
 * Purges what is past its retention (shared/contract/retention.ts): the
 * card data of cases closed or abandoned long enough, call-backs' names and
 * phones, raters' names, and expired files. Deleted with secure_delete (set
 * on every connection), then the WAL emptied and the free pages handed
 * back (reclaim.ts), and audited with the counts (never the data).
 */
export async function runRetention(options: RetentionOptions): Promise<PurgeCounts> {
  const { db, policy } = options;
  const now = (options.now ?? (() => new Date()))();
  const p = policy();
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const counts: PurgeCounts = { cards: 0, callbacks: 0, raters: 0, uploads: 0, files: {} };

  for (const due of [dueEnded(cutoff(p.cardDays)), dueStillOpen(cutoff(p.openCardDays))]) {
    for (;;) {
      const purged = purgeCardBatch(db, options.cipher, due, now.toISOString());
      counts.cards += purged;
      if (purged < BATCH) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  db.transaction(() => {
    counts.callbacks = db
      .prepare("UPDATE callbacks SET name = '', phone = '', note = '', purged_at = ? WHERE purged_at IS NULL AND done_at IS NOT NULL AND done_at <= ?")
      .run(now.toISOString(), cutoff(p.callbackDays)).changes;
    // Not while a 差评 follow-up is open (the lead calls the rater back) or the upload still waits to be sent.
    counts.raters = db
      .prepare(
        `UPDATE evaluations SET rater = '' WHERE rater <> '' AND coalesce(rated_at, unrated_at, updated_at) <= ?
           AND case_id NOT IN (SELECT case_id FROM evaluation_follow_ups WHERE status = 'open')
           AND case_id NOT IN (SELECT case_id FROM evaluation_outbox WHERE status = 'pending')`,
      )
      .run(cutoff(p.raterDays)).changes;
    counts.uploads = db
      .prepare("UPDATE evaluation_outbox SET payload_json = '{}' WHERE status = 'sent' AND payload_json <> '{}' AND coalesce(sent_at, created_at) <= ?")
      .run(cutoff(p.raterDays)).changes;
  })();

  // Captured materials (photos of ID cards and documents, under archive/…/<case>/materials/): by their case, before the
  // archive's own sweep by age; the rows stay marked purged, so 办件记录 still says what was captured (captures/).
  const captures = purgeCaptures(
    db,
    join(options.dataDir, 'archive'),
    { endedBefore: cutoff(p.captureDays), openedBefore: cutoff(p.openCardDays), capturedBefore: cutoff(p.slipPdfDays) },
    now.toISOString(),
  );
  if (captures > 0) counts.files.captures = captures;

  for (const { folder, setting } of RETAINED_FOLDERS) {
    const removed = deleteFilesOlderThan(join(options.dataDir, folder), now.getTime() - p[setting] * DAY_MS);
    if (removed > 0) counts.files[folder] = removed;
  }

  const rows = counts.cards + counts.callbacks + counts.raters + counts.uploads;
  const files = Object.values(counts.files).reduce((a, b) => a + b, 0);
  // Always emptied: the WAL may still hold pages of an earlier purge or of a case's last open state.
  reclaimSpace(db, { full: false });
  if (rows + files > 0) {
    const detail = describe(counts);
    appendAudit(db, now.toISOString(), 'retention-purge', null, detail);
    options.log(strings.privacy.retention.log.purged(detail));
  }
  return counts;
}

/** Counts only, e.g. `cards=3 callbacks=0 raters=1 uploads=0 archive=2`. */
function describe(c: PurgeCounts): string {
  return [`cards=${c.cards}`, `callbacks=${c.callbacks}`, `raters=${c.raters}`, `uploads=${c.uploads}`, ...Object.entries(c.files).map(([f, n]) => `${f}=${n}`)].join(' ');
}

interface DueCase {
  id: string;
  state_json: string | null;
}

/** Which cases' cards are due: a WHERE clause and its cutoff (an ISO time). */
interface DueCards {
  where: string;
  cutoff: string;
}

/** Closed or abandoned cases, counted from 办结 / the abandon. */
const dueEnded = (cutoff: string): DueCards => ({ where: "status IN ('closed', 'abandoned') AND coalesce(closed_at, opened_at) <= ?", cutoff });
/** Cases still open, counted from their opening. */
const dueStillOpen = (cutoff: string): DueCards => ({ where: "status = 'open' AND opened_at <= ?", cutoff });

/**
 * One transaction: up to BATCH due cases lose their card data; the state keeps names and masked numbers only.
 * card_purged_at is cleared by every later write of the case (case-service.ts), so a card read again into a
 * purged open case is purged again in its turn.
 */
function purgeCardBatch(db: Db, cipher: FieldCipher, due: DueCards, at: string): number {
  const rows = db
    .prepare<[string, number], DueCase>(`SELECT id, state_json FROM cases WHERE card_purged_at IS NULL AND ${due.where} LIMIT ?`)
    .all(due.cutoff, BATCH);
  if (rows.length === 0) return 0;
  const update = db.prepare('UPDATE cases SET state_json = ?, applicant_json = NULL, agent_json = NULL, card_purged_at = ? WHERE id = ?');
  // The slip's record keeps what it showed but the delivery line (a postal address, the masked phone); the archived PDF
  // follows slipPdfDays.
  const slips = db.prepare("UPDATE slips SET data_json = json_remove(data_json, '$.delivery') WHERE case_id = ? AND json_valid(data_json) AND json_extract(data_json, '$.delivery') IS NOT NULL");
  db.transaction(() => {
    for (const row of rows) {
      const redacted = redactCaseState(parseState(cipher, row));
      update.run(redacted ? cipher.seal(JSON.stringify(redacted), caseField('state_json', row.id)) : null, at, row.id);
      slips.run(row.id);
    }
  })();
  return rows.length;
}

/** A state that cannot be opened (damaged) is past its retention all the same: it goes. The key is known good here (key-setup.ts). */
function parseState(cipher: FieldCipher, row: DueCase): unknown {
  if (row.state_json === null) return null;
  try {
    return JSON.parse(cipher.open(row.state_json, caseField('state_json', row.id)));
  } catch {
    return null;
  }
}

/**
 * Deletes the regular files under `dir` last changed before `before` (ms),
 * overwriting each with zeros first (a best effort on SSDs and journaling
 * file systems, where the old blocks may survive), and the folders left
 * empty below `dir`. A folder that does not exist has nothing to purge.
 * Symbolic links are not followed.
 */
export function deleteFilesOlderThan(dir: string, before: number): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  const walk = (folder: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (walk(path)) rmdirSync(path);
        else empty = false;
      } else if (entry.isFile() && statSync(path).mtimeMs <= before) {
        if (shredFile(path)) removed++;
      } else {
        empty = false;
      }
    }
    return empty;
  };
  walk(dir);
  return removed;
}

/**
 * The daily run (and one now, at start), as background work: a failure
 * (a lock, a full disk) is logged once and tried again at the next tick.
 */
export function startRetention(options: RetentionOptions & { intervalMs?: number }): { runNow(): Promise<boolean>; stop(): Promise<void> } {
  const work = new BackgroundWork(strings.privacy.retention.job, options.log);
  let running: Promise<boolean> | null = null;
  const runNow = (): Promise<boolean> => {
    if (!options.db.open) return Promise.resolve(false);
    running ??= work.run(() => runRetention(options)).finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void runNow(), options.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return {
    runNow,
    /** No new run; waits for one under way (it must not meet a closed database halfway). */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
