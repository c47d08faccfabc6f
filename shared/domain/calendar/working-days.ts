import { strings } from '../../i18n';
import type { ServiceItem, TimeLimit } from '../catalogue/schema';
import { chineseDaysSource, type HolidaySource } from './holiday-source';
import { addDays, isWeekend, yearOf, type IsoDate } from './iso-date';
import { NO_OVERRIDES, type CalendarOverrides } from './overrides';

const s = strings.calendar;

/**
 * Working days as 行政许可法 art. 82 counts them: weekends and statutory
 * holidays are skipped, the announced make-up days (调休) are working days.
 * The centre's overrides win over the package.
 */

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeUpWorkday' | 'centreHoliday' | 'centreWorkday';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  /** Festival name or the centre's note, when there is one. */
  name?: string;
  /** False when neither the package nor the centre knows this year's arrangement: the answer is a guess by weekday. */
  covered: boolean;
}

export interface CalendarWarning {
  kind: 'notCovered';
  year: number;
  message: string;
}

export interface DeadlineResult {
  date: IsoDate;
  warnings: CalendarWarning[];
}

/** Supply deadline for a one-time notice when the centre configures none. */
export const DEFAULT_SUPPLY_DAYS = 5;

export function isYearCovered(year: number, overrides: CalendarOverrides = NO_OVERRIDES, source: HolidaySource = chineseDaysSource): boolean {
  return overrides.completeYears.includes(year) || source.covers(year);
}

export function dayInfo(date: IsoDate, overrides: CalendarOverrides = NO_OVERRIDES, source: HolidaySource = chineseDaysSource): DayInfo {
  const covered = isYearCovered(yearOf(date), overrides, source);
  const own = overrides.days.find((d) => d.date === date);
  if (own) {
    const base = { date, covered, ...(own.note ? { name: own.note } : {}) };
    return own.kind === 'holiday' ? { ...base, working: false, kind: 'centreHoliday' } : { ...base, working: true, kind: 'centreWorkday' };
  }
  // For a year the package does not know, its answer is the weekday rule anyway; asking is harmless.
  const special = source.covers(yearOf(date)) ? source.special(date) : null;
  if (special) return { date, covered, working: special.kind === 'makeUpWorkday', kind: special.kind, name: special.name };
  return isWeekend(date) ? { date, covered, working: false, kind: 'weekend' } : { date, covered, working: true, kind: 'weekday' };
}

export function isWorkingDay(date: IsoDate, overrides?: CalendarOverrides, source?: HolidaySource): boolean {
  return dayInfo(date, overrides, source).working;
}

/** One warning per uncovered year among the days a deadline was counted over. */
function warningsFor(days: readonly DayInfo[]): CalendarWarning[] {
  const years = [...new Set(days.filter((d) => !d.covered).map((d) => yearOf(d.date)))].sort((a, b) => a - b);
  return years.map((year) => ({ kind: 'notCovered', year, message: s.notCovered(year) }));
}

// A centre override marking years on end as holidays must not hang the counter.
const MAX_SCAN_DAYS = 3660;

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 3650) throw new RangeError(`day count must be a whole number 0–3650: ${n}`);
}

/**
 * The n-th working day after `date`. The start day itself is not counted
 * (民法典 art. 201: a period starts the next day); n = 0 is the same day.
 */
export function addWorkingDays(date: IsoDate, n: number, overrides?: CalendarOverrides, source?: HolidaySource): DeadlineResult {
  checkCount(n);
  const seen: DayInfo[] = [];
  let current = date;
  let counted = 0;
  while (counted < n) {
    if (seen.length > MAX_SCAN_DAYS) throw new RangeError(`no ${n} working days within ${MAX_SCAN_DAYS} days of ${date}`);
    current = addDays(current, 1);
    const info = dayInfo(current, overrides, source);
    seen.push(info);
    if (info.working) counted++;
  }
  return { date: current, warnings: warningsFor(seen) };
}

/**
 * `date` plus n calendar days; when that day is a holiday or weekend the
 * period ends on the next working day (民法典 art. 203).
 */
export function addNaturalDays(date: IsoDate, n: number, overrides?: CalendarOverrides, source?: HolidaySource): DeadlineResult {
  checkCount(n);
  if (n === 0) return { date, warnings: [] };
  let current = addDays(date, n);
  const seen = [dayInfo(current, overrides, source)];
  while (!seen[seen.length - 1]!.working) {
    if (seen.length > MAX_SCAN_DAYS) throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days after ${current}`);
    current = addDays(current, 1);
    seen.push(dayInfo(current, overrides, source));
  }
  return { date: current, warnings: warningsFor(seen) };
}

/** The end of a time limit counted from `date`, in its own unit. */
export function addTimeLimit(date: IsoDate, limit: TimeLimit, overrides?: CalendarOverrides, source?: HolidaySource): DeadlineResult {
  return limit.unit === 'workingDays'
    ? addWorkingDays(date, limit.days, overrides, source)
    : addNaturalDays(date, limit.days, overrides, source);
}

/** The completion date promised on the receipt: the day of acceptance for 即办件. */
export function promisedCompletionDate(
  acceptedOn: IsoDate,
  item: Pick<ServiceItem, 'handling' | 'promisedLimit'>,
  overrides?: CalendarOverrides,
  source?: HolidaySource,
): DeadlineResult {
  if (item.handling === 'immediate') return { date: acceptedOn, warnings: [] };
  return addTimeLimit(acceptedOn, item.promisedLimit, overrides, source);
}

/** The date by which the applicant must bring what a one-time notice lists. */
export function supplyDeadline(
  notifiedOn: IsoDate,
  workingDays: number = DEFAULT_SUPPLY_DAYS,
  overrides?: CalendarOverrides,
  source?: HolidaySource,
): DeadlineResult {
  return addWorkingDays(notifiedOn, workingDays, overrides, source);
}

/**
 * The supply deadline of a 容缺受理: the centre's usual period, cut back to
 * the item's promised completion date, which it may not exceed
 * (specs/acceptance.md, tolerated acceptance).
 */
export function toleranceDeadline(
  acceptedOn: IsoDate,
  item: Pick<ServiceItem, 'handling' | 'promisedLimit'>,
  workingDays: number = DEFAULT_SUPPLY_DAYS,
  overrides?: CalendarOverrides,
  source?: HolidaySource,
): DeadlineResult {
  const supply = supplyDeadline(acceptedOn, workingDays, overrides, source);
  const promised = promisedCompletionDate(acceptedOn, item, overrides, source);
  return supply.date <= promised.date ? supply : promised;
}
