import { z } from 'zod';
import { ApplicantViewSchema } from './card';
import { CaseActionResultSchema, CaseActionSchema, CaseFlowViewSchema, ItemSummarySchema, SlipSummarySchema } from './case';
import { ConfigIssueSchema, CounterConfigSchema } from './config';
import { DeviceKindSchema, DeviceStatusSchema } from './devices';
import { FilledPhraseSchema, PHRASE_CUES, PhraseCueSchema, PhraseIssueSchema, PhraseStageSchema } from '../domain/phrases/schema';

/** Which shell the services run behind; shown to IT in the status bar. */
export const ShellKindSchema = z.enum(['electron', 'web']);
export type ShellKind = z.infer<typeof ShellKindSchema>;

export const CaseViewSchema = z.object({
  id: z.string(),
  openedAt: z.string(),
  /** The applicant's card as read (null before a card read or for a manual entry). */
  applicant: ApplicantViewSchema.nullable(),
  /** The agent's (代办人) card as read. */
  agent: ApplicantViewSchema.nullable(),
  flow: CaseFlowViewSchema,
});
export type CaseView = z.infer<typeof CaseViewSchema>;

/** Everything the clerk screen needs to draw itself after a (re)connect. */
export const SnapshotSchema = z.object({
  shell: ShellKindSchema,
  counter: CounterConfigSchema.shape.counter,
  devices: z.array(DeviceStatusSchema),
  configIssues: z.array(ConfigIssueSchema),
  /** The case in progress, restored from storage after a crash or restart. */
  currentCase: CaseViewSchema.nullable(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

const none = z.object({}).strict();

/** getPhrases: a stage, and the situations the clerk reports (e.g. a long system fault). */
export const GetPhrasesParamsSchema = z
  .object({ stage: PhraseStageSchema, cues: z.array(PhraseCueSchema).max(PHRASE_CUES.length).optional() })
  .strict();
export const PhrasePromptsSchema = z.object({
  stage: PhraseStageSchema,
  phrases: z.array(FilledPhraseSchema),
  /** Problems in the phrase files (shown to the clerk, logged for IT). */
  issues: z.array(PhraseIssueSchema),
});
export type PhrasePrompts = z.infer<typeof PhrasePromptsSchema>;

/**
 * Every request the renderer can make: params and result schemas.
 * Main validates params before a handler runs and results before they leave.
 */
export const methods = {
  /** Current state of the counter. */
  getSnapshot: { params: none, result: SnapshotSchema },
  /** 模拟刷证: ask the simulated ID reader to present its sample card. */
  simulateCardRead: { params: none, result: z.object({ accepted: z.boolean(), message: z.string() }) },
  /** Close the current case without an outcome (the clerk starts over). */
  clearCase: { params: none, result: z.object({ cleared: z.boolean() }) },
  /** One step of the case workflow; refused steps come back with the reason. */
  caseAction: { params: z.object({ action: CaseActionSchema }).strict(), result: CaseActionResultSchema },
  /** Service items of the catalogue by name, code or pinyin initials (empty query: all). */
  searchItems: { params: z.object({ query: z.string().max(60) }).strict(), result: z.array(ItemSummarySchema) },
  /** Draws, archives and queues for printing the slip of the decision made. */
  issueSlip: {
    params: z.object({ paper: z.enum(['a4', 'receipt80']).optional() }).strict(),
    result: z.object({ ok: z.boolean(), message: z.string(), slip: SlipSummarySchema.nullable() }),
  },
  /** Prints the latest slip again (recorded as a reprint). */
  reprintSlip: { params: none, result: z.object({ ok: z.boolean(), message: z.string(), slip: SlipSummarySchema.nullable() }) },
  /** Puts a failed print job back in the queue. */
  retryPrint: { params: z.object({ slipId: z.number().int() }).strict(), result: z.object({ ok: z.boolean() }) },
  /** Restart a device's driver (IT action from the status bar). */
  restartDevice: { params: z.object({ kind: DeviceKindSchema }).strict(), result: z.object({ ok: z.boolean() }) },
  /** The standard phrases of a stage, filled from the counter and the case, the most fitting first. */
  getPhrases: { params: GetPhrasesParamsSchema, result: PhrasePromptsSchema },
} as const;
export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.infer<Methods[M]['result']>;

/** Every event main pushes to the renderer. */
export const events = {
  'devices.changed': z.array(DeviceStatusSchema),
  'case.changed': CaseViewSchema.nullable(),
  /** A device problem the clerk should see now (Chinese). */
  'device.notice': z.object({ kind: DeviceKindSchema, level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  'config.issues': z.array(ConfigIssueSchema),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = z.infer<Events[E]>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The error shape a failed request resolves to on the wire. */
export const ApiErrorSchema = z.object({
  code: z.enum(['bad-request', 'unknown-method', 'failed', 'unavailable']),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Thrown on the renderer side when a request fails; message is Chinese. */
export class CounterApiError extends Error {
  constructor(readonly code: ApiError['code'], message: string) {
    super(message);
    this.name = 'CounterApiError';
  }
}

/**
 * The one interface the renderer talks to. The preload bridge and the
 * WebSocket client both implement it; the renderer never knows which.
 */
export interface CounterApi {
  invoke<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
}
