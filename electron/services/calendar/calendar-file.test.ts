import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../../shared/domain/calendar';
import { CALENDAR_FILE, loadCalendarOverrides } from './calendar-file';
import { tempDir } from '../../../test/support/temp-dir';

const dir = () => tempDir('counter-cal-');

describe('loadCalendarOverrides', () => {
  it('uses no overrides when the centre has no file', () => {
    expect(loadCalendarOverrides(dir())).toEqual({ overrides: { version: 1, completeYears: [], days: [] }, issues: [] });
  });

  it('applies a centre holiday to deadline arithmetic', () => {
    const d = dir();
    writeFileSync(join(d, CALENDAR_FILE), JSON.stringify({ days: [{ date: '2026-11-24', kind: 'holiday', note: '本地节日' }] }));
    const { overrides, issues } = loadCalendarOverrides(d);
    expect(issues).toEqual([]);
    // Mon 11/23 + 1 working day: Tue 11/24 is closed here, so Wed 11/25.
    expect(addWorkingDays('2026-11-23', 1, overrides).date).toBe('2026-11-25');
    expect(addWorkingDays('2026-11-23', 1).date).toBe('2026-11-24');
  });

  it('reports a broken file in Chinese and applies none of it', () => {
    const d = dir();
    writeFileSync(join(d, CALENDAR_FILE), JSON.stringify({ days: [{ date: '2026-13-01', kind: 'holiday' }, { date: '2026-11-24', kind: 'closed' }] }));
    const { overrides, issues } = loadCalendarOverrides(d);
    expect(overrides.days).toEqual([]);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toBe('calendar.json · days.0.date：日期应为 YYYY-MM-DD 格式的有效日期（整个文件已忽略）');
    expect(issues[1]).toMatch(/^calendar\.json · days\.1\.kind：取值无效/);
  });

  it('reports a file that is not JSON', () => {
    const d = dir();
    writeFileSync(join(d, CALENDAR_FILE), '{');
    expect(loadCalendarOverrides(d).issues[0]).toMatch(/^本中心节假日调整文件 calendar\.json 无法读取/);
  });
});
