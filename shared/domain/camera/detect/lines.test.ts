/**
 * The line search (lines.ts) on a frame of the labelled set where a side is
 * faint: an ID card on a light desk whose short side steps by a few levels
 * in one channel, two to four times the sensor noise. Its pixels' gradient
 * directions scatter by 10° or more, so the faint pass must let each pixel
 * vote across the directions its noise allows, or the side never becomes a
 * line and the card is cut at the border of its print.
 */
import { describe, expect, it } from 'vitest';
import { jaccardIndex, type Point } from '../geometry';
import { labelledSet } from '../../../../test/camera/dataset';
import { colourGradient, edgeRidges } from './gradient';
import { findLines, type EdgeLine } from './lines';
import { shrinkToPlanes } from './planes';
import { detectAndRefine } from './index';

function frameOf(seed: number, name: string) {
  const frame = labelledSet({ seed, kinds: ['lightDesk'], perKind: 2 }).find((f) => f.name === name);
  if (!frame) throw new Error(`no frame ${name} in seed ${seed}`);
  return frame;
}

function distance(line: EdgeLine, [x, y]: Point): number {
  return Math.abs(line.nx * x + line.ny * y - line.c);
}

// A whole scene: the limit guards against a hang, not the detector's speed (that is `npm run bench`).
describe('finding faint sides', { timeout: 30_000 }, () => {
  it("proposes a card's faint short side on a light desk, and the card is outlined whole", () => {
    const card = frameOf(3, 'lightDesk-01-cardFront');
    const scale = 400 / card.frame.width;
    const planes = shrinkToPlanes(card.frame, 400, Math.round(card.frame.height * scale));
    const field = colourGradient(planes);
    const lines = findLines(edgeRidges(field, 1), field, planes, { minLength: 18, maxLines: 56, perDirection: 10, faintLines: 16 });
    // The card's right side, top-right to bottom-right corner, in working pixels.
    const [, topRight, bottomRight] = card.truth.map(([x, y]): Point => [x * scale, y * scale]);
    expect(lines.some((l) => distance(l, topRight!) < 1.5 && distance(l, bottomRight!) < 1.5)).toBe(true);
    const found = detectAndRefine(card.frame, { expect: card.expect });
    expect(jaccardIndex(found.corners, card.truth, card.docSize)).toBeGreaterThan(0.98);
  });
});
