import { describe, expect, it } from 'vitest';
import { LogsConfigSchema } from '../../../shared/contract/logs';
import { strings } from '../../../shared/i18n';
import { parseConfigText } from '../config/config-file';
import {
  addDays,
  chooseLogFile,
  choosePrunes,
  DEFAULT_LOG_POLICY,
  logDay,
  logFileName,
  logPolicyFromConfig,
  parseLogFileName,
  type LogFileEntry,
  type LogPolicy,
} from './log-files';

const KIB = 1024;
const MIB = 1024 * 1024;

describe('log file names', () => {
  it('names a day by the local calendar, from the first to the last millisecond', () => {
    expect(logDay(new Date(2026, 10, 23, 0, 0, 0, 0))).toBe('2026-11-23');
    expect(logDay(new Date(2026, 10, 23, 23, 59, 59, 999))).toBe('2026-11-23');
    expect(logDay(new Date(2026, 0, 5, 12))).toBe('2026-01-05');
    expect(logDay(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });

  it('numbers the parts of a day after the first', () => {
    expect(logFileName('2026-11-23', 0)).toBe('counter-2026-11-23.log');
    expect(logFileName('2026-11-23', 1)).toBe('counter-2026-11-23.1.log');
    expect(logFileName('2026-11-23', 12)).toBe('counter-2026-11-23.12.log');
  });

  it('reads back every name it makes', () => {
    for (const day of ['2026-01-01', '2028-02-29', '2026-12-31']) {
      for (const part of [0, 1, 2, 9, 10, 99, 123456]) {
        expect(parseLogFileName(logFileName(day, part))).toEqual({ day, part, legacy: false });
      }
    }
  });

  it('knows the daily files of earlier versions, so they are pruned too', () => {
    expect(parseLogFileName('counter-20261123.log')).toEqual({ day: '2026-11-23', part: 0, legacy: true });
  });

  it.each([
    'counter-2026-11-23.0.log',
    'counter-2026-11-23.01.log',
    'counter-2026-11-23.-1.log',
    'counter-2026-02-30.log',
    'counter-2026-13-01.log',
    'counter-20260230.log',
    'counter-2026-11-23.log.gz',
    'counter-2026-11-23.txt',
    'counter-2026-11-23.1234567.log',
    'Counter-2026-11-23.log',
    'notes.log',
    'counter-.log',
    'counter-2026-1-3.log',
  ])('leaves %s alone: not one of ours', (name) => {
    expect(parseLogFileName(name)).toBeNull();
  });
});

describe('adding days on the calendar', () => {
  it.each([
    ['2026-11-23', -29, '2026-10-25'],
    ['2026-01-05', -9, '2025-12-27'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-23', 0, '2026-11-23'],
  ])('%s %+d → %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });
});

describe('choosing the file a line goes to', () => {
  const day = '2026-11-23';
  const max = 1000;

  it('starts the day with its first part', () => {
    expect(chooseLogFile(day, [], 50, max)).toBe('counter-2026-11-23.log');
  });

  it('continues the newest part while the line fits, up to the limit exactly', () => {
    const files = [{ name: 'counter-2026-11-23.log', size: 950 }];
    expect(chooseLogFile(day, files, 50, max)).toBe('counter-2026-11-23.log');
    expect(chooseLogFile(day, files, 51, max)).toBe('counter-2026-11-23.1.log');
  });

  it('takes the newest part whatever the order and gaps of the listing', () => {
    const files = [
      { name: 'counter-2026-11-23.3.log', size: 10 },
      { name: 'counter-2026-11-23.log', size: max },
      { name: 'counter-2026-11-23.10.log', size: 20 },
      { name: 'counter-2026-11-23.2.log', size: max },
    ];
    expect(chooseLogFile(day, files, 50, max)).toBe('counter-2026-11-23.10.log');
    expect(chooseLogFile(day, files, max, max)).toBe('counter-2026-11-23.11.log');
  });

  it('writes a line longer than the limit whole, into an empty part', () => {
    expect(chooseLogFile(day, [{ name: 'counter-2026-11-23.log', size: 0 }], 5 * max, max)).toBe('counter-2026-11-23.log');
    expect(chooseLogFile(day, [], 5 * max, max)).toBe('counter-2026-11-23.log');
    expect(chooseLogFile(day, [{ name: 'counter-2026-11-23.log', size: 1 }], 5 * max, max)).toBe('counter-2026-11-23.1.log');
  });

  it('looks only at the same day, never at a legacy file or another name', () => {
    const files = [
      { name: 'counter-2026-11-22.7.log', size: 10 },
      { name: 'counter-2026-11-24.log', size: 10 },
      { name: 'counter-20261123.log', size: 5 * max },
      { name: 'counter-2026-11-23.9.log.bak', size: 10 },
    ];
    expect(chooseLogFile(day, files, 50, max)).toBe('counter-2026-11-23.log');
  });
});

describe('choosing the files to delete', () => {
  const today = '2026-11-23';
  const policy = (over: Partial<LogPolicy> = {}): LogPolicy => ({ maxFileBytes: MIB, keepDays: 30, maxTotalBytes: 200 * MIB, ...over });
  const f = (name: string, size = 100): LogFileEntry => ({ name, size });

  it('deletes days older than keepDays, today included in the count', () => {
    const files = [f('counter-2026-10-24.log'), f('counter-2026-10-24.1.log'), f('counter-2026-10-25.log'), f('counter-2026-11-23.log'), f('counter-2025-01-01.log')];
    expect(choosePrunes(files, today, policy(), 'counter-2026-11-23.log')).toEqual([
      'counter-2025-01-01.log',
      'counter-2026-10-24.log',
      'counter-2026-10-24.1.log',
    ]);
  });

  it('keeps only today with keepDays 1, across a year boundary', () => {
    const files = [f('counter-2025-12-31.log'), f('counter-2026-01-01.log')];
    expect(choosePrunes(files, '2026-01-01', policy({ keepDays: 1 }), null)).toEqual(['counter-2025-12-31.log']);
    expect(choosePrunes(files, '2026-01-01', policy({ keepDays: 2 }), null)).toEqual([]);
  });

  it('prunes the legacy daily files by the same rule', () => {
    const files = [f('counter-20261001.log'), f('counter-20261120.log')];
    expect(choosePrunes(files, today, policy(), null)).toEqual(['counter-20261001.log']);
  });

  it('deletes the oldest first while all together are over the total cap', () => {
    const files = [
      f('counter-2026-11-23.log', 400),
      f('counter-2026-11-21.1.log', 300),
      f('counter-2026-11-22.log', 300),
      f('counter-20261121.log', 100),
      f('counter-2026-11-21.log', 300),
      f('counter-2026-11-23.1.log', 100),
    ];
    // 1,500 bytes, cap 800: the legacy file of the 21st went first, then its parts in order, then the 22nd.
    expect(choosePrunes(files, today, policy({ maxTotalBytes: 800 }), 'counter-2026-11-23.1.log')).toEqual([
      'counter-20261121.log',
      'counter-2026-11-21.log',
      'counter-2026-11-21.1.log',
    ]);
    expect(choosePrunes(files, today, policy({ maxTotalBytes: 1500 }), 'counter-2026-11-23.1.log')).toEqual([]);
  });

  it('never deletes the file being written, even alone over the cap or past its days', () => {
    const files = [f('counter-2026-11-23.log', 900), f('counter-2026-11-23.1.log', 900)];
    expect(choosePrunes(files, today, policy({ maxTotalBytes: 100 }), 'counter-2026-11-23.1.log')).toEqual(['counter-2026-11-23.log']);
    expect(choosePrunes([f('counter-2026-01-01.log')], today, policy(), 'counter-2026-01-01.log')).toEqual([]);
  });

  it('neither deletes nor counts files that are not ours', () => {
    const files = [f('notes.txt', 10 * MIB), f('counter-2026-11-23.log.gz', 10 * MIB), f('counter-2026-11-22.log', 100), f('counter-2026-11-23.log', 100)];
    expect(choosePrunes(files, today, policy({ maxTotalBytes: 300 }), 'counter-2026-11-23.log')).toEqual([]);
  });

  it('combines both rules without deleting a file twice', () => {
    const files = [f('counter-2026-09-01.log', 500), f('counter-2026-11-22.log', 500), f('counter-2026-11-23.log', 500)];
    expect(choosePrunes(files, today, policy({ maxTotalBytes: 600 }), 'counter-2026-11-23.log')).toEqual(['counter-2026-09-01.log', 'counter-2026-11-22.log']);
  });

  it('deletes nothing when nothing is old or over', () => {
    expect(choosePrunes([], today, policy(), null)).toEqual([]);
    expect(choosePrunes([f('counter-2026-11-23.log')], today, policy(), null)).toEqual([]);
  });
});

describe('config.json `logs`', () => {
  it('defaults to 5 MiB files, 30 days, 200 MiB in all', () => {
    const logs = LogsConfigSchema.parse({});
    expect(logs).toEqual({ maxFileKb: 5120, keepDays: 30, maxTotalMb: 200 });
    expect(logPolicyFromConfig(logs)).toEqual(DEFAULT_LOG_POLICY);
    expect(logPolicyFromConfig({ maxFileKb: 64, keepDays: 7, maxTotalMb: 1 })).toEqual({ maxFileBytes: 64 * KIB, keepDays: 7, maxTotalBytes: MIB });
  });

  it('is part of the counter configuration, with defaults when absent', () => {
    const parsed = parseConfigText('{}');
    expect(parsed.ok && parsed.config.logs).toEqual({ maxFileKb: 5120, keepDays: 30, maxTotalMb: 200 });
    const set = parseConfigText('{ "logs": { "keepDays": 90 } }');
    expect(set.ok && set.config.logs).toEqual({ maxFileKb: 5120, keepDays: 90, maxTotalMb: 200 });
  });

  it('refuses wrong values field by field, in Chinese', () => {
    const parsed = parseConfigText('{ "logs": { "maxFileKb": 10, "keepDays": 0, "maxTotalMb": 1.5, "rotate": true } }');
    expect(parsed.ok).toBe(false);
    const issues = parsed.ok ? [] : parsed.issues;
    const by = (field: string) => issues.find((i) => i.field === field)?.message;
    expect(by('logs.maxFileKb')).toBe(strings.config.tooSmall(64));
    expect(by('logs.keepDays')).toBe(strings.config.tooSmall(1));
    expect(by('logs.maxTotalMb')).toBe(strings.config.notInteger);
    expect(issues.some((i) => i.message.includes('rotate'))).toBe(true);
  });

  it('refuses a total cap below one file', () => {
    const parsed = parseConfigText('{ "logs": { "maxFileKb": 4096, "maxTotalMb": 3 } }');
    expect(parsed.ok ? [] : parsed.issues).toEqual([{ field: 'logs.maxTotalMb', message: strings.logs.validation.totalBelowFile }]);
  });
});
