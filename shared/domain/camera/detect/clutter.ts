import type { Point, Quad } from '../geometry';
import { along, crossing, stretchSupportOnly, type EdgeLine } from './lines';
import { forEachMarginPixel } from './margin';
import type { ColourPlanes } from './planes';

/**
 * Outline priors for a cluttered desk: what tells the document the clerk is
 * photographing from the other things lying around it. Each is a general
 * fact about documents on desks, used as a factor on a candidate's quality.
 */

/**
 * Margin colourfulness up to which an outline is taken for paper: white paper or an ID card under a warm or cool
 * lamp stays below about 0.18 (a near-neutral tint), while a sticky note (yellow 0.55, pink, green or blue about
 * 0.3 to 0.4), a cutting mat or a wooden desk are clearly coloured.
 */
const PAPER_CHROMA = 0.22;
/**
 * Margin colourfulness from which the whole colour penalty applies: the least colourful sticky notes (pink, green,
 * blue, about 0.3), so every note gets all of it, not only the yellow ones.
 */
const COLOURED_CHROMA = 0.3;
/**
 * The share of a candidate's quality a clearly coloured margin takes away: enough that a sticky note's crisp
 * square loses to the page beside it whose edge is partly hidden, not so much that a coloured form has no chance.
 */
const COLOUR_PENALTY = 0.35;

/**
 * 0..1 factor on a candidate's quality: documents are paper or cards, near
 * neutral in colour, so an outline whose margin is clearly coloured (a
 * sticky note, or a patch of the mat or the wood between papers) is less
 * likely the document.
 */
export function paperColourFactor(corners: Quad, planes: ColourPlanes): number {
  const chroma = marginChroma(corners, planes);
  return 1 - COLOUR_PENALTY * Math.max(0, Math.min(1, (chroma - PAPER_CHROMA) / (COLOURED_CHROMA - PAPER_CHROMA)));
}

/** How far (working pixels) a corner may lie outside the frame and still count as in view: the lines' fitting error. */
const IN_VIEW_SLACK = 1;

/**
 * Whether every corner of an outline lies in the frame: a card the clerk photographs lies wholly in view, while an
 * outline with a corner outside has proportions extrapolated from sides that run out of the frame (a strip of a
 * receipt cut off by the frame's edge can have a card's).
 */
export function wholeInView(corners: Quad, frame: { width: number; height: number }): boolean {
  return insideFrameBy(corners, frame) >= -IN_VIEW_SLACK;
}

/** How far inside the frame the outline's corner nearest its border lies (pixels; negative when a corner is outside). */
export function insideFrameBy(corners: Quad, frame: { width: number; height: number }): number {
  return Math.min(...corners.map(([x, y]) => Math.min(x, y, frame.width - x, frame.height - y)));
}

/** Samples per side of the margin band read for its colour. */
const MARGIN_SAMPLES = 8;

/**
 * The colourfulness of an outline's margin: (max − min) / max of the median
 * colour of a band just inside its sides, 0 for grey or white.
 */
export function marginChroma(corners: Quad, planes: ColourPlanes): number {
  const depth = Math.max(3, Math.min(planes.width, planes.height) * 0.025);
  const r = new Float64Array(4 * MARGIN_SAMPLES);
  const g = new Float64Array(4 * MARGIN_SAMPLES);
  const b = new Float64Array(4 * MARGIN_SAMPLES);
  let n = 0;
  forEachMarginPixel(corners, planes, depth, MARGIN_SAMPLES, (_side, i) => {
    r[n] = planes.r[i]!;
    g[n] = planes.g[i]!;
    b[n] = planes.b[i]!;
    n++;
  });
  if (n < 8) return 0;
  const mid = (v: Float64Array) => v.subarray(0, n).sort()[n >> 1]!;
  const mr = mid(r);
  const mg = mid(g);
  const mb = mid(b);
  const hi = Math.max(mr, mg, mb);
  return (hi - Math.min(mr, mg, mb)) / Math.max(hi, 1);
}

/**
 * Support a shared side needs on the stretch a larger outline adds to it for the smaller outline to count as
 * part of that sheet: a sheet's edge runs on past a line printed across it, though a finger or a glare spot may
 * hide a part of it.
 */
const RUN_ON_SUPPORT = 0.5;
/** Added stretches shorter than this (pixels) say nothing either way. */
const RUN_ON_MIN = 4;

/** Position along `line` where `other` crosses it; null when parallel. */
function crossingAlong(line: EdgeLine, other: EdgeLine): number | null {
  const point = crossing(line, other);
  return point && along(line, point);
}

/** The stretch of line `sides[at]` between its crossings with the other pair of `sides` (stored as pairs (0,1) and (2,3)). */
function sideStretch(sides: readonly number[], at: number, lines: readonly EdgeLine[]): [number, number] | null {
  const line = lines[sides[at]!]!;
  const a = crossingAlong(line, lines[sides[at < 2 ? 2 : 0]!]!);
  const b = crossingAlong(line, lines[sides[at < 2 ? 3 : 1]!]!);
  return a === null || b === null ? null : [Math.min(a, b), Math.max(a, b)];
}

/**
 * Whether the sides a larger outline shares with a smaller one inside it
 * are edges on the stretches the larger adds: then the smaller is a part of
 * that sheet, cut off by a line printed on it. A card lying across another
 * paper shares its own sides' lines with outlines that run them on across
 * that paper, but a card's side ends at its corner.
 */
export function sharedSidesRunOn(inner: readonly number[], outer: readonly number[], lines: readonly EdgeLine[]): boolean {
  for (let at = 0; at < 4; at++) {
    const index = outer[at]!;
    const innerAt = inner.indexOf(index);
    if (innerAt < 0) continue;
    const whole = sideStretch(outer, at, lines);
    const part = sideStretch(inner, innerAt, lines);
    if (!whole || !part) return false;
    for (const [from, to] of [[whole[0], part[0]], [part[1], whole[1]]] as const) {
      if (to - from < RUN_ON_MIN) continue;
      if (stretchSupportOnly(lines[index]!, from, to) < RUN_ON_SUPPORT) return false;
    }
  }
  return true;
}

/** Samples along a stretch compared across it by sameSurfaceAcross. */
const ACROSS_SAMPLES = 12;
/** Chromaticity difference (r/(r+g+b), g/(r+g+b)) within which two bands count as the same surface. */
const SAME_CHROMA = 0.02;
/** Brightness ratio (|log2|) within which two bands count as the same surface: print, a table's tint, uneven light. */
const SAME_BRIGHTNESS = 0.2;

/** Median colour (R, G, B) of a band `depth` working pixels from the stretch a→b, towards unit normal (nx, ny): print in it is outvoted by the paper. */
function bandColour(a: Point, b: Point, nx: number, ny: number, depth: number, planes: ColourPlanes): [number, number, number] | null {
  const r: number[] = [];
  const g: number[] = [];
  const bl: number[] = [];
  for (let k = 0; k < ACROSS_SAMPLES; k++) {
    const f = 0.1 + (0.8 * (k + 0.5)) / ACROSS_SAMPLES;
    const x = Math.floor(a[0] + (b[0] - a[0]) * f + nx * depth);
    const y = Math.floor(a[1] + (b[1] - a[1]) * f + ny * depth);
    if (x < 0 || y < 0 || x >= planes.width || y >= planes.height) continue;
    const i = y * planes.width + x;
    r.push(planes.r[i]!);
    g.push(planes.g[i]!);
    bl.push(planes.b[i]!);
  }
  if (r.length < ACROSS_SAMPLES / 2) return null;
  const mid = (v: number[]) => v.sort((p, q) => p - q)[v.length >> 1]!;
  return [mid(r), mid(g), mid(bl)];
}

/**
 * The surfaces just before and just beyond the stretch a→b: how far apart their hues are (chromaticity), and how
 * much brighter the near one is (log2 of the ratio; negative where the far one is brighter). `inward` is a point on
 * the near side; null where the bands leave the frame.
 */
function surfacesAcross(a: Point, b: Point, inward: Point, planes: ColourPlanes, depth = Math.max(3, Math.min(planes.width, planes.height) * 0.025)): { chroma: number; brighterNear: number } | null {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len < 1) return null;
  let nx = -(b[1] - a[1]) / len;
  let ny = (b[0] - a[0]) / len;
  if (nx * (inward[0] - a[0]) + ny * (inward[1] - a[1]) < 0) {
    nx = -nx;
    ny = -ny;
  }
  const near = bandColour(a, b, nx, ny, depth, planes);
  const far = bandColour(a, b, -nx, -ny, depth, planes);
  if (!near || !far) return null;
  const describe = ([r, g, bl]: [number, number, number]) => {
    const sum = r + g + bl + 1;
    return { cr: r / sum, cg: g / sum, luma: sum / 3 };
  };
  const p = describe(near);
  const q = describe(far);
  return { chroma: Math.hypot(p.cr - q.cr, p.cg - q.cg), brighterNear: Math.log2((p.luma + 8) / (q.luma + 8)) };
}

/**
 * How far apart the surfaces just before and just beyond the stretch a→b
 * are, in units of what still counts as the same surface (below 1: the same
 * paper on both sides, as across a line printed on a sheet; a sheet's edge
 * has the desk, or another paper in its shadow, beyond it). `inward` is a
 * point on the near side; null where the bands leave the frame.
 */
export function surfaceDifferenceAcross(a: Point, b: Point, inward: Point, planes: ColourPlanes): number | null {
  const across = surfacesAcross(a, b, inward, planes);
  return across && Math.max(across.chroma / SAME_CHROMA, Math.abs(across.brighterNear) / SAME_BRIGHTNESS);
}

/**
 * Whether the surface just beyond the stretch a→b is the one just before it
 * in shadow: the same hue, clearly darker. The rim of a shadow band lying
 * across a sheet looks so (and so does a white sheet's edge on a grey desk,
 * which is why this is only ever one piece of evidence). `depth`: how far
 * from the stretch the two surfaces are read (working pixels; by default as
 * for surfaceDifferenceAcross), deeper for a soft rim.
 */
export function shadowedAcross(a: Point, b: Point, inward: Point, planes: ColourPlanes, depth?: number): boolean {
  const across = surfacesAcross(a, b, inward, planes, depth);
  return across !== null && across.chroma < SAME_CHROMA && across.brighterNear >= SAME_BRIGHTNESS;
}

/**
 * Whether the surface just beyond the stretch a→b is the one just before
 * it: a line printed across a sheet (a table's rule) has the same paper on
 * both sides, a sheet's edge has the desk, or another paper in its shadow,
 * beyond it. `inward` is a point on the near side.
 */
export function sameSurfaceAcross(a: Point, b: Point, inward: Point, planes: ColourPlanes): boolean {
  const difference = surfaceDifferenceAcross(a, b, inward, planes);
  return difference !== null && difference < 1;
}
