/**
 * The page detector of the document camera (issue 11): finds the page's
 * outline in a camera frame. Pure TypeScript with no I/O, so the same code
 * runs in the capture panel's Web Worker (live outline), on capture, and in
 * the `camera` command.
 *
 * How: shrink the frame to ~400 px (area average); colour gradients (a
 * white page on a light-grey desk still differs in some channel); thin
 * ridges; straight lines by an orientation-aware Hough transform, each
 * refitted to its ridge pixels (and to its longest unbroken run, so a short
 * edge in line with wood grain is not tilted by it); every plausible
 * quadrilateral from two roughly parallel pairs of lines, scored by how
 * completely its sides are backed by aligned edges, by a consistent colour
 * step across every side (a printed rule or a mat's grid line has the same
 * surface on both sides), by the same surface just inside every side, and
 * by size; a larger outline sharing three sides wins when the page's edges
 * run on past a strong line printed on it. On capture the outline is
 * refined at full resolution: subpixel edge points per side (the paper side
 * brighter, so a drop shadow's rim is not taken), a robust line through
 * them (a finger or a glare spot on an edge is outvoted), corners where the
 * lines meet. Not the contour approach of browser scanners (largest Otsu
 * contour), which breaks on clutter and light backgrounds.
 */
import { quadProblem, scaleQuad, type Quad } from '../geometry';
import type { RgbaImage } from '../image';
import { colourGradient, edgeRidges } from './gradient';
import { findLines } from './lines';
import { shrinkToPlanes } from './planes';
import { bestQuad } from './quads';
import { refineQuad } from './refine';

export interface PageDetection {
  /** null: no page found, or not sure enough. Never a degenerate outline: quadProblem(corners, frame) === null. */
  corners: Quad | null;
  /** 0..1 */
  confidence: number;
  reason: 'found' | 'noPage' | 'unsure';
}

export interface DetectOptions {
  /** Longer side of the shrunk frame the detector works on (default 400). */
  workingSize?: number;
}

/** Below this the outline is not shown as found: the clerk adjusts the corners instead. */
const MIN_CONFIDENCE = 0.5;

const noPage: PageDetection = { corners: null, confidence: 0, reason: 'noPage' };

/** The page outline in a frame, found on a shrunk copy (the live outline); corners in the frame's pixels. */
export function detectPage(frame: RgbaImage, options: DetectOptions = {}): PageDetection {
  if (frame.width < 16 || frame.height < 16 || frame.data.length < frame.width * frame.height * 4) return noPage;
  const target = Math.max(64, Math.round(options.workingSize ?? 400));
  const scale = Math.min(1, target / Math.max(frame.width, frame.height));
  const width = Math.max(16, Math.round(frame.width * scale));
  const height = Math.max(16, Math.round(frame.height * scale));
  const planes = shrinkToPlanes(frame, width, height);
  const field = colourGradient(planes);
  const edges = edgeRidges(field, 1);
  const minSide = Math.min(width, height);
  const lines = findLines(edges, field, planes, { minLength: 0.08 * minSide, maxLines: 56, perDirection: 10 });
  const best = bestQuad(lines, planes);
  if (!best) return noPage;
  const corners = scaleQuad(best.corners, frame.width / width, frame.height / height);
  const confidence = Math.max(0, Math.min(1, best.edgeSupport * (0.5 + 0.5 * best.contrast)));
  if (quadProblem(corners, frame) !== null || confidence < MIN_CONFIDENCE) return { corners: null, confidence, reason: 'unsure' };
  return { corners, confidence, reason: 'found' };
}

/** The outline moved onto the page's edges at full resolution (on capture); `approx` when that cannot be done safely. */
export function refinePage(frame: RgbaImage, approx: Quad): Quad {
  return refineQuad(frame, approx);
}

/** Detect, then refine at full resolution: what the capture and the `camera` command use. */
export function detectAndRefine(frame: RgbaImage): PageDetection {
  const found = detectPage(frame);
  if (!found.corners) return found;
  const refined = refinePage(frame, found.corners);
  if (quadProblem(refined, frame) !== null) return found;
  return { ...found, corners: refined };
}
