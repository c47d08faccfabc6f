/**
 * The upload of ratings to the centre's 好差评 platform. A rating that has
 * its final form is put in the outbox inside the transaction that stores
 * it, so nothing rated can miss the upload; the uploader then POSTs each
 * entry as JSON to the configured URL with
 *
 *   Authorization: Bearer <token>        (when a token is configured)
 *   Idempotency-Key: <case id>#<count>   (the same for every resend)
 *
 * 2xx and 409 (the platform already has it) count as delivered; 400 and 422
 * are refused for good (IT must look: the record will not change); anything
 * else — 5xx, 401/403, timeouts, no network — is tried again after a back-off
 * that doubles from `baseDelayMs` up to `maxDelayMs`, with ±20 % jitter, for
 * as long as it takes: a counter offline for days uploads when it is back.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { EvaluationConfig } from '../../../shared/contract';
import { exchangeRecord, isSecureUploadUrl, type ExchangeOptions, type RatingRecord } from '../../../shared/domain/evaluation';
import { strings } from '../../../shared/i18n';
import { BackgroundWork } from '../errors/background-work';
import { chineseMessage } from '../errors/system-error';
import type { Db } from '../storage/database';

type UploadConfig = EvaluationConfig['upload'];

export function idempotencyKey(record: Pick<RatingRecord, 'caseId' | 'count'>): string {
  return `${record.caseId}#${record.count}`;
}

/**
 * Puts a rating in the outbox (call inside the rating's transaction). A
 * record without a level (未评) is not uploaded; a second call for the same
 * rating is a no-op.
 */
export function enqueueUpload(db: Db, record: RatingRecord, options: ExchangeOptions, at: string): boolean {
  const payload = exchangeRecord(record, options);
  if (!payload) return false;
  const body = { idempotencyKey: idempotencyKey(record), levelCodeDirection: options.direction, record: payload };
  const result = db
    .prepare(
      `INSERT OR IGNORE INTO evaluation_outbox (case_id, idempotency_key, payload_json, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, 'pending', 0, ?, ?)`,
    )
    .run(record.caseId, idempotencyKey(record), JSON.stringify(body), at, at);
  return result.changes > 0;
}

export interface PostResult {
  status: number;
}

/** Sends one request; rejects on network errors and timeouts. */
export type Poster = (url: string, body: string, headers: Record<string, string>, timeoutMs: number) => Promise<PostResult>;

export class UploadTimeoutError extends Error {
  override name = 'UploadTimeoutError';
}

export const postJson: Poster = (url, body, headers, timeoutMs) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) }, timeout: timeoutMs },
      (res) => {
        res.resume(); // the answer's body is not needed
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new UploadTimeoutError(`timeout ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });

export interface OutboxEntry {
  id: number;
  caseId: string;
  key: string;
  status: 'pending' | 'sent' | 'rejected';
  attempts: number;
  nextAttemptAt: string;
  lastError: string;
  sentAt: string | null;
}

interface EntryRow {
  id: number;
  case_id: string;
  idempotency_key: string;
  payload_json: string;
  status: OutboxEntry['status'];
  attempts: number;
  next_attempt_at: string;
  last_error: string;
  sent_at: string | null;
}

const toEntry = (r: EntryRow): OutboxEntry => ({
  id: r.id,
  caseId: r.case_id,
  key: r.idempotency_key,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  sentAt: r.sent_at,
});

export interface OutboxUploaderOptions {
  db: Db;
  config: () => UploadConfig;
  post?: Poster;
  now?: () => Date;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** 0.8–1.2 by default; tests pass () => 1. */
  jitter?: () => number;
  /** A message for IT (refused uploads, bad credentials); never personal data. */
  onNotice?: (level: 'info' | 'warning' | 'error', message: string) => void;
  log?: (line: string) => void;
}

export interface DrainResult {
  sent: number;
  retried: number;
  rejected: number;
}

export class OutboxUploader {
  private readonly post: Poster;
  private readonly now: () => Date;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly jitter: () => number;
  private draining: Promise<DrainResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** The plain-http refusal is told once per run, not on every pass. */
  private refusedInsecure = false;
  private readonly work: BackgroundWork;

  constructor(private readonly options: OutboxUploaderOptions) {
    this.work = new BackgroundWork(strings.backgroundWork.jobs.outbox, options.log);
    this.post = options.post ?? postJson;
    this.now = options.now ?? (() => new Date());
    this.baseDelayMs = options.baseDelayMs ?? 5_000;
    this.maxDelayMs = options.maxDelayMs ?? 30 * 60_000;
    this.jitter = options.jitter ?? (() => 0.8 + Math.random() * 0.4);
  }

  /** Starts sending in the background (due entries now, the rest when due). */
  start(): void {
    this.running = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.draining?.catch(() => {});
  }

  /** Something was enqueued: send soon. */
  kick(): void {
    if (!this.running) return;
    this.schedule(0);
  }

  entries(): OutboxEntry[] {
    return this.options.db.prepare<[], EntryRow>('SELECT * FROM evaluation_outbox ORDER BY id').all().map(toEntry);
  }

  /** Sends every entry that is due, oldest first, one at a time. */
  drainDue(): Promise<DrainResult> {
    if (!this.draining) {
      this.draining = this.drain().finally(() => {
        this.draining = null;
      });
    }
    return this.draining;
  }

  private async drain(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, rejected: 0 };
    const config = this.options.config();
    if (!config.url) return result;
    // Never the token over plain http, whatever slipped past the config check: the ratings wait until IT gives an https address.
    if (!isSecureUploadUrl(config.url)) {
      if (!this.refusedInsecure) {
        this.refusedInsecure = true;
        this.options.log?.(strings.dataProtection.upload.refusedAtSend);
        this.options.onNotice?.('error', strings.dataProtection.upload.refusedAtSend);
      }
      return result;
    }
    const db = this.options.db;
    const due = db
      .prepare<[string], EntryRow>("SELECT * FROM evaluation_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id")
      .all(this.now().toISOString());
    for (const entry of due) {
      const headers: Record<string, string> = { 'Idempotency-Key': entry.idempotency_key };
      if (config.token) headers.Authorization = `Bearer ${config.token}`;
      let outcome: { kind: 'sent' } | { kind: 'rejected'; error: string } | { kind: 'retry'; error: string };
      try {
        const { status } = await this.post(config.url, entry.payload_json, headers, config.timeoutMs);
        if ((status >= 200 && status < 300) || status === 409) outcome = { kind: 'sent' };
        else if (status === 400 || status === 422) outcome = { kind: 'rejected', error: strings.evaluation.upload.rejected(status) };
        else if (status === 401 || status === 403) outcome = { kind: 'retry', error: strings.evaluation.upload.unauthorised };
        else outcome = { kind: 'retry', error: strings.evaluation.upload.httpFailed(status) };
      } catch (error) {
        outcome = {
          kind: 'retry',
          error: error instanceof UploadTimeoutError ? strings.evaluation.upload.timeout(config.timeoutMs) : strings.evaluation.upload.network(chineseMessage(error)),
        };
      }
      const at = this.now();
      const attempts = entry.attempts + 1;
      if (outcome.kind === 'sent') {
        db.prepare("UPDATE evaluation_outbox SET status = 'sent', attempts = ?, sent_at = ?, last_error = '' WHERE id = ?").run(attempts, at.toISOString(), entry.id);
        result.sent++;
      } else if (outcome.kind === 'rejected') {
        db.prepare("UPDATE evaluation_outbox SET status = 'rejected', attempts = ?, last_error = ? WHERE id = ?").run(attempts, outcome.error, entry.id);
        this.options.log?.(`好差评上报被拒收：办件 ${entry.case_id}，${outcome.error}`);
        this.options.onNotice?.('error', outcome.error);
        result.rejected++;
      } else {
        const delay = Math.round(Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempts - 1)) * this.jitter());
        const next = new Date(at.getTime() + delay).toISOString();
        db.transaction(() => {
          db.prepare('UPDATE evaluation_outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?').run(attempts, outcome.error, next, entry.id);
          // The platform is down or unreachable: the others due now would fail the same way; they wait as long (no attempt counted).
          db.prepare("UPDATE evaluation_outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at < ? AND id <> ?").run(next, next, entry.id);
        })();
        result.retried++;
        if (attempts === 1 || outcome.error === strings.evaluation.upload.unauthorised) this.options.log?.(`好差评上报失败，稍后重试：${outcome.error}`);
        break;
      }
    }
    if (result.sent > 0) this.options.onNotice?.('info', strings.evaluation.upload.sent(result.sent));
    return result;
  }

  /**
   * Runs a pass after `ms`, then plans the next. Outside any request: a pass
   * or the planning that fails (another program's write lock on the
   * outcome's UPDATE, a read that fails) is logged and tried again after the
   * base delay;
   * nothing is thrown into the event loop. An entry whose outcome could not
   * be written stays pending and is sent again with the same Idempotency-Key,
   * which the platform answers as already received.
   */
  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.work.run(async () => {
        try {
          await this.drainDue();
          this.scheduleNext();
        } catch (error) {
          // As soon as a first failed upload would be: the database is usually free again by then.
          this.schedule(this.baseDelayMs);
          throw error;
        }
      });
    }, ms);
  }

  /** Wakes at the next entry's time (at most a minute away, so a clock change cannot strand it). */
  private scheduleNext(): void {
    if (!this.running || !this.options.config().url || !isSecureUploadUrl(this.options.config().url)) return;
    const next = this.options.db
      .prepare<[], { at: string | null }>("SELECT MIN(next_attempt_at) AS at FROM evaluation_outbox WHERE status = 'pending'")
      .get()?.at;
    if (!next) return;
    this.schedule(Math.max(0, Math.min(60_000, Date.parse(next) - this.now().getTime())));
  }
}
