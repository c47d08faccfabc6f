/** Dates and times as the lead reads them (local time of the counter PC). */
import { localIsoDate } from '../../shared/domain/calendar/iso-date';
import { formatTimeOfDay } from '../../shared/domain/service-day/time';

export function today(now: Date = new Date()): string {
  return localIsoDate(now);
}

export function dateTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${localIsoDate(d)} ${formatTimeOfDay(d)}`;
}

/** The message of a failed request (CounterApiError messages are Chinese already). */
export function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}
