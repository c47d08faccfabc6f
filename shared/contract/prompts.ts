import { z } from 'zod';
import { CallbackDraftSchema, CallbackSchema, SpecialPromptSchema } from '../domain/prompts/schema';
import { CLERK_ONLY } from './roles';

/**
 * The special prompts and the call-back record (回电登记) of the prompt
 * area (issue #5; shared/domain/prompts). Call-backs are taken during a long
 * system fault and listed for the clerk until ticked done.
 */
export { CallbackSchema, CallbackDraftSchema, SpecialPromptSchema };
export type { Callback, CallbackDraft, SpecialPrompt } from '../domain/prompts/schema';

/** recordCallback: the form as typed; refusals name the field (Chinese). */
export const RecordCallbackResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** Per-field messages of a refusal, so the form marks the field and keeps what was typed. */
  errors: z.record(z.string(), z.string()),
  callback: CallbackSchema.nullable(),
});

export const ListCallbacksParamsSchema = z
  .object({
    /** open: 待回电 only; today: every call-back recorded today (open first). */
    scope: z.enum(['open', 'today']).default('today'),
  })
  .strict();

export const SetCallbackDoneParamsSchema = z.object({ id: z.number().int().min(1), done: z.boolean() }).strict();
export const SetCallbackDoneResultSchema = z.object({ ok: z.boolean(), message: z.string(), callback: CallbackSchema.nullable() });

export const callbackMethods = {
  /** 回电登记 during a long system fault: stored at once, linked to the open case. */
  recordCallback: { params: CallbackDraftSchema, result: RecordCallbackResultSchema, roles: CLERK_ONLY },
  /** The call-backs of today (or only those still 待回电), oldest open first. */
  listCallbacks: { params: ListCallbacksParamsSchema, result: z.array(CallbackSchema), roles: CLERK_ONLY },
  /** Ticks a call-back done (已回电), or back to 待回电. */
  setCallbackDone: { params: SetCallbackDoneParamsSchema, result: SetCallbackDoneResultSchema, roles: CLERK_ONLY },
} as const;
