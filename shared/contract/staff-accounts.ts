import { z } from 'zod';
import { PIN_HASH_PATTERN } from '../domain/lead/pin-format';
import { strings } from '../i18n';
import { STAFF_NUMBER_PATTERN } from './service-day';

/**
 * Staff accounts set by IT in config.json: window leads (组长, `npm run
 * lead`) and window clerks (窗口工作人员, `npm run clerk`). One shape for
 * both, each list with its own wording; never the PIN itself, only its
 * scrypt hash (electron/services/accounts/pin-hash.ts).
 */

export interface StaffAccountMessages {
  staffNo: string;
  badPinHash: string;
  duplicateStaffNo: (staffNo: string) => string;
}

export function staffAccountSchema(staffNoPattern: RegExp, m: StaffAccountMessages) {
  return z
    .object({
      staffNo: z.string().regex(staffNoPattern, m.staffNo),
      name: z.string().trim().min(1).max(20),
      /** scrypt$N$r$p$salt$hash (base64), written by the IT command; never the PIN itself. */
      pinHash: z.string().regex(PIN_HASH_PATTERN, m.badPinHash),
    })
    .strict();
}

/** The accounts of one kind: at most `max`, no staff number twice. */
export function staffAccountListSchema(staffNoPattern: RegExp, m: StaffAccountMessages, max: number) {
  return z
    .array(staffAccountSchema(staffNoPattern, m))
    .max(max)
    .default([])
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((account, i) => {
        if (seen.has(account.staffNo)) ctx.addIssue({ code: 'custom', path: [i, 'staffNo'], message: m.duplicateStaffNo(account.staffNo) });
        seen.add(account.staffNo);
      });
    });
}

export type StaffAccount = z.infer<ReturnType<typeof staffAccountSchema>>;

/** Which list of config.json an account belongs to (the section's key). */
export type StaffAccountKind = 'lead' | 'clerk' | 'it';

/**
 * 窗口工作人员: who may sign in at this counter (staff number, name, PIN
 * hash). The staff number names the clerk's photo file, hence the service
 * day's pattern. Without any account, sign-in is refused and says how IT
 * sets one up.
 */
export const ClerkConfigSchema = z
  .object({
    accounts: staffAccountListSchema(STAFF_NUMBER_PATTERN, strings.credentials.clerkConfig, 200),
    /** Wrong PINs in a row for one staff number before it is locked out. */
    maxFailures: z.number().int().min(3).max(20).default(5),
    lockoutMinutes: z.number().int().min(1).max(120).default(5),
  })
  .strict();
export type ClerkConfig = z.infer<typeof ClerkConfigSchema>;
