import { z } from 'zod';

/** The device kinds a counter has. Order is the order of the status bar. */
export const DEVICE_KINDS = ['idcard', 'camera', 'signature', 'evaluator', 'printer'] as const;
export const DeviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKindSchema>;

/**
 * 未配置 / 模拟 / 已连接 / 已断开 / 故障 / 未知.
 * `simulated` is a state of its own (not a flag on `connected`) so that the
 * UI can never show a simulated device as if real hardware were attached.
 * `unknown`: nobody can tell right now — the document camera is seen only by
 * the clerk's page, and no page has reported for a while (never a guess).
 */
export const DEVICE_STATES = ['unconfigured', 'simulated', 'connected', 'disconnected', 'fault', 'unknown'] as const;
export const DeviceStateSchema = z.enum(DEVICE_STATES);
export type DeviceState = z.infer<typeof DeviceStateSchema>;

export const DeviceStatusSchema = z.object({
  kind: DeviceKindSchema,
  state: DeviceStateSchema,
  /** Human-readable driver name, e.g. 模拟身份证阅读器. */
  driver: z.string(),
  /** Why the device is in this state (Chinese, for the clerk and IT); empty when nothing to say. */
  reason: z.string(),
  /** ISO timestamp of the last state change. */
  since: z.string(),
  /** What the device runs at, for the tooltip and IT (e.g. the camera's granted 3264×2448，15 帧/秒); absent when nothing to say. */
  detail: z.string().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;
