/**
 * Slips must be signed (issue 10: config.slips.signatureRequired, default on; the 容缺受理 commitment always).
 * Tests about something else than signing issue receipts, notices and rejections with signing switched off in
 * their config.json, through this one helper; signing itself is tested in electron/services/signatures and by
 * the signing step's own tests.
 */
export const NO_SIGNATURE_REQUIRED = { receipt: false, oneTimeNotice: false, rejection: false } as const;

/** `config` (a config.json object) with slips that need no signature; its other `slips` settings kept. */
export function slipsNeedNoSignature(config: Record<string, unknown> = {}): Record<string, unknown> {
  const slips = (config.slips as Record<string, unknown> | undefined) ?? {};
  return { ...config, slips: { ...slips, signatureRequired: NO_SIGNATURE_REQUIRED } };
}
