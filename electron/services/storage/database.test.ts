import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, openDatabase, schemaVersion, StorageError } from './database';
import { migrations } from './migrations';
import { tempDir } from '../../../test/support/temp-dir';

const tempFile = () => join(tempDir('counter-db-'), 'counter.sqlite');

describe('openDatabase', () => {
  it('creates the file in WAL mode with every migration applied', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'cases', 'device_events']));
    db.close();
  });

  it('keeps the page cache at 2 MB, not the 16 MB of better-sqlite3 that grew the process with the database (issue 14)', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('cache_size', { simple: true })).toBe(-2000);
    db.close();
  });

  it('keeps data across reopening and applies nothing twice', () => {
    const file = tempFile();
    const first = openDatabase(file);
    first.prepare("INSERT INTO cases (id, opened_at, status) VALUES ('A', '2026-11-23', 'open')").run();
    first.close();
    const second = openDatabase(file);
    expect(applyMigrations(second, migrations)).toBe(0);
    expect(second.prepare('SELECT id FROM cases').pluck().all()).toEqual(['A']);
    second.close();
  });

  it('applies only the migrations added since the last start', () => {
    const file = tempFile();
    openDatabase(file, migrations.slice(0, 1)).close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });

  it('rolls back a failing migration and names its version in Chinese', () => {
    const file = tempFile();
    const broken = [...migrations, { version: 99, name: '坏的', sql: 'CREATE TABLE x (a); CREATE TABLE x (b);' }];
    expect(() => openDatabase(file, broken)).toThrow(/数据库升级到第 99 版失败/);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'x'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer version of the program', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.pragma('user_version = 50');
    db.close();
    expect(() => openDatabase(file)).toThrow(StorageError);
    expect(() => openDatabase(file)).toThrow(/高于本程序支持的版本/);
  });

  it('reports a path it cannot open in Chinese', () => {
    expect(() => openDatabase('/proc/version/counter.sqlite')).toThrow(/无法打开本地数据库/);
  });
});
