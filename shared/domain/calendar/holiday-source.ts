import { getDayDetail } from 'chinese-days';
import type { IsoDate } from './iso-date';

/** A day the official arrangement treats differently from its weekday. */
export interface SpecialDay {
  kind: 'holiday' | 'makeUpWorkday';
  /** Festival name, e.g. 春节. */
  name: string;
}

/** The State Council's yearly holiday arrangement, as some package knows it. */
export interface HolidaySource {
  /** Whether the arrangement of this year is known. Days of other years are guessed from the weekday. */
  covers(year: number): boolean;
  /** Holiday or make-up working day on this date; null for an ordinary day. */
  special(date: IsoDate): SpecialDay | null;
}

/**
 * chinese-days takes a local Date here, not a string: it reads strings as
 * UTC midnight and then works in local time, which shifts days anywhere west
 * of UTC. (Its own table is built the same way, so west of UTC the whole
 * table is off by a day; the coverage probe below then reports every year as
 * not covered, and deadlines carry a warning instead of a wrong date.)
 */
function detail(date: IsoDate): { work: boolean; name: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return getDayDetail(new Date(y, m - 1, d));
}

const coverage = new Map<number, boolean>();

export const chineseDaysSource: HolidaySource = {
  covers(year) {
    let known = coverage.get(year);
    if (known === undefined) {
      // 1 January (元旦) is a statutory holiday every year. For a year the
      // package has no arrangement for, it silently answers by weekday, so
      // 1 January comes back as an ordinary day: that is the tell.
      const day = detail(`${String(year).padStart(4, '0')}-01-01`);
      known = !day.work && day.name.includes('元旦');
      coverage.set(year, known);
    }
    return known;
  },
  special(date) {
    const day = detail(date);
    // Named entries look like "Spring Festival,春节,4"; ordinary days carry the English weekday.
    const parts = day.name.split(',');
    if (parts.length < 2) return null;
    return { kind: day.work ? 'makeUpWorkday' : 'holiday', name: parts[1]! };
  },
};
