import type { Point } from '../geometry';
import type { GradientField } from './gradient';
import { along, crossing, pixelAt, stepReach, stretchSupport, stretchSupportOnly, supportProfile, type EdgeLine } from './lines';
import type { ColourPlanes } from './planes';

/**
 * Sides the Hough vote misses, completed from the two sides next to them.
 * A sheet's end can leave almost no edge of its own: a receipt's end on a
 * light desk under a finger, or a card's side where card and desk differ by
 * two or three levels and the sign of the step flips along it under uneven
 * light. The two sides that meet it still end there, at its corners, as
 * clean ends of long edges, and the opposite side joins their other ends;
 * the straight line through the two clean ends is the missing side. It is
 * added as a line whose support between the two corners is at least
 * COMPLETION_CREDIT (the corners are its evidence) and none past them, so
 * the quadrilateral search scores it like any other line: a real side,
 * fully backed, still outscores it, and the colour step across it and the
 * surface just inside it are judged as for any side. The full-resolution
 * refinement then moves it onto whatever edge the side has.
 */

/** A step along a line counts as on the edge from this support (0..1). */
const RUN_ON = 0.3;
/** Steps of missing support bridged inside one run (print or noise touching the edge). */
const RUN_GAP = 3;
/** The longest runs of a line considered as a sheet's side. */
const MAX_RUNS = 3;
/** Steps past a run's end that must be (nearly) without support for it to be a clean end: a corner, not a gap. */
const CLEAN_STEPS = 6;
/** The most mean support the CLEAN_STEPS past a clean end may have. */
const CLEAN_MAX = 0.15;
/** Opposite sides of a sheet seen in perspective: at most this far from parallel (radians). */
const MAX_PAIR_ANGLE = (25 * Math.PI) / 180;
/** A sheet's corner is near a right angle even in perspective: the completed side is at least this far from its neighbours. */
const MIN_CORNER_ANGLE = (50 * Math.PI) / 180;
/** The support a completed side is credited with between its two corners (a real, fully backed side has about 1). */
const COMPLETION_CREDIT = 0.5;
/** The colour step (levels, R, G, B as a vector) across both neighbours' runs from which their sides are compared (sameSurfaces). */
const MIN_SIDE_STEP = 2;
/**
 * The third side: a found line across both neighbours at their other ends, backed by at least this support
 * between them. A sheet with one side missing still shows the other three; two parallel edges that merely end
 * level (a finger's two sides at its tip) do not make a sheet.
 */
const ANCHOR_SUPPORT = 0.5;
/**
 * The support the two neighbours need from the third side to their ends: half, for a finger or print may cover
 * part of them, and under uneven light a side can fade to nothing over part of its length.
 */
const ANCHOR_SIDE_SUPPORT = 0.5;
/** An edge between the neighbours with this support up to the completed side splits them into two objects. */
const INNER_EDGE_SUPPORT = 0.5;
/** A found line near a completed side with at least this support along it is that side, found already. */
const FOUND_SUPPORT = 0.5;
/**
 * A found line through both corners is that side already if its edge backs at least this share of it: a line
 * found on a scrap of the side (a third of a receipt's faint end) is not, and the completion backs it better.
 */
const WEAK_FOUND_SUPPORT = 0.4;
/** At most this many completed sides are added (the longest pairs first): each costs the quadrilateral search a line. */
const MAX_COMPLETIONS = 3;
/**
 * A completed side within this share of the frame's shorter side (at least 2 px) of a found line at both its
 * corners is that line, found already (a run of print inside a sheet ends a little short of its edge): not added.
 */
const SAME_LINE_SHARE = 0.02;

/** A stretch t1..t2 (along (−ny, nx)) of a line with support, whether each end is a clean one, and the colour step across it. */
interface Run {
  readonly t1: number;
  readonly t2: number;
  readonly clean1: boolean;
  readonly clean2: boolean;
  /** The mean colour step across the run along +normal (R, G, B levels). */
  readonly step: readonly [number, number, number];
}

/** Runs of supported steps along a line, at least minLength long; gaps of up to RUN_GAP steps bridged. */
function runsOf(line: EdgeLine, minLength: number): Run[] {
  const n = line.support.length - 1;
  const value = (k: number) => line.support[k + 1]! - line.support[k]!;
  // Mean support of the CLEAN_STEPS from k on in `direction`, or Infinity where they leave the frame (an end at the border is no corner).
  const after = (k: number, direction: number) => {
    const from = direction > 0 ? k : k - CLEAN_STEPS + 1;
    const to = from + CLEAN_STEPS;
    if (from < 0 || to > n) return Infinity;
    return (line.support[to]! - line.support[from]!) / CLEAN_STEPS;
  };
  const runs: Run[] = [];
  let start = -1;
  let last = -1;
  const close = () => {
    if (start >= 0 && last + 1 - start >= minLength) {
      const t1 = line.t0 + start;
      const t2 = line.t0 + last + 1;
      runs.push({ t1, t2, clean1: after(start - 1, -1) <= CLEAN_MAX, clean2: after(last + 1, 1) <= CLEAN_MAX, step: stretchSupport(line, t1, t2).step });
    }
  };
  for (let k = 0; k < n; k++) {
    if (value(k) < RUN_ON) continue;
    if (start < 0 || k - last - 1 > RUN_GAP) {
      close();
      start = k;
    }
    last = k;
  }
  close();
  // A sheet's side is one of the longest stretches of its line; the rest (print, texture) only cost pairs.
  return runs.length > MAX_RUNS ? runs.sort((x, y) => y.t2 - y.t1 - (x.t2 - x.t1)).slice(0, MAX_RUNS) : runs;
}

/**
 * Whether two runs can be opposite sides of one sheet by the colour steps across them: where both steps are clear,
 * the step from outside to the side facing the other run is about the same colour change (sheet against desk)
 * on both. Compared as colour vectors, not by brightness: a receipt on a light desk differs mostly in hue, and
 * uneven light can make its brightness step change sign from one side to the other.
 */
function sameSurfaces(a: EdgeLine, ra: Run, b: EdgeLine, rb: Run): boolean {
  if (Math.hypot(...ra.step) < MIN_SIDE_STEP || Math.hypot(...rb.step) < MIN_SIDE_STEP) return true;
  const towardsB = a.nx * (b.c * b.nx) + a.ny * (b.c * b.ny) - a.c > 0 ? 1 : -1;
  const towardsA = b.nx * (a.c * a.nx) + b.ny * (a.c * a.ny) - b.c > 0 ? 1 : -1;
  return towardsB * towardsA * (ra.step[0] * rb.step[0] + ra.step[1] * rb.step[1] + ra.step[2] * rb.step[2]) > 0;
}

function pointAt(line: EdgeLine, t: number): Point {
  return [line.c * line.nx - t * line.ny, line.c * line.ny + t * line.nx];
}

function distance(line: { nx: number; ny: number; c: number }, p: Point): number {
  return Math.abs(line.nx * p[0] + line.ny * p[1] - line.c);
}

/** The line through two points, with the evidence of a completed side between them. */
function completedLine(field: GradientField, planes: ColourPlanes, a: Point, b: Point, strength: number): EdgeLine {
  const { nx, ny, c } = through(a, b);
  const profile = supportProfile(field, planes, nx, ny, c, strength);
  const ta = -ny * a[0] + nx * a[1];
  const tb = -ny * b[0] + nx * b[1];
  const n = profile.support.length - 1;
  const k1 = Math.max(0, Math.round(Math.min(ta, tb) - profile.t0));
  const k2 = Math.min(n, Math.round(Math.max(ta, tb) - profile.t0));
  // Only between its corners: past them the line is a guess through two points, not an edge of any other outline.
  const support = new Float64Array(n + 1);
  const polarity = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const inside = k >= k1 && k < k2;
    const v = profile.support[k + 1]! - profile.support[k]!;
    support[k + 1] = support[k]! + (inside ? Math.max(v, COMPLETION_CREDIT) : 0);
    polarity[k + 1] = polarity[k]! + (inside ? profile.polarity[k + 1]! - profile.polarity[k]! : 0);
  }
  return { nx, ny, c, strength, ...profile, support, polarity };
}

/** A line that can be the third side of a sheet whose two sides are a and b, and where it crosses them. */
interface Third {
  readonly line: EdgeLine;
  /** Where it crosses a, along a, and b, along b. */
  readonly ta: number;
  readonly tb: number;
}

/**
 * The lines that can join a and b as a sheet's third side: crossing both at a corner's angle, an edge between the
 * crossings, and ending at one of them at least (a sheet's side stops at its corners; a shadow's edge may happen to
 * run on in line with one of them, but an edge running on past both belongs to something larger).
 */
function thirdsOf(lines: readonly EdgeLine[], a: EdgeLine, b: EdgeLine, minLength: number, maxCornerDot: number): Third[] {
  const out: Third[] = [];
  for (const c of lines) {
    if (c === a || c === b) continue;
    if (Math.abs(c.nx * a.nx + c.ny * a.ny) > maxCornerDot || Math.abs(c.nx * b.nx + c.ny * b.ny) > maxCornerDot) continue;
    const xa = crossing(c, a);
    const xb = crossing(c, b);
    if (!xa || !xb) continue;
    const ca = along(c, xa);
    const cb = along(c, xb);
    if (stretchSupportOnly(c, ca, cb) < ANCHOR_SUPPORT) continue;
    const outward = Math.sign(cb - ca);
    if (stretchSupportOnly(c, ca, ca - outward * minLength) >= ANCHOR_SUPPORT && stretchSupportOnly(c, cb, cb + outward * minLength) >= ANCHOR_SUPPORT) continue;
    out.push({ line: c, ta: along(a, xa), tb: along(b, xb) });
  }
  return out;
}

/**
 * Whether `line` is an edge from the third side's crossing at t to its end p: the crossing lies back along its run
 * (towards q), at least minLength from p (gaps allowed: print or a finger touching a side).
 */
function backedTo(line: EdgeLine, t: number, p: Point, q: Point, minLength: number): boolean {
  const tp = along(line, p);
  if ((t - tp) * (along(line, q) - tp) <= 0 || Math.abs(t - tp) < minLength) return false;
  return stretchSupportOnly(line, t, tp) >= ANCHOR_SIDE_SUPPORT;
}

/**
 * Whether a found line is the side pa–pb already: within `same` of it at both ends, or near it (twice that) and
 * backed by its own edge along most of it. Its own edge, where there is one, places the side better than two
 * run ends do, and a gap in it (glare, a finger) is no reason for a second, credited copy.
 */
function foundAlready(line: EdgeLine, pa: Point, pb: Point, same: number): boolean {
  const da = distance(line, pa);
  const db = distance(line, pb);
  if (da >= 2 * same || db >= 2 * same) return false;
  const support = stretchSupportOnly(line, along(line, pa), along(line, pb));
  return support >= FOUND_SUPPORT || (da < same && db < same && support >= WEAK_FOUND_SUPPORT);
}

/**
 * Whether line l, of about the neighbours' direction, is an edge between them right up to the completed side pa–pb
 * (over minLength back from it, towards qa) and ends there: then a and b are not the two sides of one sheet there
 * (two sheets side by side, or a sheet and an edge of the desk), for a sheet's sides are its outermost edges and
 * its print keeps a margin from its end.
 */
function edgeUpTo(l: EdgeLine, pa: Point, pb: Point, qa: Point, same: number, minLength: number): boolean {
  const length = Math.hypot(pb[0] - pa[0], pb[1] - pa[1]);
  const ux = (pb[0] - pa[0]) / length;
  const uy = (pb[1] - pa[1]) / length;
  // Where l crosses the segment: s along it from pa.
  const den = l.nx * ux + l.ny * uy;
  if (Math.abs(den) < 1e-6) return false;
  const s = (l.c - l.nx * pa[0] - l.ny * pa[1]) / den;
  if (s < same || s > length - same) return false;
  const x: Point = [pa[0] + s * ux, pa[1] + s * uy];
  const inward = Math.sign(-l.ny * (qa[0] - pa[0]) + l.nx * (qa[1] - pa[1]));
  // Within `same` of the side counts as reaching it: the side is placed only as well as the run ends are.
  const t = along(l, x);
  const inside = stretchSupportOnly(l, t + inward * same, t + inward * (same + minLength));
  // One that runs on across the side is over the sheet (a finger reaching onto it), not an edge inside it.
  const beyond = stretchSupportOnly(l, t - inward * same, t - inward * (same + minLength));
  return inside >= INNER_EDGE_SUPPORT && beyond < INNER_EDGE_SUPPORT;
}

/**
 * Where the side through the clean corner p, parallel to the third side c, meets `other`; null when `other` still
 * runs on as an edge past that point (away from q, its run's far end), so it would not be its corner.
 */
function oneCorner(p: Point, c: EdgeLine, other: EdgeLine, q: Point): Point | null {
  const side: EdgeLine = { ...c, c: c.nx * p[0] + c.ny * p[1] };
  const x = crossing(side, other);
  if (!x) return null;
  const tx = along(other, x);
  const outward = Math.sign(tx - along(other, q));
  if (stretchSupportOnly(other, tx, tx + outward * CLEAN_STEPS * 2) >= ANCHOR_SUPPORT) return null;
  return x;
}

/**
 * Where the missing side may run, best first, with the number of clean corners it rests on: through both clean
 * ends when that is about parallel to the third side (a sheet's opposite sides are, even in perspective); else from
 * one clean end parallel to the third side (the other "end" is where a faint side fades out, not its corner).
 */
function sideCandidates(pa: Point, cleanA: boolean, qa: Point, a: EdgeLine, pb: Point, cleanB: boolean, qb: Point, b: EdgeLine, third: EdgeLine, minPairDot: number): [Point, Point, number][] {
  const out: [Point, Point, number][] = [];
  if (cleanA && cleanB) {
    const length = Math.hypot(pb[0] - pa[0], pb[1] - pa[1]);
    // The side's normal against the third side's.
    if (Math.abs((-(pb[1] - pa[1]) * third.nx + (pb[0] - pa[0]) * third.ny) / length) >= minPairDot) return [[pa, pb, 2]];
  }
  if (cleanA) {
    const x = oneCorner(pa, third, b, qb);
    if (x) out.push([pa, x, 1]);
  }
  if (cleanB) {
    const x = oneCorner(pb, third, a, qa);
    if (x) out.push([x, pb, 1]);
  }
  return out;
}

/**
 * Completed sides for the found lines: for every two roughly parallel lines
 * with overlapping runs that a third found line joins at one end, the line
 * through the clean ends of their runs at the other, where no found line is
 * that side already and no edge between them reaches it.
 */
export function completionLines(lines: readonly EdgeLine[], field: GradientField, planes: ColourPlanes, minLength: number, minGap: number): EdgeLine[] {
  const runs = lines.map((l) => runsOf(l, minLength));
  const found: CompletedSide[] = [];
  const minPairDot = Math.cos(MAX_PAIR_ANGLE);
  const maxCornerDot = Math.cos(MIN_CORNER_ANGLE);
  const same = Math.max(2, SAME_LINE_SHARE * Math.min(field.width, field.height));
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    for (let j = i + 1; j < lines.length; j++) {
      const b = lines[j]!;
      const dot = a.nx * b.nx + a.ny * b.ny;
      if (Math.abs(dot) < minPairDot) continue;
      // Directions along a and b agree when their normals do (t runs along (−ny, nx)).
      const sameWay = dot > 0;
      // The lines that can join them as a third side, found when first needed.
      let thirds: Third[] | undefined;
      for (const ra of runs[i]!) {
        for (const rb of runs[j]!) {
          if (!sameSurfaces(a, ra, b, rb)) continue;
          // b's run seen along a: its ends projected onto a's direction.
          const pb1 = pointAt(b, rb.t1);
          const pb2 = pointAt(b, rb.t2);
          if (distance(a, pb1) < minGap || distance(a, pb2) < minGap) continue;
          const u1 = -a.ny * pb1[0] + a.nx * pb1[1];
          const u2 = -a.ny * pb2[0] + a.nx * pb2[1];
          const overlap = Math.min(ra.t2, Math.max(u1, u2)) - Math.max(ra.t1, Math.min(u1, u2));
          if (overlap < 0.5 * Math.min(ra.t2 - ra.t1, rb.t2 - rb.t1)) continue;
          // The two ends on either side: a's start with b's start (or end, when b runs the other way), a's end likewise.
          const ends: [Point, boolean, Point, boolean, Point, Point][] = [
            [pointAt(a, ra.t1), ra.clean1, sameWay ? pb1 : pb2, sameWay ? rb.clean1 : rb.clean2, pointAt(a, ra.t2), sameWay ? pb2 : pb1],
            [pointAt(a, ra.t2), ra.clean2, sameWay ? pb2 : pb1, sameWay ? rb.clean2 : rb.clean1, pointAt(a, ra.t1), sameWay ? pb1 : pb2],
          ];
          for (const [pa, cleanA, pb, cleanB, qa, qb] of ends) {
            if (!cleanA && !cleanB) continue;
            thirds ??= thirdsOf(lines, a, b, minLength, maxCornerDot);
            const third = thirds.find((c) => backedTo(a, c.ta, pa, qa, minLength) && backedTo(b, c.tb, pb, qb, minLength))?.line;
            if (!third) continue;
            for (const [ea, eb, corners] of sideCandidates(pa, cleanA, qa, a, pb, cleanB, qb, b, third, minPairDot)) {
              const length = Math.hypot(eb[0] - ea[0], eb[1] - ea[1]);
              const dx = (eb[0] - ea[0]) / length;
              const dy = (eb[1] - ea[1]) / length;
              // (dx, dy) is along the completed side; its normal is (−dy, dx).
              if (Math.abs(-dy * a.nx + dx * a.ny) > maxCornerDot || Math.abs(-dy * b.nx + dx * b.ny) > maxCornerDot) continue;
              if (lines.some((l) => foundAlready(l, ea, eb, same))) continue;
              if (lines.some((l) => l !== a && l !== b && Math.abs(l.nx * a.nx + l.ny * a.ny) >= minPairDot && edgeUpTo(l, ea, eb, qa, same, minLength))) continue;
              found.push({ a: ea, b: eb, weight: Math.min(ra.t2 - ra.t1, rb.t2 - rb.t1) * (corners === 2 ? 1 : 0.5), strength: Math.min(a.strength, b.strength) });
              break;
            }
          }
        }
      }
    }
  }
  return bestCompleted(found, MAX_COMPLETIONS, same, field, planes);
}

/** A side to complete between two corners, weighted by the evidence for it. */
interface CompletedSide {
  readonly a: Point;
  readonly b: Point;
  readonly weight: number;
  readonly strength: number;
}

/** The `max` best-weighted sides as completed lines, each a different line (not within `same` of one taken at both corners). */
function bestCompleted(found: CompletedSide[], max: number, same: number, field: GradientField, planes: ColourPlanes): EdgeLine[] {
  found.sort((x, y) => y.weight - x.weight);
  const added: EdgeLine[] = [];
  for (const f of found) {
    if (added.length >= max) break;
    if (added.some((l) => distance(l, f.a) < same && distance(l, f.b) < same)) continue;
    added.push(completedLine(field, planes, f.a, f.b, f.strength));
  }
  return added;
}

/** An ID card's sides, long over short (85.6 × 54 mm). */
const CARD_RATIO = 85.6 / 54;
/** The share of a card's two long (or short) sides their lines must back, from the third side to the far corner. */
const CARD_SIDE_SUPPORT = 0.4;
/** At most this many card-completed sides are added, best backed first. */
const MAX_CARD_COMPLETIONS = 3;

/**
 * Sides completed from an ID card's known proportions (the 身份证正反面
 * capture asks for a card): where two roughly parallel lines and a third
 * across them are three sides of a card, the fourth lies where the card's
 * 85.6 : 54 ends them. Under uneven light a card on a pale desk can show three
 * sides and almost nothing of the fourth, and its neighbours fade out before
 * the corner, so `completionLines` has no clean ends to join. The line is
 * added with a completed side's credit; the quadrilateral search judges it
 * like any other, and the refinement moves it onto whatever edge is there.
 */
export function cardCompletionLines(lines: readonly EdgeLine[], field: GradientField, planes: ColourPlanes, minLength: number): EdgeLine[] {
  const minPairDot = Math.cos(MAX_PAIR_ANGLE);
  const maxCornerDot = Math.cos(MIN_CORNER_ANGLE);
  const same = Math.max(2, SAME_LINE_SHARE * Math.min(field.width, field.height));
  const found: CompletedSide[] = [];
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    for (let j = i + 1; j < lines.length; j++) {
      const b = lines[j]!;
      if (Math.abs(a.nx * b.nx + a.ny * b.ny) < minPairDot) continue;
      for (const third of thirdsOf(lines, a, b, minLength, maxCornerDot)) {
        const ca = pointAt(a, third.ta);
        const cb = pointAt(b, third.tb);
        const width = Math.hypot(cb[0] - ca[0], cb[1] - ca[1]);
        if (width < minLength) continue;
        for (const ratio of [CARD_RATIO, 1 / CARD_RATIO]) {
          const length = width * ratio;
          // Along each side, away from the third: the way its edge goes (a corner's side stops there), and its support that way.
          const reach = (line: EdgeLine, t: number) => {
            const forward = stretchSupportOnly(line, t, t + length);
            const backward = stretchSupportOnly(line, t, t - length);
            return forward >= backward ? { end: pointAt(line, t + length), support: forward } : { end: pointAt(line, t - length), support: backward };
          };
          const { end: pa, support: supportA } = reach(a, third.ta);
          const { end: pb, support: supportB } = reach(b, third.tb);
          // Both far corners on the same side of the third line, and in view.
          const sideOf = (p: Point) => Math.sign(third.line.nx * p[0] + third.line.ny * p[1] - third.line.c);
          if (sideOf(pa) !== sideOf(pb) || sideOf(pa) === 0 || !inside(field, pa) || !inside(field, pb)) continue;
          if (supportA < CARD_SIDE_SUPPORT || supportB < CARD_SIDE_SUPPORT) continue;
          if (lines.some((l) => foundAlready(l, pa, pb, same))) continue;
          const across = stretchSupportOnly(third.line, along(third.line, ca), along(third.line, cb));
          found.push({ a: pa, b: pb, weight: (supportA + supportB) * length + across * width, strength: Math.min(a.strength, b.strength) });
        }
      }
    }
  }
  return bestCompleted(found, MAX_CARD_COMPLETIONS, same, field, planes);
}

/** The perspective may stretch a card's sides seen in the frame by this factor either way from 85.6 : 54. */
const CARD_RATIO_SLACK = 1.25;
/** Pixels past its faded share (FADE_SHARE) a far side is still looked for. */
const FAR_SLACK = 3;
/** The colour step (levels, R, G, B as a vector) a far side needs, and from which the opposite side's step guides the search. */
const MIN_FAR_STEP = 2;
/** At most this many cards completed from two sides are added (the best backed first; up to two lines each). */
const MAX_CORNER_COMPLETIONS = 4;
/** How much of a side's length its edge may fade out before the far corner, and the far side still be found. */
const FADE_SHARE = 0.15;
/** How far (px) each half of a page's far side may lie from where the whole of it steps (perspective). */
const TILT_SLACK = 4;
/** How many step reaches either side of an offset the desk's own slope of colour is read (see cardCorner). */
const RAMP_REACHES = 2.5;
/** Offsets whose colour step is within this share of the clearest one are the same edge (see cardCorner). */
const PLATEAU = 0.9;

/** The mean colour step (R, G, B) across the segment p–q, from `reach` px behind it to `reach` px ahead along `out`; null where none of it is in the frame. */
function colourStepAcross(planes: ColourPlanes, p: Point, q: Point, out: Point, reach: number): [number, number, number] | null {
  const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
  const samples = Math.max(4, Math.round(length));
  let sr = 0;
  let sg = 0;
  let sb = 0;
  let seen = 0;
  for (let k = 0; k < samples; k++) {
    const f = (k + 0.5) / samples;
    const x = p[0] + (q[0] - p[0]) * f;
    const y = p[1] + (q[1] - p[1]) * f;
    const ahead = pixelAt(planes.width, planes.height, x + reach * out[0], y + reach * out[1]);
    const behind = pixelAt(planes.width, planes.height, x - reach * out[0], y - reach * out[1]);
    if (ahead < 0 || behind < 0) continue;
    sr += planes.r[ahead]! - planes.r[behind]!;
    sg += planes.g[ahead]! - planes.g[behind]!;
    sb += planes.b[ahead]! - planes.b[behind]!;
    seen++;
  }
  return seen === 0 ? null : [sr / seen, sg / seen, sb / seen];
}

/**
 * How far the edge of `line` reaches from t in `direction`: through its runs, each starting within maxGap of where
 * the last one ended (a corner's neighbourhood, a finger or a faded stretch leave gaps); 0 when none starts near t.
 */
function reachFrom(runs: readonly Run[], t: number, direction: number, maxGap: number): number {
  const ahead = runs
    .map((r) => (direction > 0 ? { near: r.t1 - t, far: r.t2 - t } : { near: t - r.t2, far: t - r.t1 }))
    .filter((r) => r.far > 0)
    .sort((p, q) => p.near - q.near);
  let reach = 0;
  for (const r of ahead) {
    if (r.near - reach > maxGap) break;
    reach = Math.max(reach, r.far);
  }
  return reach;
}

/**
 * Sides completed from an L of two sides of an ID card (the 身份证正反面
 * capture asks for a card): under uneven light a white card on a pale desk
 * can show only two sides, and the other two fade to a soft colour step with
 * hardly any gradient, so neither the line search nor the completions above
 * (which need three sides, or clean ends to join) find them. Where two lines
 * cross at a corner's angle and their edges reach from the crossing (gaps
 * bridged) over lengths in a card's 85.6 : 54, give or take the
 * perspective, each far side is looked for just past the end of the edge
 * meeting it, parallel to the other side: where the colour changes most as
 * it does across the opposite side (card to desk). The two far sides are
 * added as completed lines, the corners being their evidence; the
 * quadrilateral search judges them like any other, and the refinement moves
 * them onto the soft edge at full size.
 */
export function cardCornerLines(lines: readonly EdgeLine[], field: GradientField, planes: ColourPlanes, minLength: number): EdgeLine[] {
  return cornerLines(lines, field, planes, minLength, CARD_RATIO);
}

/**
 * The same for a page (a sheet of any proportions): a page on a light desk, or under uneven light, can show two
 * sides meeting at a corner and only a soft change of colour where the other two are. Without a known shape the
 * L's two edges give its size, and the far sides must show the step its near sides show.
 */
export function pageCornerLines(lines: readonly EdgeLine[], field: GradientField, planes: ColourPlanes, minLength: number): EdgeLine[] {
  return cornerLines(lines, field, planes, minLength, null);
}

/** Far sides completed from L's whose two edges reach in the proportions given (long over short; any for null). */
function cornerLines(lines: readonly EdgeLine[], field: GradientField, planes: ColourPlanes, minLength: number, proportions: number | null): EdgeLine[] {
  const maxCornerDot = Math.cos(MIN_CORNER_ANGLE);
  const same = Math.max(2, SAME_LINE_SHARE * Math.min(field.width, field.height));
  const maxGap = 1.5 * minLength;
  const margin = stepReach(field) + 1;
  const runs = lines.map((l) => runsOf(l, minLength));
  const hypotheses: CardCorner[] = [];
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i]!;
    for (let j = i + 1; j < lines.length; j++) {
      const b = lines[j]!;
      if (Math.abs(a.nx * b.nx + a.ny * b.ny) > maxCornerDot) continue;
      const x = crossing(a, b);
      if (!x || !inside(field, x)) continue;
      // The card may lie on either side of each line from the corner: each way the edge reaches far enough.
      for (const wayA of [1, -1]) {
        const lengthA = reachFrom(runs[i]!, along(a, x), wayA, maxGap);
        if (lengthA < minLength) continue;
        for (const wayB of [1, -1]) {
          const lengthB = reachFrom(runs[j]!, along(b, x), wayB, maxGap);
          if (lengthB < minLength) continue;
          const ratio = lengthA / lengthB;
          if (proportions !== null && Math.min(Math.abs(Math.log(ratio / proportions)), Math.abs(Math.log(ratio * proportions))) > Math.log(CARD_RATIO_SLACK)) continue;
          const ua: Point = [-a.ny * wayA, a.nx * wayA];
          const ub: Point = [-b.ny * wayB, b.nx * wayB];
          const backing = stretchSupportOnly(a, along(a, x), along(a, x) + wayA * lengthA) * lengthA + stretchSupportOnly(b, along(b, x), along(b, x) + wayB * lengthB) * lengthB;
          const h = cardCorner(planes, x, ua, lengthA, ub, lengthB, backing, Math.min(a.strength, b.strength), proportions === null);
          // The whole card in view, its far sides clear of the frame's border (where the step cannot be read).
          if (!h || !h.sides.every(([p, q]) => inside(field, p, margin) && inside(field, q, margin))) continue;
          const missing = h.sides.filter(([p, q]) => !lines.some((l) => foundAlready(l, p, q, same)));
          if (missing.length > 0) hypotheses.push({ ...h, sides: missing });
        }
      }
    }
  }
  hypotheses.sort((p, q) => q.weight - p.weight);
  const added: EdgeLine[] = [];
  let taken = 0;
  for (const h of hypotheses) {
    if (taken >= MAX_CORNER_COMPLETIONS) break;
    const fresh = h.sides.filter(([p, q]) => !added.some((l) => distance(l, p) < same && distance(l, q) < same));
    if (fresh.length === 0) continue;
    for (const [p, q] of fresh) added.push(completedLine(field, planes, p, q, h.strength));
    taken++;
  }
  return added;
}

/** A card's two far sides found from the L at x: each from a far corner to the fourth corner. */
interface CardCorner {
  readonly sides: [Point, Point][];
  readonly weight: number;
  readonly strength: number;
}

function inside(frame: { width: number; height: number }, p: Point, margin = 0): boolean {
  return p[0] >= margin && p[1] >= margin && p[0] <= frame.width - margin && p[1] <= frame.height - margin;
}

/**
 * The card (or page) whose sides run from x along ua and ub for about lengthA and lengthB (see cornerLines): each
 * far side parallel to the near side opposite it, or, `tilted`, through where its two halves step; the fourth
 * corner where the far sides meet. null when either far side shows no clear step.
 */
function cardCorner(planes: ColourPlanes, x: Point, ua: Point, lengthA: number, ub: Point, lengthB: number, backing: number, strength: number, tilted: boolean): CardCorner | null {
  const reach = stepReach(planes);
  const point = (along: number, across: number, u: Point, v: Point): Point => [x[0] + u[0] * along + v[0] * across, x[1] + u[1] * along + v[1] * across];
  // The offset from `from` to `to` along u where the colour step across the stretch `s1`..`s2` along v changes most
  // as `towards` (or most at all), the middle of the plateau around it, and that step: the step is read `reach`
  // either side, so it is as clear for every offset within reach of a sharp edge, and the first of them would sit
  // inside the sheet. For a card, the step is taken less the desk's own slope of colour: towards a frame's dark
  // corner, or across a lamp's fall-off, the desk steps by a few levels over any stretch, as much as a pale card's
  // faint edge. That slope is what the step is on both sides of the offset, clear of the edge (RAMP_REACHES reaches
  // away); print inside the sheet steps the other way and takes nothing off. Not for a page's far sides (`tilted`):
  // there it measured worse on the development frames (two receipts on a light desk lost their outline, one on a
  // cluttered desk gained it).
  const clearest = (u: Point, v: Point, s1: number, s2: number, from: number, to: number, towards: number[] | null) => {
    // Offsets are half a pixel apart; the slope is read `away` of them either side.
    const away = tilted ? 0 : Math.round(2 * RAMP_REACHES * reach);
    const stepAt = (offset: number): number | null => {
      const step = colourStepAcross(planes, point(offset, s1, u, v), point(offset, s2, u, v), u, reach);
      if (!step) return null;
      return towards ? step[0] * towards[0]! + step[1] * towards[1]! + step[2] * towards[2]! : Math.hypot(...step);
    };
    const raw: (number | null)[] = [];
    for (let k = -away; from + 0.5 * k <= to + 0.5 * away; k++) raw.push(stepAt(from + 0.5 * k));
    const steps: number[] = [];
    for (let k = 0; from + 0.5 * k <= to; k++) {
      // Where one side of the slope is out of the frame, the other alone.
      const sides = [raw[k], raw[k + 2 * away]].filter((x): x is number => x !== null && x !== undefined);
      const slope = away === 0 || sides.length === 0 ? 0 : Math.max(0, Math.min(...sides));
      steps.push((raw[k + away] ?? 0) - slope);
    }
    let top = 0;
    for (let k = 1; k < steps.length; k++) if (steps[k]! > steps[top]!) top = k;
    let lo = top;
    let hi = top;
    while (lo > 0 && steps[lo - 1]! >= PLATEAU * steps[top]!) lo--;
    while (hi < steps.length - 1 && steps[hi + 1]! >= PLATEAU * steps[top]!) hi++;
    return { offset: from + 0.25 * (lo + hi), step: steps[top] ?? 0 };
  };
  // The far side across the end of the side along u runs along v, opposite the side along v: the offset near
  // `length` where the colour changes most as it does across that side (sheet to desk, outward). A page seen in
  // perspective is no parallelogram: its far side is then placed by each half on its own, within a few pixels of
  // where the whole of it steps, and runs through the two (a card is too small for that to move it by a pixel).
  const farSide = (u: Point, length: number, v: Point, otherLength: number): { p: Point; q: Point; step: number } => {
    const opposite = colourStepAcross(planes, point(0, 0.1 * otherLength, u, v), point(0, 0.9 * otherLength, u, v), [-u[0], -u[1]], reach) ?? [0, 0, 0];
    const size = Math.hypot(...opposite);
    // Where the opposite side barely steps (uneven light evens it out there), any clear change will do.
    const towards = size >= MIN_FAR_STEP ? opposite.map((c) => c / size) : null;
    // From just short of the edge's reach outward (an edge can fade out before its corner, by a tenth of its length
    // or so): a sheet's side is its outermost edge, and print inside it steps more.
    const whole = clearest(u, v, 0.1 * otherLength, 0.9 * otherLength, length - 2, length * (1 + FADE_SHARE) + FAR_SLACK, towards);
    if (!tilted) return { p: point(whole.offset, 0, u, v), q: point(whole.offset, otherLength, u, v), step: whole.step };
    const near = clearest(u, v, 0.1 * otherLength, 0.5 * otherLength, whole.offset - TILT_SLACK, whole.offset + TILT_SLACK, towards);
    const far = clearest(u, v, 0.5 * otherLength, 0.9 * otherLength, whole.offset - TILT_SLACK, whole.offset + TILT_SLACK, towards);
    return { p: point(near.offset, 0.3 * otherLength, u, v), q: point(far.offset, 0.7 * otherLength, u, v), step: whole.step };
  };
  const fa = farSide(ua, lengthA, ub, lengthB);
  if (fa.step < MIN_FAR_STEP) return null;
  const fb = farSide(ub, lengthB, ua, lengthA);
  if (fb.step < MIN_FAR_STEP) return null;
  // Each far side from where it meets the near side it ends to where the two far sides meet.
  const lineA = through(fa.p, fa.q);
  const lineB = through(fb.p, fb.q);
  const pa = crossing(lineA, through(x, [x[0] + ua[0], x[1] + ua[1]]));
  const pb = crossing(lineB, through(x, [x[0] + ub[0], x[1] + ub[1]]));
  const d = crossing(lineA, lineB);
  if (!pa || !pb || !d) return null;
  return {
    sides: [
      [pa, d],
      [pb, d],
    ],
    weight: backing * Math.min(1, Math.min(fa.step, fb.step) / 4),
    strength,
  };
}

/** The line through p and q as normal and offset. */
function through(p: Point, q: Point): { nx: number; ny: number; c: number } {
  const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
  const nx = -(q[1] - p[1]) / length;
  const ny = (q[0] - p[0]) / length;
  return { nx, ny, c: nx * p[0] + ny * p[1] };
}
