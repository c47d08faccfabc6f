/**
 * Completing a side the line search misses (completion.ts), on frames of the
 * labelled set where it matters: an ID card under uneven light whose side
 * differs from the desk by two or three levels, and a receipt whose end is
 * faint on a light desk with a finger on it, and a card that shows only two
 * of its sides. Without completion the card is not found at all and the
 * receipt is cut at a printed rule; with it, they are outlined as they lie.
 * A card's fourth side and a page's two far sides are completed on drawn
 * sheets: since the labelled frames were redrawn (stop 30) none shows those.
 */
import { describe, expect, it } from 'vitest';
import { jaccardIndex } from '../geometry';
import { labelledSet } from '../../../../test/camera/dataset';
import { colourGradient, edgeRidges } from './gradient';
import { cardCompletionLines, cardCornerLines, completionLines, pageCornerLines } from './completion';
import { edgeLine } from './test-kit';
import type { ColourPlanes } from './planes';
import type { GradientField } from './gradient';
import { findLines } from './lines';
import { shrinkToPlanes } from './planes';
import { background } from '../../../../test/camera/accuracy-scenes';
import { detectAndRefine } from './index';

/** The lines the detector searches quadrilaterals among, at its working size, and how far frame pixels shrink to it. */
function linesOf(frame: { width: number; height: number; data: Uint8ClampedArray | Uint8Array }) {
  const scale = 400 / Math.max(frame.width, frame.height);
  const planes = shrinkToPlanes(frame as Parameters<typeof shrinkToPlanes>[0], Math.round(frame.width * scale), Math.round(frame.height * scale));
  const field = colourGradient(planes);
  const minSide = Math.min(planes.width, planes.height);
  const found = findLines(edgeRidges(field, 1), field, planes, { minLength: 0.08 * minSide, maxLines: 56, perDirection: 10, faintLines: 16 });
  const completed = completionLines(found, field, planes, 0.08 * minSide, 0.06 * minSide);
  return { planes, field, scale, minSide, lines: [...found, ...completed] };
}

/** Whether a line passes within `tolerance` px of both ends of the side p–q. */
function runsThrough(line: { nx: number; ny: number; c: number }, p: readonly number[], q: readonly number[], tolerance: number): boolean {
  return [p, q].every((x) => Math.abs(line.nx * x[0]! + line.ny * x[1]! - line.c) < tolerance);
}

/** The lines of a labelled frame, and its true sides (at the working size) that no line runs through. */
function sidesMissed(card: { frame: Parameters<typeof linesOf>[0]; truth: readonly (readonly number[])[] }) {
  const { planes, field, scale, minSide, lines } = linesOf(card.frame);
  const truth = card.truth.map(([x, y]) => [x! * scale, y! * scale]);
  const sides = [0, 1, 2, 3].map((k) => [truth[k]!, truth[(k + 1) % 4]!] as const);
  const missing = sides.filter(([p, q]) => !lines.some((l) => runsThrough(l, p, q, 2.5)));
  return { planes, field, minSide, lines, missing };
}

function frameOf(seed: number, kind: 'unevenLight' | 'lightDesk', name: string) {
  const frame = labelledSet({ seed, kinds: [kind], perKind: 1 }).find((f) => f.name === name);
  if (!frame) throw new Error(`no frame ${name} in seed ${seed}`);
  return frame;
}

// Whole scenes: the limit guards against a hang, not the detector's speed (that is `npm run bench`).
describe('completing a missed side', { timeout: 30_000 }, () => {
  it('finds an ID card whose side under uneven light is too faint for the line search', () => {
    const card = frameOf(6, 'unevenLight', 'unevenLight-00-cardBack');
    const without = detectAndRefine(card.frame, { expect: 'idCard', completeSides: false });
    expect(jaccardIndex(without.corners, card.truth, card.docSize)).toBeLessThan(0.5);
    const found = detectAndRefine(card.frame, { expect: 'idCard' });
    expect(jaccardIndex(found.corners, card.truth, card.docSize)).toBeGreaterThan(0.97);
  }, 30_000);

  it('outlines a whole receipt whose end is faint and under a finger, not the part above a printed rule', () => {
    const receipt = frameOf(4, 'lightDesk', 'lightDesk-00-receipt80');
    const without = detectAndRefine(receipt.frame, { completeSides: false });
    expect(jaccardIndex(without.corners, receipt.truth, receipt.docSize)).toBeLessThan(0.8);
    const found = detectAndRefine(receipt.frame);
    expect(jaccardIndex(found.corners, receipt.truth, receipt.docSize)).toBeGreaterThan(0.97);
  }, 30_000);

  it('adds nothing on a plain desk, where no edges end in corners and no three make a card', () => {
    const planes = shrinkToPlanes(background('light', 640, 360, 5), 400, 225);
    const field = colourGradient(planes);
    const lines = findLines(edgeRidges(field, 1), field, planes, { minLength: 18, maxLines: 56, perDirection: 10, faintLines: 16 });
    expect(completionLines(lines, field, planes, 18, 13.5)).toEqual([]);
    expect(cardCompletionLines(lines, field, planes, 18)).toEqual([]);
    expect(cardCornerLines(lines, field, planes, 18)).toEqual([]);
  });
});

/**
 * A pale desk (400 × 225) with a card lying at x 100..258.5, y 60..160 (85.6 : 54), its colour `step` levels
 * bluer than the desk: what cardCornerLines reads of the frame (the colour planes; the gradient field only for its
 * size and for the completed lines' own support, which a flat field leaves at the credit).
 */
function paleCard(step: number, card = { left: 100, right: 258.5, top: 60, bottom: 160 }): { planes: ColourPlanes; field: GradientField } {
  return paleSheet(step, [
    [card.left, card.top],
    [card.right, card.top],
    [card.right, card.bottom],
    [card.left, card.bottom],
  ]);
}

/** A sheet (corners clockwise on screen) that differs from a plain desk by `step` levels of blue only, and no gradient anywhere. */
function paleSheet(step: number, corners: readonly (readonly [number, number])[]): { planes: ColourPlanes; field: GradientField } {
  const width = 400;
  const height = 225;
  const r = new Float32Array(width * height).fill(200);
  const g = new Float32Array(width * height).fill(200);
  const b = new Float32Array(width * height).fill(200);
  const within = (x: number, y: number) =>
    corners.every(([ax, ay], k) => {
      const [bx, by] = corners[(k + 1) % corners.length]!;
      return (bx - ax) * (y - ay) - (by - ay) * (x - ax) > 0;
    });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (within(x + 0.5, y + 0.5)) b[y * width + x] = 200 + step;
  const zeros = new Float32Array(width * height);
  return { planes: { width, height, r, g, b }, field: { width, height, gx: zeros, gy: zeros, mag: zeros } };
}

/** The card's top side (y = 60, t = −x) and right side (x = 258.5, t = y), backed by edges from corner to corner only. */
const topSide = (from = 100, to = 258.5) => edgeLine(0, 1, 60, -to, -from);
const rightSide = (from = 60, to = 160) => edgeLine(1, 0, 258.5, from, to);

describe('completing an ID card from three of its sides', () => {
  it('completes the fourth side from the card\'s proportions when three sides show and the fourth hardly does', () => {
    // Under uneven light a card's side can fade into a pale desk: its top, right and bottom sides are found, its left
    // side steps by two levels with no edge, and the card's 85.6 : 54 says where it lies.
    const { planes, field } = paleCard(2);
    const bottom = edgeLine(0, 1, 160, -258.5, -100);
    const added = cardCompletionLines([topSide(), rightSide(), bottom], field, planes, 18);
    expect(added.some((l) => runsThrough(l, [100, 160], [100, 60], 1.5))).toBe(true);
  });
});

describe('completing an ID card from two of its sides', () => {
  it('adds the two far sides where the colour steps, when two sides meet at a corner in a card\'s proportions', () => {
    const { planes, field } = paleCard(4);
    const added = cardCornerLines([topSide(), rightSide()], field, planes, 18);
    expect(added.some((l) => runsThrough(l, [258.5, 160], [100, 160], 1.5))).toBe(true);
    expect(added.some((l) => runsThrough(l, [100, 60], [100, 160], 1.5))).toBe(true);
  });

  it('places a far side on the card\'s edge when the edges meeting it fade out before the corner', () => {
    // The top side's edge fades 10 px before the top-left corner, the right side's 8 px before the bottom-right one.
    const { planes, field } = paleCard(4);
    const added = cardCornerLines([topSide(110), rightSide(60, 152)], field, planes, 18);
    expect(added.some((l) => runsThrough(l, [258.5, 160], [100, 160], 1.5))).toBe(true);
    expect(added.some((l) => runsThrough(l, [100, 60], [100, 160], 1.5))).toBe(true);
  });

  it('places a far side on the card\'s faint edge, not where the desk darkens towards the frame\'s corner', () => {
    // Vignetting: left of the card the desk loses blue ever faster towards the frame's border, by more over a few
    // pixels than the card's 3-level edge steps. The far side is where the colour steps over the desk's own slope.
    const { planes, field } = paleCard(3);
    for (let y = 0; y < planes.height; y++) for (let x = 0; x < 100; x++) planes.b[y * planes.width + x]! -= 0.012 * (100 - x) ** 2;
    const added = cardCornerLines([topSide(), rightSide()], field, planes, 18);
    expect(added.some((l) => runsThrough(l, [100, 60], [100, 160], 1.5))).toBe(true);
  });

  it('adds nothing where the far sides show no colour step (two edges of something else meeting at a corner)', () => {
    const { planes, field } = paleCard(0);
    expect(cardCornerLines([topSide(), rightSide()], field, planes, 18)).toEqual([]);
  });

  it('adds nothing where the two sides are not in a card\'s proportions', () => {
    // A square corner: 100 by 100 is no card seen in any usual perspective.
    const { planes, field } = paleCard(4, { left: 158.5, right: 258.5, top: 60, bottom: 160 });
    expect(cardCornerLines([topSide(158.5), rightSide()], field, planes, 18)).toEqual([]);
  });

  it('adds nothing where the two sides are already found, for they are the whole card', () => {
    const { planes, field } = paleCard(4);
    const bottom = edgeLine(0, 1, 160, -258.5, -100);
    const left = edgeLine(1, 0, 100, 60, 160);
    expect(cardCornerLines([topSide(), rightSide(), bottom, left], field, planes, 18)).toEqual([]);
  });

  it('outlines a card under uneven light that shows only two sides', () => {
    // A white card on a pale desk under a light gradient: its bottom and left sides show, the other two are a soft
    // colour step with hardly any gradient.
    const card = labelledSet({ seed: 24, kinds: ['unevenLight'], perKind: 4 }).find((f) => f.name === 'unevenLight-03-cardFront')!;
    const { planes, field, minSide, lines, missing } = sidesMissed(card);
    expect(missing).toHaveLength(2);
    const added = cardCornerLines(lines, field, planes, 0.08 * minSide);
    // Near each missing side (the fourth corner is placed as in a parallelogram, so a side seen in perspective is a
    // few pixels off at its far end), and the full-size refinement then finds its soft edge.
    for (const [p, q] of missing) expect(added.some((l) => runsThrough(l, p, q, 4))).toBe(true);
    const found = detectAndRefine(card.frame, { expect: 'idCard' });
    expect(jaccardIndex(found.corners, card.truth, card.docSize)).toBeGreaterThan(0.97);
  }, 30_000);
});

describe('completing a page from two of its sides', () => {
  // A page seen in perspective: its top and left sides are found; its right side leans in by 8 px over its height and
  // its bottom side drops 10 px across its width, so neither is parallel to the side opposite it.
  const page = [
    [100, 40],
    [300, 40],
    [292, 190],
    [100, 180],
  ] as const;
  const top = edgeLine(0, 1, 40, -300, -100);
  const left = edgeLine(1, 0, 100, 40, 180);

  it('places each far side through where each of its halves steps, not parallel to the side opposite it', () => {
    const { planes, field } = paleSheet(4, page);
    const added = pageCornerLines([top, left], field, planes, 18);
    expect(added.some((l) => runsThrough(l, page[1], page[2], 1.5))).toBe(true);
    expect(added.some((l) => runsThrough(l, page[3], page[2], 1.5))).toBe(true);
  });

  it('adds nothing where the far sides show no colour step', () => {
    const { planes, field } = paleSheet(0, page);
    expect(pageCornerLines([top, left], field, planes, 18)).toEqual([]);
  });
});
