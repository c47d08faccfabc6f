import { z } from 'zod';
import { PIN_PATTERN, STAFF_NO_PATTERN } from '../domain/lead/pin-format';
import { strings } from '../i18n';
import { DeviceKindSchema, DeviceStatusSchema } from './devices';
import { CLERK_ONLY } from './roles';
import { staffAccountListSchema } from './staff-accounts';

/**
 * 设备与诊断 (issue 12): the IT screen. Its device settings, tests,
 * candidates and the diagnostic bundle open only on a connection where an IT
 * account (config `it.accounts`, `npm run it-account`) unlocked with staff
 * number and PIN — the dispatcher refuses the gated methods below for any
 * other connection, before their params are read. A clerk may read the
 * devices' states (getDeviceDesk answers 状态 only without an unlock).
 */

const t = strings.itDesk;

/** IT accounts and their lock: like the leads' (shared/contract/lead.ts). */
export const ItConfigSchema = z
  .object({
    accounts: staffAccountListSchema(STAFF_NO_PATTERN, t.config, 20),
    /** The IT screen locks itself after this long without an IT request. */
    idleMinutes: z.number().int().min(1).max(120).default(15),
    /** Wrong PINs in a row for one staff number before it is locked out. */
    maxFailures: z.number().int().min(3).max(20).default(5),
    lockoutMinutes: z.number().int().min(1).max(120).default(5),
  })
  .strict();
export type ItConfig = z.infer<typeof ItConfigSchema>;

export const ItSessionSchema = z.object({
  /** Some IT account exists on this counter. */
  configured: z.boolean(),
  /** The IT account this connection unlocked, or null. */
  it: z.object({ staffNo: z.string(), name: z.string() }).nullable(),
  idleMinutes: z.number().int(),
});
export type ItSession = z.infer<typeof ItSessionSchema>;

export const UnlockItParamsSchema = z
  .object({ staffNo: z.string().trim().min(1).max(20), pin: z.string().regex(PIN_PATTERN, strings.lead.gate.badPin) })
  .strict();
export const UnlockItResultSchema = z.object({ ok: z.boolean(), message: z.string(), session: ItSessionSchema });

/** Where a setting's value comes from (fleet configuration, electron/services/config/config-layers.ts). */
export const SettingSourceSchema = z.enum(['default', 'centre', 'counter', 'last-good']);

/** One editable setting of a device (a leaf of `devices.<kind>`), as the IT screen shows it. */
export const DeviceSettingSchema = z.object({
  /** The key under devices.<kind>, e.g. `port`. */
  key: z.string(),
  type: z.enum(['choice', 'text', 'number', 'boolean']),
  /** The allowed values of a choice. */
  choices: z.array(z.string()).optional(),
  /** The value in force (null: not set). */
  value: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  source: SettingSourceSchema,
  /** The centre file locks it: shown, never editable here. */
  locked: z.boolean(),
});
export type DeviceSetting = z.infer<typeof DeviceSettingSchema>;

export const DeviceDeskEntrySchema = z.object({
  status: DeviceStatusSchema,
  /** The settings; null on a connection without the IT unlock (状态 only). */
  settings: z.array(DeviceSettingSchema).nullable(),
});

export const SeenDeviceSchema = z.object({
  where: z.enum(['serial', 'hid', 'usb']),
  path: z.string(),
  usbId: z.string().nullable(),
  label: z.string().nullable(),
  /** What it probably is (CH340, CP210x, PL2303, a known ID reader …), or null. */
  guess: z.string().nullable(),
});
export type SeenDevice = z.infer<typeof SeenDeviceSchema>;

export const DeskCandidatesSchema = z.object({
  serial: z.array(SeenDeviceSchema),
  hid: z.array(SeenDeviceSchema),
  usb: z.array(SeenDeviceSchema),
  /** Signature pads among the HID devices (path, USB id, product). */
  pads: z.array(z.object({ path: z.string(), usbId: z.string(), product: z.string().nullable(), kind: z.string() })),
  printers: z.array(z.object({ name: z.string(), isDefault: z.boolean(), ready: z.boolean(), detail: z.string() })).nullable(),
  printerNote: z.string().nullable(),
  /** Listings that failed, in Chinese. */
  problems: z.array(z.string()),
});

export const DeviceDeskSchema = z.object({
  /** `status`: the clerk's read-only view; `it`: settings and candidates too. */
  access: z.enum(['status', 'it']),
  devices: z.array(DeviceDeskEntrySchema),
  /** What the system sees; null without the IT unlock. */
  candidates: DeskCandidatesSchema.nullable(),
  /** This counter's config.json and the centre file (null when none is used). */
  configFile: z.string(),
  centreFile: z.string().nullable(),
});
export type DeviceDesk = z.infer<typeof DeviceDeskSchema>;

export const FieldIssueSchema = z.object({ field: z.string(), message: z.string() });

export const SaveDeviceSettingsParamsSchema = z
  .object({
    kind: DeviceKindSchema,
    /** The values as typed, by key; an empty string clears an optional setting. Validated field by field with the config schema. */
    values: z.record(z.string().max(40), z.union([z.string().max(300), z.number(), z.boolean(), z.null()])),
  })
  .strict();
export const SaveDeviceSettingsResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** Each wrong or locked field with its Chinese message (field: the key under devices.<kind>). */
  issues: z.array(FieldIssueSchema),
});

export const DeviceTestViewSchema = z.object({
  kind: DeviceKindSchema,
  state: z.enum(['idle', 'running', 'passed', 'failed']),
  message: z.string(),
});
export type DeviceTestView = z.infer<typeof DeviceTestViewSchema>;

export const BundleResultSchema = z.object({ ok: z.boolean(), message: z.string(), file: z.string().nullable() });

const none = z.object({}).strict();
const kindOnly = z.object({ kind: DeviceKindSchema }).strict();

/** IT methods that answer only a connection an IT account unlocked (the dispatcher checks). */
export const itGatedMethods = {
  /** IT: writes one device's settings into config.json (atomically) and restarts that device only. */
  saveDeviceSettings: { params: SaveDeviceSettingsParamsSchema, result: SaveDeviceSettingsResultSchema, roles: CLERK_ONLY },
  /** IT: starts a device's test (read a card, press a key, pen reports, a test page). */
  testDevice: { params: kindOnly, result: DeviceTestViewSchema, roles: CLERK_ONLY },
  /** IT: how the device's test stands. */
  getDeviceTest: { params: kindOnly, result: DeviceTestViewSchema, roles: CLERK_ONLY },
  /** IT: writes the diagnostic bundle (a zip in diagnostics/ of the data directory) and says where. */
  writeDiagnosticBundle: { params: none, result: BundleResultSchema, roles: CLERK_ONLY },
} as const;

export const IT_GATED_METHODS: ReadonlySet<string> = new Set(Object.keys(itGatedMethods));

export const itDeskMethods = {
  /** Whether IT is unlocked on this connection (and whether any IT account is configured). */
  getItSession: { params: none, result: ItSessionSchema, roles: CLERK_ONLY },
  /** Unlocks the IT screen for this connection; wrong PINs lead to a lock-out. */
  unlockIt: { params: UnlockItParamsSchema, result: UnlockItResultSchema, roles: CLERK_ONLY },
  /** 退出 IT 模式. */
  lockIt: { params: none, result: ItSessionSchema, roles: CLERK_ONLY },
  /** The devices: states for anyone on the clerk screen; settings and candidates with the IT unlock. */
  getDeviceDesk: { params: none, result: DeviceDeskSchema, roles: CLERK_ONLY },
  ...itGatedMethods,
} as const;
