import { describe, expect, it } from 'vitest';
import type { Quad } from '../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { sideSteps } from './side-steps';

/** A 720 × 720 frame painted by `colour(x, y)`, with ±3 levels of noise that repeat every 7 pixels. */
function painted(colour: (x: number, y: number) => [number, number, number]): RgbaImage {
  const size = 720;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const noise = ((x * 3 + y * 5) % 7) - 3;
      const [r, g, b] = colour(x, y);
      data.set([r + noise, g + noise, b + noise, 255], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

const card: Quad = [[200, 200], [500, 200], [500, 400], [200, 400]];
const inCard = (x: number, y: number) => x >= 200 && x < 500 && y >= 200 && y < 400;

describe('the colour step across each side of a target', () => {
  it('reads the step between the target and the desk, side by side, in levels', () => {
    // A pale card on a grey desk, whose right side runs on into a sheet of the same paper: nothing steps there.
    const frame = painted((x, y) => (inCard(x, y) || (x >= 500 && x < 600 && y >= 150 && y < 450) ? [180, 180, 180] : [100, 100, 100]));
    const steps = sideSteps(frame, card);
    expect(steps[0]).toBeCloseTo(80, 0);
    expect(steps[1]).toBeLessThan(1);
    expect(steps[2]).toBeCloseTo(80, 0);
    expect(steps[3]).toBeCloseTo(80, 0);
  });

  it('reads the same whichever way round the corners run', () => {
    const frame = painted((x, y) => (inCard(x, y) ? [180, 180, 180] : x < 350 ? [100, 100, 100] : [170, 170, 170]));
    const clockwise = sideSteps(frame, card);
    const anticlockwise = sideSteps(frame, [card[0], card[3], card[2], card[1]]);
    expect(anticlockwise).toEqual([clockwise[3], clockwise[2], clockwise[1], clockwise[0]]);
    // Beside the right side the desk is nearly as pale as the card; beside the left it is not.
    expect(clockwise[1]).toBeCloseTo(10, 0);
    expect(clockwise[3]).toBeCloseTo(80, 0);
  });

  it('counts a step of colour alone, at the same lightness', () => {
    const frame = painted((x, y) => (inCard(x, y) ? [150, 120, 90] : [120, 120, 120]));
    for (const step of sideSteps(frame, card)) expect(step).toBeCloseTo(30, 0);
  });
});
