/**
 * Clock arithmetic of the service day. Times of day (HH:MM) are local time of
 * the counter PC; instants are ISO strings or epoch milliseconds. Pure: the
 * caller passes "now".
 */
import { TIME_OF_DAY_PATTERN } from '../../contract/service-day';

export const MINUTE_MS = 60_000;

export function isTimeOfDay(text: string): boolean {
  return TIME_OF_DAY_PATTERN.test(text);
}

/** 09:30 → 570. Throws on a malformed time (callers validate first). */
export function minutesOfDay(time: string): number {
  const match = TIME_OF_DAY_PATTERN.exec(time);
  if (!match) throw new RangeError(`not a time of day: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The instant at `time` (local) on the local calendar day of `day`. */
export function atTimeOfDay(day: Date, time: string): Date {
  const minutes = minutesOfDay(time);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(minutes / 60), minutes % 60, 0, 0);
}

/** Local calendar day as YYYY-MM-DD: the calendar's own local date, under the name the service day keys sessions by. */
export { localIsoDate as localDayKey } from '../calendar/iso-date';

/** Local HH:MM of an instant. */
export function formatTimeOfDay(instant: Date): string {
  return `${String(instant.getHours()).padStart(2, '0')}:${String(instant.getMinutes()).padStart(2, '0')}`;
}

/** Half-open span of time [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

export function interval(start: string | number | Date, end: string | number | Date): Interval {
  return { start: toMs(start), end: toMs(end) };
}

export function toMs(instant: string | number | Date): number {
  return typeof instant === 'number' ? instant : new Date(instant).getTime();
}

/** Sorted, non-overlapping, non-empty spans covering the same time as the input. */
export function union(spans: readonly Interval[]): Interval[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** The parts of `spans` inside `window`. */
export function clip(spans: readonly Interval[], window: Interval): Interval[] {
  return union(spans.map((s) => ({ start: Math.max(s.start, window.start), end: Math.min(s.end, window.end) })));
}

/** The parts of `spans` not covered by `holes`. */
export function subtract(spans: readonly Interval[], holes: readonly Interval[]): Interval[] {
  let rest = union(spans);
  for (const hole of union(holes)) {
    rest = rest.flatMap((s) => {
      if (hole.end <= s.start || hole.start >= s.end) return [s];
      const parts: Interval[] = [];
      if (hole.start > s.start) parts.push({ start: s.start, end: hole.start });
      if (hole.end < s.end) parts.push({ start: hole.end, end: s.end });
      return parts;
    });
  }
  return rest;
}

export function totalMs(spans: readonly Interval[]): number {
  return union(spans).reduce((sum, s) => sum + (s.end - s.start), 0);
}

/** Whole minutes, rounded to the nearest (30 s rounds up). */
export function toMinutes(ms: number): number {
  return Math.round(Math.max(0, ms) / MINUTE_MS);
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}
