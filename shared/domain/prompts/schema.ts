import { z } from 'zod';
import { PriorityCategorySchema } from '../case/vocabulary';

/**
 * The special prompts (特殊情形提示) the prompt area shows beside the
 * standard phrases: notes to the clerk, not phrases to say. Their wording is
 * in shared/i18n (strings.prompts); the standard phrases stay the norms'.
 */
export const SpecialPromptSchema = z.discriminatedUnion('kind', [
  /** 绿色通道: the case is marked priority. */
  z.object({ kind: z.literal('priority'), category: PriorityCategorySchema.nullable(), reason: z.string().nullable() }),
  /** The applicant's ID number says they are at least the configured age: offer to mark the case 老年人 priority. */
  z.object({ kind: z.literal('suggestElderly'), age: z.number().int().min(0), threshold: z.number().int().min(0) }),
  /** The citizen waited long: the previous case ran long, or the ticket's wait is known. */
  z.object({
    kind: z.literal('longWait'),
    source: z.enum(['previousCase', 'ticket']),
    minutes: z.number().int().min(0),
    threshold: z.number().int().min(0),
  }),
]);
export type SpecialPrompt = z.infer<typeof SpecialPromptSchema>;
export type SpecialPromptKind = SpecialPrompt['kind'];

/** One call-back (回电登记) taken during a long system fault (Zhumadian 24). */
export const CallbackSchema = z.object({
  id: z.number().int(),
  /** The case it was taken in, when one was open. */
  caseId: z.string().nullable(),
  name: z.string(),
  /** Normalised: 11-digit mobile or 0xx-xxxxxxx landline. */
  phone: z.string(),
  itemName: z.string(),
  note: z.string(),
  /** When it was recorded (ISO). */
  at: z.string(),
  /** When the clerk ticked it done; null while 待回电. */
  doneAt: z.string().nullable(),
});
export type Callback = z.infer<typeof CallbackSchema>;

/** What the clerk types in the call-back form (checked by checkCallback, so that a bad field gets its own message). */
export const CallbackDraftSchema = z
  .object({
    name: z.string().max(200),
    phone: z.string().max(200),
    itemName: z.string().max(400).optional(),
    note: z.string().max(1000).optional(),
  })
  .strict();
export type CallbackDraft = z.infer<typeof CallbackDraftSchema>;

export const CALLBACK_LIMITS = { name: 50, itemName: 100, note: 200 } as const;
