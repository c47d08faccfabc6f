import { orderCorners, polygonArea, type Point, type Quad } from '../geometry';
import { along, crossing, stretchSupport, stretchSupportOnly, type EdgeLine } from './lines';
import { paperColourFactor, sameSurfaceAcross, shadowedAcross, sharedSidesRunOn, surfaceDifferenceAcross } from './clutter';
import { forEachMarginPixel } from './margin';
import type { ColourPlanes } from './planes';
import { scoreByEvidence, stepLevels, type CandidateEvidence, type PoolEntry } from './ranker';

/** An outline and its learned score (ranker.ts). */
export interface ScoredOutline {
  readonly corners: Quad;
  readonly learned: number;
}

/** A page candidate in the working frame, with the evidence it was chosen on. */
export interface QuadCandidate {
  readonly corners: Quad;
  /** 0..1: how completely and evenly the four sides are backed by aligned edges. */
  readonly edgeSupport: number;
  /** 0..1: how clearly the inside differs from the outside along every side. */
  readonly contrast: number;
  /** −1..1: +1 when every side is brighter inside (paper on a desk). */
  readonly brighterInside: number;
  readonly areaFraction: number;
  readonly score: number;
  /**
   * The learned score (ranker.ts), when the candidates were ranked by it. Only comparable between candidates of
   * one frame: two looks at it at different working sizes see the same evidence, so it can tell which look's
   * outline is the better one.
   */
  readonly learned?: number;
  /** The best forty it was chosen among, with their learned scores, when the candidates were ranked by them. */
  readonly weighed?: readonly ScoredOutline[];
}

const MAX_PAIRS = 4000;
/**
 * The most a shape preference adds to a score: more than the size bonus an A4 page has over a card lying
 * beside it (0.3·√area), less than a clearly better outline has over a poor one.
 */
export const PREFERENCE_WEIGHT = 0.3;
const TOP_KEEP = 40;
/**
 * The colour step across a side (levels, summed over R, G, B as a vector) that counts as a clear change of
 * surface: a white card on a near-white desk steps by only 3 or 4, a printed rule by about 0.
 */
const STEP_FULL = 4;

interface Ranked extends QuadCandidate {
  /** Indices of the four lines it is made of. */
  readonly lines: readonly number[];
  /** The score without the shape preference. */
  readonly base: number;
  /** The measurements its score was made of, for the learned ranking (ranker.ts). */
  readonly evidence: CandidateEvidence;
}

/** Whether `outer` is `inner` run on past one of its sides along edges: the same sheet, with `inner` cut off by a printed line. */
function isExtensionOf(inner: Ranked, outer: Ranked, lines: readonly EdgeLine[], planes: ColourPlanes): boolean {
  if (outer.areaFraction <= inner.areaFraction * 1.03) return false;
  if (outer.edgeSupport < 0.55 || outer.contrast < 0.8) return false;
  if (outer.lines.filter((l) => inner.lines.includes(l)).length !== 3) return false;
  if (!inner.corners.every((p) => inside(outer.corners, p, 1))) return false;
  return extensionSupported(inner, outer, lines, planes);
}

/**
 * Whether `inner` is a part of the sheet `outer`: inside it and sharing two
 * of its sides (the rest are lines printed on the sheet), which run on as
 * edges past its corners. A card lying on a page shares none of the page's
 * sides.
 */
function isPartOf(inner: Ranked, outer: Ranked, lines: readonly EdgeLine[]): boolean {
  if (outer.areaFraction <= inner.areaFraction * 1.03) return false;
  if (outer.edgeSupport < 0.55 || outer.contrast < 0.8 || outer.base < inner.base) return false;
  if (outer.lines.filter((l) => inner.lines.includes(l)).length < 2) return false;
  return inner.corners.every((p) => inside(outer.corners, p, 1)) && sharedSidesRunOn(inner.lines, outer.lines, lines);
}

/**
 * The candidates ranked again once the shape preference is taken back from
 * those that are only part of a larger sheet: the top half of an A4 page
 * cut at a table's edge has an ID card's proportions, but it shares the
 * page's sides, and the page outscores it on its own evidence.
 */
function withoutPartPreference(top: readonly Ranked[], pool: readonly Ranked[], lines: readonly EdgeLine[]): Ranked[] {
  const ranked = top.map((c) => (c.score > c.base && pool.some((o) => o !== c && isPartOf(c, o, lines)) ? { ...c, score: c.base } : c));
  return ranked.sort((x, y) => y.score - x.score);
}

function inside(q: Quad, p: Point, slack: number): boolean {
  for (let s = 0; s < 4; s++) {
    const [ax, ay] = q[s]!;
    const [bx, by] = q[(s + 1) % 4]!;
    const len = Math.hypot(bx - ax, by - ay);
    // Corners run clockwise on screen: inside is where the cross product is positive.
    if (((bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)) / len < -slack) return false;
  }
  return true;
}

function median(values: number[]): number {
  // Insertion sort in place: the lists are short (at most 16) and this runs for every candidate kept.
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    let j = i - 1;
    for (; j >= 0 && values[j]! > v; j--) values[j + 1] = values[j]!;
    values[j + 1] = v;
  }
  return values[values.length >> 1] ?? 0;
}

/**
 * 0.4..1: whether the band just inside each side shows the same surface (the
 * page's margin) all round. A side laid on the desk beyond the page (where
 * glare or a finger hides the page's own edge) has desk inside it, unlike
 * the other three.
 */
function insideAgreement(corners: Quad, planes: ColourPlanes): number {
  const depth = Math.max(2.5, Math.min(planes.width, planes.height) * 0.015);
  const seen: number[][][] = [0, 1, 2, 3].map(() => [[], [], []]);
  forEachMarginPixel(corners, planes, depth, 16, (side, i) => {
    const channels = seen[side]!;
    channels[0]!.push(planes.r[i]!);
    channels[1]!.push(planes.g[i]!);
    channels[2]!.push(planes.b[i]!);
  });
  const sides: number[][] = [];
  for (const channels of seen) {
    if (channels[0]!.length < 4) return 0.4;
    sides.push(channels.map(median));
  }
  // Compared by chromaticity and by a brightness ratio, so uneven light across a page does not count as a different surface.
  const described = sides.map(([r, g, b]) => {
    const sum = r! + g! + b! + 1;
    return { cr: r! / sum, cg: g! / sum, luma: sum / 3 };
  });
  const cr = median(described.map((d) => d.cr));
  const cg = median(described.map((d) => d.cg));
  const luma = median(described.map((d) => d.luma));
  let worst = 0;
  for (const d of described) {
    const chroma = Math.hypot(d.cr - cr, d.cg - cg) / 0.06;
    const brightness = Math.abs(Math.log2((d.luma + 8) / (luma + 8))) / 2;
    worst = Math.max(worst, chroma, brightness);
  }
  return Math.max(0.4, Math.min(1, 1.25 - 0.5 * worst));
}

/** How far past a corner (a share of the side's length, at least a few pixels) the side is followed to see whether it goes on. */
const CONTINUATION_SHARE = 0.15;
/** The share of a candidate's edge support taken away when one of its sides is clearly crossed. */
const CROSSED_PENALTY = 0.4;
/** The share of a candidate's quality taken away when a side clearly runs on past one of its corners. */
const RUN_ON_PENALTY = 0.3;

/** How the sides of a candidate go on past its corners: see cornerRunOns. */
export interface CornerRunOns {
  /** 0..1: how clearly one side is crossed by both its neighbours. */
  readonly crossed: number;
  /** 0..1: how clearly some side goes on past one of its corners. */
  readonly runOn: number;
}

/**
 * 0..1: how clearly `line` is an edge on the stretch of `length` starting at t and running in `direction`. Its
 * support, not its polarity: dark print at the sheet's edge (a QR code) turns that.
 */
function goesOn(line: EdgeLine, t: number, direction: number, length: number): number {
  const support = stretchSupportOnly(line, t, t + direction * length);
  return Math.max(0, Math.min(1, (support - 0.3) / 0.4));
}

/**
 * How the sides of a candidate go on past its corners, as edges. A sheet's
 * corner ends both its edges; where one side goes on past a corner, the
 * corner is a T-junction: the side ending there is a line printed on the
 * sheet (a table's rule, the border of a card's photo) or the rim of a
 * shadow band lying across it, stopped by the sheet's real edge, which goes
 * on to the sheet's real corner. `runOn` is the clearest such corner;
 * `crossed` the clearest side crossed at both ends (by both neighbours),
 * a line printed right across a larger sheet whose own end is faint, or
 * hidden under a finger.
 */
export function cornerRunOns(lines: readonly EdgeLine[], sideLine: readonly number[], sideFrom: readonly number[], sideTo: readonly number[]): CornerRunOns {
  let crossed = 0;
  let runOn = 0;
  for (let s = 0; s < 4; s++) {
    const before = (s + 3) % 4;
    const after = (s + 1) % 4;
    const beforeLength = Math.abs(sideTo[before]! - sideFrom[before]!);
    const afterLength = Math.abs(sideTo[after]! - sideFrom[after]!);
    // The side before ends at this side's first corner; the side after starts at its second.
    const a = goesOn(lines[sideLine[before]!]!, sideTo[before]!, Math.sign(sideTo[before]! - sideFrom[before]!), Math.max(4, CONTINUATION_SHARE * beforeLength));
    const b = goesOn(lines[sideLine[after]!]!, sideFrom[after]!, -Math.sign(sideTo[after]! - sideFrom[after]!), Math.max(4, CONTINUATION_SHARE * afterLength));
    crossed = Math.max(crossed, Math.min(a, b));
    runOn = Math.max(runOn, a, b);
  }
  return { crossed, runOn };
}

/**
 * Of two outlines sharing three lines (each given by its four line indices), the line only `inner` has, the line
 * only `outer` has, the two lines of `inner` meeting the first, and the one opposite it (lines are stored as pairs
 * of opposites, (0,1) and (2,3): the opposite of the replaced side meets neither end of it). null when no line is
 * replaced.
 */
function sideReplaced(inner: readonly number[], outer: readonly number[]): { dropped: number; added: number; adjacent: readonly [number, number]; opposite: number } | null {
  const replaced = inner.findIndex((l) => !outer.includes(l));
  const added = outer.find((l) => !inner.includes(l));
  if (replaced < 0 || added === undefined) return null;
  return { dropped: inner[replaced]!, added, adjacent: replaced < 2 ? [inner[2]!, inner[3]!] : [inner[0]!, inner[1]!], opposite: inner[replaced ^ 1]! };
}

/** Support on the added stretch from which a lengthened side counts as running on. */
const RUN_ON_FULL = 0.7;
/**
 * The same where the side `inner` ends at is the rim of a shadow lying across the sheet: the sheet's edges go on
 * into the shadow, where they step less and are backed by fewer edge pixels (0.35 and 0.60 for an A4 page's sides
 * in seed 15's shadow band). The shadow itself is the evidence that the sheet goes on.
 */
const RUN_ON_SHADOWED = 0.3;

/**
 * Whether the sides that `outer` lengthens (past the side `inner` has and
 * `outer` has not) run on as edges along the added stretch: true when the
 * page goes on past a line printed on it, false when the larger outline
 * runs on across the desk. Both must, unless the side `inner` ends at is
 * printed on the paper (the same paper on both sides of it): then one is
 * enough, as a finger may lie across the other, or the sheet may lie on
 * another white paper there, against which its edge hardly shows. Where
 * that side is the rim of a shadow lying across the sheet (the same paper,
 * darker beyond it), both must run on, but less clearly: in the shadow the
 * sheet's edges step less. That rim is read halfway into the strip `outer`
 * adds (or into `inner`, where it is the shorter), not a few pixels either
 * side of it: a shadow's rim fades over more than that.
 */
function extensionSupported(inner: Ranked, outer: Ranked, lines: readonly EdgeLine[], planes: ColourPlanes): boolean {
  const change = sideReplaced(inner.lines, outer.lines);
  if (!change) return false;
  const innerOnly = lines[change.dropped]!;
  const outerOnly = lines[change.added]!;
  const innerFar = lines[change.opposite]!;
  const centre = centreOf(inner.corners);
  const cutEnds: Point[] = [];
  const runs: number[] = [];
  // How far the cut can be read into either outline: the strip `outer` adds beyond it, and `inner` before it.
  let room = Infinity;
  for (const index of change.adjacent) {
    const line = lines[index]!;
    const a = crossing(line, innerOnly);
    const b = crossing(line, outerOnly);
    if (!a || !b) return false;
    cutEnds.push(a);
    runs.push(stretchSupport(line, along(line, a), along(line, b)).support);
    const far = crossing(line, innerFar);
    room = Math.min(room, Math.hypot(b[0] - a[0], b[1] - a[1]), far ? Math.hypot(far[0] - a[0], far[1] - a[1]) : Infinity);
  }
  const runningOn = runs.filter((support) => support >= RUN_ON_FULL).length;
  if (runningOn === 2) return true;
  if (runs.every((support) => support >= RUN_ON_SHADOWED) && shadowedAcross(cutEnds[0]!, cutEnds[1]!, centre, planes, Math.max(3, room / 2))) return true;
  return runningOn === 1 && sameSurfaceAcross(cutEnds[0]!, cutEnds[1]!, centre, planes);
}

/** PoolEntry.sidesApart: the surfaces across the side where they differ least, 0..1 (1 where no side can be read). */
function sidesApart(corners: Quad, planes: ColourPlanes): number {
  const centre = centreOf(corners);
  let least = Infinity;
  for (let s = 0; s < 4; s++) {
    const difference = surfaceDifferenceAcross(corners[s]!, corners[(s + 1) % 4]!, centre, planes);
    if (difference !== null) least = Math.min(least, difference);
  }
  return Math.min(1, least / 2);
}

function centreOf(q: Quad): Point {
  return [(q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4, (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4];
}

/** The luma step (levels) from outside to inside across `line`'s stretch between p and q, for an outline around `centre`. */
function stepInward(line: EdgeLine, p: Point, q: Point, centre: Point): number {
  const inward = line.nx * centre[0] + line.ny * centre[1] - line.c > 0 ? 1 : -1;
  return inward * stretchSupport(line, along(line, p), along(line, q)).luma;
}

/** The luma step (levels) from which a side counts as brighter (or darker) inside for shadowBeyond. */
const SHADOW_STEP = 2;

/**
 * Whether an outline made of the lines `outer` only adds a sheet's drop
 * shadow to the one made of `inner` (around `centre`), sharing three of its
 * lines: the side it drops has the sheet brighter inside, the side it adds
 * has the darker surface inside (the shadow, with the lit desk beyond its
 * rim). On a light desk a page's shadow has a rim as straight as the page's
 * edge and lined up with it; the refinement tells them apart the same way
 * (refine.ts).
 */
export function shadowBeyond(inner: readonly number[], outer: readonly number[], centre: Point, lines: readonly EdgeLine[]): boolean {
  const change = sideReplaced(inner, outer);
  if (!change) return false;
  // Each side compared between the two lines meeting the replaced side.
  const step = (side: EdgeLine) => {
    const [p, q] = change.adjacent.map((index) => crossing(lines[index]!, side));
    return p && q ? stepInward(side, p, q, centre) : 0;
  };
  return step(lines[change.dropped]!) >= SHADOW_STEP && step(lines[change.added]!) <= -SHADOW_STEP;
}

/**
 * The best candidate, or a larger one around it that shares three of its
 * four lines and is nearly as good: a printed rule, a table border or the
 * rim of a glare spot across the page can make a strong fourth side inside
 * the page, while the page's own edge there is partly hidden (a finger, the
 * glare) and scores a little lower. Not one that only adds the page's drop
 * shadow (shadowBeyond).
 */
function outermost(top: readonly Ranked[], lines: readonly EdgeLine[], planes: ColourPlanes): QuadCandidate | null {
  let best = top[0];
  if (!best) return null;
  for (let changed = true; changed; ) {
    changed = false;
    const current: Ranked = best;
    let choice: Ranked | null = null;
    for (const other of top) {
      if (other.base < current.base - 0.2) continue;
      if (!isExtensionOf(current, other, lines, planes) || shadowBeyond(current.lines, other.lines, centreOf(current.corners), lines)) continue;
      if (!choice || other.areaFraction > choice.areaFraction) choice = other;
    }
    if (choice) {
      best = choice;
      changed = true;
    }
  }
  return best;
}

/**
 * The best page outline made of four of the lines: opposite sides from
 * roughly parallel pairs, adjacent sides from pairs well apart in angle,
 * scored by edge support and the colour step across each side (both from
 * the lines' prefix sums, so each candidate costs a few look-ups), the best
 * ones also by the surface just inside their sides, plus a preference for
 * the larger of two equally good outlines. `trace` sees every candidate
 * that passes the support test (for tuning; it turns pruning off).
 */
export function bestQuad(
  lines: readonly EdgeLine[],
  planes: ColourPlanes,
  trace?: (candidate: QuadCandidate) => void,
  /** 0..PREFERENCE_WEIGHT added to a candidate's score for its shape (e.g. an ID card's proportions); none by default. */
  preference?: (corners: Quad) => number,
  /** The weights of the learned ranking of the best candidates (ranker.ts); the hand-made score alone without. */
  ranker?: readonly number[],
  /** Sees the best candidates with their evidence, as ranked by the hand-made score (for training the ranker). */
  onPool?: (pool: readonly PoolEntry[], frame: { width: number; height: number }) => void,
): QuadCandidate | null {
  const { width, height } = planes;
  const diag = Math.hypot(width, height);
  const tolerance = 0.04 * diag;
  const minGap = 0.06 * Math.min(width, height);
  const frameArea = width * height;
  const pairs: { i: number; j: number; weight: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = lines[j]!;
      const dot = a.nx * b.nx + a.ny * b.ny;
      if (Math.abs(dot) < Math.cos((35 * Math.PI) / 180)) continue;
      // Distance from a's point nearest the frame centre to b.
      const t = -a.ny * (width / 2) + a.nx * (height / 2);
      const px = a.c * a.nx - a.ny * t;
      const py = a.c * a.ny + a.nx * t;
      if (Math.abs(b.nx * px + b.ny * py - b.c) < minGap) continue;
      pairs.push({ i, j, weight: Math.min(a.strength, b.strength) });
    }
  }
  pairs.sort((p, q) => q.weight - p.weight);
  pairs.length = Math.min(pairs.length, MAX_PAIRS);
  // The best few, for the containment rule below.
  const top: Ranked[] = [];
  const topBase: Ranked[] = [];
  const maxAdjacentDot = Math.cos((35 * Math.PI) / 180);
  // Every crossing of two lines once: its point and where it lies along each of them.
  const count = lines.length;
  const crossX = new Float64Array(count * count).fill(Number.NaN);
  const crossY = new Float64Array(count * count).fill(Number.NaN);
  const crossT = new Float64Array(count * count); // crossT[i * count + k]: position along line i of its crossing with k
  for (let i = 0; i < count; i++) {
    for (let k = i + 1; k < count; k++) {
      const p = crossing(lines[i]!, lines[k]!);
      if (!p || p[0] < -tolerance || p[1] < -tolerance || p[0] > width + tolerance || p[1] > height + tolerance) continue;
      crossX[i * count + k] = crossX[k * count + i] = p[0];
      crossY[i * count + k] = crossY[k * count + i] = p[1];
      crossT[i * count + k] = along(lines[i]!, p);
      crossT[k * count + i] = along(lines[k]!, p);
    }
  }
  const cyc: Point[] = [
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  const sideLine = [0, 0, 0, 0];
  const sideFrom = [0, 0, 0, 0];
  const sideTo = [0, 0, 0, 0];
  for (let p = 0; p < pairs.length; p++) {
    const A = pairs[p]!;
    const i = A.i;
    const j = A.j;
    const li = lines[i]!;
    const lj = lines[j]!;
    for (let q = p + 1; q < pairs.length; q++) {
      const B = pairs[q]!;
      const k = B.i;
      const l = B.j;
      if (k === i || k === j || l === i || l === j) continue;
      const lk = lines[k]!;
      const ll = lines[l]!;
      if (Math.abs(li.nx * lk.nx + li.ny * lk.ny) > maxAdjacentDot) continue;
      if (Math.abs(lj.nx * ll.nx + lj.ny * ll.ny) > maxAdjacentDot) continue;
      // Corners p1 = i×k, p2 = k×j, p3 = j×l, p4 = l×i; each must exist inside the frame (with tolerance).
      const c1 = i * count + k;
      const c2 = k * count + j;
      const c3 = j * count + l;
      const c4 = l * count + i;
      if (Number.isNaN(crossX[c1]!) || Number.isNaN(crossX[c2]!) || Number.isNaN(crossX[c3]!) || Number.isNaN(crossX[c4]!)) continue;
      // Sides: on k from p1 to p2, on j from p2 to p3, on l from p3 to p4, on i from p4 to p1.
      sideLine[0] = k;
      sideFrom[0] = crossT[k * count + i]!;
      sideTo[0] = crossT[k * count + j]!;
      sideLine[1] = j;
      sideFrom[1] = crossT[j * count + k]!;
      sideTo[1] = crossT[j * count + l]!;
      sideLine[2] = l;
      sideFrom[2] = crossT[l * count + j]!;
      sideTo[2] = crossT[l * count + i]!;
      sideLine[3] = i;
      sideFrom[3] = crossT[i * count + l]!;
      sideTo[3] = crossT[i * count + k]!;
      let minSupport = 1;
      for (let s = 0; s < 4 && minSupport >= 0.35; s++) minSupport = Math.min(minSupport, stretchSupportOnly(lines[sideLine[s]!]!, sideFrom[s]!, sideTo[s]!));
      if (minSupport < 0.35) continue;
      cyc[0] = [crossX[c1]!, crossY[c1]!];
      cyc[1] = [crossX[c2]!, crossY[c2]!];
      cyc[2] = [crossX[c3]!, crossY[c3]!];
      cyc[3] = [crossX[c4]!, crossY[c4]!];
      let sign = 0;
      let convex = true;
      for (let s = 0; s < 4 && convex; s++) {
        const [ax, ay] = cyc[(s + 3) % 4]!;
        const [bx, by] = cyc[s]!;
        const [cx, cy] = cyc[(s + 1) % 4]!;
        const cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx);
        const sg = Math.sign(cross);
        if (sg === 0 || (sign !== 0 && sg !== sign)) convex = false;
        sign = sg;
      }
      if (!convex) continue;
      const area = polygonArea(cyc);
      if (area < 0.02 * frameArea) continue;
      const mx = (cyc[0][0] + cyc[1][0] + cyc[2][0] + cyc[3][0]) / 4;
      const my = (cyc[0][1] + cyc[1][1] + cyc[2][1] + cyc[3][1]) / 4;
      let sumSupport = 0;
      let polarity = 0;
      let weakestStep = 1;
      let stepSum = 0;
      let brighter = 0;
      let weakestLevels = Infinity;
      let levelsSum = 0;
      for (let s = 0; s < 4; s++) {
        const line = lines[sideLine[s]!]!;
        const st = stretchSupport(line, sideFrom[s]!, sideTo[s]!);
        sumSupport += st.support;
        const inward = line.nx * mx + line.ny * my - line.c > 0 ? 1 : -1;
        polarity += (inward * st.polarity) / 4;
        const levels = Math.hypot(st.step[0], st.step[1], st.step[2]);
        const step = Math.min(1, levels / STEP_FULL);
        weakestLevels = Math.min(weakestLevels, levels);
        levelsSum += levels;
        weakestStep = Math.min(weakestStep, step);
        stepSum += step;
        brighter += Math.sign(inward * st.luma);
      }
      const { crossed, runOn } = cornerRunOns(lines, sideLine, sideFrom, sideTo);
      const edgeSupport = (0.5 * (sumSupport / 4) + 0.5 * minSupport) * (1 - CROSSED_PENALTY * crossed);
      // Every side must separate two different surfaces; paper brighter than the desk is the usual case.
      const brighterInside = brighter / 4;
      // Half the weakest side, half the mean: the target's edge over a paper beneath it is faint on one side only.
      const contrast = 0.5 * weakestStep + 0.125 * stepSum;
      const areaFraction = area / frameArea;
      // A T-junction for a corner ranks the outline lower, but leaves its confidence: the edges it lies on are there all the same.
      const quality = edgeSupport * (0.5 + 0.5 * contrast) * (0.9 + 0.05 * polarity + 0.05 * brighterInside) * (1 - RUN_ON_PENALTY * runOn);
      const cheapScore = quality + 0.3 * Math.sqrt(areaFraction) + (preference ? PREFERENCE_WEIGHT : 0);
      if (top.length === TOP_KEEP && cheapScore <= top[TOP_KEEP - 1]!.score && !trace) continue;
      const corners = orderCorners(cyc);
      if (!corners) continue;
      const agreed = quality * insideAgreement(corners, planes);
      const size = 0.3 * Math.sqrt(areaFraction);
      const shape = preference ? preference(corners) : 0;
      // The colour factor only lowers a score: read the margin's colour only for a candidate that can still be kept.
      const kept = top.length < TOP_KEEP || agreed + size + shape > top[TOP_KEEP - 1]!.score;
      const keptBase = preference !== undefined && (topBase.length < TOP_KEEP || agreed + size > topBase[TOP_KEEP - 1]!.base);
      if (!kept && !keptBase && !trace) continue;
      const colour = paperColourFactor(corners, planes);
      const base = agreed * colour + size;
      const score = base + shape;
      const evidence: CandidateEvidence = {
        meanSupport: sumSupport / 4,
        minSupport,
        crossed,
        runOn,
        weakestStep,
        meanStep: stepSum / 4,
        weakestStepLevels: stepLevels(weakestLevels),
        meanStepLevels: stepLevels(levelsSum / 4),
        polarity,
        brighterInside,
        insideAgreement: agreed / Math.max(1e-9, quality),
        paperColour: colour,
        size: Math.sqrt(areaFraction),
        shape: shape / PREFERENCE_WEIGHT,
        handScore: score,
      };
      const candidate: Ranked = { corners, edgeSupport, contrast, brighterInside, areaFraction, score, base, lines: [i, j, k, l], evidence };
      trace?.(candidate);
      if (preference && (topBase.length < TOP_KEEP || base > topBase[TOP_KEEP - 1]!.base)) {
        // The best by the score without the preference too: the whole sheet a card-shaped part may belong to.
        topBase.push(candidate);
        topBase.sort((x, y) => y.base - x.base);
        if (topBase.length > TOP_KEEP) topBase.pop();
      }
      if (top.length === TOP_KEEP && score <= top[TOP_KEEP - 1]!.score) continue;
      top.push(candidate);
      top.sort((x, y) => y.score - x.score);
      if (top.length > TOP_KEEP) top.pop();
    }
  }
  const ranked = preference ? withoutPartPreference(top, [...top, ...topBase], lines) : top;
  if (!ranker && !onPool) return outermost(ranked, lines, planes);
  const pool: PoolEntry[] = ranked.map((c) => ({
    corners: c.corners,
    evidence: c.evidence,
    partOf: [...top, ...topBase].some((o) => o !== c && isPartOf(c, o, lines)),
    extended: ranked.some((o) => o !== c && o.base >= c.base - 0.2 && isExtensionOf(c, o, lines, planes)),
    sidesApart: sidesApart(c.corners, planes),
  }));
  onPool?.(pool, planes);
  if (!ranker) return outermost(ranked, lines, planes);
  // A card's capture asks for the card (preference): a larger sheet beside it is not the main document there.
  const ordered = scoreByEvidence(ranked, pool, planes, ranker, { mainDocumentFirst: !preference }).map(({ item, score }) => ({ ...item, learned: score }));
  const best = outermost(ordered, lines, planes);
  return best && { ...best, weighed: ordered.map(({ corners, learned }) => ({ corners, learned })) };
}
