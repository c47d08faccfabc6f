import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import { tempDir } from '../../../test/support/temp-dir';
import { maskIdNumbersInText } from '../../../shared/domain/id-number';
import { createFileLog } from './file-log';

describe('the log of both shells', () => {
  it('writes a daily file under <dataDir>/logs and stderr, with any full ID number masked in both', () => {
    const dataDir = tempDir('counter-weblog-');
    const echoed: string[] = [];
    const log = createFileLog(dataDir, (line) => echoed.push(line));
    const full = SAMPLE_RESIDENT_CARD.idNumber;
    log(`设备返回：${full}，旧证号 110101800101001，小写校验位 11010119900307803x`);
    log('网页外壳：访问地址已换取会话（工作人员页面）');

    const files = readdirSync(join(dataDir, 'logs'));
    expect(files).toHaveLength(1);
    const written = readFileSync(join(dataDir, 'logs', files[0]!), 'utf8');
    for (const text of [written, echoed.join('\n')]) {
      expect(text).not.toContain(full);
      expect(text).not.toContain('110101800101001');
      expect(text).not.toContain('11010119900307803x');
      expect(text).toContain(`${full.slice(0, 6)}********${full.slice(-4)}`);
      expect(text).toContain('访问地址已换取会话');
    }
  });

  it('leaves other numbers alone: times, ports, slip numbers', () => {
    const line = '2026-12-03T19:28:20.123Z 端口 41234 受字第000001号 1733254100123';
    expect(maskIdNumbersInText(line)).toBe(line);
  });
});
