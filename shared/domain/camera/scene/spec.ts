/**
 * A random but plausible scene from a seed: where a document camera sees the
 * target (mostly top-down, a little tilt and rotation, an A4 page filling
 * 30–85 % of the largest outline it could have in the frame, an ID card
 * much less), what else lies on the desk, and how the light and the camera
 * behave for that background kind. Pure and deterministic.
 */
import { clipPolygon, orderCorners, polygonArea, quadProblem, type Point, type Quad, type Size } from '../geometry';
import { createRgba, type RgbaImage } from '../image';
import { chance, pick, streamFor, uniform, type Rng } from './random';
import type { BackgroundKind, SceneDocument, SceneSpec } from './scene';

export const ID_CARD_SIZE_MM: Size = { width: 85.6, height: 54 };
export const A4_SIZE_MM: Size = { width: 210, height: 297 };

/** A texture's physical size when the caller does not give it, from its proportions: card, A4, an 80 mm roll, else 150 mm wide. */
export function guessDocSizeMm(texture: { width: number; height: number }): Size {
  const aspect = texture.width / texture.height;
  if (Math.abs(aspect - ID_CARD_SIZE_MM.width / ID_CARD_SIZE_MM.height) < 0.08) return ID_CARD_SIZE_MM;
  if (Math.abs(aspect - A4_SIZE_MM.width / A4_SIZE_MM.height) < 0.03) return A4_SIZE_MM;
  if (aspect < 0.45) return { width: 80, height: 80 / aspect };
  return { width: 150, height: 150 / aspect };
}

/** Small documents (an ID card) are photographed from the same height, so they cover less of the frame. */
function isSmall(size: Size): boolean {
  return Math.max(size.width, size.height) < 120;
}

/** The camera's focal length as a share of the frame's longer side: a lens of about 47°–67° across it, as document cameras use to take in an A4 or A3 sheet. */
export const FOCAL_RANGE = [0.75, 1.15] as const;

/**
 * The outline of a document of `mm` seen by a pinhole camera of `focal`
 * pixels whose principal point is the frame's centre: the page turned by
 * `roll` in its plane and tilted a few degrees about both axes (the desk not
 * quite square to the lens), at the distance where it covers `fill` of the
 * largest outline the frame holds, and put somewhere inside the frame by
 * moving it in space, along the ray through the chosen spot. A page away from
 * the centre is therefore seen from the side, as a real camera sees it; moving
 * the picture of a page centred on the lens instead would draw a view no
 * camera gives, and the page's proportions could not be read back from it.
 */
export function placeDocument(rng: Rng, frame: Size, mm: Size, options: { fill: number; maxRollDeg: number; maxTiltDeg: number; focal: number }): Quad {
  const rad = Math.PI / 180;
  const roll = uniform(rng, -options.maxRollDeg, options.maxRollDeg) * rad;
  const tiltX = uniform(rng, -options.maxTiltDeg, options.maxTiltDeg) * rad;
  const tiltY = uniform(rng, -options.maxTiltDeg, options.maxTiltDeg) * rad;
  const w = mm.width / 2;
  const h = mm.height / 2;
  // The page's corners about its centre, in the camera's axes (mm): roll in the page's plane, then tilt about x and y.
  const offsets = ([
    [-w, -h],
    [w, -h],
    [w, h],
    [-w, h],
  ] as const).map(([x0, y0]): [number, number, number] => {
    const x1 = x0 * Math.cos(roll) - y0 * Math.sin(roll);
    const y1 = x0 * Math.sin(roll) + y0 * Math.cos(roll);
    const y2 = y1 * Math.cos(tiltX);
    const z2 = y1 * Math.sin(tiltX);
    return [x1 * Math.cos(tiltY) + z2 * Math.sin(tiltY), y2, -x1 * Math.sin(tiltY) + z2 * Math.cos(tiltY)];
  });
  const extent = (axis: 0 | 1) => Math.max(...offsets.map((p) => p[axis])) - Math.min(...offsets.map((p) => p[axis]));
  const margin = 0.02 * Math.min(frame.width, frame.height);
  const fit = Math.min((frame.width - 2 * margin) / extent(0), (frame.height - 2 * margin) / extent(1));
  // `fill` is a share of the area: the linear scale (px per mm) is its square root, and the distance follows from the lens.
  const pxPerMm = fit * Math.sqrt(options.fill);
  const distance = options.focal / pxPerMm;
  const project = (centre: [number, number]): Quad => {
    // The page's centre on the ray through `centre`, at `distance` along the optical axis.
    const cx = ((centre[0] - frame.width / 2) / options.focal) * distance;
    const cy = ((centre[1] - frame.height / 2) / options.focal) * distance;
    return offsets.map(([x, y, z]): Point => {
      const depth = distance + z;
      return [frame.width / 2 + (options.focal * (cx + x)) / depth, frame.height / 2 + (options.focal * (cy + y)) / depth];
    }) as unknown as Quad;
  };
  const sw = extent(0) * pxPerMm;
  const sh = extent(1) * pxPerMm;
  const centre: [number, number] = [margin + sw / 2 + rng() * (frame.width - 2 * margin - sw), margin + sh / 2 + rng() * (frame.height - 2 * margin - sh)];
  // Perspective makes the outline a little larger or smaller than sw × sh: nudge the spot until it lies within the margins.
  let quad = project(centre);
  for (let i = 0; i < 4; i++) {
    const xs = quad.map((p) => p[0]);
    const ys = quad.map((p) => p[1]);
    const shift = (lo: number, hi: number, size: number) => (lo < margin ? margin - lo : hi > size - margin ? size - margin - hi : 0);
    const dx = shift(Math.min(...xs), Math.max(...xs), frame.width);
    const dy = shift(Math.min(...ys), Math.max(...ys), frame.height);
    if (dx === 0 && dy === 0) break;
    centre[0] += dx;
    centre[1] += dy;
    quad = project(centre);
  }
  return quad;
}

/** A plausible outline for the target, checked: a valid page outline whose reading order is also the frame's order. */
function placeTarget(rng: Rng, frame: Size, mm: Size, focal: number): Quad {
  const small = isSmall(mm);
  for (let attempt = 0; ; attempt++) {
    const q = placeDocument(rng, frame, mm, {
      fill: small ? uniform(rng, 0.1, 0.3) : uniform(rng, 0.3, 0.85),
      maxRollDeg: attempt < 20 ? 18 : 5,
      maxTiltDeg: attempt < 20 ? 12 : 3,
      focal,
    });
    const ordered = orderCorners(q);
    const sameOrder = ordered !== null && ordered.every((p, i) => p[0] === q[i]![0] && p[1] === q[i]![1]);
    if ((quadProblem(q, frame) === null && sameOrder) || attempt > 40) return q;
  }
}

/** A yellow, pink, green or blue square note with a few handwritten-looking strokes. */
export function stickyNoteTexture(rng: Rng): RgbaImage {
  const size = 96;
  const image = createRgba(size, size);
  const colour = pick(rng, [
    [250, 232, 110],
    [250, 170, 190],
    [170, 230, 160],
    [150, 210, 245],
  ] as const);
  const d = image.data;
  const strokes = Array.from({ length: 2 + Math.floor(rng() * 3) }, (_, i) => ({ y: 22 + i * 16 + uniform(rng, -2, 2), x1: uniform(rng, 10, 20), x2: uniform(rng, 45, 85), phase: rng() * 6 }));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      // The glued strip at the top is a touch darker.
      const k = y < 14 ? 0.95 : 1;
      let ink = 0;
      for (const s of strokes) if (x >= s.x1 && x <= s.x2 && Math.abs(y - s.y - 2 * Math.sin(x / 3 + s.phase)) < 1.1) ink = 1;
      d[o] = colour[0] * k * (1 - 0.75 * ink);
      d[o + 1] = colour[1] * k * (1 - 0.75 * ink);
      d[o + 2] = colour[2] * k * (1 - 0.5 * ink);
      d[o + 3] = 255;
    }
  }
  return image;
}

function rotatedRect(centre: Point, width: number, height: number, angle: number): Quad {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return ([
    [-width / 2, -height / 2],
    [width / 2, -height / 2],
    [width / 2, height / 2],
    [-width / 2, height / 2],
  ] as const).map(([x, y]) => [centre[0] + x * c - y * s, centre[1] + x * s + y * c] as Point) as unknown as Quad;
}

function centroid(q: Quad): Point {
  return [(q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4, (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4];
}

/**
 * The share of its area a paper lying wholly in view may have of a page's
 * (the target): a clerk photographs the main document of the shot. Two
 * whole pages of which the other is as large leave no way, for a person or
 * a detector, to say which was meant; nor do two whole cards when the
 * capture asks for a card (a page beside the card is fine: the card is
 * asked for).
 */
const WHOLE_CLUTTER_SHARE = 0.5;

/** Whether a paper of `paper` mm may lie wholly in view beside a target of `target` mm (see WHOLE_CLUTTER_SHARE). */
function mayLieWhole(paper: Size, target: Size): boolean {
  const isCard = (mm: Size) => mm.width === ID_CARD_SIZE_MM.width && mm.height === ID_CARD_SIZE_MM.height;
  if (isCard(target)) return !isCard(paper);
  return paper.width * paper.height < WHOLE_CLUTTER_SHARE * target.width * target.height;
}
/** The share of its area a paper at least this large keeps in the frame at most: partly out of view, at the desk's edge. */
const CUT_CLUTTER_IN_VIEW = 0.9;

/**
 * A paper or note beneath the target: same scale as the target (px per mm),
 * any rotation, often partly out of the frame, never covering the target's
 * centre nor more than a fifth of it (the target stays the page in view).
 * A paper that could be taken for the target lies partly out of the frame
 * (`mayBeWhole` false); notes are coloured squares, never a document.
 */
function placeClutter(rng: Rng, frame: Size, target: Quad, mm: Size, pxPerMm: number, mayBeWhole = true): Quad | null {
  let width = mm.width * pxPerMm;
  let height = mm.height * pxPerMm;
  const longest = Math.max(width, height);
  const cap = 0.95 * Math.max(frame.width, frame.height);
  if (longest > cap) {
    width *= cap / longest;
    height *= cap / longest;
  }
  const targetArea = polygonArea(target);
  const c = centroid(target);
  for (let attempt = 0; attempt < 40; attempt++) {
    const centre: Point = [uniform(rng, -0.1, 1.1) * frame.width, uniform(rng, -0.1, 1.1) * frame.height];
    const q = rotatedRect(centre, width, height, uniform(rng, -Math.PI, Math.PI));
    const overlap = polygonArea(clipPolygon(target, q));
    const inFrame = polygonArea(clipPolygon(q, [[0, 0], [frame.width, 0], [frame.width, frame.height], [0, frame.height]]));
    if (overlap > 0.2 * targetArea || inFrame < 0.15 * width * height) continue;
    if (!mayBeWhole && inFrame > CUT_CLUTTER_IN_VIEW * width * height) continue;
    if (polygonArea(clipPolygon([c, [c[0] + 1, c[1]], [c[0], c[1] + 1]], q)) > 0) continue;
    return q;
  }
  return null;
}

/**
 * The scene for one seed. `target` is the document to find (its physical
 * size from `options.docSize`, else guessed from its proportions); `others`
 * are textures for the other papers of a cluttered desk.
 */
export function randomSceneSpec(seed: number, frame: Size, target: RgbaImage, kind: BackgroundKind, others: RgbaImage[], options: { docSize?: Size } = {}): SceneSpec {
  const rng = streamFor(seed, 'spec');
  const mm = options.docSize ?? guessDocSizeMm(target);
  const focal = uniform(rng, FOCAL_RANGE[0], FOCAL_RANGE[1]) * Math.max(frame.width, frame.height);
  const corners = placeTarget(rng, frame, mm, focal);
  const pxPerMm = Math.sqrt(polygonArea(corners) / (mm.width * mm.height));
  const documents: SceneDocument[] = [{ texture: target, corners }];
  if (kind === 'clutter') {
    const papers = others.length ? 1 + Math.floor(rng() * 3) : 0;
    for (let i = 0; i < papers; i++) {
      const texture = others[(seed + i) % others.length]!;
      const paper = guessDocSizeMm(texture);
      const q = placeClutter(rng, frame, corners, paper, pxPerMm, mayLieWhole(paper, mm));
      if (q) documents.push({ texture, corners: q });
    }
    const notes = 1 + Math.floor(rng() * 3);
    for (let i = 0; i < notes; i++) {
      const q = placeClutter(rng, frame, corners, { width: 76, height: 76 }, Math.max(pxPerMm, 1.2 * Math.min(frame.width, frame.height) / 720));
      if (q) documents.push({ texture: stickyNoteTexture(rng), corners: q });
    }
  }
  const sharp = chance(rng, 0.8);
  return {
    seed,
    width: frame.width,
    height: frame.height,
    background: kind,
    documents,
    blur: (sharp ? uniform(rng, 0.5, 1.3) : uniform(rng, 1.3, 2.2)) * Math.min(frame.width, frame.height) / 720,
    noise: uniform(rng, 1.5, 4.5),
    glare: kind === 'glare' || chance(rng, 0.08),
    finger: chance(rng, 0.3),
    lightGradient: kind === 'unevenLight' ? uniform(rng, 0.5, 0.75) : uniform(rng, 0, 0.25),
    vignette: kind === 'unevenLight' ? uniform(rng, 0.3, 0.5) : uniform(rng, 0.05, 0.2),
    armShadow: kind === 'unevenLight' && chance(rng, 0.6),
    pen: kind === 'clutter' ? chance(rng, 0.8) : chance(rng, 0.08),
    exposure: kind === 'lightDesk' ? uniform(rng, 0.9, 1.0) : uniform(rng, 0.94, 1.05),
    whiteBalance: [uniform(rng, 0.95, 1.06), 1, uniform(rng, 0.92, 1.05)],
  };
}
