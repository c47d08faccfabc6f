import { z } from 'zod';
import { DEFAULT_SLIP_NUMBER_PATTERN } from '../domain/slips/slip-number';

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
        idcard: deviceSettings.prefault({}),
        camera: deviceSettings.prefault({}),
        signature: deviceSettings.prefault({}),
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
        /** Printer name as the system knows it; empty: slips are archived as PDF only. */
        printer: z.string().max(120).default(''),
        /** Working days an applicant has to supply what a one-time notice lists. */
        supplyDays: z.number().int().min(1).max(30).default(5),
      })
      .strict()
      .prefault({}),
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
