import { z } from 'zod';
import { DEFAULT_SLIP_NUMBER_PATTERN } from '../domain/slips/slip-number';
import { strings } from '../i18n';
import { DEVICE_KINDS, DeviceKindSchema, type DeviceKind } from './devices';
import { EvaluationConfigSchema } from './evaluation';
import { LeadConfigSchema } from './lead';
import { RetentionConfigSchema } from './retention';
import { LogsConfigSchema } from './logs';
import { ClerkConfigSchema } from './staff-accounts';
import { ItConfigSchema } from './it-desk';

/**
 * How a device kind is driven. `simulated` is the default so that a fresh
 * install works with no hardware; `hardware` needs the driver settings of the
 * kind (added by the device issues); `disabled` means the counter has none.
 */
export const DeviceModeSchema = z.enum(['simulated', 'hardware', 'disabled']);
export type DeviceMode = z.infer<typeof DeviceModeSchema>;

const deviceSettings = z
  .object({
    mode: DeviceModeSchema.default('simulated'),
    /** Serial port path or HID path; only read in hardware mode. */
    port: z.string().min(1).optional(),
    baudRate: z.number().int().positive().optional(),
  })
  .strict();

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
/** HH:MM on a 24-hour clock, local time. */
const timeOfDay = (fallback: string) =>
  z.string().refine((t) => TIME_PATTERN.test(t), { message: strings.serviceDay.validation.timeOfDay }).default(fallback);

export const CounterConfigSchema = z
  .object({
    version: z.literal(1).default(1),
    counter: z
      .object({
        centreName: z.string().min(1).max(40).default('示例市政务服务中心'),
        windowNumber: z.string().min(1).max(10).default('01'),
        clerkName: z.string().min(1).max(20).default('示例工作人员'),
        clerkStaffNumber: z.string().max(20).default('0001'),
      })
      .strict()
      .prefault({}),
    devices: z
      .object({
        idcard: deviceSettings
          .extend({
            /** How often to look for a card while idle (spec: 300–500 ms). */
            pollIntervalMs: z.number().int().min(100).max(5000).optional(),
            /** Per-command timeouts in ms. */
            timeouts: z
              .object({
                sam: z.number().int().min(50).max(10000).optional(),
                find: z.number().int().min(50).max(10000).optional(),
                select: z.number().int().min(50).max(10000).optional(),
                read: z.number().int().min(100).max(20000).optional(),
              })
              .strict()
              .optional(),
            /** Read text + photo + fingerprint (30 10) instead of text + photo. */
            readFingerprint: z.boolean().optional(),
            /** USB HID readers: how frames sit in the vendor's reports. */
            hidFraming: z
              .object({
                reportId: z.number().int().min(0).max(255),
                reportSize: z.number().int().min(8).max(1024),
                lengthByteOffset: z.number().int().min(0).nullable(),
                payloadOffset: z.number().int().min(0),
                inputHasReportId: z.boolean(),
              })
              .strict()
              .optional(),
            /** The vendor's WLT photo decoder library; without it the screen says 未安装照片解码库. */
            photoDecoder: z
              .object({
                library: z.string().min(1),
                symbol: z.string().min(1).optional(),
                convention: z.enum(['buffer', 'file']).optional(),
                successCode: z.number().int().optional(),
                flag: z.number().int().optional(),
              })
              .strict()
              .optional(),
          })
          .prefault({}),
        camera: deviceSettings
          .extend({
            /**
             * Hardware: the document head, by its device id or a part of the label Chromium reports
             * (e.g. "Eloam" or "USB Camera"); absent = the first camera that is not the face head.
             */
            document: z.string().trim().min(1).max(200).optional(),
            /** Hardware: the applicant-facing head for a face photo, matched the same way; absent = none. */
            face: z.string().trim().min(1).max(200).optional(),
            /** JPEG quality of kept pages, 0.5–0.95 (0.85 keeps a text page at a few hundred KB). */
            jpegQuality: z.number().min(0.5).max(0.95).default(0.85),
          })
          .prefault({}),
        signature: deviceSettings
          .extend({
            /**
             * Hardware: a file with the pad's HID report descriptor (hex bytes, as `doctor -- signature --descriptor`
             * takes), for systems that cannot read it from the device (Windows); Linux reads it from sysfs.
             */
            descriptorFile: z.string().min(1).optional(),
            /** Where the on-screen pad is shown: the citizen screen, or the clerk's own (a counter with no second screen). */
            screenPad: z.enum(['citizen', 'clerk']).default('citizen'),
          })
          .prefault({}),
        evaluator: deviceSettings.prefault({}),
        printer: deviceSettings.prefault({}),
      })
      .strict()
      .prefault({}),
    privacy: z
      .object({
        /** Digits of an ID number shown before and after the mask. */
        idMaskHead: z.number().int().min(0).max(8).default(6),
        idMaskTail: z.number().int().min(0).max(6).default(4),
      })
      .strict()
      .prefault({}),
    slips: z
      .object({
        /** Short name of the issuing body in slip numbers, e.g. 示例政务. */
        issuerShortName: z.string().min(1).max(12).default('政务服务'),
        /** {body} {nature} {year} {seq:N}; see shared/domain/slips/slip-number.ts. */
        numberPattern: z.string().min(1).max(60).regex(/\{seq(?::\d+)?\}/, '编号格式必须包含 {seq}').default(DEFAULT_SLIP_NUMBER_PATTERN),
        paper: z.enum(['a4', 'receipt80']).default('a4'),
        /** Working days an applicant has to supply what a one-time notice lists. */
        supplyDays: z.number().int().min(1).max(30).default(5),
        /**
         * Slips the applicant must sign before they are printed (签名), unless the clerk records why not.
         * The 容缺受理 commitment must always be signed: it is not listed here.
         */
        signatureRequired: z
          .object({ receipt: z.boolean().default(true), oneTimeNotice: z.boolean().default(true), rejection: z.boolean().default(true) })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** The service day (norms §1): pre-shift self-check, hours, lunch duty, extended service. */
    serviceDay: z
      .object({
        /** Devices that must be 已连接 or 模拟 before 开始服务, unless the clerk records an exception. */
        requiredDevices: z
          .array(DeviceKindSchema)
          .max(DEVICE_KINDS.length)
          .default((): DeviceKind[] => ['idcard', 'printer', 'evaluator']),
        openingTime: timeOfDay('09:00'),
        /** After it, time spent on a case still in progress is recorded as extended service (延时服务). */
        closingTime: timeOfDay('17:00'),
        /** The lunch window: being on duty inside it is recorded as lunch duty (午间值班). */
        lunchStart: timeOfDay('12:00'),
        lunchEnd: timeOfDay('13:30'),
      })
      .strict()
      .superRefine((hours, ctx) => {
        const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
        if (![hours.openingTime, hours.closingTime, hours.lunchStart, hours.lunchEnd].every((t) => TIME_PATTERN.test(t))) return;
        if (m(hours.closingTime) <= m(hours.openingTime)) {
          ctx.addIssue({ code: 'custom', path: ['closingTime'], message: strings.serviceDay.validation.closingBeforeOpening });
        }
        if (m(hours.lunchEnd) <= m(hours.lunchStart)) {
          ctx.addIssue({ code: 'custom', path: ['lunchEnd'], message: strings.serviceDay.validation.lunchEndBeforeStart });
        }
      })
      .prefault({}),
    /** 好差评: evaluator profile, reasons, 未评 and default rules, follow-up deadline, upload (shared/contract/evaluation.ts). */
    evaluation: EvaluationConfigSchema.prefault({}),
    /** The special prompts of the prompt area (shared/domain/prompts): green-channel age, what counts as a long wait. */
    prompts: z
      .object({
        /** From this age (周岁, from the ID number) the clerk is offered to mark the case 老年人 priority. */
        elderlyAge: z.number().int().min(50).max(100).default(60),
        /** A previous case that ran this many minutes or more kept the next citizen waiting long. */
        longWaitMinutes: z.number().int().min(5).max(240).default(20),
        /** …unless the window stood idle longer than this between the two cases. */
        idleGapMinutes: z.number().int().min(0).max(120).default(10),
      })
      .strict()
      .prefault({}),
    /** 组长: lead accounts (staff number, name, PIN hash from `npm run lead`), idle time, lock-out (shared/contract/lead.ts). */
    /** How long each kind of personal data is kept before it is purged (shared/contract/retention.ts). */
    retention: RetentionConfigSchema.prefault({}),
    /** The diagnostic log: size of one file, days kept, total cap (shared/contract/logs.ts). */
    logs: LogsConfigSchema.prefault({}),
    /** The desktop shell's windows (electron/shell); the web shell ignores it. Read when the counter starts. */
    shell: z
      .object({
        /** The clerk window full screen, no menu, no window frame to drag away (a kiosk counter PC); false: a normal window. */
        kiosk: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    lead: LeadConfigSchema.prefault({}),
    /** 窗口工作人员: clerk accounts (staff number, name, PIN hash from `npm run clerk`) and their lock-out (shared/contract/staff-accounts.ts). */
    clerk: ClerkConfigSchema.prefault({}),
    /** IT accounts for 设备与诊断 (staff number, name, PIN hash from `npm run it-account`) and their lock (shared/contract/it-desk.ts). */
    it: ItConfigSchema.prefault({}),
  })
  .strict();
export type CounterConfig = z.infer<typeof CounterConfigSchema>;

/** A problem found in the configuration file, in Chinese, naming the field. */
export const ConfigIssueSchema = z.object({
  /** Dotted path of the field, e.g. counter.windowNumber; empty for the whole file. */
  field: z.string(),
  message: z.string(),
});
export type ConfigIssue = z.infer<typeof ConfigIssueSchema>;
