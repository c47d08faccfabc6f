/**
 * The audit log as an attacker meets it: UPDATE and DELETE refused by the
 * triggers; with the triggers dropped (anyone holding the file can), every
 * change — an edited detail, a deleted row, a moved row, a row rewritten with
 * its hash recomputed, rows cut from the end — is named by the verifier.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir';
import { migrations } from '../storage/migrations';
import { openDatabase, type Db } from '../storage/database';
import { runAsActor, SYSTEM_ACTOR } from './actor-context';
import { chainHash, GENESIS_HASH } from './audit-chain';
import { appendAudit } from './audit-log';
import { verifyAuditLog } from './audit-verify';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function tempDb(list = migrations): { db: Db; file: string } {
  const file = join(tempDir('audit-log-'), 'counter.sqlite');
  const db = openDatabase(file, list);
  open.push(db);
  return { db, file };
}

/** Ten rows, as a morning at the counter leaves them. */
function tenRows(db: Db): void {
  for (let i = 1; i <= 10; i++) appendAudit(db, `2026-03-02T09:0${i % 10}:00.000Z`, 'test-event', null, `第${i}条`, `clerk:000${i % 3}`);
}

/** What someone with the file and the sqlite3 shell does first. */
const dropTriggers = (db: Db) => {
  for (const name of ['audit_log_append_chained', 'audit_log_no_update', 'audit_log_no_delete']) db.exec(`DROP TRIGGER ${name}`);
};
/** And puts back afterwards, so that nothing looks missing. */
const restoreTriggers = (db: Db) => {
  const sql = migrations.find((m) => m.version === 11)!.sql;
  for (const [statement, name] of sql.matchAll(/CREATE TRIGGER (\w+)[\s\S]*?\bEND;/g)) db.exec(`DROP TRIGGER IF EXISTS ${name}; ${statement}`);
};

describe('appending', () => {
  it('chains every row to the one before, with its actor', () => {
    const { db } = tempDb();
    tenRows(db);
    const rows = db.prepare('SELECT id, at, kind, case_id, detail, actor, prev_hash, hash FROM audit_log ORDER BY id').all() as Array<Record<string, string | number | null>>;
    expect(rows).toHaveLength(10);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(verifyAuditLog(db)).toMatchObject({ ok: true, rows: 10, head: { id: 10, hash: rows[9]!.hash } });
  });

  it('takes the actor from the context, `system` outside any', () => {
    const { db } = tempDb();
    appendAudit(db, '2026-03-02T09:00:00Z', 'timer', null);
    runAsActor('device:idcard', () => appendAudit(db, '2026-03-02T09:00:01Z', 'card', null));
    expect(db.prepare('SELECT actor FROM audit_log ORDER BY id').pluck().all()).toEqual([SYSTEM_ACTOR, 'device:idcard']);
  });

  it('inside a caller’s transaction (a savepoint): rolled back with it, and the chain still holds', () => {
    const { db } = tempDb();
    appendAudit(db, '2026-03-02T09:00:00Z', 'first', null, '', 'system');
    expect(() =>
      db.transaction(() => {
        appendAudit(db, '2026-03-02T09:00:01Z', 'lost', null, '', 'system');
        throw new Error('the caller fails after its audit line');
      })(),
    ).toThrow('the caller fails');
    db.transaction(() => appendAudit(db, '2026-03-02T09:00:02Z', 'kept', null, '', 'system'))();
    expect(db.prepare('SELECT kind FROM audit_log ORDER BY id').pluck().all()).toEqual(['first', 'kept']);
    expect(verifyAuditLog(db)).toMatchObject({ ok: true, rows: 2 });
  });
});

describe('the triggers refuse changes through SQL', () => {
  it('UPDATE and DELETE of any row, with a Chinese message', () => {
    const { db } = tempDb();
    tenRows(db);
    expect(() => db.prepare("UPDATE audit_log SET detail = '改过' WHERE id = 3").run()).toThrow('审计日志不能修改');
    expect(() => db.prepare("UPDATE audit_log SET actor = 'citizen' WHERE id = 3").run()).toThrow('审计日志不能修改');
    // Even "sealing" a sealed row again, or clearing its hash to seal it anew.
    expect(() => db.prepare('UPDATE audit_log SET hash = NULL WHERE id = 3').run()).toThrow('审计日志不能修改');
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow('审计日志不能删除');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('审计日志不能删除');
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(10);
    expect(verifyAuditLog(db)).toMatchObject({ ok: true, rows: 10 });
  });

  it('an INSERT without actor or hash, or not chained to the last row', () => {
    const { db } = tempDb();
    tenRows(db);
    const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string;
    // The old one-line INSERT of before issue 13.
    expect(() => db.prepare("INSERT INTO audit_log (at, kind, case_id, detail) VALUES ('2026-03-02T10:00:00Z', 'x', NULL, '')").run()).toThrow('审计日志只能在末尾追加');
    const forged = (prev: string, actor: string) => {
      const row = { at: '2026-03-02T10:00:00Z', kind: 'x', caseId: null, detail: '', actor };
      return db.prepare('INSERT INTO audit_log (at, kind, case_id, detail, actor, prev_hash, hash) VALUES (?, ?, NULL, ?, ?, ?, ?)').run(row.at, row.kind, row.detail, actor, prev, chainHash(prev, row));
    };
    expect(() => forged(last, '')).toThrow('审计日志只能在末尾追加');
    expect(() => forged(GENESIS_HASH, 'system')).toThrow('审计日志只能在末尾追加');
    // Chained and with an actor, but on row 3's id: REPLACE would delete row 3 without the DELETE trigger.
    expect(() => db.prepare('INSERT OR REPLACE INTO audit_log (id, at, kind, case_id, detail, actor, prev_hash, hash) VALUES (3, ?, ?, NULL, ?, ?, ?, ?)').run('t', 'k', '', 'system', last, 'f')).toThrow('审计日志只能在末尾追加');
    expect(db.prepare('SELECT detail FROM audit_log WHERE id = 3').pluck().get()).toBe('第3条');
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(10);
  });
});

describe('legacy rows (before migration 11) are sealed once', () => {
  it('chains them with the actor `legacy`; from then on they cannot be changed either', () => {
    const { db, file } = tempDb(migrations.filter((m) => m.version < 11));
    const insert = db.prepare('INSERT INTO audit_log (at, kind, case_id, detail) VALUES (?, ?, NULL, ?)');
    for (let i = 1; i <= 5; i++) insert.run(`2026-01-0${i}T09:00:00Z`, 'old-event', `旧${i}`);
    db.close();

    const upgraded = openDatabase(file);
    open.push(upgraded);
    const rows = upgraded.prepare('SELECT actor, prev_hash, hash, detail FROM audit_log ORDER BY id').all() as Array<Record<string, string>>;
    expect(rows.map((r) => [r.actor, r.detail])).toEqual([1, 2, 3, 4, 5].map((i) => ['legacy', `旧${i}`]));
    expect(rows.every((r) => r.hash && r.prev_hash)).toBe(true);
    appendAudit(upgraded, '2026-03-02T09:00:00Z', 'new-event', null, '', 'system');
    expect(verifyAuditLog(upgraded)).toMatchObject({ ok: true, rows: 6 });

    expect(() => upgraded.prepare("UPDATE audit_log SET detail = '改过' WHERE id = 2").run()).toThrow('审计日志不能修改');
    expect(() => upgraded.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow('审计日志不能删除');
    // The seal's own exception (hash IS NULL) cannot be re-opened: clearing a hash is an UPDATE too.
    expect(() => upgraded.prepare('UPDATE audit_log SET hash = NULL, prev_hash = NULL, actor = NULL WHERE id = 2').run()).toThrow('审计日志不能修改');
  });
});

describe('with the triggers dropped, verify names the first broken row', () => {
  it('an edited detail', () => {
    const { db } = tempDb();
    tenRows(db);
    dropTriggers(db);
    db.prepare("UPDATE audit_log SET detail = '改过' WHERE id = 4").run();
    restoreTriggers(db);
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, rows: 3, broken: { kind: 'edited', rowId: 4 } });
  });

  it('an edited actor', () => {
    const { db } = tempDb();
    tenRows(db);
    dropTriggers(db);
    db.prepare("UPDATE audit_log SET actor = 'citizen' WHERE id = 7").run();
    restoreTriggers(db);
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, broken: { kind: 'edited', rowId: 7 } });
  });

  it('a row rewritten with its own hash recomputed: its successor no longer links to it', () => {
    const { db } = tempDb();
    tenRows(db);
    dropTriggers(db);
    const row = db.prepare('SELECT at, kind, case_id, detail, actor, prev_hash FROM audit_log WHERE id = 5').get() as Record<string, string | null>;
    const content = { at: row.at!, kind: row.kind!, caseId: row.case_id ?? null, detail: '改过', actor: row.actor! };
    db.prepare('UPDATE audit_log SET detail = ?, hash = ? WHERE id = 5').run('改过', chainHash(row.prev_hash!, content));
    restoreTriggers(db);
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, broken: { kind: 'edited', rowId: 5 } });
  });

  it('a deleted row', () => {
    const { db } = tempDb();
    tenRows(db);
    dropTriggers(db);
    db.prepare('DELETE FROM audit_log WHERE id IN (6, 7)').run();
    restoreTriggers(db);
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, rows: 5, broken: { kind: 'deleted', rowId: 8, from: 6, to: 7 } });
  });

  it('a deleted row whose gap was closed by renumbering the rest', () => {
    const { db } = tempDb();
    tenRows(db);
    dropTriggers(db);
    db.prepare('DELETE FROM audit_log WHERE id = 6').run();
    db.prepare('UPDATE audit_log SET id = id - 1 WHERE id > 6').run();
    db.prepare("UPDATE sqlite_sequence SET seq = 9 WHERE name = 'audit_log'").run();
    restoreTriggers(db);
    // Row 6 is now the old row 7: it links to a row that is gone.
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, broken: { kind: 'edited', rowId: 5 } });
  });

  it('rows cut from the end, and the counter appending after them', () => {
    const { db } = tempDb();
    tenRows(db);
    dropTriggers(db);
    db.prepare('DELETE FROM audit_log WHERE id >= 9').run();
    restoreTriggers(db);
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, broken: { kind: 'tail-deleted', rowId: 9, sequence: 10 } });
    // The next row takes id 11: the gap stays visible.
    appendAudit(db, '2026-03-02T11:00:00Z', 'after', null, '', 'system');
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, broken: { kind: 'deleted', rowId: 11, from: 9, to: 10 } });
  });

  it('two rows swapped', () => {
    const { db } = tempDb();
    tenRows(db);
    dropTriggers(db);
    db.exec(`
      UPDATE audit_log SET id = -3 WHERE id = 3;
      UPDATE audit_log SET id = 3 WHERE id = 4;
      UPDATE audit_log SET id = 4 WHERE id = -3;
    `);
    restoreTriggers(db);
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, broken: { kind: 'reordered', rowId: 3, after: 4 } });
  });

  it('the first row replaced', () => {
    const { db } = tempDb();
    tenRows(db);
    dropTriggers(db);
    const content = { at: '2026-03-02T08:00:00Z', kind: 'forged', caseId: null, detail: '', actor: 'system' };
    const fake = 'f'.repeat(64);
    db.prepare('UPDATE audit_log SET at = ?, kind = ?, detail = ?, actor = ?, prev_hash = ?, hash = ? WHERE id = 1').run(content.at, content.kind, content.detail, content.actor, fake, chainHash(fake, content));
    restoreTriggers(db);
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, broken: { kind: 'unlinked', rowId: 1 } });
  });

  it('the triggers left dropped (or replaced by ones that let everything through), the chain intact', () => {
    const { db } = tempDb();
    tenRows(db);
    db.exec('DROP TRIGGER audit_log_no_delete');
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, rows: 10, unprotected: ['audit_log_no_delete'] });
    db.exec("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, '审计日志不能删除'); END");
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, unprotected: ['audit_log_no_delete'] });
    db.exec('DROP TRIGGER audit_log_no_delete');
    restoreTriggers(db);
    expect(verifyAuditLog(db)).toMatchObject({ ok: true, rows: 10 });
  });
});
