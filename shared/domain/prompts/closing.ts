import { atTimeOfDay, formatTimeOfDay, MINUTE_MS } from '../service-day/time';

/**
 * 延时服务 (Guandu 7.1, Zhumadian 28): after closing time a case in progress
 * is finished, never cut off; the terminal only says so and records the
 * time (the day summary counts it). Pure: `now` is passed in.
 *
 * The notice shows from closing time while a case is open. Its minutes run
 * from closing time, or from the case's opening when it was opened after
 * closing, so they match what the summary will record.
 */
export interface ExtendedServiceNotice {
  /** Local HH:MM the extended service began. */
  since: string;
  minutes: number;
}

export function extendedServiceNotice(closingTime: string, now: Date, openCase: { openedAt: string } | null | undefined): ExtendedServiceNotice | null {
  if (!openCase) return null;
  const closing = atTimeOfDay(now, closingTime).getTime();
  if (now.getTime() < closing) return null;
  const opened = Date.parse(openCase.openedAt);
  const start = Number.isNaN(opened) ? closing : Math.max(closing, Math.min(opened, now.getTime()));
  return { since: formatTimeOfDay(new Date(start)), minutes: Math.floor((now.getTime() - start) / MINUTE_MS) };
}
