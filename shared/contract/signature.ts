import { z } from 'zod';
import { SlipKindSchema } from '../domain/slips/slip-data';
import { CLERK_ONLY, type Roles } from './roles';

/**
 * The 签名 step of a case (issue 10): after the decision, before the slip.
 * The applicant signs on the pad or on the citizen screen; the clerk sees
 * the ink arrive, may ask for a re-sign, or records why there is no
 * signature. The ink carries no personal data beyond the strokes
 * themselves, so both screens receive it.
 */

/** A point of ink scaled into the signing box: x, y in 0…1 from the top left; p (pressure) in 0…1 or null. */
export const InkPointSchema = z
  .object({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    p: z.number().min(0).max(1).nullable(),
    /** ms since the signing started (host clock). */
    t: z.number().nonnegative(),
  })
  .strict();
export type InkPoint = z.infer<typeof InkPointSchema>;

/** Where the applicant signs: the signature pad, or the on-screen pad of the citizen screen (or the clerk's, with no second screen). */
export const SignatureSourceSchema = z.enum(['pad', 'screen']);
export type SignatureSource = z.infer<typeof SignatureSourceSchema>;

export const SigningPromptSchema = z.object({
  slipKind: SlipKindSchema,
  /** e.g. 受理通知书 */
  slipTitle: z.string(),
  itemName: z.string(),
  /** The case number (not the slip number: that is taken when the slip is issued). */
  caseNumber: z.string(),
  /** 请在框内签名 */
  instruction: z.string(),
});
export type SigningPrompt = z.infer<typeof SigningPromptSchema>;

/**
 * idle: nothing asked yet · signing: the box is shown and ink may arrive ·
 * signed: kept (durably) for this slip · waived: the clerk recorded why
 * there is no signature.
 */
export const SIGNING_PHASES = ['idle', 'signing', 'signed', 'waived'] as const;
export const SigningPhaseSchema = z.enum(SIGNING_PHASES);
export type SigningPhase = z.infer<typeof SigningPhaseSchema>;

/** The 签名 step of the open decided case, as both screens show it. */
export const SigningViewSchema = z.object({
  /** Changes with each start and re-sign: ink of an older session is dropped. */
  session: z.string(),
  phase: SigningPhaseSchema,
  /** This slip cannot be printed unsigned unless a reason is recorded (容缺受理 always; the others as configured). */
  required: z.boolean(),
  source: SignatureSourceSchema.nullable(),
  /** The pad in use, e.g. 模拟签名板 or STU-540; null for the on-screen pad. */
  padName: z.string().nullable(),
  prompt: SigningPromptSchema,
  /** Which screen takes the on-screen signature (devices.signature.screenPad): the citizen's, or the clerk's on a counter with one screen. */
  screenPad: z.enum(['citizen', 'clerk']),
  /** Width / height of the signing box (the pad's active area, or the on-screen box). */
  aspect: z.number().positive(),
  /** The ink so far (so a screen that reconnects draws it again); strokes of points. */
  strokes: z.array(z.array(InkPointSchema)),
  signedAt: z.string().nullable(),
  /** Short code printed on the slip beside the signature (from the record's hash). */
  verificationCode: z.string().nullable(),
  waivedReason: z.string().nullable(),
  /** What the clerk should know now (Chinese), e.g. 签名板未连接，请改用屏幕签名; empty otherwise. */
  message: z.string(),
});
export type SigningView = z.infer<typeof SigningViewSchema>;

/** Live ink: points appended to stroke `stroke` of session `session` (a new stroke index starts a stroke). */
export const InkEventSchema = z.object({
  session: z.string(),
  stroke: z.number().int().nonnegative(),
  points: z.array(InkPointSchema).max(1000),
});
export type InkEvent = z.infer<typeof InkEventSchema>;

export const SigningResultSchema = z.object({ ok: z.boolean(), message: z.string(), signing: SigningViewSchema.nullable() });
export type SigningResult = z.infer<typeof SigningResultSchema>;

/** The signature of an issued slip, for 办件记录. */
export const SlipSignatureViewSchema = z.object({
  state: z.enum(['signed', 'waived']),
  signedAt: z.string().nullable(),
  verificationCode: z.string().nullable(),
  waivedReason: z.string().nullable(),
  /** The rendered signature as a PNG data URL (signed only). */
  image: z.string().nullable(),
  /** e.g. STU-540 (056a:00a8) or 屏幕签名. */
  device: z.string().nullable(),
  points: z.number().int().nonnegative(),
  /** Both hashes checked now: the record and the slip content it signs are unchanged. */
  verified: z.boolean(),
  /** Why verification failed (Chinese); empty when verified. */
  problem: z.string(),
});
export type SlipSignatureView = z.infer<typeof SlipSignatureViewSchema>;

/** Whether an issued slip was signed, as SlipSummary and 办件记录 carry it. */
export const SlipSignatureStateSchema = z.enum(['signed', 'waived', 'none']);
export type SlipSignatureState = z.infer<typeof SlipSignatureStateSchema>;

const none = z.object({}).strict();
const CLERK_AND_CITIZEN = ['clerk', 'citizen'] as const satisfies Roles;

export const signatureMethods = {
  /** The 签名 step of the open case (null when no decided case is open). */
  getSigning: { params: none, result: SigningViewSchema.nullable(), roles: CLERK_AND_CITIZEN },
  /** 请申请人签名: shows the box on the pad (and its screen) or on the citizen screen. */
  startSigning: { params: z.object({ source: SignatureSourceSchema.optional() }).strict(), result: SigningResultSchema, roles: CLERK_ONLY },
  /** 模拟签名: the simulated pad replays a recorded signature through the real decoder. */
  simulateSignature: { params: none, result: SigningResultSchema, roles: CLERK_ONLY },
  /** 重签: clears the ink (the applicant on the citizen screen, or the clerk asking for a re-sign). */
  resetSignature: { params: none, result: SigningResultSchema, roles: CLERK_AND_CITIZEN },
  /** 确认: keeps the signature; written durably before the answer says 已签名. */
  confirmSignature: { params: none, result: SigningResultSchema, roles: CLERK_AND_CITIZEN },
  /** Stops asking (the box closes); nothing is kept. */
  cancelSigning: { params: none, result: SigningResultSchema, roles: CLERK_ONLY },
  /** No signature, and why (e.g. 申请人拒签): printed on the slip in the signature line. */
  waiveSignature: { params: z.object({ reason: z.string().trim().min(2).max(60) }).strict(), result: SigningResultSchema, roles: CLERK_ONLY },
  /** Ink from the on-screen pad (Pointer Events), in batches. */
  submitScreenInk: { params: InkEventSchema.strict(), result: z.object({ accepted: z.boolean() }), roles: CLERK_AND_CITIZEN },
  /** 办件记录: the signature of an issued slip, verified now. */
  getSlipSignature: {
    params: z.object({ slipId: z.number().int() }).strict(),
    result: z.object({ ok: z.boolean(), message: z.string(), signature: SlipSignatureViewSchema.nullable() }),
    roles: CLERK_ONLY,
  },
} as const;

export const signatureEvents = {
  /** The 签名 step changed (null: no case to sign). */
  'signature.changed': { payload: SigningViewSchema.nullable(), audience: CLERK_AND_CITIZEN },
  /** Live ink, as it is written. */
  'signature.ink': { payload: InkEventSchema, audience: CLERK_AND_CITIZEN },
} as const;
