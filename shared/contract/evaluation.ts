import { z } from 'zod';
import { RatingSchema } from '../domain/case/vocabulary';
import {
  CodeDirectionSchema,
  defaultReasons,
  EVALUATION_STATUSES,
  FIX_VIEWS,
  isKeyText,
  isSecureUploadUrl,
  KEY_LAYOUTS,
  RATING_CHANNELS,
  ReasonSchema,
  reasonListProblem,
  STATS_DIMENSIONS,
} from '../domain/evaluation';
import { strings } from '../i18n';

/**
 * 好差评 (issue 6): configuration, requests, results and events of the
 * rating service. The clerk's side never carries a citizen's level unless
 * the centre turns confidentiality off.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// ---------------------------------------------------------------- configuration

export const EvaluationConfigSchema = z
  .object({
    /** Ask for a rating as soon as the slip is out (otherwise the clerk presses 请评价). */
    autoRequest: z.boolean().default(true),
    /** The clerk's screen shows 评价已收到 only, never the level. */
    confidential: z.boolean().default(true),
    device: z
      .object({
        /** serial: our documented profile (docs/evaluator-serial-protocol.md); hid: a keyboard-like USB HID keypad. */
        profile: z.enum(['serial', 'hid']).default('serial'),
        /** Device address on the line (RS-485 buses carry several). */
        address: z.number().int().min(1).max(254).default(1),
        heartbeatMs: z.number().int().min(100).max(2000).default(200),
        /** Key layout when the device does not report it (HID) or to override it. */
        layout: z.enum(KEY_LAYOUTS).optional(),
        /** Key code (3 or 0x1E) → level; wins over the device and the layout. */
        keyMap: z
          .record(z.string(), RatingSchema)
          .superRefine((map, ctx) => {
            for (const key of Object.keys(map)) {
              if (!isKeyText(key)) ctx.addIssue({ code: 'custom', path: [key], message: strings.evaluation.config.badKey });
            }
          })
          .optional(),
        /** HID: the byte of an input report holding the key code (2 in a boot keyboard report). */
        hidKeyOffset: z.number().int().min(0).max(63).default(2),
        /** HID: presses of the same key closer than this are one press. */
        debounceMs: z.number().int().min(0).max(5000).default(300),
      })
      .strict()
      .prefault({}),
    /** 差评 reasons with the centre's codes, in the groups 服务效率 / 服务水平 / 服务态度. */
    reasons: z
      .array(ReasonSchema)
      .min(1)
      .max(60)
      .default(() => defaultReasons())
      .superRefine((list, ctx) => {
        const problem = reasonListProblem(list);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    /** A request not answered within this time is recorded as 未评. */
    unratedAfterMinutes: z.number().int().min(1).max(7 * 24 * 60).default(30),
    /** A level recorded for a case left 未评 for `defaultAfterNaturalDays` (e.g. 基本满意 after 7 days); null: stays 未评. */
    defaultLevel: RatingSchema.nullable().default(null),
    defaultAfterNaturalDays: z.number().int().min(1).max(90).default(7),
    /** A 差评 from a keypad waits this long for its reasons on the citizen screen before it is uploaded without them. */
    reasonsGraceMinutes: z.number().int().min(0).max(24 * 60).default(10),
    /** Rectification deadline of a 差评, in working days (5 in some cities, 15 in others). */
    rectificationWorkingDays: z.number().int().min(1).max(60).default(5),
    /** 行政区划代码 written into exchange records. */
    regionCode: z.string().regex(/^(\d{6}|\d{12})?$/).default(''),
    /** Channel codes in exchange records (1 PC, 2 mobile, 3 QR, 4 hall tablet, 5 other hall terminal, 6/7 vary). */
    channelCodes: z
      .object({ keypad: z.string().max(4).default('5'), screen: z.string().max(4).default('4'), default: z.string().max(4).default('7') })
      .strict()
      .prefault({}),
    /** The centre's 好差评 platform. Empty url: ratings wait in the outbox until one is configured. */
    upload: z
      .object({
        // https only: the token and the ratings must not cross the network in clear (http only to this machine, for a local stand-in).
        url: z
          .string()
          .refine((url) => url === '' || isSecureUploadUrl(url), { message: strings.dataProtection.upload.notHttps })
          .default(''),
        token: z.string().max(2000).default(''),
        timeoutMs: z.number().int().min(500).max(120_000).default(10_000),
        /** The level-code direction the platform expects. */
        codeDirection: CodeDirectionSchema.default('national'),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type EvaluationConfig = z.infer<typeof EvaluationConfigSchema>;

// ---------------------------------------------------------------- views

export const EvaluationStatusSchema = z.enum(EVALUATION_STATUSES);

/** What the clerk sees of the current case's rating. */
export const ClerkEvaluationViewSchema = z.object({
  caseId: z.string(),
  status: EvaluationStatusSchema,
  /** 已请申请人评价 / 评价已收到 / 本次办件未评价 … */
  message: z.string(),
  /** Only when the centre turned confidentiality off. */
  level: RatingSchema.nullable(),
});
export type ClerkEvaluationView = z.infer<typeof ClerkEvaluationViewSchema>;

export const ClerkCardSchema = z.object({ window: z.string(), name: z.string(), staffNumber: z.string() });
export type ClerkCardView = z.infer<typeof ClerkCardSchema>;

export const RATING_SCREENS = ['welcome', 'rating', 'reasons', 'thanks', 'paused'] as const;

/**
 * What the citizen-facing rating page shows. `reasons`: a keypad gave a
 * 差评 and the page asks for its reasons (the level itself is not sent).
 */
export const RatingRequestViewSchema = z.object({
  screen: z.enum(RATING_SCREENS),
  clerk: ClerkCardSchema.nullable(),
  caseId: z.string().nullable(),
  itemName: z.string().nullable(),
  reasons: z.array(ReasonSchema),
  reasonsRequiredFor: z.array(RatingSchema),
  paused: z.object({ reason: z.string(), returnAt: z.string().nullable() }).nullable(),
  /** Welcome or thanks text. */
  message: z.string(),
});
export type RatingRequestView = z.infer<typeof RatingRequestViewSchema>;

const rate = z.number().min(0).max(1).nullable();
export const StatsRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number().int(),
  awaiting: z.number().int(),
  rated: z.number().int(),
  unrated: z.number().int(),
  defaulted: z.number().int(),
  pendingReasons: z.number().int(),
  levels: z.record(RatingSchema, z.number().int()),
  good: z.number().int(),
  bad: z.number().int(),
  followUps: z.number().int(),
  replied: z.number().int(),
  rectified: z.number().int(),
  viewed: z.number().int(),
  satisfiedWithFix: z.number().int(),
  closed: z.number().int(),
  goodRate: rate,
  badRate: rate,
  unratedRate: rate,
  replyRate: rate,
  rectificationRate: rate,
  fixSatisfactionRate: rate,
});

export const StatsDimensionSchema = z.enum(STATS_DIMENSIONS);
export const EvaluationStatsParamsSchema = z.object({ dimension: StatsDimensionSchema, from: isoDate, to: isoDate }).strict();
export const EvaluationStatsSchema = z.object({
  dimension: StatsDimensionSchema,
  from: z.string(),
  to: z.string(),
  rows: z.array(StatsRowSchema),
  total: StatsRowSchema,
});
export type EvaluationStats = z.infer<typeof EvaluationStatsSchema>;

export const FixViewSchema = z.enum(FIX_VIEWS);
export const VerificationSchema = z.enum(['confirmed', 'partlyConfirmed', 'unfounded']);

export const FollowUpViewSchema = z.object({
  id: z.number().int(),
  caseId: z.string(),
  day: z.string(),
  itemName: z.string(),
  level: RatingSchema,
  reasons: z.array(z.object({ code: z.string(), label: z.string() })),
  /** The citizen's own words. */
  comment: z.string(),
  /** The rater's name for a real-name 差评 (100 % follow-up required), empty when anonymous. */
  rater: z.string(),
  responsible: z.object({ name: z.string(), staffNumber: z.string() }),
  windowNumber: z.string(),
  openedAt: z.string(),
  /** Rectification deadline (YYYY-MM-DD), counted in working days. */
  deadline: z.string(),
  overdue: z.boolean(),
  status: z.enum(['open', 'closed']),
  callback: z.object({ at: z.string(), reached: z.boolean(), note: z.string() }).nullable(),
  verification: z.object({ result: VerificationSchema, note: z.string() }).nullable(),
  rectification: z.object({ measures: z.string(), rectifiedAt: z.string().nullable() }).nullable(),
  outcome: z.string(),
  fixView: FixViewSchema.nullable(),
  closedAt: z.string().nullable(),
});
export type FollowUpView = z.infer<typeof FollowUpViewSchema>;

export const UpdateFollowUpParamsSchema = z
  .object({
    id: z.number().int().positive(),
    callback: z.object({ reached: z.boolean(), note: z.string().trim().max(500) }).strict().optional(),
    verification: z.object({ result: VerificationSchema, note: z.string().trim().max(500) }).strict().optional(),
    rectification: z.object({ measures: z.string().trim().max(1000), done: z.boolean() }).strict().optional(),
    outcome: z.string().trim().max(1000).optional(),
    fixView: FixViewSchema.optional(),
    close: z.boolean().optional(),
  })
  .strict();
export type UpdateFollowUpParams = z.infer<typeof UpdateFollowUpParamsSchema>;

export const SubmitRatingParamsSchema = z
  .object({
    caseId: z.string().min(1).max(40),
    level: RatingSchema,
    reasons: z.array(z.string().trim().min(1).max(20)).max(30).optional(),
    comment: z.string().trim().max(500).optional(),
  })
  .strict();
export type SubmitRatingParams = z.infer<typeof SubmitRatingParamsSchema>;

export const RatingResultSchema = z.object({ ok: z.boolean(), message: z.string(), status: EvaluationStatusSchema.nullable() });

export const ExportRatingsParamsSchema = z
  .object({
    format: z.enum(['csv', 'xlsx', 'exchange']),
    from: isoDate,
    to: isoDate,
    /** Required for the exchange file: national (1 = 非常满意) or provincial (1 = 非常不满意). */
    codeDirection: CodeDirectionSchema.optional(),
  })
  .strict();
export type ExportRatingsParams = z.infer<typeof ExportRatingsParamsSchema>;
export const ExportResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  fileName: z.string(),
  path: z.string(),
  count: z.number().int(),
  /** Web shell: the file's download address, good while the lead who exported stays unlocked. */
  download: z.string().optional(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const EvaluatorMappingSchema = z.object({
  profile: z.enum(['serial', 'hid']),
  /** Where the mapping comes from (configured key map or a layout's default), in Chinese. */
  source: z.string(),
  rows: z.array(
    z.object({
      keyText: z.string(),
      deviceLabel: z.string(),
      level: RatingSchema,
      levelLabel: z.string(),
      nationalCode: z.number().int(),
      provincialCode: z.number().int(),
    }),
  ),
  /** Levels no key gives (a four-key keypad cannot give 非常不满意). */
  unreachable: z.array(RatingSchema),
});
export type EvaluatorMapping = z.infer<typeof EvaluatorMappingSchema>;

export const RatingChannelSchema = z.enum(RATING_CHANNELS);
