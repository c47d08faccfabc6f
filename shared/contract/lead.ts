import { z } from 'zod';
import { PIN_PATTERN, STAFF_NO_PATTERN } from '../domain/lead/pin-format';
import { SlipKindSchema } from '../domain/slips/slip-data';
import { strings } from '../i18n';
import { staffAccountListSchema, staffAccountSchema } from './staff-accounts';
import { CLERK_ONLY } from './roles';

/**
 * 组长 (window lead): who may see the statistics, work the 差评 follow-ups
 * and export ratings. The clerk's screen keeps rating levels confidential;
 * these tools show them, so they open only after a lead's staff number and
 * PIN, for one connection, until 退出 or idle minutes pass.
 */

const l = strings.lead;

export const LeadAccountSchema = staffAccountSchema(STAFF_NO_PATTERN, l.config);
export type LeadAccount = z.infer<typeof LeadAccountSchema>;

export const LeadConfigSchema = z
  .object({
    accounts: staffAccountListSchema(STAFF_NO_PATTERN, l.config, 50),
    /** The lead view locks itself after this long without a request. */
    idleMinutes: z.number().int().min(1).max(120).default(10),
    /** Wrong PINs in a row for one staff number before it is locked out. */
    maxFailures: z.number().int().min(3).max(20).default(5),
    lockoutMinutes: z.number().int().min(1).max(120).default(5),
  })
  .strict();
export type LeadConfig = z.infer<typeof LeadConfigSchema>;

export const LeadViewSchema = z.object({ staffNo: z.string(), name: z.string() });

export const LeadSessionSchema = z.object({
  /** Some lead account exists on this counter. */
  configured: z.boolean(),
  /** The lead this connection unlocked, or null. */
  lead: LeadViewSchema.nullable(),
  idleMinutes: z.number().int(),
});
export type LeadSession = z.infer<typeof LeadSessionSchema>;

export const UnlockLeadParamsSchema = z
  .object({
    staffNo: z.string().trim().min(1).max(20),
    // Format only: a wrong PIN of the right shape is the gate's business (and counts as a failure).
    pin: z.string().regex(PIN_PATTERN, l.gate.badPin),
  })
  .strict();

export const UnlockLeadResultSchema = z.object({ ok: z.boolean(), message: z.string(), session: LeadSessionSchema });

export const SaveExportParamsSchema = z.object({ fileName: z.string().min(1).max(120) }).strict();
export const SaveExportResultSchema = z.object({ ok: z.boolean(), message: z.string(), path: z.string().nullable() });

/** A slip number recorded void (作废): taken, but no slip went out under it (electron/services/slips/slip-numbers.ts). */
export const VoidSlipNumberSchema = z.object({
  number: z.string(),
  /** Null for a number taken before numbers were recorded (found unused on upgrade). */
  caseId: z.string().nullable(),
  kind: SlipKindSchema.nullable(),
  takenAt: z.string(),
  voidedAt: z.string(),
  /** Why, in Chinese (a render or archive failure, a locked database, 程序中断，未出具 …). */
  reason: z.string(),
  /** Where the failed attempt's PDF was moved aside (relative to archive/), or null when it left none. */
  pdfSetAside: z.string().nullable(),
});
export type VoidSlipNumber = z.infer<typeof VoidSlipNumberSchema>;
export const VoidSlipNumbersSchema = z.object({ total: z.number().int(), numbers: z.array(VoidSlipNumberSchema) });
export type VoidSlipNumbers = z.infer<typeof VoidSlipNumbersSchema>;

/** Methods of the lead's view beyond ratings; lead only (the handler asks the lead gate, like the others). */
export const leadSlipMethods = {
  /** Lead: the void slip numbers, newest first (the latest 500, with the total). */
  listVoidSlipNumbers: { params: z.object({}).strict(), result: VoidSlipNumbersSchema, roles: CLERK_ONLY },
} as const;
