import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarOverridesSchema, NO_OVERRIDES, type CalendarOverrides } from '../../../shared/domain/calendar';
import { strings } from '../../../shared/i18n';
import { explainDataFileError, parseJsonText, readText } from '../config/json-text';
import { describeError } from '../config/zod-issues-zh';

/** The centre's calendar changes (local holidays, a year entered from the State Council notice). */
export const CALENDAR_FILE = 'calendar.json';

export interface LoadedCalendar {
  overrides: CalendarOverrides;
  /** Problems with calendar.json in Chinese; when any, no override is applied and deadlines fall back to the package. */
  issues: string[];
}

/**
 * Reads calendar.json from the data directory. Missing: no overrides. Broken:
 * every problem reported and none of the file used — half a holiday list
 * would give wrong deadlines silently, a reported fallback does not.
 */
export function loadCalendarOverrides(dataDir: string): LoadedCalendar {
  const file = join(dataDir, CALENDAR_FILE);
  if (!existsSync(file)) return { overrides: NO_OVERRIDES, issues: [] };
  // Read like every hand-edited file: UTF-8 only (a GBK file is refused, not garbled), errors in Chinese.
  const text = readText(file);
  if (text instanceof Error) return { overrides: NO_OVERRIDES, issues: [strings.calendar.fileBroken(explainDataFileError(text).message)] };
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    return { overrides: NO_OVERRIDES, issues: [strings.calendar.fileBroken(explainDataFileError(error).message)] };
  }
  const parsed = CalendarOverridesSchema.safeParse(json, { reportInput: true });
  if (parsed.success) return { overrides: parsed.data, issues: [] };
  return { overrides: NO_OVERRIDES, issues: describeError(parsed.error).map((i) => strings.calendar.fieldIssue(i.field, i.message)) };
}
