/**
 * Completing a side the line search misses (completion.ts), on frames of the
 * labelled set where it matters: an ID card under uneven light whose side
 * differs from the desk by two or three levels, and a receipt whose end is
 * faint on a light desk with a finger on it. Without completion the card is
 * not found at all and the receipt is cut at a printed rule; with it, both
 * are outlined as they lie.
 */
import { describe, expect, it } from 'vitest';
import { jaccardIndex } from '../geometry';
import { labelledSet } from '../../../../test/camera/dataset';
import { colourGradient, edgeRidges } from './gradient';
import { cardCompletionLines, completionLines } from './completion';
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

function frameOf(seed: number, kind: 'unevenLight' | 'lightDesk', name: string) {
  const frame = labelledSet({ seed, kinds: [kind], perKind: 1 }).find((f) => f.name === name);
  if (!frame) throw new Error(`no frame ${name} in seed ${seed}`);
  return frame;
}

// Whole scenes: the limit guards against a hang, not the detector's speed (that is `npm run bench`).
describe('completing a missed side', { timeout: 30_000 }, () => {
  it('finds an ID card whose side under uneven light is too faint for the line search', () => {
    const card = frameOf(2, 'unevenLight', 'unevenLight-00-cardBack');
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
  });

  it('completes the fourth side of an ID card from its proportions when three sides show and the fourth hardly does', () => {
    // Under uneven light, the card's left side fades into a pale desk; its top and bottom fade out before the corners.
    const card = frameOf(23, 'unevenLight', 'unevenLight-00-cardBack');
    const { planes, field, scale, minSide, lines } = linesOf(card.frame);
    const truth = card.truth.map(([x, y]) => [x * scale, y * scale]);
    const sides = [0, 1, 2, 3].map((k) => [truth[k]!, truth[(k + 1) % 4]!] as const);
    const missing = sides.filter(([p, q]) => !lines.some((l) => runsThrough(l, p, q, 2.5)));
    expect(missing).toHaveLength(1);
    const added = cardCompletionLines(lines, field, planes, 0.08 * minSide);
    expect(added.some((l) => runsThrough(l, missing[0]![0], missing[0]![1], 2.5))).toBe(true);
    const found = detectAndRefine(card.frame, { expect: 'idCard' });
    expect(jaccardIndex(found.corners, card.truth, card.docSize)).toBeGreaterThan(0.95);
  }, 30_000);
});
