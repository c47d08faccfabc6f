import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitWithin,
  applyHomography,
  clipPolygon,
  invertHomography,
  jaccardIndex,
  orderCorners,
  polygonArea,
  quadProblem,
  rectQuad,
  solveHomography,
  type Point,
  type Quad,
} from './geometry';

const FRAME = { width: 1280, height: 720 };

/**
 * A page as a camera sees it: a w×h rectangle turned by `angle` (radians) about
 * its centre (cx, cy), each corner pushed by up to `jitter` of the page's size
 * (perspective and detection noise), TL, TR, BR, BL. Convex as long as the jitter
 * stays small against the page.
 */
function pageQuad(cx: number, cy: number, w: number, h: number, angle: number, jitter: readonly number[] = []): Quad {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const corners: Point[] = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ];
  const s = Math.min(w, h);
  return corners.map(([x, y], i) => [
    cx + x * cos - y * sin + (jitter[2 * i] ?? 0) * s,
    cy + x * sin + y * cos + (jitter[2 * i + 1] ?? 0) * s,
  ]) as unknown as Quad;
}

/** Plausible pages in a 1280×720 frame: 25–85 % of the frame's height, turned up to ±30°, corners jittered up to 8 % of the page. */
const plausiblePage = fc
  .record({
    cx: fc.double({ min: 560, max: 720, noNaN: true }),
    cy: fc.double({ min: 320, max: 400, noNaN: true }),
    h: fc.double({ min: 180, max: 430, noNaN: true }),
    aspect: fc.double({ min: 0.6, max: 1.6, noNaN: true }),
    angle: fc.double({ min: -Math.PI / 6, max: Math.PI / 6, noNaN: true }),
    jitter: fc.array(fc.double({ min: -0.08, max: 0.08, noNaN: true }), { minLength: 8, maxLength: 8 }),
  })
  .map(({ cx, cy, h, aspect, angle, jitter }) => pageQuad(cx, cy, h * aspect, h, angle, jitter));

/** A convex polygon: n points on an ellipse at sorted, well-separated angles (either winding). */
const convexPolygon = fc
  .record({
    cx: fc.double({ min: -50, max: 50, noNaN: true }),
    cy: fc.double({ min: -50, max: 50, noNaN: true }),
    rx: fc.double({ min: 5, max: 100, noNaN: true }),
    ry: fc.double({ min: 5, max: 100, noNaN: true }),
    cuts: fc.uniqueArray(fc.integer({ min: 0, max: 35 }), { minLength: 3, maxLength: 12 }),
    reversed: fc.boolean(),
  })
  .map(({ cx, cy, rx, ry, cuts, reversed }) => {
    const angles = [...cuts].sort((a, b) => a - b).map((k) => (k * Math.PI) / 18);
    const points = angles.map((a) => [cx + rx * Math.cos(a), cy + ry * Math.sin(a)] as Point);
    return reversed ? points.reverse() : points;
  })
  .filter((points) => polygonArea(points) > 1);

const close = (a: Point, b: Point, tolerance: number) => Math.hypot(a[0] - b[0], a[1] - b[1]) <= tolerance;

describe('homography', () => {
  it('maps the four source points onto the four targets', () => {
    fc.assert(
      fc.property(plausiblePage, plausiblePage, (src, dst) => {
        const h = solveHomography(src, dst);
        expect(h).not.toBeNull();
        for (let i = 0; i < 4; i++) expect(close(applyHomography(h!, src[i]!), dst[i]!, 1e-6)).toBe(true);
      }),
    );
  });

  it('maps the page rectangle onto its outline with h[8] = 1', () => {
    const quad = pageQuad(640, 360, 400, 560, 0.2, [0.03, -0.02, 0.01, 0.05, -0.04, 0.02, 0, -0.03]);
    const h = solveHomography(rectQuad(210, 297), quad)!;
    expect(h[8]).toBe(1);
    rectQuad(210, 297).forEach((p, i) => expect(close(applyHomography(h, p), quad[i]!, 1e-7)).toBe(true));
    // The page's centre goes to where the outline's diagonals cross, not to the corners' mean.
    const centre = applyHomography(h, [105, 148.5]);
    const [a, b, c, d] = quad;
    const cross = (p: Point, q: Point) => p[0] * q[1] - p[1] * q[0];
    const r: Point = [c[0] - a[0], c[1] - a[1]];
    const s: Point = [b[0] - d[0], b[1] - d[1]];
    const u = cross([d[0] - a[0], d[1] - a[1]], s) / cross(r, s);
    expect(close(centre, [a[0] + u * r[0], a[1] + u * r[1]], 1e-6)).toBe(true);
  });

  it('has an inverse that maps every point back (round trip)', () => {
    fc.assert(
      fc.property(plausiblePage, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (quad, s, t) => {
        const h = solveHomography(rectQuad(1000, 1000), quad)!;
        const inverse = invertHomography(h);
        expect(inverse).not.toBeNull();
        expect(inverse![8]).toBeCloseTo(1, 12);
        const p: Point = [s * 1000, t * 1000];
        expect(close(applyHomography(inverse!, applyHomography(h, p)), p, 1e-6)).toBe(true);
        quad.forEach((q, i) => expect(close(applyHomography(inverse!, q), rectQuad(1000, 1000)[i]!, 1e-6)).toBe(true));
      }),
    );
  });

  it('refuses degenerate point sets (three on a line, repeated points)', () => {
    expect(
      solveHomography(
        [
          [0, 0],
          [50, 0],
          [100, 0],
          [0, 100],
        ],
        rectQuad(10, 10),
      ),
    ).toBeNull();
    expect(solveHomography([[0, 0], [0, 0], [1, 1], [0, 1]], rectQuad(10, 10))).toBeNull();
    // Onto three points on a line: the linear system solves, but only to a singular map.
    expect(solveHomography(rectQuad(5, 5), [[0, 0], [5, 0], [10, 0], [0, 10]])).toBeNull();
    expect(solveHomography([[0, 0], [1, 0], [1, 1]], rectQuad(10, 10))).toBeNull();
  });
});

describe('orderCorners', () => {
  it('returns TL, TR, BR, BL for any permutation of the corners of a convex page outline', () => {
    fc.assert(
      fc.property(plausiblePage, fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (quad, keys) => {
        // A random permutation: sort the corners by random keys.
        const shuffled = quad.map((p, i) => ({ p, key: keys[i]! * 4 + i })).sort((a, b) => a.key - b.key).map((e) => e.p);
        expect(orderCorners(shuffled)).toEqual(quad);
      }),
    );
  });

  it('orders any convex quad clockwise from the corner nearest the top left, whatever the input order', () => {
    const convexQuad = fc
      .record({
        cuts: fc.uniqueArray(fc.integer({ min: 0, max: 71 }), { minLength: 4, maxLength: 4 }),
        rx: fc.double({ min: 50, max: 600, noNaN: true }),
        ry: fc.double({ min: 50, max: 350, noNaN: true }),
      })
      // Points on an ellipse by increasing angle run clockwise on screen (y down).
      .map(({ cuts, rx, ry }) => [...cuts].sort((a, b) => a - b).map((k) => [640 + rx * Math.cos((k * Math.PI) / 36), 360 + ry * Math.sin((k * Math.PI) / 36)] as Point));
    fc.assert(
      fc.property(convexQuad, fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (clockwise, keys) => {
        const sums = clockwise.map(([x, y]) => x + y);
        // Two corners equally near the top left (an edge at exactly 45°): either may be called TL.
        const [a, b] = [...sums].sort((p, q) => p - q);
        fc.pre(b! - a! > 1e-6);
        const first = sums.indexOf(Math.min(...sums));
        const expected = [0, 1, 2, 3].map((i) => clockwise[(first + i) % 4]);
        const shuffled = clockwise.map((p, i) => ({ p, key: keys[i]! * 4 + i })).sort((a, b) => a.key - b.key).map((e) => e.p);
        expect(orderCorners(shuffled)).toEqual(expected);
      }),
    );
  });

  it('keeps the page order of a page turned up to 40° either way', () => {
    for (const deg of [-40, -25, -10, 0, 10, 25, 40]) {
      const quad = pageQuad(640, 360, 300, 420, (deg * Math.PI) / 180);
      expect(orderCorners([quad[2], quad[0], quad[3], quad[1]])).toEqual(quad);
    }
  });

  it('refuses anything but four distinct finite points', () => {
    expect(orderCorners([[0, 0], [1, 0], [1, 1]])).toBeNull();
    expect(orderCorners([[0, 0], [1, 0], [1, 1], [0, 0]])).toBeNull();
    expect(orderCorners([[0, 0], [1, 0], [1, Number.NaN], [0, 1]])).toBeNull();
    expect(orderCorners([[0, 0], [1, 0], [Infinity, 1], [0, 1]])).toBeNull();
  });
});

describe('quadProblem', () => {
  it('accepts plausible pages', () => {
    fc.assert(fc.property(plausiblePage, (quad) => {
      expect(quadProblem(quad, FRAME)).toBeNull();
    }));
  });

  it('refuses three-point-like shapes: a corner on the line of two others, or two corners together', () => {
    const onLine: Quad = [
      [200, 100],
      [600, 100],
      [1000, 100],
      [600, 600],
    ];
    expect(quadProblem(onLine, FRAME)).toBe('notConvex');
    const doubled: Quad = [
      [200, 100],
      [900, 100],
      [900, 100],
      [200, 600],
    ];
    expect(quadProblem(doubled, FRAME)).toBe('notConvex');
    // A corner of 170° (each side bent by 5°): strictly convex, yet a triangle to the eye.
    const nearlyFlat: Quad = [
      [200, 100],
      [600, 100 - 400 * Math.tan((5 * Math.PI) / 180)],
      [1000, 100],
      [600, 600],
    ];
    expect(quadProblem(nearlyFlat, FRAME)).toBe('notConvex');
    expect(quadProblem(nearlyFlat, FRAME, { maxAngleDeg: 175 })).toBeNull();
    fc.assert(
      fc.property(plausiblePage, fc.integer({ min: 0, max: 3 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (quad, i, t) => {
        // Corner i moved onto the segment joining its neighbours: a triangle with a fourth point on a side.
        const a = quad[(i + 3) % 4]!;
        const b = quad[(i + 1) % 4]!;
        const flat = quad.map((p, k) => (k === i ? ([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] as Point) : p)) as unknown as Quad;
        expect(quadProblem(flat, FRAME)).not.toBeNull();
      }),
    );
  });

  it('refuses self-crossing (bow-tie) orders and the anticlockwise order', () => {
    fc.assert(
      fc.property(plausiblePage, fc.integer({ min: 0, max: 3 }), (quad, i) => {
        const j = (i + 1) % 4;
        const bowTie = quad.map((p, k) => (k === i ? quad[j]! : k === j ? quad[i]! : p)) as unknown as Quad;
        expect(quadProblem(bowTie, FRAME)).toBe('notConvex');
        const anticlockwise = [quad[0], quad[3], quad[2], quad[1]] as unknown as Quad;
        expect(quadProblem(anticlockwise, FRAME)).toBe('notConvex');
      }),
    );
  });

  it('refuses tiny areas', () => {
    fc.assert(
      fc.property(fc.double({ min: 2, max: 90, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true }), (size, angle) => {
        // 90 × 90 px is 0.88 % of 1280 × 720: below the default 1 %.
        expect(quadProblem(pageQuad(640, 360, size, size, angle), FRAME)).toBe('tooSmall');
      }),
    );
    expect(quadProblem(pageQuad(640, 360, 200, 200, 0), FRAME, { minAreaFraction: 0.1 })).toBe('tooSmall');
  });

  it('refuses needle angles', () => {
    // A parallelogram sheared to 20° at two corners: large enough, convex, but no page seen from the camera looks like this.
    const needle: Quad = [
      [100, 100],
      [700, 100],
      [700 + 400 / Math.tan((20 * Math.PI) / 180), 500],
      [100 + 400 / Math.tan((20 * Math.PI) / 180), 500],
    ];
    const inFrame = { width: 2400, height: 720 };
    expect(quadProblem(needle, inFrame)).toBe('tooThin');
    expect(quadProblem(needle, inFrame, { minAngleDeg: 15, maxAngleDeg: 170 })).toBeNull();
  });

  it('refuses outlines far outside the frame and non-finite corners, accepts a corner just outside', () => {
    expect(quadProblem(pageQuad(640, 360, 600, 400, 0), FRAME)).toBeNull();
    expect(quadProblem(pageQuad(1250, 360, 600, 400, 0), FRAME)).toBe('outsideFrame');
    expect(quadProblem(pageQuad(660, 360, 1340, 400, 0), FRAME)).toBeNull();
    const broken = [...pageQuad(640, 360, 600, 400, 0)] as Point[];
    broken[2] = [Number.NaN, 3];
    expect(quadProblem(broken as unknown as Quad, FRAME)).toBe('notFinite');
  });
});

describe('clipPolygon', () => {
  it('never gives more area than either polygon', () => {
    fc.assert(
      fc.property(convexPolygon, convexPolygon, (subject, clip) => {
        const area = polygonArea(clipPolygon(subject, clip));
        const tolerance = 1e-9 * Math.max(polygonArea(subject), polygonArea(clip));
        expect(area).toBeLessThanOrEqual(polygonArea(subject) + tolerance);
        expect(area).toBeLessThanOrEqual(polygonArea(clip) + tolerance);
      }),
    );
  });

  it('gives the smaller polygon when one lies inside the other (either way round, either winding)', () => {
    fc.assert(
      fc.property(convexPolygon, fc.double({ min: 0.05, max: 0.95, noNaN: true }), (outer, scale) => {
        const cx = outer.reduce((s, p) => s + p[0], 0) / outer.length;
        const cy = outer.reduce((s, p) => s + p[1], 0) / outer.length;
        const inner = outer.map(([x, y]) => [cx + (x - cx) * scale, cy + (y - cy) * scale] as Point);
        const smaller = polygonArea(inner);
        expect(polygonArea(clipPolygon(inner, outer))).toBeCloseTo(smaller, 6);
        expect(polygonArea(clipPolygon(outer, inner))).toBeCloseTo(smaller, 6);
        expect(polygonArea(clipPolygon(outer, [...inner].reverse()))).toBeCloseTo(smaller, 6);
      }),
    );
  });

  it('gives nothing for disjoint polygons and the overlap of two offset squares', () => {
    expect(polygonArea(clipPolygon(rectQuad(10, 10), rectQuad(10, 10).map(([x, y]) => [x + 20, y] as Point)))).toBe(0);
    expect(polygonArea(clipPolygon(rectQuad(10, 10), rectQuad(10, 10).map(([x, y]) => [x + 4, y + 5] as Point)))).toBeCloseTo(30, 9);
  });
});

describe('jaccardIndex', () => {
  const doc = { width: 210, height: 297 };

  it('is 1 for identical outlines', () => {
    fc.assert(fc.property(plausiblePage, (quad) => {
      expect(jaccardIndex(quad, quad, doc)).toBeCloseTo(1, 9);
    }));
  });

  it('is symmetric within tolerance for small perturbations', () => {
    fc.assert(
      fc.property(plausiblePage, fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 8, maxLength: 8 }), (truth, moves) => {
        const detected = truth.map(([x, y], i) => [x + moves[2 * i]!, y + moves[2 * i + 1]!] as Point) as unknown as Quad;
        const forward = jaccardIndex(detected, truth, doc);
        const backward = jaccardIndex(truth, detected, doc);
        expect(forward).toBeGreaterThan(0.9);
        expect(forward).toBeLessThanOrEqual(1);
        expect(Math.abs(forward - backward)).toBeLessThan(0.01);
      }),
    );
  });

  it('decreases as the detection moves away from the truth', () => {
    fc.assert(
      fc.property(plausiblePage, fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (truth, direction) => {
        let previous = jaccardIndex(truth, truth, doc);
        for (const offset of [2, 5, 10, 20, 40, 80]) {
          const dx = offset * Math.cos(direction);
          const dy = offset * Math.sin(direction);
          const moved = truth.map(([x, y]) => [x + dx, y + dy] as Point) as unknown as Quad;
          const ji = jaccardIndex(moved, truth, doc);
          expect(ji).toBeLessThan(previous);
          previous = ji;
        }
      }),
    );
  });

  it('is 0 for a missing detection and for one beyond the horizon', () => {
    const truth = pageQuad(640, 360, 300, 420, 0.1);
    expect(jaccardIndex(null, truth, doc)).toBe(0);
    // A strongly converging truth: its horizon is just above the frame; a detection far above crosses it.
    const steep: Quad = [
      [600, 100],
      [680, 100],
      [1000, 700],
      [280, 700],
    ];
    const beyond: Quad = [
      [600, -5000],
      [680, -5000],
      [1000, 700],
      [280, 700],
    ];
    expect(jaccardIndex(beyond, steep, doc)).toBe(0);
  });
});

describe('fitWithin', () => {
  it('shrinks to the longer side asked for, same proportions, never enlarges, never below one pixel', () => {
    expect(fitWithin({ width: 3264, height: 2448 }, 1200)).toEqual({ width: 1200, height: 900 });
    expect(fitWithin({ width: 2448, height: 3264 }, 480)).toEqual({ width: 360, height: 480 });
    expect(fitWithin({ width: 640, height: 480 }, 1200)).toEqual({ width: 640, height: 480 });
    expect(fitWithin({ width: 4000, height: 2 }, 100)).toEqual({ width: 100, height: 1 });
  });
});
