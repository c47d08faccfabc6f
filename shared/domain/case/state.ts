import { z } from 'zod';
import { ReferralSchema, ServiceItemSchema } from '../catalogue/schema';
import { isIsoDate } from '../calendar/iso-date';
import {
  AbandonReasonSchema,
  CHECK_STATUSES,
  DefectSchema,
  IdTypeSchema,
  ManualEntryReasonSchema,
  PriorityCategorySchema,
  RatingSchema,
  RejectReasonSchema,
  SkipEvaluationReasonSchema,
} from './vocabulary';

/**
 * The state of one case, as plain JSON: the service stores it after every
 * transition and reads it back on restart, checking it against this schema
 * (a row damaged outside the app must not crash the counter). The chosen
 * item is kept as a copy, so a catalogue change later never alters an open
 * case or the slip it leads to.
 */

const isoDate = z.string().refine(isIsoDate);
/** An instant, as the service's clock gives it (ISO 8601). */
const instant = z.string().min(1);

/** The applicant or an agent (代办人). Full ID number: it stays on this machine. */
export const PersonSchema = z
  .object({
    name: z.string().trim().min(1).max(50),
    idType: IdTypeSchema,
    idNumber: z.string().trim().min(1).max(30),
    entry: z.discriminatedUnion('method', [
      z.object({ method: z.literal('idCard'), reader: z.string().max(60) }).strict(),
      z.object({ method: z.literal('manual'), reason: ManualEntryReasonSchema, text: z.string().trim().max(200).optional() }).strict(),
    ]),
  })
  .strict();
export type Person = z.infer<typeof PersonSchema>;

export const DeliverySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('window') }).strict(),
  z.object({ method: z.literal('locker') }).strict(),
  z.object({ method: z.literal('post'), address: z.string().trim().max(200), recipient: z.string().trim().max(50).optional() }).strict(),
]);
export type Delivery = z.infer<typeof DeliverySchema>;

/** What the clerk found for one material; `defect` only when defective. */
export const CheckResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.enum(CHECK_STATUSES.filter((c) => c !== 'defective') as ['pending', 'received', 'missing', 'notApplicable']) }).strict(),
  z.object({ status: z.literal('defective'), defect: DefectSchema, text: z.string().trim().max(200).optional() }).strict(),
]);
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const MaterialCheckSchema = z.object({ materialId: z.string(), result: CheckResultSchema }).strict();
export type MaterialCheck = z.infer<typeof MaterialCheckSchema>;

/** One line of a one-time notice: a material to supply or correct, why, and what is required. */
export const NoticeEntrySchema = z
  .object({
    materialId: z.string(),
    name: z.string(),
    problem: z.enum(['missing', 'defective']),
    defect: DefectSchema.optional(),
    /** What is wrong, in the standard wording: 缺少 / 未签字 / … */
    detail: z.string(),
    /** What the applicant must bring: form, originals/copies, signature/seal, filling notes. */
    requirement: z.string(),
    tolerable: z.boolean(),
  })
  .strict();
export type NoticeEntry = z.infer<typeof NoticeEntrySchema>;

const decisionBase = { at: instant, on: isoDate, warnings: z.array(z.string()) };

export const DecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept'), ...decisionBase, promisedDate: isoDate }).strict(),
  z
    .object({
      kind: z.literal('tolerate'),
      ...decisionBase,
      promisedDate: isoDate,
      supplyDeadline: isoDate,
      /** The applicant signed the 容缺受理承诺书. */
      commitmentSigned: z.literal(true),
      creditCheck: z.enum(['clear', 'notRequired']),
      notice: z.array(NoticeEntrySchema),
    })
    .strict(),
  z.object({ kind: z.literal('notify'), ...decisionBase, supplyDeadline: isoDate, notice: z.array(NoticeEntrySchema) }).strict(),
  z
    .object({
      kind: z.literal('reject'),
      ...decisionBase,
      reason: RejectReasonSchema,
      text: z.string(),
      referral: ReferralSchema.nullable(),
      /** Made by choosing an item this window does not handle, not by the clerk's decision. */
      automatic: z.boolean(),
    })
    .strict(),
]);
export type Decision = z.infer<typeof DecisionSchema>;

export const SlipRecordSchema = z
  .object({
    number: z.string().min(1),
    printedAt: instant,
    /** When each reprint was made; reprints are recorded, never silent. */
    reprints: z.array(instant),
  })
  .strict();

export const EvaluationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rated'), at: instant, rating: RatingSchema, comment: z.string().trim().max(500).optional() }).strict(),
  z.object({ kind: z.literal('skipped'), at: instant, reason: SkipEvaluationReasonSchema, text: z.string().trim().max(200).optional() }).strict(),
  /**
   * How a rating appears in the clerk's view of the case when ratings are
   * confidential (evaluation.md: who rated what stays hidden from the clerk):
   * that it arrived, not the level. Made only by the view; never stored, and
   * no transition produces it.
   */
  z.object({ kind: z.literal('withheld'), at: instant }).strict(),
]);

const base = {
  caseId: z.string().min(1),
  openedAt: instant,
  updatedAt: instant,
  /** Queue ticket (取号) when the citizen came through the queue. */
  ticket: z.string().nullable(),
  /** 绿色通道 / 优先办理. `category` is absent in cases stored before it existed (see priorityCategoryOf). */
  priority: z.object({ on: z.boolean(), reason: z.string().nullable(), category: PriorityCategorySchema.nullable().optional() }).strict(),
  agent: PersonSchema.nullable(),
  contactPhone: z.string().nullable(),
  delivery: DeliverySchema.nullable(),
};
const withApplicant = { ...base, applicant: PersonSchema };
const withItem = { ...withApplicant, item: ServiceItemSchema, checks: z.array(MaterialCheckSchema) };
const withDecision = { ...withItem, decision: DecisionSchema };
const withSlip = { ...withDecision, slip: SlipRecordSchema };
const withEvaluation = { ...withSlip, evaluation: EvaluationSchema };

export const CaseStateSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('started'), ...base, applicant: z.null() }).strict(),
  z.object({ phase: z.literal('identified'), ...withApplicant }).strict(),
  z.object({ phase: z.literal('materialCheck'), ...withItem }).strict(),
  z.object({ phase: z.literal('decided'), ...withDecision }).strict(),
  z.object({ phase: z.literal('slipPrinted'), ...withSlip }).strict(),
  z.object({ phase: z.literal('evaluated'), ...withEvaluation }).strict(),
  z.object({ phase: z.literal('closed'), ...withEvaluation, closedAt: instant }).strict(),
  z
    .object({
      phase: z.literal('abandoned'),
      ...base,
      applicant: PersonSchema.nullable(),
      item: ServiceItemSchema.nullable(),
      checks: z.array(MaterialCheckSchema),
      abandon: z
        .object({
          at: instant,
          reason: AbandonReasonSchema,
          text: z.string().trim().max(200).optional(),
          fromPhase: z.enum(['started', 'identified', 'materialCheck', 'decided']),
        })
        .strict(),
    })
    .strict(),
]);
export type CaseState = z.infer<typeof CaseStateSchema>;
export type CaseStateOf<P extends CaseState['phase']> = Extract<CaseState, { phase: P }>;

/** Reads a stored state back; null when it is not a valid case state. */
export function parseCaseState(json: unknown): CaseState | null {
  const parsed = CaseStateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
