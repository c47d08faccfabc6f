import { z } from 'zod';
import { PIN_PATTERN } from '../domain/lead/pin-format';
import { strings } from '../i18n';
import { DeviceKindSchema, DeviceStateSchema } from './devices';

/**
 * The service day of one window (norms §1): sign-in, the pre-shift device
 * self-check, pauses with an A/B post hand-over, lunch duty, extended
 * service after closing time and the summary at sign-out.
 */

/** HH:MM on a 24-hour clock, local time of the counter PC. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const TimeOfDaySchema = z.string().regex(TIME_OF_DAY_PATTERN, strings.serviceDay.validation.timeOfDay);

/** 临时离岗 / 午间休息 / 系统故障 / 业务培训 / 其他 (labels in strings.serviceDay.pauseReasons). */
export const PAUSE_REASONS = ['temporaryLeave', 'lunchBreak', 'systemFault', 'training', 'other'] as const;
export const PauseReasonSchema = z.enum(PAUSE_REASONS);
export type PauseReason = z.infer<typeof PauseReasonSchema>;

/** signedOut: nobody signed in · checking: signed in, window not yet open · open: serving · paused: 暂停服务. */
export const SERVICE_DAY_PHASES = ['signedOut', 'checking', 'open', 'paused'] as const;
export const ServiceDayPhaseSchema = z.enum(SERVICE_DAY_PHASES);
export type ServiceDayPhase = z.infer<typeof ServiceDayPhaseSchema>;

/** Staff numbers are also file names of the clerk photo: letters, digits and hyphens only. */
export const STAFF_NUMBER_PATTERN = /^[0-9A-Za-z-]{1,20}$/;
/** Largest clerk photo accepted, in bytes (it travels through the contract and is shown on a small screen). */
export const CLERK_PHOTO_MAX_BYTES = 150 * 1024;
export const CLERK_PHOTO_TYPES = ['image/png', 'image/jpeg'] as const;

export const HandoverSchema = z.object({
  /** The B post colleague (B 岗) who takes over. */
  name: z.string().trim().min(1).max(20),
  /** Their window number, shown to citizens: 请到 X 号窗口办理. */
  window: z.string().trim().min(1).max(10),
});
export type Handover = z.infer<typeof HandoverSchema>;

export const PauseViewSchema = z.object({
  reason: PauseReasonSchema,
  /** The clerk's words: required for 其他, an optional detail otherwise. Shown to citizens. */
  reasonText: z.string(),
  startedAt: z.string(),
  /** ISO time the clerk expects to be back; null when not given. */
  expectedReturnAt: z.string().nullable(),
  handover: HandoverSchema.nullable(),
});
export type PauseView = z.infer<typeof PauseViewSchema>;

export const CheckExceptionSchema = z.object({
  kind: DeviceKindSchema,
  /** The device's state when the exception was recorded. */
  state: DeviceStateSchema,
  /** The clerk's explanation. */
  reason: z.string(),
  at: z.string(),
});
export type CheckException = z.infer<typeof CheckExceptionSchema>;

/** pass: 已连接 or 模拟 · exception: failing, the clerk recorded why · fail: failing and blocks opening · optional: failing, not required. */
export const CHECK_VERDICTS = ['pass', 'exception', 'fail', 'optional'] as const;
export const CheckVerdictSchema = z.enum(CHECK_VERDICTS);
export type CheckVerdict = z.infer<typeof CheckVerdictSchema>;

export const SelfCheckItemSchema = z.object({
  kind: DeviceKindSchema,
  state: DeviceStateSchema,
  /** Why the device is in this state, from the device manager. */
  reason: z.string(),
  required: z.boolean(),
  verdict: CheckVerdictSchema,
  /** The latest exception recorded for this device today. */
  exception: CheckExceptionSchema.nullable(),
});
export type SelfCheckItem = z.infer<typeof SelfCheckItemSchema>;

export const ServiceHoursSchema = z.object({
  openingTime: TimeOfDaySchema,
  closingTime: TimeOfDaySchema,
  lunchStart: TimeOfDaySchema,
  lunchEnd: TimeOfDaySchema,
});
export type ServiceHours = z.infer<typeof ServiceHoursSchema>;

export const ClerkIdentitySchema = z.object({
  staffNumber: z.string(),
  name: z.string(),
  hasPhoto: z.boolean(),
});
export type ClerkIdentity = z.infer<typeof ClerkIdentitySchema>;

export const DaySummarySchema = z.object({
  clerk: ClerkIdentitySchema.omit({ hasPhoto: true }),
  windowNumber: z.string(),
  signedInAt: z.string(),
  openedAt: z.string().nullable(),
  /** Sign-out time, or the time the summary was drawn while the day is still running. */
  until: z.string(),
  /** True when a session left open overnight was closed by the terminal, not by the clerk. */
  autoClosed: z.boolean(),
  cases: z.object({
    total: z.number().int(),
    /** Outcome (accept, notify…) when the case records one, else its status (open, abandoned…). */
    byOutcome: z.array(z.object({ outcome: z.string(), count: z.number().int() })),
  }),
  pauses: z.array(PauseViewSchema.extend({ endedAt: z.string().nullable(), minutes: z.number().int() })),
  pausedMinutes: z.number().int(),
  exceptions: z.array(CheckExceptionSchema),
  /** Window open and not paused. */
  onDutyMinutes: z.number().int(),
  /** Time a case was in progress after closing time (延时服务), and how many cases. */
  extendedService: z.object({ minutes: z.number().int(), cases: z.number().int() }),
  /** Time on duty inside the lunch window (午间值班), and the cases handled then. */
  lunchDuty: z.object({ minutes: z.number().int(), cases: z.number().int() }),
  /** Call-backs taken during a system fault (回电登记), and how many are still 待回电; absent in summaries from before it existed. */
  callbacks: z.object({ recorded: z.number().int(), open: z.number().int() }).optional(),
});
export type DaySummary = z.infer<typeof DaySummarySchema>;

export const ServiceDaySessionSchema = z.object({
  clerk: ClerkIdentitySchema,
  windowNumber: z.string(),
  signedInAt: z.string(),
  /** When 开始服务 was pressed; null while the pre-shift check is open. */
  openedAt: z.string().nullable(),
});

/** Everything the clerk screen needs about the service day. */
export const ServiceDayViewSchema = z.object({
  phase: ServiceDayPhaseSchema,
  session: ServiceDaySessionSchema.nullable(),
  /** The self-check as it stands now (devices may change while the clerk looks). */
  check: z.array(SelfCheckItemSchema),
  /** 开始服务 is allowed: every required device passes or has an exception. */
  canOpen: z.boolean(),
  pause: PauseViewSchema.nullable(),
  hours: ServiceHoursSchema,
  /** The running summary while signed in. */
  today: DaySummarySchema.nullable(),
  /** The summary of the last sign-out of the current day, shown on the sign-in view. */
  lastSummary: DaySummarySchema.nullable(),
});
export type ServiceDayView = z.infer<typeof ServiceDayViewSchema>;

export const ClerkPhotoUploadSchema = z.object({
  mediaType: z.enum(CLERK_PHOTO_TYPES),
  /** The file's bytes, base64; 4/3 of the byte limit plus padding. */
  base64: z.string().max(Math.ceil(CLERK_PHOTO_MAX_BYTES / 3) * 4 + 4),
});

/**
 * A clerk signs in with the staff number and PIN IT set (`npm run clerk`);
 * the name comes from the account, never from the request.
 */
export const SignInParamsSchema = z
  .object({
    staffNumber: z.string().trim().regex(STAFF_NUMBER_PATTERN, strings.serviceDay.validation.staffNumber),
    // Format only: a wrong PIN of the right shape is the credential check's business (and counts as a failure).
    pin: z.string().regex(PIN_PATTERN, strings.credentials.clerk.badPin),
    photo: ClerkPhotoUploadSchema.optional(),
  })
  .strict();

export const PauseParamsSchema = z
  .object({
    reason: PauseReasonSchema,
    reasonText: z.string().trim().max(40).optional(),
    /** HH:MM today, later than now. */
    expectedReturn: TimeOfDaySchema,
    handover: HandoverSchema.optional(),
  })
  .strict();
export type PauseParams = z.input<typeof PauseParamsSchema>;

/** The answer of every service-day action: refused actions carry the reason in Chinese. */
export const ServiceDayResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  day: ServiceDayViewSchema,
});
export type ServiceDayResult = z.infer<typeof ServiceDayResultSchema>;

/** What the citizen-facing screen shows; no citizen's personal data. */
export const CitizenScreenSchema = z.object({
  centreName: z.string(),
  windowNumber: z.string(),
  /** closed: nobody signed in · preparing: pre-shift check · open · paused. */
  status: z.enum(['closed', 'preparing', 'open', 'paused']),
  clerk: z
    .object({
      name: z.string(),
      staffNumber: z.string(),
      /** data: URL of the clerk's photo, or null. */
      photo: z.string().nullable(),
    })
    .nullable(),
  pause: PauseViewSchema.omit({ startedAt: true }).nullable(),
  hours: ServiceHoursSchema,
});
export type CitizenScreen = z.infer<typeof CitizenScreenSchema>;

/**
 * The part of the service day the citizen-facing screen follows
 * ('citizen.serviceDay'): who serves, since when, open or paused. Never the
 * self-check, the day's summary or anything of a case.
 */
export const CitizenDaySchema = z.object({
  phase: ServiceDayPhaseSchema,
  session: ServiceDaySessionSchema.nullable(),
  pause: PauseViewSchema.nullable(),
});
export type CitizenDay = z.infer<typeof CitizenDaySchema>;

/** The citizen's part of the clerk's service-day view. */
export function citizenDayOf(day: ServiceDayView): CitizenDay {
  return { phase: day.phase, session: day.session, pause: day.pause };
}
