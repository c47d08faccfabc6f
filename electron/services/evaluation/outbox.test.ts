/**
 * The upload outbox against a real HTTP server on 127.0.0.1 started here:
 * delivery with its headers, server errors, timeouts, a lost answer (the
 * platform got it, we did not hear back: the resend is a duplicate the
 * idempotency key makes harmless), refusals, and days offline.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { until } from '../../../test/support/until';
import { EvaluationConfigSchema } from '../../../shared/contract';
import { openDatabase, type Db } from '../storage/database';
import { enqueueUpload, OutboxUploader } from './outbox';
import { getEvaluation, toRecord } from './rows';
import { insertSeedRows } from './seed';
import { tempDbFile } from './test-kit';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
interface Platform {
  url: string;
  requests: Array<{ key: string; auth: string | undefined; body: string }>;
  stored: Map<string, unknown>;
  handler: Handler;
  close(): Promise<void>;
}

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

/** A 好差评 platform that stores each idempotency key once and answers 409 to a repeat. */
async function platform(handler?: Handler): Promise<Platform> {
  const p: Platform = {
    url: '',
    requests: [],
    stored: new Map(),
    handler:
      handler ??
      ((req, res, body) => {
        const key = String(req.headers['idempotency-key']);
        if (p.stored.has(key)) return res.writeHead(409).end();
        p.stored.set(key, JSON.parse(body));
        res.writeHead(201).end('{"code":0}');
      }),
    close: async () => {},
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      p.requests.push({ key: String(req.headers['idempotency-key']), auth: req.headers.authorization, body });
      p.handler(req, res, body);
    });
  });
  server.keepAliveTimeout = 1;
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  p.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/evaluations`;
  p.close = () => new Promise((r) => server.close(() => r()));
  return p;
}

const upload = (url: string, extra: Record<string, unknown> = {}) => EvaluationConfigSchema.parse({ upload: { url, token: 'secret-token', timeoutMs: 500, ...extra } }).upload;

function outboxDb(count: number, file = tempDbFile()): Db {
  const db = openDatabase(file);
  insertSeedRows(
    db,
    Array.from({ length: count }, (_, i) => ({
      caseId: `08-20260925-${String(i + 1).padStart(4, '0')}`,
      day: '2026-09-25',
      clerk: { name: '李娜', staffNumber: '0123' },
      windowNumber: '08',
      item: { code: 'A', name: '事项甲' },
      status: 'rated' as const,
      level: i % 2 ? ('satisfied' as const) : ('veryDissatisfied' as const),
    })),
  );
  for (let i = 0; i < count; i++) {
    const row = getEvaluation(db, `08-20260925-${String(i + 1).padStart(4, '0')}`)!;
    enqueueUpload(db, toRecord(row), { direction: 'provincial', regionCode: '419900', channelCodes: { keypad: '5', screen: '4', default: '7' } }, '2026-09-25T02:00:00.000Z');
  }
  return db;
}

function uploader(db: Db, url: string, clock: { now: Date }, extra: Partial<ConstructorParameters<typeof OutboxUploader>[0]> = {}) {
  const notices: string[] = [];
  const u = new OutboxUploader({ db, config: () => upload(url), now: () => clock.now, jitter: () => 1, onNotice: (_l, m) => notices.push(m), ...extra });
  return { u, notices };
}

const later = (clock: { now: Date }, ms: number) => (clock.now = new Date(clock.now.getTime() + ms));

describe('upload outbox', () => {
  it('delivers each rating once with its token and idempotency key; enqueuing twice changes nothing', async () => {
    const p = await platform();
    const db = outboxDb(2);
    const row = toRecord(getEvaluation(db, '08-20260925-0001')!);
    expect(enqueueUpload(db, row, { direction: 'national', regionCode: '', channelCodes: { keypad: '5', screen: '4', default: '7' } }, 'x')).toBe(false);
    const clock = { now: new Date('2026-09-25T03:00:00Z') };
    const { u } = uploader(db, p.url, clock);
    expect(await u.drainDue()).toEqual({ sent: 2, retried: 0, rejected: 0 });
    expect(p.requests.map((r) => [r.key, r.auth])).toEqual([
      ['08-20260925-0001#1', 'Bearer secret-token'],
      ['08-20260925-0002#1', 'Bearer secret-token'],
    ]);
    expect(p.stored.get('08-20260925-0001#1')).toMatchObject({ levelCodeDirection: 'provincial', record: { 办件编号: '08-20260925-0001', 评价等级: '非常不满意', 评价等级代码: 1 } });
    expect(u.entries().map((e) => [e.status, e.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    expect(await u.drainDue()).toEqual({ sent: 0, retried: 0, rejected: 0 });
    expect(p.requests).toHaveLength(2);
  });

  it('retries after server errors with a doubling back-off; the others wait instead of hammering the platform', async () => {
    let failures = 2;
    const p = await platform();
    const store = p.handler;
    p.handler = (req, res, body) => (failures-- > 0 ? res.writeHead(503).end() : store(req, res, body));
    const db = outboxDb(3);
    const clock = { now: new Date('2026-09-25T03:00:00Z') };
    const { u } = uploader(db, p.url, clock);
    expect(await u.drainDue()).toEqual({ sent: 0, retried: 1, rejected: 0 });
    let first = u.entries()[0];
    const second = u.entries()[1];
    expect(first).toMatchObject({ attempts: 1, lastError: '好差评平台返回 HTTP 503，稍后重试', nextAttemptAt: '2026-09-25T03:00:05.000Z' });
    expect(second).toMatchObject({ attempts: 0, nextAttemptAt: '2026-09-25T03:00:05.000Z' });
    expect(await u.drainDue()).toEqual({ sent: 0, retried: 0, rejected: 0 }); // not due yet
    later(clock, 5000);
    expect(await u.drainDue()).toEqual({ sent: 0, retried: 1, rejected: 0 });
    [first] = u.entries();
    expect(first).toMatchObject({ attempts: 2, nextAttemptAt: '2026-09-25T03:00:15.000Z' }); // 10 s after the second failure
    later(clock, 10_000);
    expect(await u.drainDue()).toEqual({ sent: 3, retried: 0, rejected: 0 });
    expect(p.stored.size).toBe(3);
    expect(p.requests).toHaveLength(5);
  });

  it('a platform that does not answer in time is tried again', async () => {
    let hang = 1;
    const p = await platform();
    const store = p.handler;
    p.handler = (req, res, body) => (hang-- > 0 ? undefined : store(req, res, body)); // the first request is never answered
    const db = outboxDb(1);
    const clock = { now: new Date('2026-09-25T03:00:00Z') };
    const { u } = uploader(db, p.url, clock);
    const started = performance.now();
    expect(await u.drainDue()).toEqual({ sent: 0, retried: 1, rejected: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(u.entries()[0]!.lastError).toBe('好差评平台 500 毫秒内未响应，稍后重试');
    later(clock, 5000);
    expect(await u.drainDue()).toEqual({ sent: 1, retried: 0, rejected: 0 });
    expect(p.stored.size).toBe(1);
  });

  it('an answer lost on the way back: the resend carries the same key, the platform keeps one record', async () => {
    let drop = 1;
    const p = await platform();
    const store = p.handler;
    p.handler = (req, res, body) => {
      // Stored, but the connection dies before the answer goes out.
      if (drop-- > 0) {
        p.stored.set(String(req.headers['idempotency-key']), JSON.parse(body));
        req.socket.destroy();
        return;
      }
      store(req, res, body);
    };
    const db = outboxDb(1);
    const clock = { now: new Date('2026-09-25T03:00:00Z') };
    const { u } = uploader(db, p.url, clock);
    expect(await u.drainDue()).toMatchObject({ retried: 1 });
    expect(u.entries()[0]!.lastError).toMatch(/^无法连接好差评平台/);
    later(clock, 5000);
    expect(await u.drainDue()).toEqual({ sent: 1, retried: 0, rejected: 0 });
    expect(p.requests.map((r) => r.key)).toEqual(['08-20260925-0001#1', '08-20260925-0001#1']);
    expect(p.stored.size).toBe(1);
    expect(u.entries()[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a refusal (400/422) is final and told to IT; bad credentials (401) are retried', async () => {
    const statuses = [401, 422];
    const p = await platform((_req, res) => res.writeHead(statuses.shift() ?? 200).end());
    const db = outboxDb(1);
    const clock = { now: new Date('2026-09-25T03:00:00Z') };
    const { u, notices } = uploader(db, p.url, clock);
    expect(await u.drainDue()).toMatchObject({ retried: 1 });
    expect(u.entries()[0]!.lastError).toBe('好差评平台拒绝了上报凭据，请信息化技术人员检查 token');
    later(clock, 5000);
    expect(await u.drainDue()).toMatchObject({ rejected: 1 });
    expect(u.entries()[0]).toMatchObject({ status: 'rejected', lastError: '好差评平台拒收（HTTP 422），请信息化技术人员检查' });
    expect(notices).toContain('好差评平台拒收（HTTP 422），请信息化技术人员检查');
    later(clock, 3_600_000);
    expect(await u.drainDue()).toEqual({ sent: 0, retried: 0, rejected: 0 });
  });

  it('offline for days: attempts space out to the cap, survive a restart, and everything goes once the platform is back', async () => {
    const p = await platform();
    await p.close(); // nothing listens there now: connection refused
    const file = tempDbFile();
    let db = outboxDb(3, file);
    const clock = { now: new Date('2026-09-25T03:00:00Z') };
    let { u } = uploader(db, p.url, clock, { maxDelayMs: 30 * 60_000 });
    const gaps: number[] = [];
    for (let i = 0; i < 400 && clock.now < new Date('2026-09-28T03:00:00Z'); i++) {
      await u.drainDue();
      const next = Date.parse(u.entries()[0]!.nextAttemptAt);
      gaps.push(next - clock.now.getTime());
      clock.now = new Date(next);
      if (i === 150) {
        // The counter is switched off and on again in the middle of it.
        db.close();
        db = openDatabase(file);
        ({ u } = uploader(db, p.url, clock, { maxDelayMs: 30 * 60_000 }));
      }
    }
    expect(gaps.slice(0, 5)).toEqual([5000, 10_000, 20_000, 40_000, 80_000]);
    expect(Math.max(...gaps)).toBe(30 * 60_000);
    expect(u.entries().every((e) => e.status === 'pending')).toBe(true);
    expect(u.entries()[0]!.lastError).toMatch(/ECONNREFUSED/);
    expect(u.entries()[1]!.attempts).toBe(0); // only the first entry was tried while the platform was down

    const back = await platform();
    ({ u } = uploader(db, back.url, clock));
    expect(await u.drainDue()).toEqual({ sent: 3, retried: 0, rejected: 0 });
    expect([...back.stored.keys()].sort()).toEqual(['08-20260925-0001#1', '08-20260925-0002#1', '08-20260925-0003#1']);
  });

  it('with no platform configured nothing is sent and the ratings wait', async () => {
    const db = outboxDb(1);
    const u = new OutboxUploader({ db, config: () => upload('') });
    expect(await u.drainDue()).toEqual({ sent: 0, retried: 0, rejected: 0 });
    expect(u.entries()[0]).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('sends by itself in the background once started', async () => {
    const p = await platform();
    const db = outboxDb(2);
    const u = new OutboxUploader({ db, config: () => upload(p.url) });
    u.start();
    const deadline = Date.now() + 3000;
    while (p.stored.size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await u.stop();
    expect(p.stored.size).toBe(2);
  });
});

describe('upload outbox in the background under another program’s write lock (issue 14)', () => {
  it('an outcome that cannot be written is logged, not thrown; the entry goes again with the same key and ends sent', async () => {
    const p = await platform();
    const db = outboxDb(1);
    db.pragma('busy_timeout = 20');
    const other = new Database(db.name);
    onTestFinished(() => {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    });
    // The platform takes the upload; meanwhile another program takes the database's write lock.
    p.handler = (req, res, body) => {
      if (!other.inTransaction && p.requests.length === 1) other.exec('BEGIN IMMEDIATE');
      const key = String(req.headers['idempotency-key']);
      if (p.stored.has(key)) return res.writeHead(409).end();
      p.stored.set(key, JSON.parse(body));
      res.writeHead(201).end();
    };
    const logs: string[] = [];
    const u = new OutboxUploader({ db, config: () => upload(p.url), baseDelayMs: 20, jitter: () => 1, log: (l) => logs.push(l) });
    onTestFinished(() => u.stop());
    u.start();
    await until(() => logs.includes('数据库被占用：好差评上报 暂缓，稍后自动重试'), { label: 'the pass meeting the lock' });
    expect(u.entries()[0]).toMatchObject({ status: 'pending', attempts: 0 });

    other.exec('ROLLBACK');
    await until(() => u.entries()[0]?.status === 'sent', { label: 'sent once the lock went' });
    // The resend was a duplicate for the platform: one record, the same key.
    expect(p.stored.size).toBe(1);
    expect(new Set(p.requests.map((r) => r.key))).toEqual(new Set(['08-20260925-0001#1']));
  });
});
