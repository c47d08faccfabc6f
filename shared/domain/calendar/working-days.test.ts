import { describe, expect, it } from 'vitest';
import { addDays, isWeekend } from './iso-date';
import type { HolidaySource } from './holiday-source';
import { CalendarOverridesSchema, type CalendarOverridesInput } from './overrides';
import {
  addNaturalDays,
  addWorkingDays,
  dayInfo,
  isWorkingDay,
  isYearCovered,
  promisedCompletionDate,
  supplyDeadline,
  toleranceDeadline,
} from './working-days';

/**
 * The State Council's arrangements, typed in from the notices themselves
 * (not from the package under test):
 *  - 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）
 *  - 国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）
 */
const range = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
};

const OFFICIAL: Record<number, { holidays: string[]; makeUpDays: string[] }> = {
  2025: {
    holidays: [
      '2025-01-01', // 元旦：1月1日（周三）放假1天，不调休
      ...range('2025-01-28', '2025-02-04'), // 春节：1月28日至2月4日，共8天
      ...range('2025-04-04', '2025-04-06'), // 清明节：4月4日至6日
      ...range('2025-05-01', '2025-05-05'), // 劳动节：5月1日至5日
      ...range('2025-05-31', '2025-06-02'), // 端午节：5月31日至6月2日
      ...range('2025-10-01', '2025-10-08'), // 国庆节、中秋节：10月1日至8日，共8天
    ],
    // 1月26日（周日）、2月8日（周六）、4月27日（周日）、9月28日（周日）、10月11日（周六）上班
    makeUpDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ...range('2026-01-01', '2026-01-03'), // 元旦：1月1日（周四）至3日（周六）
      ...range('2026-02-15', '2026-02-23'), // 春节：2月15日至23日，共9天
      ...range('2026-04-04', '2026-04-06'), // 清明节：4月4日至6日
      ...range('2026-05-01', '2026-05-05'), // 劳动节：5月1日至5日
      ...range('2026-06-19', '2026-06-21'), // 端午节：6月19日至21日
      ...range('2026-09-25', '2026-09-27'), // 中秋节：9月25日至27日
      ...range('2026-10-01', '2026-10-07'), // 国庆节：10月1日至7日
    ],
    // 1月4日（周日）、2月14日（周六）、2月28日（周六）、5月9日（周六）、9月20日（周日）、10月10日（周六）上班
    makeUpDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** What the notice says of a day: make-up days work, holidays rest, otherwise the weekday decides. */
function officiallyWorking(date: string, year: number): boolean {
  const notice = OFFICIAL[year]!;
  if (notice.makeUpDays.includes(date)) return true;
  if (notice.holidays.includes(date)) return false;
  return !isWeekend(date);
}

const overrides = (input: CalendarOverridesInput) => CalendarOverridesSchema.parse(input);

describe('the calendar against the State Council notices', () => {
  for (const year of [2025, 2026]) {
    it(`agrees with the ${year} notice on every day of the year`, () => {
      const disagreements = range(`${year}-01-01`, `${year}-12-31`).filter((d) => isWorkingDay(d) !== officiallyWorking(d, year));
      expect(disagreements).toEqual([]);
    });

    it(`labels ${year}'s holidays and make-up days as such, and knows the year`, () => {
      expect(isYearCovered(year)).toBe(true);
      for (const d of OFFICIAL[year]!.holidays) expect(dayInfo(d)).toMatchObject({ working: false, kind: 'holiday', covered: true });
      for (const d of OFFICIAL[year]!.makeUpDays) expect(dayInfo(d)).toMatchObject({ working: true, kind: 'makeUpWorkday', covered: true });
    });
  }

  it('names the festival', () => {
    expect(dayInfo('2026-02-17').name).toBe('春节');
    expect(dayInfo('2025-01-26').name).toBe('春节');
  });
});

describe('addWorkingDays', () => {
  it('does not count the start day, and counts a Sunday make-up day (2025-01-26)', () => {
    expect(addWorkingDays('2025-01-24', 1).date).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-24', 2).date).toBe('2025-01-27');
    // then the Spring Festival: 1-28 … 2-04 off
    expect(addWorkingDays('2025-01-24', 3).date).toBe('2025-02-05');
  });

  it('skips the 2025 National Day and Mid-Autumn holiday and counts 10-11 (Saturday)', () => {
    expect(addWorkingDays('2025-09-30', 1).date).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-30', 3).date).toBe('2025-10-11');
    expect(addWorkingDays('2025-09-30', 4).date).toBe('2025-10-13');
  });

  it('crosses the nine-day 2026 Spring Festival', () => {
    expect(addWorkingDays('2026-02-13', 1).date).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2).date).toBe('2026-02-24');
  });

  it('gives the same day for zero days and refuses negative or fractional counts', () => {
    expect(addWorkingDays('2026-02-15', 0)).toEqual({ date: '2026-02-15', warnings: [] });
    expect(() => addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
  });

  it('has no warnings inside covered years', () => {
    expect(addWorkingDays('2025-12-29', 20).warnings).toEqual([]);
  });
});

describe('a year the package does not know (2027)', () => {
  it('is reported as not covered, day by day', () => {
    expect(isYearCovered(2027)).toBe(false);
    // The package silently answers by weekday: 2027-01-01 (a Friday) would count as a working day.
    expect(dayInfo('2027-01-01')).toMatchObject({ covered: false, working: true, kind: 'weekday' });
  });

  it('puts a warning naming the year on a deadline that runs into it', () => {
    const result = addWorkingDays('2026-12-28', 5);
    expect(result.date).toBe('2027-01-04');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ kind: 'notCovered', year: 2027 });
    expect(result.warnings[0]!.message).toContain('2027');
  });

  it('stops warning once the centre has entered the year in full', () => {
    const centre = overrides({
      completeYears: [2027],
      days: [{ date: '2027-01-01', kind: 'holiday', note: '元旦' }],
    });
    const result = addWorkingDays('2026-12-28', 5, centre);
    expect(result.warnings).toEqual([]);
    // 12-29, 12-30, 12-31, (1-1 off), 1-4, 1-5
    expect(result.date).toBe('2027-01-05');
    expect(dayInfo('2027-01-01', centre)).toMatchObject({ working: false, kind: 'centreHoliday', name: '元旦', covered: true });
  });

  it('still warns when the centre entered single days but not the whole year', () => {
    const centre = overrides({ days: [{ date: '2027-01-01', kind: 'holiday' }] });
    expect(addWorkingDays('2026-12-28', 5, centre).warnings.map((w) => w.year)).toEqual([2027]);
  });
});

describe('centre overrides', () => {
  it('add a local holiday on a weekday and open the centre on a Saturday', () => {
    const centre = overrides({
      days: [
        { date: '2026-03-04', kind: 'holiday', note: '三月三' },
        { date: '2026-03-07', kind: 'workday' },
      ],
    });
    expect(isWorkingDay('2026-03-04')).toBe(true);
    expect(isWorkingDay('2026-03-04', centre)).toBe(false);
    expect(isWorkingDay('2026-03-07', centre)).toBe(true);
    // from Tue 03-03: (03-04 off) 03-05, 03-06, 03-07 (open Saturday)
    expect(addWorkingDays('2026-03-03', 3, centre).date).toBe('2026-03-07');
    expect(addWorkingDays('2026-03-03', 3).date).toBe('2026-03-06');
  });

  it('win over the package', () => {
    const centre = overrides({ days: [{ date: '2025-10-08', kind: 'workday', note: '值班开放' }] });
    expect(dayInfo('2025-10-08', centre)).toMatchObject({ working: true, kind: 'centreWorkday', name: '值班开放' });
  });

  it('are validated: real dates, no date twice', () => {
    const parsed = CalendarOverridesSchema.safeParse({
      days: [
        { date: '2026-02-30', kind: 'holiday' },
        { date: '2026-05-06', kind: 'holiday' },
        { date: '2026-05-06', kind: 'workday' },
      ],
    });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    expect(messages).toContain('days.0.date 日期应为 YYYY-MM-DD 格式的有效日期');
    expect(messages).toContain('days.2.date 日期 2026-05-06 重复');
  });
});

describe('natural days', () => {
  it('end on the next working day when the last day is a holiday (民法典 art. 203)', () => {
    // 2025-09-25 + 7 = 10-02, inside the National Day holiday → 10-09
    expect(addNaturalDays('2025-09-25', 7).date).toBe('2025-10-09');
    // 2026-03-02 (Mon) + 10 = 03-12 (Thu), a working day: unchanged
    expect(addNaturalDays('2026-03-02', 10).date).toBe('2026-03-12');
  });
});

describe('deadlines for the case', () => {
  it('promise the acceptance day for 即办件 and count the limit for 承诺件', () => {
    expect(promisedCompletionDate('2026-04-03', { handling: 'immediate', promisedLimit: { days: 0, unit: 'workingDays' } }).date).toBe(
      '2026-04-03',
    );
    // Fri 04-03; 04-04…04-06 清明 → 04-07 … 04-13 is the 5th working day
    expect(promisedCompletionDate('2026-04-03', { handling: 'promised', promisedLimit: { days: 5, unit: 'workingDays' } }).date).toBe(
      '2026-04-13',
    );
    expect(promisedCompletionDate('2026-04-03', { handling: 'promised', promisedLimit: { days: 3, unit: 'naturalDays' } }).date).toBe(
      '2026-04-07',
    );
  });

  it('give 5 working days to supply materials unless configured otherwise', () => {
    // Wed 04-29: 04-30, (05-01…05-05 off), 05-06, 05-07, 05-08, then the make-up Saturday 05-09
    expect(supplyDeadline('2026-04-29').date).toBe('2026-05-09');
    expect(supplyDeadline('2026-04-29', 3).date).toBe('2026-05-07');
  });

  it('cut a tolerance period back to the promised completion date', () => {
    const item = { handling: 'promised' as const, promisedLimit: { days: 3, unit: 'workingDays' as const } };
    expect(toleranceDeadline('2026-03-02', item).date).toBe('2026-03-05');
    expect(toleranceDeadline('2026-03-02', item, 2).date).toBe('2026-03-04');
  });
});

describe('with another holiday source', () => {
  /** A source that knows only 2030, with one holiday on a Monday and one Saturday make-up day. */
  const source: HolidaySource = {
    covers: (year) => year === 2030,
    special: (date) =>
      date === '2030-01-07' ? { kind: 'holiday', name: '测试' } : date === '2030-01-12' ? { kind: 'makeUpWorkday', name: '测试' } : null,
  };

  it('uses its holidays and make-up days, and warns outside its years', () => {
    expect(addWorkingDays('2030-01-04', 1, undefined, source).date).toBe('2030-01-08');
    expect(addWorkingDays('2030-01-11', 1, undefined, source).date).toBe('2030-01-12');
    expect(addWorkingDays('2030-12-30', 3, undefined, source).warnings.map((w) => w.year)).toEqual([2031]);
  });
});
