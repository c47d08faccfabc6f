import { describe, expect, it } from 'vitest';
import type { Quad } from '../geometry';
import { RANKER_FEATURES, RANKER_WEIGHTS_COUNT, clearOfTheBorderFirst, learnedOrder, mainDocumentFirst, scoreByEvidence, sheetOnDeskFirst, rankerFeatures, rankerScore, stepLevels, withProducts, type CandidateEvidence, type PoolEntry } from './ranker';
import { RANKER_WEIGHTS } from './ranker-weights';

const evidence: CandidateEvidence = {
  meanSupport: 0.9,
  minSupport: 0.8,
  crossed: 0,
  runOn: 0,
  weakestStep: 1,
  meanStep: 1,
  polarity: 1,
  brighterInside: 1,
  insideAgreement: 1,
  paperColour: 1,
  size: 0.5,
  shape: 0,
  handScore: 1,
  weakestStepLevels: 0.6,
  meanStepLevels: 0.7,
};
const frame = { width: 400, height: 200 };
const square = (x: number, y: number, side: number): Quad => [[x, y], [x + side, y], [x + side, y + side], [x, y + side]];
const entry = (corners: Quad, more: Partial<PoolEntry> = {}, e: Partial<CandidateEvidence> = {}): PoolEntry => ({ corners, evidence: { ...evidence, ...e }, partOf: false, extended: false, sidesApart: 1, ...more });
const at = (name: string) =>
  ['meanSupport', 'minSupport', 'crossed', 'runOn', 'weakestStep', 'meanStep', 'polarity', 'brighterInside', 'insideAgreement', 'paperColour', 'size', 'shape', 'handScore', 'partOf', 'extended', 'inView', 'offCentre', 'whole', 'weakestStepLevels', 'meanStepLevels', 'sidesApart'].indexOf(name);

describe('the learned ranker of page candidates', () => {
  it('has one weight per feature', () => {
    expect(rankerFeatures(entry(square(150, 50, 100)), frame)).toHaveLength(RANKER_FEATURES);
    expect(RANKER_WEIGHTS).toHaveLength(RANKER_WEIGHTS_COUNT);
    expect(RANKER_WEIGHTS.every(Number.isFinite)).toBe(true);
  });

  it('passes the evidence through and adds where the outline lies in the frame', () => {
    const centred = rankerFeatures(entry(square(150, 50, 100), { partOf: true, sidesApart: 0.3 }, { runOn: 0.25 }), frame);
    expect(centred[at('runOn')]).toBe(0.25);
    expect(centred[at('partOf')]).toBe(1);
    expect(centred[at('extended')]).toBe(0);
    expect(centred[at('inView')]).toBeCloseTo(1, 9);
    expect(centred[at('offCentre')]).toBeCloseTo(0, 9);
    expect(centred[at('whole')]).toBe(1);
    expect(centred[at('weakestStepLevels')]).toBe(0.6);
    expect(centred[at('meanStepLevels')]).toBe(0.7);
    expect(centred[at('sidesApart')]).toBe(0.3);
    // Half of it past the right edge of the frame, its centre on that edge.
    const cut = rankerFeatures(entry(square(350, 50, 100)), frame);
    expect(cut[at('inView')]).toBeCloseTo(0.5, 9);
    expect(cut[at('whole')]).toBe(0);
    expect(cut[at('offCentre')]).toBeCloseTo(200 / Math.hypot(200, 100), 9);
  });

  it('reads colour steps in levels on a log scale that does not saturate before a page on a dark mat', () => {
    expect(stepLevels(0)).toBe(0);
    expect(stepLevels(-3)).toBe(0);
    expect(stepLevels(3)).toBeCloseTo(2 / 9, 12);
    expect(stepLevels(511)).toBeCloseTo(1, 12);
    expect(stepLevels(5000)).toBe(1);
    // A printed block's margin within one sheet, a sheet over a sheet, a page on a dark mat: three distinct values.
    const [print, sheet, mat] = [7, 20, 200].map(stepLevels);
    expect(print! < sheet! - 0.1 && sheet! < mat! - 0.2).toBe(true);
  });

  it('orders candidates by the weighted sum of their features, best first', () => {
    const pool = [entry(square(0, 0, 50), {}, { size: 0.2 }), entry(square(10, 10, 150), {}, { size: 0.6 }), entry(square(5, 5, 100), { partOf: true }, { size: 0.4 })];
    const bySize = new Array<number>(RANKER_WEIGHTS_COUNT).fill(0);
    bySize[at('size')] = 1;
    expect(scoreByEvidence(['small', 'large', 'middle'], pool, frame, bySize).map((s) => s.item)).toEqual(['large', 'middle', 'small']);
    // A part of a larger sheet pushed down below everything else.
    const noParts = [...bySize];
    noParts[at('partOf')] = -10;
    expect(scoreByEvidence(['small', 'large', 'middle'], pool, frame, noParts).map((s) => s.item)).toEqual(['large', 'small', 'middle']);
    // Features, then their products in order: 1·1, 1·2, 1·3, 2·2, 2·3, 3·3.
    expect(withProducts([1, 2, 3])).toEqual([1, 2, 3, 1, 2, 3, 4, 6, 9]);
    expect(rankerScore([1, 2, 3], [0.5, 0.25, -1, 0, 0, 0, 0, 0, 0.5])).toBe(2.5);
  });

  describe('the main document of the shot first (a page capture)', () => {
    // Scored by how well its weakest side is backed alone: ten points for a full side.
    const byWeakestSide = new Array<number>(RANKER_WEIGHTS_COUNT).fill(0);
    byWeakestSide[at('minSupport')] = 10;
    const strip = entry(square(10, 10, 40), {}, { minSupport: 0.9 });
    const order = (page: PoolEntry, mainDocument = true) => scoreByEvidence(['strip', 'page'], [strip, page], frame, byWeakestSide, { mainDocumentFirst: mainDocument }).map((s) => s.item);

    it('puts a whole sheet at least twice the first one, apart from it and scored nearly as well, first', () => {
      // A notice nine times the strip's area, its weakest side under a pen: 7 points against the strip's 9.
      const notice = entry(square(100, 20, 120), {}, { minSupport: 0.7 });
      expect(order(notice, false)).toEqual(['strip', 'page']);
      expect(order(notice)).toEqual(['page', 'strip']);
      // Just twice the area still counts.
      expect(order(entry([[100, 20], [180, 20], [180, 60], [100, 60]], {}, { minSupport: 0.7 }))).toEqual(['page', 'strip']);
    });

    it('leaves the learned order alone when that sheet is scored far lower, smaller, cut by the frame, around the first, or a part', () => {
      expect(order(entry(square(100, 20, 120), {}, { minSupport: 0.55 }))).toEqual(['strip', 'page']);
      expect(order(entry([[100, 20], [178, 20], [178, 60], [100, 60]], {}, { minSupport: 0.7 }))).toEqual(['strip', 'page']);
      expect(order(entry(square(330, 20, 120), {}, { minSupport: 0.7 }))).toEqual(['strip', 'page']);
      expect(order(entry(square(0, 0, 150), {}, { minSupport: 0.7 }))).toEqual(['strip', 'page']);
      expect(order(entry(square(100, 20, 120), { partOf: true }, { minSupport: 0.7 }))).toEqual(['strip', 'page']);
    });

    it('keeps every candidate and the order of the rest', () => {
      const scored = (name: string, corners: Quad, score: number) => ({ name, corners, score, features: rankerFeatures(entry(corners), frame) });
      const ordered = [scored('strip', square(10, 10, 40), 9), scored('note', square(60, 10, 30), 8.5), scored('notice', square(100, 20, 120), 7), scored('desk', square(240, 20, 150), 6.5)];
      expect(mainDocumentFirst(ordered).map((c) => c.name)).toEqual(['notice', 'strip', 'note', 'desk']);
      expect(mainDocumentFirst([])).toEqual([]);
    });
  });

  describe('a sheet on the desk before an outline no document camera shows', () => {
    const byWeakestSide = new Array<number>(RANKER_WEIGHTS_COUNT).fill(0);
    byWeakestSide[at('minSupport')] = 10;
    // A page's top and sides with its bottom along a shadow rising across it: about 14 px off any sheet on the desk.
    const trapezoid: Quad = [[115, 20], [232, 40], [212, 165], [87, 188]];
    const sheet: Quad = [[100, 20], [220, 20], [220, 140], [100, 140]];
    const order = (corners: Quad, minSupport: number) =>
      scoreByEvidence(['trapezoid', 'other'], [entry(trapezoid, {}, { minSupport: 0.9 }), entry(corners, {}, { minSupport })], frame, byWeakestSide).map((s) => s.item);

    it('puts a sheet on the desk scored within 2 points first', () => {
      expect(order(sheet, 0.75)).toEqual(['other', 'trapezoid']);
    });

    it('leaves the order alone when that sheet scores more than 2 points lower, or is itself more than a pixel off the desk', () => {
      expect(order(sheet, 0.65)).toEqual(['trapezoid', 'other']);
      // The page's true bottom a few pixels off where this outline puts it: 2.4 px off the desk.
      expect(order([[115, 20], [232, 40], [206, 199], [87, 188]], 0.85)).toEqual(['trapezoid', 'other']);
    });

    it('leaves a first outline that is a sheet on the desk first, and keeps every candidate and the order of the rest', () => {
      const scored = (name: string, corners: Quad, score: number) => ({ name, corners, score, features: rankerFeatures(entry(corners), frame) });
      expect(sheetOnDeskFirst([scored('sheet', sheet, 9), scored('square', square(250, 20, 100), 8.5)], frame).map((c) => c.name)).toEqual(['sheet', 'square']);
      const ordered = [scored('trapezoid', trapezoid, 9), scored('dart', [[250, 30], [380, 20], [370, 190], [270, 150]], 8.5), scored('sheet', sheet, 7.5), scored('square', square(250, 20, 100), 7.2)];
      expect(sheetOnDeskFirst(ordered, frame).map((c) => c.name)).toEqual(['sheet', 'trapezoid', 'dart', 'square']);
      expect(sheetOnDeskFirst([], frame)).toEqual([]);
    });

    it('does not put another shape before the card that a capture of a card asked for', () => {
      const card = { name: 'card', corners: trapezoid, score: 9, features: rankerFeatures(entry(trapezoid, {}, { shape: 0.9 }), frame) };
      const sheetBeside = { name: 'sheet', corners: sheet, score: 8.5, features: rankerFeatures(entry(sheet), frame) };
      expect(sheetOnDeskFirst([card, sheetBeside], frame).map((c) => c.name)).toEqual(['card', 'sheet']);
      const cardOnDesk = { ...sheetBeside, name: 'card on the desk', features: rankerFeatures(entry(sheet, {}, { shape: 0.9 }), frame) };
      expect(sheetOnDeskFirst([card, cardOnDesk], frame).map((c) => c.name)).toEqual(['card on the desk', 'card']);
    });
  });

  describe('a sheet wholly in view before one the frame cuts', () => {
    // Seed 36's receipt strip at the frame's left and, top right, a part of a sheet the frame cuts, bounded by a rule
    // printed on it, two corners 2.9 working px from the border (400 × 225).
    const wide = { width: 400, height: 225 };
    const receipt: Quad = [[32.9, 53.3], [65.5, 54.1], [52.3, 174.8], [20.7, 171]];
    const cutSheet: Quad = [[306.1, 31.2], [360.7, 2.9], [396.8, 75.1], [343.4, 103]];
    const scored = (name: string, corners: Quad, score: number, shape = 0) => ({ name, corners, score, features: rankerFeatures(entry(corners, {}, { shape }), wide) });

    it('puts a sheet clear of the border scored within 2.5 points first (seed 36: 9.60 against 7.50)', () => {
      const ordered = [scored('cut sheet', cutSheet, 9.6), scored('receipt', receipt, 7.5)];
      expect(clearOfTheBorderFirst(ordered, wide).map((c) => c.name)).toEqual(['receipt', 'cut sheet']);
      // As the detector orders them.
      expect(learnedOrder([...ordered].reverse(), wide).map((c) => c.name)).toEqual(['receipt', 'cut sheet']);
    });

    it('leaves the order alone when that sheet scores more than 2.5 points lower, or is itself within 6 px of the border', () => {
      expect(clearOfTheBorderFirst([scored('cut sheet', cutSheet, 9.6), scored('receipt', receipt, 7)], wide).map((c) => c.name)).toEqual(['cut sheet', 'receipt']);
      const nearTheEdge: Quad = [[5.5, 53.3], [38, 54.1], [25, 174.8], [6, 171]];
      expect(clearOfTheBorderFirst([scored('cut sheet', cutSheet, 9.6), scored('receipt', nearTheEdge, 9)], wide).map((c) => c.name)).toEqual(['cut sheet', 'receipt']);
    });

    it('counts a corner beyond the border as at it, and leaves a first 3 px and more inside first', () => {
      const pastTheTop: Quad = [[306.1, 31.2], [372, -20], [396.8, 75.1], [343.4, 103]];
      expect(clearOfTheBorderFirst([scored('cut sheet', pastTheTop, 9.6), scored('receipt', receipt, 7.5)], wide)[0]!.name).toBe('receipt');
      const inside: Quad = [[306.1, 31.2], [360.7, 3], [396.8, 75.1], [343.4, 103]];
      expect(clearOfTheBorderFirst([scored('sheet', inside, 9.6), scored('receipt', receipt, 9.5)], wide)[0]!.name).toBe('sheet');
    });

    it('keeps every candidate and the order of the rest, and does not put another shape before the card asked for', () => {
      const ordered = [scored('cut sheet', cutSheet, 9.6), scored('near', [[1, 1], [60, 1], [60, 60], [1, 60]], 9), scored('receipt', receipt, 7.5), scored('page', [[100, 40], [250, 40], [250, 200], [100, 200]], 7.2)];
      expect(clearOfTheBorderFirst(ordered, wide).map((c) => c.name)).toEqual(['receipt', 'cut sheet', 'near', 'page']);
      expect(clearOfTheBorderFirst([], wide)).toEqual([]);
      const card = scored('card', cutSheet, 9.6, 0.9);
      expect(clearOfTheBorderFirst([card, scored('receipt', receipt, 9)], wide)[0]!.name).toBe('card');
      expect(clearOfTheBorderFirst([card, scored('card in view', receipt, 9, 0.9)], wide)[0]!.name).toBe('card in view');
    });
  });
});
