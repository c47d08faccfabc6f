import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { cacheStatements, STATEMENT_CACHE_SIZE } from './statement-cache';

let open: Database.Database[] = [];
afterEach(() => {
  for (const db of open) db.close();
  open = [];
});

function table(): Database.Database {
  const db = new Database(':memory:');
  open.push(db);
  cacheStatements(db);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
  for (let i = 1; i <= 3; i++) db.prepare('INSERT INTO t (id, name) VALUES (?, ?)').run(i, `n${i}`);
  return db;
}

// Issue 14: a statement compiled anew on every call held SQLite's native memory until V8 collected it;
// the process heap grew with every case. The services' database compiles each SQL text once.
describe('prepared statements are compiled once per SQL text', () => {
  it('the terminal database hands back the same statement for the same SQL', () => {
    const db = openDatabase(':memory:');
    open.push(db);
    const sql = 'SELECT count(*) AS n FROM cases';
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    expect(db.prepare(sql)).not.toBe(db.prepare('SELECT count(*) AS n FROM slips'));
  });

  it('a shared statement answers as a fresh one would, whatever mode its last caller left it in', () => {
    const db = table();
    const sql = 'SELECT id, name FROM t WHERE id = ?';
    expect(db.prepare(sql).pluck().get(2)).toBe(2);
    expect(db.prepare(sql).get(2)).toEqual({ id: 2, name: 'n2' });
    expect(db.prepare(sql).raw().get(3)).toEqual([3, 'n3']);
    expect(db.prepare(sql).all(1)).toEqual([{ id: 1, name: 'n1' }]);
    expect(db.prepare('UPDATE t SET name = ? WHERE id = ?').run('x', 1).changes).toBe(1);
    expect(db.prepare('UPDATE t SET name = ? WHERE id = ?').run('y', 2).changes).toBe(1);
  });

  it('a statement still being iterated is not handed to a second caller: the nested query gets its own', () => {
    const db = table();
    const sql = 'SELECT id FROM t ORDER BY id';
    const pairs: Array<[number, number[]]> = [];
    for (const row of db.prepare(sql).iterate() as IterableIterator<{ id: number }>) {
      pairs.push([row.id, (db.prepare(sql).all() as { id: number }[]).map((r) => r.id)]);
    }
    expect(pairs).toEqual([
      [1, [1, 2, 3]],
      [2, [1, 2, 3]],
      [3, [1, 2, 3]],
    ]);
    // And after the loop the shared statement serves again.
    expect(db.prepare(sql)).toBe(db.prepare(sql));
  });

  it('keeps at most STATEMENT_CACHE_SIZE texts, dropping the least recently used', () => {
    const db = table();
    const first = db.prepare('SELECT 0 AS k');
    const kept = db.prepare('SELECT 1 AS k');
    for (let i = 2; i < STATEMENT_CACHE_SIZE; i++) db.prepare(`SELECT ${i} AS k`);
    expect(db.prepare('SELECT 1 AS k')).toBe(kept); // used again: now the most recent
    db.prepare(`SELECT ${STATEMENT_CACHE_SIZE} AS k`); // one more text than the cache holds
    expect(db.prepare('SELECT 1 AS k')).toBe(kept);
    const again = db.prepare('SELECT 0 AS k');
    expect(again).not.toBe(first);
    expect(again.get()).toEqual({ k: 0 });
  });
});
