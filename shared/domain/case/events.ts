import { z } from 'zod';
import { ReferralSchema, ServiceItemSchema } from '../catalogue/schema';
import { isIsoDate } from '../calendar/iso-date';
import { CheckResultSchema, DeliverySchema, PersonSchema } from './state';
import {
  AbandonReasonSchema,
  PriorityCategorySchema,
  CreditCheckSchema,
  RatingSchema,
  RejectReasonSchema,
  SkipEvaluationReasonSchema,
} from './vocabulary';

/**
 * What can happen to a case. Every event carries the instant it happened
 * (`at`): the state machine reads no clock. Decisions also carry the local
 * date they were made on (`on`) and the dates the service computed with the
 * working-day calendar, so the machine stays pure and checks only that they
 * are consistent.
 */

const at = z.string().min(1);
const isoDate = z.string().refine(isIsoDate);
const calendarWarnings = z.array(z.string()).default([]);

export const CaseEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('identifyApplicant'), at, applicant: PersonSchema }).strict(),
  z.object({ type: z.literal('setAgent'), at, agent: PersonSchema }).strict(),
  z.object({ type: z.literal('clearAgent'), at }).strict(),
  z
    .object({ type: z.literal('setPriority'), at, priority: z.boolean(), reason: z.string().trim().max(100).optional(), category: PriorityCategorySchema.optional() })
    .strict(),
  z.object({ type: z.literal('setContactPhone'), at, phone: z.string().max(40) }).strict(),
  z.object({ type: z.literal('setDelivery'), at, delivery: DeliverySchema }).strict(),
  z.object({ type: z.literal('chooseItem'), at, on: isoDate, item: ServiceItemSchema }).strict(),
  z.object({ type: z.literal('checkMaterial'), at, materialId: z.string(), result: CheckResultSchema }).strict(),
  z.object({ type: z.literal('accept'), at, on: isoDate, promisedDate: isoDate, warnings: calendarWarnings }).strict(),
  z
    .object({
      type: z.literal('acceptTolerated'),
      at,
      on: isoDate,
      promisedDate: isoDate,
      supplyDeadline: isoDate,
      commitmentSigned: z.boolean(),
      creditCheck: CreditCheckSchema,
      warnings: calendarWarnings,
    })
    .strict(),
  z.object({ type: z.literal('notifyOnce'), at, on: isoDate, supplyDeadline: isoDate, warnings: calendarWarnings }).strict(),
  z
    .object({
      type: z.literal('reject'),
      at,
      on: isoDate,
      reason: RejectReasonSchema,
      text: z.string().trim().max(500).default(''),
      /** Where to apply instead; the item's own referral is used when absent. */
      referral: ReferralSchema.optional(),
    })
    .strict(),
  z.object({ type: z.literal('withdrawDecision'), at }).strict(),
  z.object({ type: z.literal('slipPrinted'), at, slipNumber: z.string().max(60) }).strict(),
  z.object({ type: z.literal('slipReprinted'), at }).strict(),
  z.object({ type: z.literal('evaluate'), at, rating: RatingSchema, comment: z.string().trim().max(500).optional() }).strict(),
  z.object({ type: z.literal('skipEvaluation'), at, reason: SkipEvaluationReasonSchema, text: z.string().trim().max(200).optional() }).strict(),
  z.object({ type: z.literal('close'), at }).strict(),
  z.object({ type: z.literal('abandon'), at, reason: AbandonReasonSchema, text: z.string().trim().max(200).optional() }).strict(),
]);
export type CaseEvent = z.infer<typeof CaseEventSchema>;
/** An event as a caller writes it (defaults such as `warnings: []` may be left out). */
export type CaseEventInput = z.input<typeof CaseEventSchema>;
export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const CASE_EVENT_TYPES = CaseEventSchema.options.map((o) => o.shape.type.value) as CaseEventType[];
