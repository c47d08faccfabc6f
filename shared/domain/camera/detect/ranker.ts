import { clipPolygon, polygonArea, rectQuad, type Quad, type Size } from '../geometry';
import { viewDeviationPx } from './camera-view';
import { insideFrameBy, wholeInView } from './clutter';

/**
 * The measurements a page candidate was scored on (quads.ts): what the
 * learned ranking weighs, beside the hand-made score itself.
 */
export interface CandidateEvidence {
  /** Mean and least support of the four sides by aligned edges, 0..1. */
  readonly meanSupport: number;
  readonly minSupport: number;
  /** 0..1: a side crossed by both its neighbours; a side running on past a corner (cornerRunOns). */
  readonly crossed: number;
  readonly runOn: number;
  /** 0..1: the colour step across the weakest side, and the mean over the four. */
  readonly weakestStep: number;
  readonly meanStep: number;
  /**
   * The same two unsaturated, on a log scale (stepLevels): the steps above are full from 4 levels on, where a page
   * on a dark mat (200 levels), a sheet over a sheet (20) and a printed block's margin within one sheet (5–10) all
   * read alike.
   */
  readonly weakestStepLevels: number;
  readonly meanStepLevels: number;
  /** −1..1: gradients pointing inward, sides brighter inside. */
  readonly polarity: number;
  readonly brighterInside: number;
  /** 0.4..1: the same surface just inside every side. */
  readonly insideAgreement: number;
  /** 0..1: a near-neutral margin (paper), lower for a coloured one. */
  readonly paperColour: number;
  /** √ of the share of the frame it covers. */
  readonly size: number;
  /** 0..1: the shape preference (an ID card's proportions when one is asked for). */
  readonly shape: number;
  /** The hand-made score the candidates were first ranked by. */
  readonly handScore: number;
}

/** One of the best candidates, with what is known of it beside its own evidence. */
export interface PoolEntry {
  readonly corners: Quad;
  readonly evidence: CandidateEvidence;
  /** Inside a larger, better candidate sharing two of its sides, which run on: a part of that sheet cut by a printed line. */
  readonly partOf: boolean;
  /** A larger candidate sharing three of its sides runs them on along edges: the sheet goes on past this one's fourth side. */
  readonly extended: boolean;
  /**
   * 0..1: how different the surfaces are across the side where they differ least, read a few pixels off the side
   * (surfaceDifferenceAcross, halved, at most 1): near 0 where one side is a line printed on the paper or the rim
   * of a print block, with the same paper beyond it, rather than an edge.
   */
  readonly sidesApart: number;
}

/** The ranker's inputs for one candidate, in the order of its weights. */
export function rankerFeatures(entry: PoolEntry, frame: { width: number; height: number }): number[] {
  const e = entry.evidence;
  const { width, height } = frame;
  const area = Math.max(1e-9, polygonArea(entry.corners));
  const inView = polygonArea(clipPolygon(entry.corners, rectQuad(width, height))) / area;
  const cx = entry.corners.reduce((s, p) => s + p[0], 0) / 4;
  const cy = entry.corners.reduce((s, p) => s + p[1], 0) / 4;
  const offCentre = Math.hypot(cx - width / 2, cy - height / 2) / Math.hypot(width / 2, height / 2);
  const whole = wholeInView(entry.corners, frame) ? 1 : 0;
  return [
    e.meanSupport,
    e.minSupport,
    e.crossed,
    e.runOn,
    e.weakestStep,
    e.meanStep,
    e.polarity,
    e.brighterInside,
    e.insideAgreement,
    e.paperColour,
    e.size,
    e.shape,
    e.handScore,
    entry.partOf ? 1 : 0,
    entry.extended ? 1 : 0,
    inView,
    offCentre,
    whole,
    e.weakestStepLevels,
    e.meanStepLevels,
    entry.sidesApart,
  ];
}

/** A colour step in levels (the length of its R, G, B difference) on a log scale: 0 for none, 1 from 511 levels on. */
export function stepLevels(levels: number): number {
  return Math.min(1, Math.log2(1 + Math.max(0, levels)) / 9);
}

/** How many features rankerFeatures gives. */
export const RANKER_FEATURES = 21;
/** How many weights the ranker has: one per feature and one per product of two features (squares included). */
export const RANKER_WEIGHTS_COUNT = RANKER_FEATURES + (RANKER_FEATURES * (RANKER_FEATURES + 1)) / 2;

/**
 * The features followed by every product of two of them: the evidence
 * works together (a weak side matters less on a small card than on a page,
 * a coloured margin more when the outline is not wholly in view), which a
 * sum of single features cannot weigh.
 */
export function withProducts(features: readonly number[]): number[] {
  const out = [...features];
  for (let i = 0; i < features.length; i++) for (let j = i; j < features.length; j++) out.push(features[i]! * features[j]!);
  return out;
}

/** The learned score of a candidate's features: a weighted sum of them and their products (only its order among one frame's candidates matters). */
export function rankerScore(features: readonly number[], weights: readonly number[]): number {
  const terms = withProducts(features);
  let sum = 0;
  for (let i = 0; i < terms.length; i++) sum += terms[i]! * (weights[i] ?? 0);
  return sum;
}

/** The shape preference from which a candidate counts as the shape asked for (an ID card's proportions within about 8 %). */
const PREFERRED_SHAPE = 0.5;

/**
 * Whether a candidate has the shape the capture asked for and is not only
 * part of a larger sheet: such candidates come first, whatever their
 * evidence. The clerk asked for a card; a page beside it, however clear, is
 * not what is photographed, and the training frames hardly show a whole
 * page beside a card to learn that from.
 */
function asked(features: readonly number[]): boolean {
  return features[SHAPE]! >= PREFERRED_SHAPE && features[PART_OF]! === 0;
}
const SHAPE = 11;
const PART_OF = 13;
const WHOLE = 17;

/** Whether candidate a (its features) ranks before b: the shape asked for first, then the learned score. */
function before(a: { features: readonly number[]; score: number }, b: { features: readonly number[]; score: number }): number {
  const shape = Number(asked(b.features)) - Number(asked(a.features));
  return shape !== 0 ? shape : b.score - a.score;
}

/**
 * `ranked` (parallel to `pool`) in the learned order, best first, each with its learned score; with
 * `mainDocumentFirst`, a much larger whole sheet apart from the first comes before it (see mainDocumentFirst).
 */
export function scoreByEvidence<T>(
  ranked: readonly T[],
  pool: readonly PoolEntry[],
  frame: { width: number; height: number },
  weights: readonly number[],
  options: { mainDocumentFirst?: boolean } = {},
): { item: T; score: number }[] {
  const scored = ranked.map((item, i) => {
    const features = rankerFeatures(pool[i]!, frame);
    return { item, corners: pool[i]!.corners, features, score: rankerScore(features, weights) };
  });
  return learnedOrder(scored, frame, options).map(({ item, score }) => ({ item, score }));
}

/**
 * Scored candidates (corners in `frame`'s pixels, the working size) in the order the detector takes them: the shape
 * asked for first, then the learned score; then a sheet on the desk before an outline no document camera shows
 * (sheetOnDeskFirst), and a sheet wholly in view before one the frame cuts (clearOfTheBorderFirst); then, with
 * `mainDocumentFirst`, the main document of the shot first.
 */
export function learnedOrder<T extends { corners: Quad; features: readonly number[]; score: number }>(scored: readonly T[], frame: Size, options: { mainDocumentFirst?: boolean } = {}): T[] {
  const ordered = clearOfTheBorderFirst(sheetOnDeskFirst([...scored].sort(before), frame), frame);
  return options.mainDocumentFirst ? mainDocumentFirst(ordered) : ordered;
}

/** From this many working pixels off any sheet a document camera shows (camera-view.ts) the first outline gives way. */
export const OFF_THE_DESK_PX = 10;
/** Within this many working pixels of one, a candidate is a sheet on the desk. */
const ON_THE_DESK_PX = 1;
/** How far below the first such a candidate's learned score may lie and still come first: about 7 to one in the ranker's softmax. */
const ON_THE_DESK_LEAD = 2;

/**
 * The learned order with a sheet on the desk before an outline no document camera shows. A side running along a
 * table's rule or the rim of a glare spot across a page makes a trapezoid whose only rectangle in space stands
 * tilted far off the desk; ten working pixels and more of the corners would have to move to make it a sheet lying
 * under the lens. Where the learned score puts such an outline first and one within a pixel of a sheet on the desk
 * scores nearly as well, that one comes first. (As a feature of the ranker the same measure helped its pools and
 * moved the frames' results no closer: the outlines it tells apart come first by a point or two at most.)
 */
export function sheetOnDeskFirst<T extends { corners: Quad; features: readonly number[]; score: number }>(ordered: readonly T[], frame: Size): T[] {
  const first = ordered[0];
  if (!first) return [];
  // The measure costs about a tenth of a millisecond an outline: the first's taken only once a candidate could come before it.
  let firstOff: number | undefined;
  return promoted(ordered, ON_THE_DESK_LEAD, (other) => (firstOff ??= viewDeviationPx(first.corners, frame)) >= OFF_THE_DESK_PX && viewDeviationPx(other.corners, frame) <= ON_THE_DESK_PX);
}

/** A corner this close to the frame's border (working pixels), or beyond it: the sheet may go on out of view. */
export const AT_THE_BORDER_PX = 3;
/** Every corner at least this far inside the frame (working pixels): the sheet lies wholly in view, desk all round it. */
export const CLEAR_OF_THE_BORDER_PX = 6;
/** How far below the first such a candidate's learned score may lie and still come first: about 12 to one in the ranker's softmax. */
const CLEAR_OF_THE_BORDER_LEAD = 2.5;

/**
 * The learned order with a sheet wholly in view before one the frame cuts. The clerk frames the document
 * photographed with desk all round it; on a cluttered desk, papers lie half in view beside it, and an outline with
 * a corner at the frame's border is often a part of one of them, bounded by a rule printed on it or by the border
 * itself, whose sides are as clean as the document's. Where such an outline comes first and one clear of the border
 * scores nearly as well, that one comes first; not past the shape asked for, as in sheetOnDeskFirst.
 */
export function clearOfTheBorderFirst<T extends { corners: Quad; features: readonly number[]; score: number }>(ordered: readonly T[], frame: Size): T[] {
  const first = ordered[0];
  if (!first || insideFrameBy(first.corners, frame) >= AT_THE_BORDER_PX) return [...ordered];
  return promoted(ordered, CLEAR_OF_THE_BORDER_LEAD, (other) => insideFrameBy(other.corners, frame) >= CLEAR_OF_THE_BORDER_PX);
}

/**
 * `ordered` with the first candidate that `qualifies`, scored at most `lead` below the first and of the same
 * asked-for shape or not (a card's capture keeps a card-shaped first before any other shape), moved to the front.
 */
function promoted<T extends { features: readonly number[]; score: number }>(ordered: readonly T[], lead: number, qualifies: (other: T) => boolean): T[] {
  const first = ordered[0];
  if (!first) return [];
  const chosen = ordered.find((other) => other !== first && asked(other.features) === asked(first.features) && other.score >= first.score - lead && qualifies(other));
  return toFront(ordered, chosen);
}

/** How far below the first a larger sheet's learned score may lie and still come first: about 20 to one in the ranker's softmax. */
const MAIN_DOCUMENT_LEAD = 3;
/** How many times the first's area that sheet covers at least. */
const MAIN_DOCUMENT_AREA = 2;
/** The share of the first's area the two may have in common: none, beyond where their outlines touch. */
const MAIN_DOCUMENT_APART = 0.05;

/**
 * The learned order with the main document of the shot first: a sheet
 * wholly in view, at least twice the first's area, apart from it and
 * scored nearly as well. Where two papers lie wholly in view and one is much
 * the larger, the shot was framed for that one; a receipt strip beside an A4
 * notice has cleaner sides than the notice under a pen, and the learned
 * score alone takes the strip. Not for an ID card's capture, where the card
 * is asked for and a page beside it is not what is photographed.
 */
export function mainDocumentFirst<T extends { corners: Quad; features: readonly number[]; score: number }>(ordered: readonly T[]): T[] {
  const first = ordered[0];
  if (!first) return [];
  const area = polygonArea(first.corners);
  const main = ordered.find(
    (other) =>
      other !== first &&
      other.score >= first.score - MAIN_DOCUMENT_LEAD &&
      other.features[WHOLE] === 1 &&
      other.features[PART_OF] === 0 &&
      polygonArea(other.corners) >= MAIN_DOCUMENT_AREA * area &&
      polygonArea(clipPolygon(first.corners, other.corners)) <= MAIN_DOCUMENT_APART * area,
  );
  return toFront(ordered, main);
}

/** `ordered` with `chosen` moved to the front, the rest in their order; as it is without one. */
function toFront<T>(ordered: readonly T[], chosen: T | undefined): T[] {
  return chosen ? [chosen, ...ordered.filter((o) => o !== chosen)] : [...ordered];
}

/** The index of the candidate the learned order puts first, among candidates given by their features (-1 for none). */
export function rankerChoice(candidates: readonly (readonly number[])[], weights: readonly number[]): number {
  let best = -1;
  let bestScored: { features: readonly number[]; score: number } | null = null;
  candidates.forEach((features, i) => {
    const scored = { features, score: rankerScore(features, weights) };
    if (!bestScored || before(scored, bestScored) < 0) {
      best = i;
      bestScored = scored;
    }
  });
  return best;
}
