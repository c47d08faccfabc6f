import type { CaptureMode } from '../../shared/contract';
import { fitWithin, quadProblem, type Quad } from '../../shared/domain/camera/geometry';
import { resizeRgba, type RgbaImage } from '../../shared/domain/camera/image';
import { detectAndRefine, detectPage, outlineOnEdges, refinePage, type PageDetection, type PageExpectation } from '../../shared/domain/camera/detect';
import { ID_CARD_MM, applyCaptureMode, composeIdCardSheet, pageSizeFor, rotateQuarterTurns, straightenPage, type PageSize, type StraightenOptions } from '../../shared/domain/camera/page';

/**
 * What the capture worker does with a frame, as plain functions (the worker
 * and the in-page fallback run the same code): the live outline, the outline
 * refined at full size on capture, and the kept page — straightened, turned,
 * in its colour mode, or an ID card's two sides on one A4 sheet.
 */

/** One captured frame's part in a page: which frame (slot), the page's corners in it, quarter turns clockwise. */
export interface SideSpec {
  slot: string;
  quad: Quad;
  turns: number;
}

export type RenderSpec =
  | { kind: 'page'; side: SideSpec; mode: CaptureMode }
  /** An ID card: the front, and the back once captured (until then the front alone is shown). */
  | { kind: 'idCard'; front: SideSpec; back: SideSpec | null; mode: CaptureMode }
  /** A whole captured frame, its longer side at most `longSide`: the corner editor's picture (quality does not apply). */
  | { kind: 'frame'; slot: string; longSide: number };

/** preview: about a screen's size, shown at once · full: the kept page, ≥ 300 dpi. */
export type RenderQuality = 'preview' | 'full';

export const FULL_DPI = 300;
/** A preview is about a screen's page: at most this many pixels (≈ 850 × 1200 for A4). */
export const PREVIEW_PIXELS = 1_000_000;
/** The ID card sheet's preview resolution (A4 at 85 dpi ≈ 700 × 1000). */
const SHEET_PREVIEW_DPI = 85;
/**
 * The working size of the live detector (the longer side of the frame it looks at). 400 rather than 480: a
 * fifth less time per outline (Node, labelled seeds 1–6: 44 against 57 ms), which the ≥ 10 outlines a second
 * in Chromium on two cores needs. The outlines are as good (mean JI 0.980 against 0.976), and so are the
 * captures that refine them at full size (0.998 either way, none worse than the full search).
 */
export const LIVE_WORKING_SIZE = 400;

/**
 * `expect`: 'idCard' in the 身份证正反面 capture, so a page lying beside the card is not taken for it. Without
 * completing missed sides (a tenth of the detector's time, which the live frame rate cannot spare): the capture does.
 */
export function detectLive(frame: RgbaImage, expect?: PageExpectation): PageDetection {
  return detectPage(frame, { workingSize: Math.min(LIVE_WORKING_SIZE, Math.max(frame.width, frame.height)), expect, completeSides: false });
}

/**
 * The live outline the clerk saw when capturing, in the full frame's pixels,
 * with the detector's confidence in it: a good one only needs refining at
 * full size, which spares the full-size search (most of the capture's time
 * on an 8 MP frame).
 */
export interface CaptureHint {
  quad: Quad;
  confidence: number;
}

/** Below this confidence the live outline is not trusted: the capture searches the full frame (with its second look). */
export const HINT_MIN_CONFIDENCE = 0.85;

export function detectOnCapture(frame: RgbaImage, expect?: PageExpectation, hint?: CaptureHint): PageDetection {
  if (hint && hint.confidence >= HINT_MIN_CONFIDENCE && quadProblem(hint.quad, frame) === null) {
    const refined = refinePage(frame, hint.quad);
    // refinePage gives its input back when it cannot refine safely (the page moved, the edges are not where the hint says).
    // And refining is no proof: the refined sides must lie on edges of this frame, else the full search decides.
    if (refined !== hint.quad && quadProblem(refined, frame) === null && outlineOnEdges(frame, refined)) {
      return { corners: refined, confidence: hint.confidence, reason: 'found' };
    }
  }
  return detectAndRefine(frame, { expect });
}

/** The captured frame kept under `slot`. */
function frameOf(frames: ReadonlyMap<string, RgbaImage>, slot: string): RgbaImage {
  const frame = frames.get(slot);
  if (!frame) throw new Error(`no frame ${slot}`);
  return frame;
}

function side(frames: ReadonlyMap<string, RgbaImage>, spec: SideSpec, options: StraightenOptions): RgbaImage {
  const frame = frameOf(frames, spec.slot);
  const straight = straightenPage(frame, spec.quad, options);
  return spec.turns % 4 === 0 ? straight : rotateQuarterTurns(straight, spec.turns);
}

/** An ID card's side is a card whatever the outline's proportions say: 85.6 × 54 mm, lying as it lies in the frame. */
function cardSize(frames: ReadonlyMap<string, RgbaImage>, spec: SideSpec): PageSize {
  const frame = frames.get(spec.slot);
  const seen = frame ? pageSizeFor(spec.quad, { width: frame.width, height: frame.height }) : null;
  const upright = seen !== null && seen.heightMm > seen.widthMm;
  return { kind: 'idCard', widthMm: upright ? ID_CARD_MM.height : ID_CARD_MM.width, heightMm: upright ? ID_CARD_MM.width : ID_CARD_MM.height };
}

/** The frame shrunk (area-averaged) so its longer side is at most `longSide`. */
function framePicture(frames: ReadonlyMap<string, RgbaImage>, slot: string, longSide: number): RgbaImage {
  const frame = frameOf(frames, slot);
  if (Math.max(frame.width, frame.height) <= longSide) return { width: frame.width, height: frame.height, data: frame.data.slice() };
  const { width, height } = fitWithin(frame, longSide);
  return resizeRgba(frame, width, height);
}

export function renderPage(frames: ReadonlyMap<string, RgbaImage>, spec: RenderSpec, quality: RenderQuality): RgbaImage {
  if (spec.kind === 'frame') return framePicture(frames, spec.slot, spec.longSide);
  const pageOptions: StraightenOptions = quality === 'full' ? { dpi: FULL_DPI } : { dpi: FULL_DPI, maxPixels: PREVIEW_PIXELS };
  if (spec.kind === 'page') return applyCaptureMode(side(frames, spec.side, pageOptions), spec.mode);
  const dpi = quality === 'full' ? FULL_DPI : SHEET_PREVIEW_DPI;
  const front = side(frames, spec.front, { dpi, size: cardSize(frames, spec.front) });
  // Until the back is captured the front alone is shown.
  if (!spec.back) return applyCaptureMode(front, spec.mode);
  const back = side(frames, spec.back, { dpi, size: cardSize(frames, spec.back) });
  return applyCaptureMode(composeIdCardSheet(front, back, dpi), spec.mode);
}
