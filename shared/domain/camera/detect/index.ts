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
 * edge in line with wood grain is not tilted by it), then a second vote in
 * which any pixel a few times above the frame's noise floor counts in full,
 * so a long faint edge (a white card on a near-white desk, 2 levels per
 * pixel) is found although print outvotes it in the first; a side with
 * hardly any edge of its own (a receipt's faint end under a finger) is
 * completed through the clean ends of the two sides meeting it; every plausible
 * quadrilateral from two roughly parallel pairs of lines, scored by how
 * completely its sides are backed by aligned edges, by a consistent colour
 * step across every side (a printed rule or a mat's grid line has the same
 * surface on both sides), by the same surface just inside every side, by
 * a near-neutral margin (documents are paper or cards; a sticky note or a
 * patch of the mat between papers is coloured), by corners that end their
 * edges (where a side runs on past a corner, that corner is a T-junction: a
 * line printed on the sheet, or a shadow's rim, stopped by the sheet's
 * real edge), and by size; a larger outline sharing three sides wins when
 * the page's edges run on past a strong line printed on it (one of them is
 * enough when that line has the same paper on both sides: a finger, or a
 * white sheet beneath, can hide the other; both, less clearly, when that
 * line is the rim of a shadow lying across the page), but not when it only adds the
 * page's drop shadow (darker inside its rim, where the page was brighter
 * inside its edge); with `expect: 'idCard'` an
 * outline of a card's proportions, wholly in view, is preferred, unless it
 * is only part of a larger sheet, and a card showing only two sides is
 * completed from its proportions; on capture a page showing only two sides
 * (a pale sheet on a pale desk) has its far sides placed where the colour
 * steps as across its near ones. On capture a doubtful outline gets a second
 * look at a larger working size (taken when it sees the same outline more
 * surely; another outline when the learned ranking prefers it both in that
 * look and over the two looks together), and the outline is refined at full
 * resolution: subpixel edge points per side (the paper side
 * brighter, so a drop shadow's rim is not taken), a robust line through
 * them (a finger or a glare spot on an edge is outvoted), corners where the
 * lines meet. Not the contour approach of browser scanners (largest Otsu
 * contour), which breaks on clutter and light backgrounds.
 */
import { clipPolygon, polygonArea, quadProblem, scaleQuad, type Quad } from '../geometry';
import type { RgbaImage } from '../image';
import { viewDeviationPx } from './camera-view';
import { insideFrameBy, wholeInView } from './clutter';
import { cardCompletionLines, cardCornerLines, completionLines, pageCornerLines } from './completion';
import { colourGradient, edgeRidges } from './gradient';
import { findLines } from './lines';
import { shrinkToPlanes } from './planes';
import { bestQuad, PREFERENCE_WEIGHT, type ScoredOutline } from './quads';
import { ID_CARD_MM, perspectiveAspect } from '../page/page-size';
import { refineQuad } from './refine';
import { AT_THE_BORDER_PX, CLEAR_OF_THE_BORDER_PX, OFF_THE_DESK_PX, type PoolEntry } from './ranker';
import { RANKER_WEIGHTS } from './ranker-weights';

export interface PageDetection {
  /** null: no page found, or not sure enough. Never a degenerate outline: quadProblem(corners, frame) === null. */
  corners: Quad | null;
  /** 0..1 */
  confidence: number;
  reason: 'found' | 'noPage' | 'unsure';
  /**
   * Only when unsure: the outline the detector found all the same, too weakly backed to be shown as the page (the
   * live preview draws it dashed; the corner editor opens on it, so the clerk moves the corners that are wrong
   * rather than all four from the frame's corners). Never degenerate. Never counted as a detection.
   */
  guess?: Quad;
}

export interface DetectOptions {
  /** Longer side of the shrunk frame the detector works on (default 400). */
  workingSize?: number;
  /**
   * What the clerk is photographing. 'page' (the default) takes the most convincing outline, usually the largest
   * sheet; 'idCard' (the 身份证正反面 capture) prefers an outline with an ID card's proportions (85.6 × 54 mm,
   * seen through the perspective), so a page lying beside the card does not win.
   */
  expect?: PageExpectation;
  /**
   * Whether to complete a side the line search missed from the two sides meeting it (default true). The live
   * outline leaves it out to keep its frame rate: a page that needs it is outlined with low confidence, and the
   * capture then searches the whole frame with it.
   */
  completeSides?: boolean;
  /** Weights of the learned ranking of the best candidates (ranker.ts); null ranks by the hand-made score alone. */
  ranker?: readonly number[] | null;
  /** Sees the best candidates with their evidence (for training the ranker: test/camera/ranker/). */
  onPool?: (pool: readonly PoolEntry[], frame: { width: number; height: number }) => void;
}

/** What the clerk is photographing (see DetectOptions.expect). */
export type PageExpectation = 'page' | 'idCard';

const ID_RATIO = ID_CARD_MM.width / ID_CARD_MM.height;

/**
 * 0..PREFERENCE_WEIGHT: how close an outline's straightened proportions are to an ID card's: in full within 5 %
 * (the perspective estimate is that good), nothing from 11 % on, which is where A4 (√2 : 1) lies. Nothing for an
 * outline not wholly in view: its proportions are not seen.
 */
function idCardPreference(frame: { width: number; height: number }) {
  return (corners: Quad) => {
    if (!wholeInView(corners, frame)) return 0;
    const aspect = perspectiveAspect(corners, frame);
    const ratio = aspect > 1 ? aspect : 1 / aspect;
    const off = Math.abs(Math.log(ratio / ID_RATIO));
    return PREFERENCE_WEIGHT * Math.max(0, Math.min(1, (0.11 - off) / 0.06));
  };
}

const DEFAULT_WORKING_SIZE = 400;
/**
 * Capture looks a second time, at 1.5 × the working size, when the first outline's confidence is below this: a
 * receipt's short end or a table rule near it can be a pixel apart at 400 px and tell the wrong outline from the
 * right one, and the finer look is clearly more confident when it sees them apart. Taken only when it is.
 */
const SECOND_LOOK_BELOW = 0.85;
const SECOND_LOOK_SCALE = 1.5;
const SECOND_LOOK_MARGIN = 0.05;
/**
 * The overlap (intersection over union) above which the second look's outline is the first one seen more finely:
 * its sides move by a pixel or two at the working size, and it is taken when it is clearly more confident. Below
 * it the second look found another outline (a table's rule across the page, a different sheet, or the page the
 * first look missed for a patch of desk between two papers), and confidence alone cannot choose: it measures how
 * well edges back an outline, which that patch has as much as the page. The learned ranking (ranker.ts) weighs
 * all the evidence that tells them apart, and the finer look's outline wins when it scores higher in its own look
 * than the first outline did in the first look, and each outline's scores in both looks added up (scoreAmong)
 * favour it too. Either alone can be wrong: a look's own ranking errs where two candidates score alike (the finer
 * look ranked a card-shaped block of a page a little above the card the first look had clearly), and an outline
 * one look's search never produced (its lines not found at that size) scores low there without being worse.
 */
const SECOND_LOOK_SAME = 0.9;
/**
 * A lead in the learned score by which the finer look's different outline wins whatever the sums say: the sums
 * guard near-ties (the card-shaped block above scored half a point over the card), but a look whose search never
 * produced an outline scores it at its lowest, often several points below the rest, and that sinks an outline the
 * finer look found clearly (a pale A4 page on an unevenly lit desk: 10.6 against the first look's 5.7, its sides
 * completed from a corner only at the finer size). The lead is about e³ ≈ 20 to one in the ranker's softmax.
 */
const SECOND_LOOK_CLEAR_LEAD = 3;
/**
 * How much more confident a finer look that sees a different outline must be to win all the same: a receipt whose
 * whole length the 400 px look cannot resolve against the wood grain, and the 600 px look sees clearly.
 */
const SECOND_LOOK_SURE = 0.2;
/**
 * A finer look's different outline wins when the first look's is no sheet a document camera shows (OFF_THE_DESK_PX
 * and more off, as ranker.ts reads it: a side across the page above a glare spot) and the finer one is within
 * this many of its working pixels of one.
 */
const SECOND_LOOK_ON_DESK_PX = 3;

/** Intersection over union of two outlines. */
function overlap(a: Quad, b: Quad): number {
  const common = polygonArea(clipPolygon(a, b));
  return common / Math.max(1e-9, polygonArea(a) + polygonArea(b) - common);
}

/** How sure an outline is: how completely its sides are backed by edges, and how clearly the colour steps across them. */
function confidenceOf(best: { edgeSupport: number; contrast: number }): number {
  return Math.max(0, Math.min(1, best.edgeSupport * (0.5 + 0.5 * best.contrast)));
}

/**
 * A page's outline less sure than this (the second look's threshold) is searched again with far sides completed
 * from two sides meeting at a corner (pageCornerLines): a pale page on a pale desk can show only those two.
 */
const PAGE_CORNERS_BELOW = SECOND_LOOK_BELOW;

/** Below this the outline is not shown as found: the clerk adjusts the corners instead. */
const MIN_CONFIDENCE = 0.5;

const noPage: PageDetection = { corners: null, confidence: 0, reason: 'noPage' };

/** The page outline in a frame, found on a shrunk copy (the live outline); corners in the frame's pixels. */
export function detectPage(frame: RgbaImage, options: DetectOptions = {}): PageDetection {
  return lookForPage(frame, options).detection;
}

/** One look at a frame: what it detected, and how the learned ranking scored its outline and the others it weighed. */
export interface Look {
  detection: PageDetection;
  /** The outline's learned score; undefined without the learned ranking, or without an outline. */
  learned: number | undefined;
  /** The best forty of the search the outline came from, corners in the frame's pixels, with their learned scores (none without the learned ranking). */
  weighed: readonly ScoredOutline[];
  /**
   * How far (working pixels) the outline is from any sheet a document camera shows (camera-view.ts); undefined without
   * one. Measured when first asked, about a tenth of a millisecond: only a capture's second look asks, never the live outline.
   */
  offDeskPx?: () => number;
  /** How far inside the frame (working pixels) the outline's corner nearest its border lies; undefined without an outline. */
  insideFramePx?: number;
}

/** One look at a frame at one working size (detectPage, with the learned scores behind it). */
export function lookForPage(frame: RgbaImage, options: DetectOptions = {}): Look {
  if (frame.width < 16 || frame.height < 16 || frame.data.length < frame.width * frame.height * 4) return { detection: noPage, learned: undefined, weighed: [] };
  const target = Math.max(64, Math.round(options.workingSize ?? DEFAULT_WORKING_SIZE));
  const scale = Math.min(1, target / Math.max(frame.width, frame.height));
  const width = Math.max(16, Math.round(frame.width * scale));
  const height = Math.max(16, Math.round(frame.height * scale));
  const planes = shrinkToPlanes(frame, width, height);
  const field = colourGradient(planes);
  const edges = edgeRidges(field, 1);
  const minSide = Math.min(width, height);
  const found = findLines(edges, field, planes, { minLength: 0.08 * minSide, maxLines: 56, perDirection: 10, faintLines: 16 });
  // A side with almost no edge of its own (faint, or under a finger) completed from where its neighbours end.
  const completing = options.completeSides !== false;
  const completed = completing ? completionLines(found, field, planes, 0.08 * minSide, 0.06 * minSide) : [];
  // A card asked for: sides completed from its proportions too, where three sides show and the fourth hardly does,
  // or two sides meet at a corner and the other two are only a soft change of colour.
  const cardSides = completing && options.expect === 'idCard' ? cardCompletionLines([...found, ...completed], field, planes, 0.08 * minSide) : [];
  const cardCorners = completing && options.expect === 'idCard' ? cardCornerLines([...found, ...completed], field, planes, 0.08 * minSide) : [];
  const lines = [...found, ...completed, ...cardSides, ...cardCorners];
  const ranker = options.ranker === undefined ? RANKER_WEIGHTS : (options.ranker ?? undefined);
  const preference = options.expect === 'idCard' ? idCardPreference(planes) : undefined;
  let best = bestQuad(lines, planes, undefined, preference, ranker, options.onPool);
  if (completing && options.expect !== 'idCard' && (!best || confidenceOf(best) < PAGE_CORNERS_BELOW)) {
    // A page's far sides from two that meet at a corner, only where the outline is doubtful without them: the many
    // corners of a page's print make them cost as much again as the rest of the search.
    const pageCorners = pageCornerLines([...found, ...completed], field, planes, 0.08 * minSide);
    if (pageCorners.length > 0) best = bestQuad([...lines, ...pageCorners], planes, undefined, preference, ranker, options.onPool);
  }
  if (!best) return { detection: noPage, learned: undefined, weighed: [] };
  const weighed = (best.weighed ?? []).map((w) => ({ corners: scaleQuad(w.corners, frame.width / width, frame.height / height), learned: w.learned }));
  const corners = scaleQuad(best.corners, frame.width / width, frame.height / height);
  const confidence = confidenceOf(best);
  // What the capture's second look weighs, read in this look's working pixels (the size alone kept: not the planes).
  const working = { width, height };
  let offDesk: number | undefined;
  const weighing = {
    learned: best.learned,
    weighed,
    offDeskPx: () => (offDesk ??= viewDeviationPx(best.corners, working)),
    insideFramePx: insideFrameBy(best.corners, working),
  };
  if (quadProblem(corners, frame) !== null) return { detection: { corners: null, confidence, reason: 'unsure' }, ...weighing };
  if (confidence < MIN_CONFIDENCE) return { detection: { corners: null, confidence, reason: 'unsure', guess: corners }, ...weighing };
  return { detection: { corners, confidence, reason: 'found' }, ...weighing };
}

/** The outline moved onto the page's edges at full resolution (on capture); `approx` when that cannot be done safely. */
export function refinePage(frame: RgbaImage, approx: Quad): Quad {
  return refineQuad(frame, approx);
}

/** Detect, then refine at full resolution: what the capture and the `camera` command use. */
export function detectAndRefine(frame: RgbaImage, options: DetectOptions = {}): PageDetection {
  const first = lookForPage(frame, options);
  let found = first.detection;
  if (found.confidence < SECOND_LOOK_BELOW) {
    // Not convincing at the working size: look again at a larger one (on capture only; the live outline stays fast).
    const closer = lookForPage(frame, { ...options, workingSize: SECOND_LOOK_SCALE * (options.workingSize ?? DEFAULT_WORKING_SIZE) });
    if (secondLookWins(first, closer)) found = closer.detection;
  }
  if (found.corners) return { ...found, corners: refinedOrAsIs(frame, found.corners) };
  // Unsure: the guess refined too, so the corner editor opens on the page's edges where they can be found.
  return found.guess ? { ...found, guess: refinedOrAsIs(frame, found.guess) } : found;
}

/** The outline refined at full resolution, or as it is when the refined one would be degenerate. */
function refinedOrAsIs(frame: RgbaImage, corners: Quad): Quad {
  const refined = refinePage(frame, corners);
  return quadProblem(refined, frame) === null ? refined : corners;
}

/** Whether the second, finer look's outline is taken over the first's (see SECOND_LOOK_SAME). */
export function secondLookWins(first: Look, closer: Look): boolean {
  const a = first.detection;
  const b = closer.detection;
  if (!a.corners || !b.corners || overlap(a.corners, b.corners) >= SECOND_LOOK_SAME) return b.confidence > a.confidence + SECOND_LOOK_MARGIN;
  if (b.confidence > a.confidence + SECOND_LOOK_SURE) return true;
  if ((first.offDeskPx?.() ?? 0) >= OFF_THE_DESK_PX && (closer.offDeskPx?.() ?? Infinity) <= SECOND_LOOK_ON_DESK_PX) return true;
  // The finer look's outline a part of a sheet the frame cuts, the first's wholly in view (clearOfTheBorderFirst): the learned scores do not decide.
  if ((closer.insideFramePx ?? Infinity) < AT_THE_BORDER_PX && (first.insideFramePx ?? -Infinity) >= CLEAR_OF_THE_BORDER_PX) return false;
  if (first.learned === undefined || closer.learned === undefined) return false;
  if (closer.learned > first.learned + SECOND_LOOK_CLEAR_LEAD) return true;
  return closer.learned > first.learned && closer.learned + scoreAmong(b.corners, first.weighed) > first.learned + scoreAmong(a.corners, closer.weighed);
}

/**
 * The learned score a look gave an outline: that of the best of its forty that is the same outline, or, when none
 * is, the lowest of them (the outline was not among its best forty, so it scored at most that).
 */
function scoreAmong(corners: Quad, weighed: readonly ScoredOutline[]): number {
  const same = weighed.filter((w) => overlap(w.corners, corners) >= SECOND_LOOK_SAME).map((w) => w.learned);
  if (same.length > 0) return Math.max(...same);
  return weighed.length > 0 ? Math.min(...weighed.map((w) => w.learned)) : 0;
}

export { outlineOnEdges } from './edge-check';
