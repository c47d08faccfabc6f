import { z } from 'zod';
import { strings } from '../../i18n';
import { isIsoDate, type IsoDate } from './iso-date';

const s = strings.calendar;

/**
 * A centre's own calendar changes: local holidays (广西三月三 …), days the
 * centre opens or closes, and the arrangement of a year the holiday package
 * does not know yet, entered from the State Council notice. A year listed in
 * `completeYears` has been entered in full and no longer draws the
 * "not covered" warning.
 */
export const CalendarOverridesSchema = z
  .object({
    version: z.literal(1).default(1),
    completeYears: z.array(z.number().int().min(2000).max(2100)).default([]),
    days: z
      .array(
        z
          .object({
            date: z.string().refine(isIsoDate, s.badDate),
            /** holiday: the centre is closed; workday: the centre is open (e.g. a 调休 make-up day). */
            kind: z.enum(['holiday', 'workday']),
            note: z.string().trim().min(1).max(40).optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<IsoDate>();
    value.days.forEach((day, i) => {
      if (seen.has(day.date)) ctx.addIssue({ code: 'custom', message: s.duplicateDate(day.date), path: ['days', i, 'date'] });
      seen.add(day.date);
    });
  });
export type CalendarOverrides = z.infer<typeof CalendarOverridesSchema>;
export type CalendarOverridesInput = z.input<typeof CalendarOverridesSchema>;

export const NO_OVERRIDES: CalendarOverrides = { version: 1, completeYears: [], days: [] };
