/**
 * `npm run --silent audit -- verify`, run exactly as IT runs it (a child
 * process through npm and tsx): 0 and the row count when intact, 1 naming
 * the first broken row after an attack on the file, 2 when there is nothing
 * readable to check. The database is opened read-only: the check changes
 * nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { chainHash } from '../services/audit/audit-chain';
import { appendAudit } from '../services/audit/audit-log';
import { closeDatabase, DATABASE_FILE, openDatabase } from '../services/storage/database';
import { migrations } from '../services/storage/migrations';

const root = join(__dirname, '..', '..');

function verify(args: string[], env: Record<string, string> = {}) {
  const ran = spawnSync('npm', ['run', '--silent', 'audit', '--', 'verify', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

/** A data directory whose database holds `rows` audit rows, closed as the counter leaves it. */
function dataDir(rows: number): string {
  const dir = tempDir('audit-cli-');
  const db = openDatabase(join(dir, DATABASE_FILE));
  for (let i = 1; i <= rows; i++) appendAudit(db, `2026-03-02T09:00:${String(i).padStart(2, '0')}.000Z`, 'test-event', null, `第${i}条`, 'clerk:0342');
  closeDatabase(db);
  return dir;
}

/** Someone with the file and a SQLite shell: drops the triggers, changes what they want, puts the triggers back. */
function tamper(dir: string, sql: string): void {
  const db = new Database(join(dir, DATABASE_FILE));
  const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[];
  db.exec('DROP TRIGGER audit_log_append_chained; DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  for (const trigger of triggers) db.exec(trigger);
  db.close();
}

describe('npm run audit -- verify', { timeout: 120_000 }, () => {
  it('intact: exit 0, one line with the row count; the file is left as it was', () => {
    const dir = dataDir(12);
    const before = readFileSync(join(dir, DATABASE_FILE));
    const ran = verify(['--data-dir', dir]);
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/^审计日志完好：共 12 条记录，哈希链完整（末条第 12 行，哈希 [0-9a-f]{16}…）。\n$/);
    expect(readFileSync(join(dir, DATABASE_FILE)).equals(before)).toBe(true);
    // COUNTER_DATA_DIR finds it as the other IT commands do.
    expect(verify([], { COUNTER_DATA_DIR: dir })).toMatchObject({ status: 0, stdout: expect.stringContaining('共 12 条记录') });
  });

  it('a row edited behind the triggers: exit 1, naming that row', () => {
    const dir = dataDir(12);
    tamper(dir, "UPDATE audit_log SET detail = '改过' WHERE id = 7");
    expect(verify(['--data-dir', dir])).toEqual({ status: 1, stdout: expect.stringContaining('审计日志第 7 行已被改动'), stderr: '' });
  });

  it('a row deleted behind the triggers: exit 1, naming the missing row', () => {
    const dir = dataDir(12);
    tamper(dir, 'DELETE FROM audit_log WHERE id = 4');
    expect(verify(['--data-dir', dir])).toMatchObject({ status: 1, stdout: expect.stringContaining('审计日志第 4 行已被删除') });
  });

  it('a chain rewritten wholesale from a row on (every later hash recomputed) is caught by the head noted earlier', () => {
    const dir = dataDir(12);
    const noted = /末条第 (\d+) 行，哈希 ([0-9a-f]{16})/.exec(verify(['--data-dir', dir]).stdout)!;
    const anchor = `${noted[1]}:${noted[2]}`;
    expect(verify(['--data-dir', dir, '--expect', anchor])).toMatchObject({ status: 0 });

    const db = new Database(join(dir, DATABASE_FILE));
    db.exec('DROP TRIGGER audit_log_no_update');
    const rows = db.prepare('SELECT id, at, kind, case_id, detail, actor, prev_hash FROM audit_log WHERE id >= 5 ORDER BY id').all() as Array<Record<string, string>>;
    let prev = rows[0]!.prev_hash!;
    for (const row of rows) {
      const detail = Number(row.id) === 5 ? '改过' : row.detail!;
      const hash = chainHash(prev, { at: row.at!, kind: row.kind!, caseId: row.case_id ?? null, detail, actor: row.actor! });
      db.prepare('UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?').run(detail, prev, hash, row.id);
      prev = hash;
    }
    db.close();
    // Consistent in itself, and the trigger is missing: reported as unprotected.
    expect(verify(['--data-dir', dir])).toMatchObject({ status: 1, stdout: expect.stringContaining('防篡改触发器已被删除或改动') });
    const restored = new Database(join(dir, DATABASE_FILE));
    restored.exec(migrations.find((m) => m.version === 11)!.sql.match(/CREATE TRIGGER audit_log_no_update[\s\S]*?\bEND;/)![0]);
    restored.close();
    // Triggers back: only the noted head tells.
    expect(verify(['--data-dir', dir])).toMatchObject({ status: 0 });
    expect(verify(['--data-dir', dir, '--expect', anchor])).toMatchObject({ status: 1, stdout: expect.stringContaining(`审计日志第 ${noted[1]} 行的哈希与此前记下的不符`) });
  });

  it('nothing readable to check: exit 2 (no database, not a database, a database from before the chain)', () => {
    const empty = tempDir('audit-cli-none-');
    expect(verify(['--data-dir', empty])).toMatchObject({ status: 2, stderr: expect.stringContaining('找不到终端数据库') });

    const garbage = tempDir('audit-cli-garbage-');
    writeFileSync(join(garbage, DATABASE_FILE), 'not a database, just text '.repeat(200));
    expect(verify(['--data-dir', garbage])).toMatchObject({ status: 2, stderr: expect.stringContaining('无法读取数据库') });

    const old = tempDir('audit-cli-old-');
    closeDatabase(openDatabase(join(old, DATABASE_FILE), migrations.filter((m) => m.version < 11)));
    expect(verify(['--data-dir', old])).toMatchObject({ status: 2, stderr: expect.stringContaining('尚未建立审计哈希链') });

    expect(spawnSync('npm', ['run', '--silent', 'audit', '--', 'check'], { cwd: root, encoding: 'utf8', timeout: 60_000 })).toMatchObject({ status: 2, stderr: expect.stringContaining('用法') });
  });
});
