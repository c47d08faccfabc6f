/**
 * The index of ridge pixels by direction and by distance along each
 * direction's normal (lines.ts): a line's fit reads only the buckets that can
 * hold pixels near it, and must still get every one of them, for lines of
 * every direction, with their normal either way round, across the 0/π wrap
 * of directions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EdgeList } from './gradient';
import { angleGap, groupByDirection, ridgePixelsNear } from './lines';

/** Every pixel tested, as the fit did before the index: within maxDist of the line and of about its direction. */
function scanAll(edges: EdgeList, nx: number, ny: number, c: number, maxDist: number, maxAngle: number): number[] {
  let theta = Math.atan2(ny, nx);
  if (theta < 0) theta += Math.PI;
  const near: number[] = [];
  for (let i = 0; i < edges.count; i++) {
    if (Math.abs(nx * edges.x[i]! + ny * edges.y[i]! - c) > maxDist) continue;
    if (angleGap(edges.angle[i]!, theta) > maxAngle) continue;
    near.push(i);
  }
  return near;
}

/** Ridge pixels of a 400 × 225 frame: noise everywhere, and pixels strung along `lines` (x, y, direction of the normal). */
function ridgePixels(noise: readonly [number, number, number][], strung: readonly [number, number, number][]): EdgeList {
  const all = [...noise, ...strung];
  return {
    count: all.length,
    x: Float32Array.from(all.map((p) => p[0])),
    y: Float32Array.from(all.map((p) => p[1])),
    angle: Float32Array.from(all.map((p) => ((p[2] % Math.PI) + Math.PI) % Math.PI)),
    mag: Float32Array.from(all.map(() => 10)),
  };
}

const MAX_ANGLE = (8 * Math.PI) / 180;

describe('ridgePixelsNear', () => {
  it('finds exactly the pixels a scan of all of them finds, for any line', () => {
    const pixel = fc.tuple(fc.double({ min: 0, max: 400, noNaN: true }), fc.double({ min: 0, max: 225, noNaN: true }), fc.double({ min: 0, max: Math.PI, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(pixel, { maxLength: 300 }),
        // The line: its normal's direction over the whole turn (both ways round), a point it passes through.
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        fc.double({ min: 0, max: 225, noNaN: true }),
        fc.constantFrom(1.5, 2.5),
        fc.array(fc.tuple(fc.double({ min: -250, max: 250, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -0.2, max: 0.2, noNaN: true })), { maxLength: 200 }),
        (noise, phi, px, py, maxDist, offsets) => {
          const nx = Math.cos(phi);
          const ny = Math.sin(phi);
          const c = nx * px + ny * py;
          // Pixels strung along the line (a little off it, of about its direction), so there is something to find.
          const strung = offsets.map(([t, off, turn]): [number, number, number] => [px - ny * t + nx * off, py + nx * t + ny * off, phi + turn]);
          const edges = ridgePixels(noise, strung);
          const found = ridgePixelsNear(groupByDirection(edges), nx, ny, c, maxDist, MAX_ANGLE);
          expect([...found].sort((a, b) => a - b)).toEqual(scanAll(edges, nx, ny, c, maxDist, MAX_ANGLE));
        },
      ),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it('finds the pixels of a line whose direction lies across the wrap from 179° to 0°', () => {
    // A vertical edge at x = 100 whose gradients point either way (directions of 0.2° and 179.8°), and one just off it.
    const edges = ridgePixels(
      [
        [100.5, 50, (0.2 * Math.PI) / 180],
        [100.4, 60, (179.8 * Math.PI) / 180],
        [99.6, 70, (179.5 * Math.PI) / 180],
        [104, 80, 0],
      ],
      [],
    );
    const groups = groupByDirection(edges);
    expect(ridgePixelsNear(groups, 1, 0, 100, 1.5, MAX_ANGLE).sort()).toEqual([0, 1, 2]);
    // The same line with its normal the other way round.
    expect(ridgePixelsNear(groups, -1, 0, -100, 1.5, MAX_ANGLE).sort()).toEqual([0, 1, 2]);
  });

  it('finds nothing in an empty edge list', () => {
    expect(ridgePixelsNear(groupByDirection(ridgePixels([], [])), 0, 1, 10, 2.5, MAX_ANGLE)).toEqual([]);
  });
});
