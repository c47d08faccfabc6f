import { z } from 'zod';

/**
 * What a slip says, independent of how it is drawn. The case workflow fills
 * it; the slip renderer draws it. Every field the rules require of a slip
 * (specs/acceptance.md "Slips the terminal prints") has a place here.
 */
export const SLIP_KINDS = ['receipt', 'oneTimeNotice', 'toleratedAcceptance', 'rejection'] as const;
export const SlipKindSchema = z.enum(SLIP_KINDS);
export type SlipKind = z.infer<typeof SlipKindSchema>;

export const SlipMaterialSchema = z.object({
  name: z.string().min(1),
  /** e.g. 原件 1 份、复印件 1 份 */
  form: z.string(),
  /** Receipt: count received. Notices: what is wrong and what is required. */
  detail: z.string(),
});
export type SlipMaterial = z.infer<typeof SlipMaterialSchema>;

export const SlipDataSchema = z.object({
  kind: SlipKindSchema,
  /** e.g. 示例政务〔2026〕受字第000123号 */
  number: z.string().min(1),
  caseId: z.string().min(1),
  centreName: z.string().min(1),
  windowNumber: z.string().min(1),
  officerName: z.string().min(1),
  officerStaffNumber: z.string(),
  /** Local date-time the slip is issued, ISO. */
  issuedAt: z.string(),
  applicantName: z.string().min(1),
  /** Masked unless the centre configures otherwise. */
  applicantIdNumber: z.string(),
  agentName: z.string().optional(),
  agentIdNumber: z.string().optional(),
  itemName: z.string().min(1),
  itemCode: z.string(),
  implementingBody: z.string(),
  materials: z.array(SlipMaterialSchema),
  /** Receipt: promised completion date; notices: supply deadline (YYYY-MM-DD). */
  deadline: z.string().optional(),
  /** Working-day count behind the deadline, e.g. 承诺 5 个工作日. */
  deadlineNote: z.string().optional(),
  /** Receipt: how the result is delivered and how the applicant is told. */
  delivery: z.string().optional(),
  /** Rejection: reasons in standard wording; tolerated acceptance: the commitment. */
  reasons: z.array(z.string()).default([]),
  legalBasis: z.string().optional(),
  /** Rejection outside competence: where to apply instead. */
  referral: z.string().optional(),
  /** Where to bring supplied materials (notices). */
  supplyPlace: z.string().optional(),
  supervisionPhone: z.string(),
  /** Text encoded in the QR code for progress lookup. */
  lookupCode: z.string().min(1),
  priority: z.boolean().default(false),
});
export type SlipData = z.input<typeof SlipDataSchema>;
export type ParsedSlipData = z.infer<typeof SlipDataSchema>;
