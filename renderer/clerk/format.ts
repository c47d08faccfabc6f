import { strings } from '../../shared/i18n';

/** The value a card carries in validTo for a card without expiry (data, not UI text). */
const CARD_LONG_TERM = '长期';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 19900101 → 1990年01月01日; anything else is shown as received. */
export function formatCardDate(yyyymmdd: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!match) return yyyymmdd;
  return strings.clerkScreen.date(match[1] ?? '', match[2] ?? '', match[3] ?? '');
}

/** A card's validity: 2015年01月01日 至 2035年01月01日, or … 至 长期. */
export function formatValidity(validFrom: string, validTo: string): string {
  const to = validTo.trim() === CARD_LONG_TERM ? strings.case.longTerm : formatCardDate(validTo);
  return strings.clerkScreen.validityRange(formatCardDate(validFrom), to);
}

export function formatLocalDate(date: Date): string {
  return strings.clerkScreen.date(String(date.getFullYear()), pad2(date.getMonth() + 1), pad2(date.getDate()));
}

export function formatLocalTime(date: Date): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

export function formatWeekday(date: Date): string {
  return strings.clerkScreen.weekdays[date.getDay()] ?? '';
}

/** An ISO timestamp in local time: 2025年11月23日 13:45:02; unparsable input as received. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return strings.clerkScreen.dateTime(formatLocalDate(date), formatLocalTime(date));
}
