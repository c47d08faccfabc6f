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
import { completionLines } from './completion';
import { findLines } from './lines';
import { shrinkToPlanes } from './planes';
import { background } from '../../../../test/camera/accuracy-scenes';
import { detectAndRefine } from './index';

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

  it('adds nothing on a plain desk, where no edges end in corners', () => {
    const planes = shrinkToPlanes(background('light', 640, 360, 5), 400, 225);
    const field = colourGradient(planes);
    const lines = findLines(edgeRidges(field, 1), field, planes, { minLength: 18, maxLines: 56, perDirection: 10, faintLines: 16 });
    expect(completionLines(lines, field, planes, 18, 13.5)).toEqual([]);
  });
});
