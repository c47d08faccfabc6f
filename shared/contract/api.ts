import { z } from 'zod';
import { ApplicantViewSchema } from './card';
import {
  CaseActionResultSchema,
  CaseActionSchema,
  CaseFlowViewSchema,
  DayCountsSchema,
  HistoryQuerySchema,
  HistoryRowSchema,
  ItemSummarySchema,
  SlipSummarySchema,
} from './case';
import { ConfigIssueSchema, CounterConfigSchema } from './config';
import { DeviceKindSchema, DeviceStatusSchema } from './devices';
import {
  CitizenDaySchema,
  CitizenScreenSchema,
  DaySummarySchema,
  PauseParamsSchema,
  ServiceDayResultSchema,
  ServiceDayViewSchema,
  SignInParamsSchema,
} from './service-day';
import {
  ClerkEvaluationViewSchema,
  EvaluationStatsParamsSchema,
  EvaluationStatsSchema,
  EvaluatorMappingSchema,
  ExportRatingsParamsSchema,
  ExportResultSchema,
  FollowUpViewSchema,
  RatingRequestViewSchema,
  RatingResultSchema,
  SubmitRatingParamsSchema,
  UpdateFollowUpParamsSchema,
} from './evaluation';
import { RatingSchema } from '../domain/case/vocabulary';
import { leadSlipMethods, LeadSessionSchema, SaveExportParamsSchema, SaveExportResultSchema, UnlockLeadParamsSchema, UnlockLeadResultSchema } from './lead';
import { FilledPhraseSchema, PHRASE_CUES, PhraseCueSchema, PhraseIssueSchema, PhraseStageSchema } from '../domain/phrases/schema';
import { callbackMethods, SpecialPromptSchema } from './prompts';
import { StorageStatusSchema } from './storage';
import { CatalogueIssueSchema } from '../domain/catalogue/issues';
import { CITIZEN_ONLY, CLERK_ONLY, type Roles } from './roles';
import { signatureEvents, signatureMethods } from './signature';
import { captureMethods } from './capture';
import { itDeskMethods } from './it-desk';

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

/**
 * The service-item catalogue in use, as the clerk screen shows it: the
 * shipped sample (only on a counter that never had the centre's own), the
 * centre's, its last good copy, or none (the centre's is broken and has no
 * good copy); its problems by item, material and field.
 */
export const CatalogueStatusSchema = z.object({
  source: z.enum(['sample', 'centre', 'lastGood', 'none']),
  itemCount: z.number().int().nonnegative(),
  issues: z.array(CatalogueIssueSchema),
});
export type CatalogueStatus = z.infer<typeof CatalogueStatusSchema>;

/** Everything the clerk screen needs to draw itself after a (re)connect. */
export const SnapshotSchema = z.object({
  shell: ShellKindSchema,
  counter: CounterConfigSchema.shape.counter,
  devices: z.array(DeviceStatusSchema),
  configIssues: z.array(ConfigIssueSchema),
  /** The catalogue in use and its problems; absent only where no catalogue was loaded. */
  catalogue: CatalogueStatusSchema.optional(),
  /** The case in progress, restored from storage after a crash or restart. */
  currentCase: CaseViewSchema.nullable(),
  /** The service day: who is signed in, the self-check, a pause (shared/contract/service-day.ts). */
  serviceDay: ServiceDayViewSchema,
  /** The database and the disk: a problem at start-up (waiting, retried) or a disk running full (shared/contract/storage.ts). */
  storage: StorageStatusSchema.optional(),
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
  /** Special prompts beside the phrases: green channel, the 老年人 offer, a long wait (shared/domain/prompts). */
  special: z.array(SpecialPromptSchema).optional(),
});
export type PhrasePrompts = z.infer<typeof PhrasePromptsSchema>;

/** A method of the contract: its params and result, and the roles of the connections that may call it. */
interface MethodSpec {
  params: z.ZodType;
  result: z.ZodType;
  roles: Roles;
}

/** An event of the contract: its payload, and the roles of the connections it is sent to. */
interface EventSpec {
  payload: z.ZodType;
  audience: Roles;
}

const CLERK = CLERK_ONLY;
const CITIZEN = CITIZEN_ONLY;

/**
 * Every request the renderer can make: params and result schemas, and who
 * may call it (`roles`; the dispatcher refuses any other caller before it
 * reads the params). The citizen-facing screen calls only what it shows and
 * its rating (renderer/citizen); everything else is the clerk's.
 * Main validates params before a handler runs and results before they leave.
 */
export const methods = {
  /** Current state of the counter. */
  getSnapshot: { params: none, result: SnapshotSchema, roles: CLERK },
  /** 模拟刷证: ask the simulated ID reader to present its sample card. */
  simulateCardRead: { params: none, result: z.object({ accepted: z.boolean(), message: z.string() }), roles: CLERK },
  /** Close the current case without an outcome (the clerk starts over). */
  clearCase: { params: none, result: z.object({ cleared: z.boolean() }), roles: CLERK },
  /** One step of the case workflow; refused steps come back with the reason. */
  caseAction: { params: z.object({ action: CaseActionSchema }).strict(), result: CaseActionResultSchema, roles: CLERK },
  /** Service items of the catalogue by name, code or pinyin initials (empty query: all). */
  searchItems: { params: z.object({ query: z.string().max(60) }).strict(), result: z.array(ItemSummarySchema), roles: CLERK },
  /** Draws, archives and queues for printing the slip of the decision made. */
  issueSlip: {
    params: z.object({ paper: z.enum(['a4', 'receipt80']).optional() }).strict(),
    result: z.object({ ok: z.boolean(), message: z.string(), slip: SlipSummarySchema.nullable() }),
    roles: CLERK,
  },
  /** Prints the latest slip again (recorded as a reprint). */
  reprintSlip: { params: none, result: z.object({ ok: z.boolean(), message: z.string(), slip: SlipSummarySchema.nullable() }), roles: CLERK },
  /**
   * The full ID number of the open case's applicant or agent, for the clerk
   * who must check it against the paper; every reveal is recorded.
   */
  revealIdNumber: {
    params: z.object({ whose: z.enum(['applicant', 'agent']) }).strict(),
    result: z.object({ ok: z.boolean(), idNumber: z.string().nullable(), message: z.string() }),
    roles: CLERK,
  },
  /** The window's past cases by applicant (masked), item, number or slip number, date range and outcome. */
  searchCases: { params: HistoryQuerySchema, result: z.array(HistoryRowSchema), roles: CLERK },
  /** One local day's cases counted by outcome. */
  caseDayCounts: { params: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(), result: DayCountsSchema, roles: CLERK },
  /** Puts a failed print job back in the queue. */
  retryPrint: { params: z.object({ slipId: z.number().int() }).strict(), result: z.object({ ok: z.boolean() }), roles: CLERK },
  /** Restart a device's driver (IT action from the status bar). */
  restartDevice: { params: z.object({ kind: DeviceKindSchema }).strict(), result: z.object({ ok: z.boolean() }), roles: CLERK },
  /** The standard phrases of a stage, filled from the counter and the case, the most fitting first. */
  getPhrases: { params: GetPhrasesParamsSchema, result: PhrasePromptsSchema, roles: CLERK },
  /** The service day as it stands: sign-in, self-check, pause, running summary. */
  getServiceDay: { params: none, result: ServiceDayViewSchema, roles: CLERK },
  /** 上岗签到 of a clerk, with an optional photo for the evaluator and the citizen screen. */
  signIn: { params: SignInParamsSchema, result: ServiceDayResultSchema, roles: CLERK },
  /** Records why a required device that fails the self-check may be left as it is today. */
  recordCheckException: {
    params: z.object({ kind: DeviceKindSchema, reason: z.string().max(200) }).strict(),
    result: ServiceDayResultSchema,
    roles: CLERK,
  },
  /** 开始服务: refused while a required device neither passes nor has an exception. */
  openService: { params: none, result: ServiceDayResultSchema, roles: CLERK },
  /** 暂停服务 with a reason, the expected return and, for an A/B post, the colleague who takes over. */
  pauseService: { params: PauseParamsSchema, result: ServiceDayResultSchema, roles: CLERK },
  /** 恢复服务. */
  resumeService: { params: none, result: ServiceDayResultSchema, roles: CLERK },
  /** 签退, with the day summary. */
  signOut: { params: none, result: ServiceDayResultSchema.extend({ summary: DaySummarySchema.nullable() }), roles: CLERK },
  /** What the citizen-facing screen shows (no citizen's personal data). */
  getCitizenScreen: { params: none, result: CitizenScreenSchema, roles: CITIZEN },
  // 好差评 (shared/contract/evaluation.ts). The clerk's side never carries a citizen's level unless confidentiality is off.
  /** 请评价: asks the evaluator and the citizen page for a rating of the current case (its slip must be out). */
  requestRating: { params: none, result: z.object({ ok: z.boolean(), message: z.string() }), roles: CLERK },
  /** The current case's rating as the clerk may see it (评价已收到), or null. */
  getCaseEvaluation: { params: none, result: ClerkEvaluationViewSchema.nullable(), roles: CLERK },
  /** Citizen page: what to show now (welcome, the case to rate, reasons for a keypad's 差评, thanks, paused). */
  getRatingRequest: { params: none, result: RatingRequestViewSchema, roles: CITIZEN },
  /** Citizen page: a rating (a 差评 needs at least one reason), or the reasons of a keypad's 差评. */
  submitRating: { params: SubmitRatingParamsSchema, result: RatingResultSchema, roles: CITIZEN },
  /** Lead: counts per level and the rates, per clerk, window, item or day. */
  getEvaluationStats: { params: EvaluationStatsParamsSchema, result: EvaluationStatsSchema, roles: CLERK },
  /** Lead: the 差评 follow-ups. */
  listFollowUps: {
    params: z.object({ status: z.enum(['open', 'closed', 'all']).default('open') }).strict(),
    result: z.array(FollowUpViewSchema),
    roles: CLERK,
  },
  /** Lead: records a call back, verification, rectification, outcome or the citizen's view; closes. */
  updateFollowUp: { params: UpdateFollowUpParamsSchema, result: z.object({ ok: z.boolean(), message: z.string(), followUp: FollowUpViewSchema.nullable() }), roles: CLERK },
  /** Lead: CSV, XLSX or the GB/T 39046 exchange file (with an explicit level-code direction) of a date range. */
  exportRatings: { params: ExportRatingsParamsSchema, result: ExportResultSchema, roles: CLERK },
  /** IT: which evaluator key gives which level (four-key keypads mapped onto the five levels). */
  getEvaluatorMapping: { params: none, result: EvaluatorMappingSchema, roles: CLERK },
  /** 模拟评价: presses the key of a level on the simulated keypad. */
  simulateEvaluatorPress: { params: z.object({ level: RatingSchema }).strict(), result: z.object({ accepted: z.boolean(), message: z.string() }), roles: CLERK },
  // 回电登记 during a long system fault (shared/contract/prompts.ts).
  ...callbackMethods,
  /**
   * Web shell: the clerk printed a slip of the open case through the
   * browser's print dialog. Recorded as a print (or, for a slip already
   * printed, as a reprint with a further archived copy).
   */
  printSlipInBrowser: {
    params: z.object({ slipId: z.number().int() }).strict(),
    result: z.object({ ok: z.boolean(), message: z.string(), slip: SlipSummarySchema.nullable() }),
    roles: CLERK,
  },
  // 组长 (shared/contract/lead.ts): statistics, follow-ups and exports above answer only a connection a lead unlocked.
  /** Whether a lead is unlocked on this connection (and whether any lead is configured). */
  getLeadSession: { params: none, result: LeadSessionSchema, roles: CLERK },
  /** Unlocks the lead tools for this connection: staff number and PIN; wrong PINs lead to a short lock-out. */
  unlockLead: { params: UnlockLeadParamsSchema, result: UnlockLeadResultSchema, roles: CLERK },
  /** 退出组长查看. */
  lockLead: { params: none, result: LeadSessionSchema, roles: CLERK },
  /** Lead, Electron: saves an export file where the lead chooses (a save dialog); the web shell downloads instead. */
  saveExport: { params: SaveExportParamsSchema, result: SaveExportResultSchema, roles: CLERK },
  // Lead: void slip numbers (作废编号).
  ...leadSlipMethods,
  // 签名 (shared/contract/signature.ts): the applicant signs the slip on the pad or the citizen screen.
  ...signatureMethods,
  ...captureMethods,
  // 设备与诊断 (shared/contract/it-desk.ts): states for the clerk, the rest behind the IT unlock.
  ...itDeskMethods,
} as const satisfies Record<string, MethodSpec>;
export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.infer<Methods[M]['result']>;

/**
 * Every event main pushes to the renderer, and its audience: the shells send
 * an event only to connections of those roles. The citizen-facing screen gets
 * nothing that carries an applicant's personal data (the case, the card) nor
 * the clerk's own business (devices, the day's summary, ratings' levels).
 */
export const events = {
  'devices.changed': { payload: z.array(DeviceStatusSchema), audience: CLERK },
  /** The open case, with the applicant's and agent's card: the clerk's screen only. */
  'case.changed': { payload: CaseViewSchema.nullable(), audience: CLERK },
  /** A device problem the clerk should see now (Chinese). */
  'device.notice': {
    payload: z.object({ kind: DeviceKindSchema, level: z.enum(['info', 'warning', 'error']), message: z.string() }),
    audience: CLERK,
  },
  'config.issues': { payload: z.array(ConfigIssueSchema), audience: CLERK },
  /** Sign-in, self-check, open, pause, resume, sign-out, and device or case changes while signed in. */
  'serviceDay.changed': { payload: ServiceDayViewSchema, audience: CLERK },
  /** The part of the service day the citizen screen shows (who serves, open or paused): it reloads getCitizenScreen when this moves. */
  'citizen.serviceDay': { payload: CitizenDaySchema, audience: CITIZEN },
  /** The current case's rating as the clerk may see it: requested, 评价已收到, 未评 (no level when confidential). */
  'evaluation.changed': { payload: ClerkEvaluationViewSchema.nullable(), audience: CLERK },
  /** What the citizen-facing rating page should show now (the item's name, never the applicant). */
  'evaluation.request': { payload: RatingRequestViewSchema, audience: CITIZEN },
  /** The database became usable (the screens load their snapshot again) or the disk's free space changed level. */
  'storage.changed': { payload: StorageStatusSchema, audience: CLERK },
  ...signatureEvents,
} as const satisfies Record<string, EventSpec>;
export type Events = typeof events;
export type EventName = keyof Events;
export type PayloadOf<E extends EventName> = z.infer<Events[E]['payload']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The error shape a failed request resolves to on the wire. */
export const ApiErrorSchema = z.object({
  /** forbidden: this connection's role may not call the method (a citizen screen asking for a clerk's). */
  code: z.enum(['bad-request', 'unknown-method', 'failed', 'unavailable', 'forbidden']),
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
