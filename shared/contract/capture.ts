import { z } from 'zod';
import { DeviceModeSchema } from './config';
import { CLERK_ONLY } from './roles';

/**
 * The document camera (高拍仪, issue 11). Capture runs in the clerk's page
 * (getUserMedia, the page detector in shared/domain/camera); the page, once
 * straightened, goes to the capture service, which keeps the pages of each
 * material of the open case and one PDF per material in the case's archive
 * folder. The camera's state is reported by the page (only the page sees
 * cameras) and shown in the status bar like the other devices.
 */

/** How a kept page looks: as captured, grey, or black-and-white (a clean scan look for text). */
export const CAPTURE_MODES = ['colour', 'grey', 'bw'] as const;
export const CaptureModeSchema = z.enum(CAPTURE_MODES);
export type CaptureMode = z.infer<typeof CaptureModeSchema>;

/** page: one straightened page · idCard: an ID card's front and back composed on one A4 sheet at true size. */
export const CapturePageKindSchema = z.enum(['page', 'idCard']);
export type CapturePageKind = z.infer<typeof CapturePageKindSchema>;

export const CapturePageSchema = z.object({
  id: z.string(),
  /** Position in the material's PDF, from 0. */
  index: z.number().int().nonnegative(),
  kind: CapturePageKindSchema,
  mode: CaptureModeSchema,
  capturedAt: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
});
export type CapturePage = z.infer<typeof CapturePageSchema>;

export const MaterialCapturesSchema = z.object({
  materialId: z.string(),
  materialName: z.string(),
  pages: z.array(CapturePageSchema),
  /** The material's PDF as it stands (rebuilt on every change), or null while it has no page. */
  pdf: z.object({ pages: z.number().int().positive(), bytes: z.number().int().positive(), updatedAt: z.string() }).nullable(),
});
export type MaterialCaptures = z.infer<typeof MaterialCapturesSchema>;

export const CaseCapturesSchema = z.object({
  caseId: z.string(),
  /** Materials with at least one page, in the catalogue's order. */
  materials: z.array(MaterialCapturesSchema),
});
export type CaseCaptures = z.infer<typeof CaseCapturesSchema>;

export const CaptureResultSchema = z.object({ ok: z.boolean(), message: z.string(), captures: CaseCapturesSchema.nullable() });
export type CaptureResult = z.infer<typeof CaptureResultSchema>;

/** A JPEG as base64 (no data: prefix). 16 M characters ≈ 12 MB: far above a page (a few hundred KB) and below any abuse. */
const JpegBase64Schema = z
  .string()
  .min(4)
  .max(16_000_000)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/);

export const AddCapturePageParamsSchema = z
  .object({
    materialId: z.string().min(1).max(100),
    kind: CapturePageKindSchema,
    mode: CaptureModeSchema,
    jpeg: JpegBase64Schema,
    width: z.number().int().positive().max(20000),
    height: z.number().int().positive().max(20000),
    /**
     * The page's true size in mm when its format is known (pageSizeFor: a receipt, an A5, an ID card): the PDF
     * places it on A4 at that size. Absent (or A4 and larger): the page fills an A4 page.
     */
    sizeMm: z.object({ width: z.number().positive().max(1000), height: z.number().positive().max(1000) }).strict().optional(),
    /** Replace this page (重拍, or an edit: rotation, mode, corners) instead of adding one. */
    replacePageId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type AddCapturePageParams = z.infer<typeof AddCapturePageParamsSchema>;

/** The camera settings the page needs (devices.camera of config.json). */
export const CameraSettingsSchema = z.object({
  mode: DeviceModeSchema,
  document: z.string().nullable(),
  face: z.string().nullable(),
  jpegQuality: z.number(),
});
export type CameraSettings = z.infer<typeof CameraSettingsSchema>;

/** What the page sees of the document camera, reported on open, on plug events and on faults. */
export const CameraReportSchema = z
  .object({
    state: z.enum(['simulated', 'connected', 'disconnected', 'fault', 'unconfigured']),
    /** The camera's label as Chromium reports it (模拟高拍仪 when simulated). */
    label: z.string().max(200),
    /** What the camera granted at its largest mode (track.getSettings()). */
    width: z.number().int().nonnegative().nullable(),
    height: z.number().int().nonnegative().nullable(),
    frameRate: z.number().nonnegative().nullable(),
    /** Why (Chinese), e.g. 未找到名称含“Eloam”的摄像头; empty when nothing to say. */
    reason: z.string().max(300),
  })
  .strict();
export type CameraReport = z.infer<typeof CameraReportSchema>;

const none = z.object({}).strict();
const pageRef = z.object({ pageId: z.string().min(1).max(100) }).strict();

export const captureMethods = {
  /** The camera settings of this counter. */
  getCameraSettings: { params: none, result: CameraSettingsSchema, roles: CLERK_ONLY },
  /** The page reports the camera's state; the status bar and the doctor show it. */
  reportCamera: { params: CameraReportSchema, result: z.object({ ok: z.boolean() }), roles: CLERK_ONLY },
  /** The captured materials of the open case (null when no case is open). */
  getCaptures: { params: none, result: CaseCapturesSchema.nullable(), roles: CLERK_ONLY },
  /** The captures of a past case, for 办件记录. */
  getCaseCaptures: { params: z.object({ caseId: z.string().min(1).max(100) }).strict(), result: CaseCapturesSchema, roles: CLERK_ONLY },
  /** Keeps a straightened page for a material of the open case (or replaces one) and rebuilds that material's PDF. */
  addCapturePage: { params: AddCapturePageParamsSchema, result: CaptureResultSchema, roles: CLERK_ONLY },
  /** 删除 a page. */
  deleteCapturePage: { params: pageRef, result: CaptureResultSchema, roles: CLERK_ONLY },
  /** Moves a page to another position within its material. */
  moveCapturePage: { params: pageRef.extend({ toIndex: z.number().int().nonnegative() }).strict(), result: CaptureResultSchema, roles: CLERK_ONLY },
  /** One kept page as JPEG base64 (thumbnails, editing again). */
  getCapturePage: { params: pageRef, result: z.object({ ok: z.boolean(), message: z.string(), jpeg: z.string().nullable() }), roles: CLERK_ONLY },
} as const;
