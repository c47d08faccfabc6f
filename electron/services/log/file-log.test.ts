import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLog } from './file-log';
import { tempDir } from '../../../test/support/temp-dir';

describe('createFileLog', () => {
  it('appends stamped single-line entries to a file per day and echoes them', () => {
    const dir = tempDir('counter-log-');
    const echoed: string[] = [];
    const log = createFileLog(dir, (l) => echoed.push(l));
    log('配置：counter.windowNumber 类型错误', new Date('2026-11-23T01:02:03Z'));
    log('两行\n消息', new Date('2026-11-23T01:02:04Z'));
    log('次日', new Date('2026-11-24T00:00:00Z'));
    expect(readFileSync(join(dir, 'logs', 'counter-20261123.log'), 'utf8')).toBe(
      '2026-11-23T01:02:03.000Z 配置：counter.windowNumber 类型错误\n2026-11-23T01:02:04.000Z 两行 消息\n',
    );
    expect(readFileSync(join(dir, 'logs', 'counter-20261124.log'), 'utf8')).toContain('次日');
    expect(echoed).toHaveLength(3);
  });

  it('keeps going when the log cannot be written', () => {
    // A file where the logs folder should be: mkdir fails even for root (CI runs as root).
    const dir = tempDir('counter-log-');
    writeFileSync(join(dir, 'logs'), '');
    const echoed: string[] = [];
    const log = createFileLog(dir, (l) => echoed.push(l));
    expect(() => log('仍然继续')).not.toThrow();
    expect(echoed).toEqual(['仍然继续']);
  });
});
