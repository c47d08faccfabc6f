import { z } from 'zod';
import { SlipSignatureStateSchema } from './signature';
import { ReferralSchema } from '../domain/catalogue/schema';
import {
  AbandonReasonSchema,
  CaseStateSchema,
  CheckResultSchema,
  CreditCheckSchema,
  DeliverySchema,
  IdTypeSchema,
  ManualEntryReasonSchema,
  NoticeEntrySchema,
  PriorityCategorySchema,
  RejectReasonSchema,
  SkipEvaluationReasonSchema,
} from '../domain/case';
import { SlipKindSchema } from '../domain/slips/slip-data';

/**
 * What the clerk can do to the case in progress. These are the case
 * events of shared/domain/case without what the service supplies itself:
 * the time, the local date, the deadlines from the working-day calendar
 * and the copy of the chosen item.
 */
const manualPerson = z
  .object({
    name: z.string().trim().min(1).max(50),
    idType: IdTypeSchema,
    idNumber: z.string().trim().min(1).max(30),
    reason: ManualEntryReasonSchema,
    text: z.string().trim().max(200).optional(),
  })
  .strict();
export type ManualPerson = z.infer<typeof manualPerson>;

export const CaseActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), ticket: z.string().trim().max(20).optional(), priority: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('identifyManually'), person: manualPerson }).strict(),
  z.object({ type: z.literal('setAgentManually'), person: manualPerson }).strict(),
  /** The next card read is the agent's (代办人), not the applicant's. */
  z.object({ type: z.literal('expectAgentCard'), on: z.boolean() }).strict(),
  z.object({ type: z.literal('clearAgent') }).strict(),
  z
    .object({ type: z.literal('setPriority'), priority: z.boolean(), reason: z.string().trim().max(100).optional(), category: PriorityCategorySchema.optional() })
    .strict(),
  z.object({ type: z.literal('setContactPhone'), phone: z.string().max(40) }).strict(),
  z.object({ type: z.literal('setDelivery'), delivery: DeliverySchema }).strict(),
  z.object({ type: z.literal('chooseItem'), itemCode: z.string().min(1).max(24) }).strict(),
  z.object({ type: z.literal('checkMaterial'), materialId: z.string().min(1), result: CheckResultSchema }).strict(),
  z.object({ type: z.literal('accept') }).strict(),
  z.object({ type: z.literal('acceptTolerated'), commitmentSigned: z.boolean(), creditCheck: CreditCheckSchema }).strict(),
  z.object({ type: z.literal('notifyOnce') }).strict(),
  z
    .object({ type: z.literal('reject'), reason: RejectReasonSchema, text: z.string().trim().max(500).default(''), referral: ReferralSchema.optional() })
    .strict(),
  z.object({ type: z.literal('withdrawDecision') }).strict(),
  z.object({ type: z.literal('skipEvaluation'), reason: SkipEvaluationReasonSchema, text: z.string().trim().max(200).optional() }).strict(),
  z.object({ type: z.literal('close') }).strict(),
  z.object({ type: z.literal('abandon'), reason: AbandonReasonSchema, text: z.string().trim().max(200).optional() }).strict(),
]);
export type CaseAction = z.input<typeof CaseActionSchema>;

export const ReadinessSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

export const SlipSummarySchema = z.object({
  id: z.number().int(),
  kind: SlipKindSchema,
  number: z.string(),
  issuedAt: z.string(),
  copy: z.number().int(),
  paper: z.enum(['a4', 'receipt80']),
  /** Print status of its latest job: queued / printing / done / failed, or none when no printer is configured. */
  print: z.object({ status: z.string(), message: z.string() }),
  /** Whether the applicant signed it (签名), a reason was recorded instead, or neither (a slip that needs none). */
  signature: SlipSignatureStateSchema.default('none'),
});
export type SlipSummary = z.infer<typeof SlipSummarySchema>;

/** The workflow part of a case view; ID numbers in `state` are masked. */
export const CaseFlowViewSchema = z.object({
  state: CaseStateSchema,
  /** Which decisions the material check allows now (null before an item is chosen). */
  assessment: z.object({ accept: ReadinessSchema, tolerate: ReadinessSchema, notify: ReadinessSchema }).nullable(),
  /** What a one-time notice would list now: every missing and defective material. */
  noticePreview: z.array(NoticeEntrySchema),
  /** The next card read fills the agent. */
  expectingAgentCard: z.boolean(),
  slips: z.array(SlipSummarySchema),
});
export type CaseFlowView = z.infer<typeof CaseFlowViewSchema>;

export const CaseActionResultSchema = z.object({
  ok: z.boolean(),
  /** Why it was refused (Chinese), or a note for the clerk (e.g. a calendar warning). */
  message: z.string(),
});

export const ItemSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  department: z.string(),
  handling: z.enum(['immediate', 'promised']),
  promisedDays: z.number(),
  promisedUnit: z.enum(['workingDays', 'naturalDays']),
  materialCount: z.number(),
  referral: z.string().nullable(),
});
export type ItemSummary = z.infer<typeof ItemSummarySchema>;

/** Case history (the window's past cases): query and rows, masked numbers only. */
export const HistoryQuerySchema = z
  .object({
    text: z.string().trim().max(60).optional(),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    outcome: z.enum(['accept', 'tolerate', 'notify', 'reject', 'abandoned', 'open']).optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();

export const HistoryRowSchema = z.object({
  id: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  phase: z.string().nullable(),
  status: z.string(),
  outcome: z.string().nullable(),
  applicantName: z.string().nullable(),
  applicantIdMasked: z.string().nullable(),
  itemName: z.string().nullable(),
  itemCode: z.string().nullable(),
  slips: z.array(z.object({ id: z.number(), kind: z.string(), number: z.string(), copy: z.number(), signature: SlipSignatureStateSchema.default('none') })),
  /**
   * The materials photographed with the document camera (issue 11), in the catalogue's order: pages kept and the
   * time of the last capture. purged: the images are gone (retention captureDays); what was captured stays said.
   */
  captures: z
    .array(z.object({ materialId: z.string(), materialName: z.string(), pages: z.number().int().nonnegative(), capturedAt: z.string(), purged: z.boolean() }))
    .optional(),
});
export type HistoryRowView = z.infer<typeof HistoryRowSchema>;

export const DayCountsSchema = z.object({
  date: z.string(),
  total: z.number(),
  accept: z.number(),
  tolerate: z.number(),
  notify: z.number(),
  reject: z.number(),
  abandoned: z.number(),
  open: z.number(),
});
export type DayCountsView = z.infer<typeof DayCountsSchema>;
