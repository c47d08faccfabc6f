import type { PageDetection, PageExpectation } from '../../shared/domain/camera/detect';
import type { RgbaImage } from '../../shared/domain/camera/image';
import type { CaptureHint, RenderQuality, RenderSpec } from './page-render';

/** Requests to the capture worker; each answered once with the same id. */
export type CaptureRequest =
  | { id: number; op: 'live'; frame: RgbaImage; expect?: PageExpectation }
  /** Keeps the full-size frame under `slot` and finds the page in it (refined at full size). */
  | { id: number; op: 'capture'; slot: string; frame: RgbaImage; expect?: PageExpectation; hint?: CaptureHint }
  | { id: number; op: 'render'; spec: RenderSpec; quality: RenderQuality }
  | { id: number; op: 'drop'; slot: string };

export type CaptureResponse =
  | { id: number; ok: true; detection?: PageDetection; image?: RgbaImage }
  | { id: number; ok: false; error: string };

/** The worker's first message: its code loaded, frames may be handed over (transferred) from now on. */
export const CAPTURE_WORKER_READY = { ready: true } as const;

/** What the capture worker posts. */
export type CaptureWorkerMessage = CaptureResponse | typeof CAPTURE_WORKER_READY;
