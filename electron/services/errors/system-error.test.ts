import { describe, expect, it } from 'vitest';
import { chineseMessage, explainError, isDatabaseBusy } from './system-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('explainError', () => {
  it('translates errno codes and keeps the original for the log', () => {
    const e = withCode("EEXIST: file already exists, link 'a.tmp' -> 'a.pdf'", 'EEXIST');
    expect(explainError(e)).toEqual({ message: '同名文件已存在（EEXIST）', original: e.message });
    expect(chineseMessage(withCode('ENOENT: no such file or directory', 'ENOENT'))).toBe('文件或文件夹不存在（ENOENT）');
    expect(chineseMessage(withCode('EROFS: read-only file system', 'EROFS'))).toBe('磁盘为只读，无法写入（EROFS）');
  });

  it('translates SQLite result codes, extended ones through their primary code', () => {
    expect(chineseMessage(withCode('database is locked', 'SQLITE_BUSY'))).toBe('数据库正被其他程序占用，请稍后再试（SQLITE_BUSY）');
    expect(chineseMessage(withCode('attempt to write a readonly database', 'SQLITE_READONLY_DIRECTORY'))).toBe(
      '数据库为只读，无法保存（SQLITE_READONLY_DIRECTORY）',
    );
  });

  it('finds the code on a wrapped error’s cause', () => {
    const e = new Error('通知书归档失败', { cause: withCode('ENOSPC: no space left on device', 'ENOSPC') });
    expect(chineseMessage(e)).toBe('磁盘空间已满（ENOSPC）');
  });

  it('recognises the English wording of tools without codes', () => {
    expect(chineseMessage(new Error('lp: The printer or class does not exist.'))).toBe('系统中没有这台打印机');
    expect(chineseMessage(new Error("Unexpected token 'x', \"x\" is not valid JSON"))).toBe('JSON 格式错误');
  });

  it('passes our own Chinese messages through unchanged', () => {
    expect(chineseMessage(new Error('打印机缺纸，请添加纸张'))).toBe('打印机缺纸，请添加纸张');
  });

  it('never shows an English message alone', () => {
    const m = chineseMessage(new Error('something odd happened'));
    expect(m).toMatch(/^系统错误/);
    expect(m).toContain('something odd happened');
  });
});

describe('isDatabaseBusy', () => {
  it('is true for SQLite busy and locked, false for other errors', () => {
    expect(isDatabaseBusy(withCode('database is locked', 'SQLITE_BUSY'))).toBe(true);
    expect(isDatabaseBusy(withCode('database is locked', 'SQLITE_BUSY_SNAPSHOT'))).toBe(true);
    expect(isDatabaseBusy(withCode('x', 'SQLITE_LOCKED'))).toBe(true);
    expect(isDatabaseBusy(withCode('x', 'SQLITE_READONLY'))).toBe(false);
    expect(isDatabaseBusy(new Error('nope'))).toBe(false);
  });
});
