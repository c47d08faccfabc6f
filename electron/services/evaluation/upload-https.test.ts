/**
 * Issue 13, a smaller leak: the rating upload accepted plain http:// and
 * sent the Bearer token and the ratings in clear. Refused at config
 * validation (a Chinese message naming the field) and again at send time,
 * for a URL that reaches the uploader some other way. Loopback http stays
 * allowed: a stand-in platform on the same PC never crosses a network.
 */
import { describe, expect, it } from 'vitest';
import { EvaluationConfigSchema, type EvaluationConfig } from '../../../shared/contract';
import { isSecureUploadUrl } from '../../../shared/domain/evaluation';
import { strings } from '../../../shared/i18n';
import { parseConfigText } from '../config/config-file';
import { openDatabase } from '../storage/database';
import { enqueueUpload, OutboxUploader, type Poster } from './outbox';
import { getEvaluation, toRecord } from './rows';
import { insertSeedRows } from './seed';
import { tempDbFile } from './test-kit';

const CASE = '08-20260925-0001';

function dbWithOneRating() {
  const db = openDatabase(tempDbFile());
  insertSeedRows(db, [
    { caseId: CASE, day: '2026-09-25', clerk: { name: '李娜', staffNumber: '0123' }, windowNumber: '08', item: { code: 'A', name: '事项甲' }, status: 'rated', level: 'satisfied' },
  ]);
  enqueueUpload(db, toRecord(getEvaluation(db, CASE)!), { direction: 'national', regionCode: '', channelCodes: { keypad: '5', screen: '4', default: '7' } }, '2026-09-25T02:00:00.000Z');
  return db;
}

describe('the rating upload goes over https only', () => {
  it('config.json with an http:// platform is refused by field, in Chinese; https and loopback http pass', () => {
    const parsed = parseConfigText(JSON.stringify({ evaluation: { upload: { url: 'http://platform.example/api/evaluations', token: 'secret-token' } } }));
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues).toContainEqual({ field: 'evaluation.upload.url', message: strings.dataProtection.upload.notHttps });
    for (const url of ['', 'https://platform.example/api', 'http://127.0.0.1:8080/x', 'http://localhost/x', 'http://[::1]:9/x']) {
      expect(EvaluationConfigSchema.safeParse({ upload: { url } }).success, url).toBe(true);
    }
    for (const url of ['http://10.0.0.5/api', 'http://127.0.0.1.example.com/x', 'ftp://platform.example/', 'platform.example']) {
      expect(isSecureUploadUrl(url), url).toBe(false);
    }
  });

  it('at send time an http:// URL gets neither the token nor the ratings; they wait, and IT is told once', async () => {
    const db = dbWithOneRating();
    try {
      const sent: Array<{ url: string; headers: Record<string, string> }> = [];
      const post: Poster = async (url, _body, headers) => {
        sent.push({ url, headers });
        return { status: 200 };
      };
      const notices: string[] = [];
      const logs: string[] = [];
      let url = 'http://platform.example/api';
      // As if the schema were bypassed (an older last-good copy, a future code path): the uploader checks for itself.
      const config = (): EvaluationConfig['upload'] => ({ url, token: 'secret-token', timeoutMs: 500, codeDirection: 'national' });
      const u = new OutboxUploader({ db, config, post, jitter: () => 1, onNotice: (_l, m) => notices.push(m), log: (l) => logs.push(l) });

      expect(await u.drainDue()).toEqual({ sent: 0, retried: 0, rejected: 0 });
      expect(await u.drainDue()).toEqual({ sent: 0, retried: 0, rejected: 0 });
      expect(sent).toEqual([]);
      expect(u.entries().map((e) => e.status)).toEqual(['pending']);
      expect(notices).toEqual([strings.dataProtection.upload.refusedAtSend]);
      expect(logs).toEqual([strings.dataProtection.upload.refusedAtSend]);

      url = 'https://platform.example/api';
      expect(await u.drainDue()).toMatchObject({ sent: 1 });
      expect(sent).toEqual([{ url, headers: expect.objectContaining({ Authorization: 'Bearer secret-token' }) }]);
    } finally {
      db.close();
    }
  });
});
