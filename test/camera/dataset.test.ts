import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipPolygon, orderCorners, polygonArea, quadProblem, rectQuad, type Point, type Quad } from '../../shared/domain/camera/geometry';
import { toGray, type GrayImage } from '../../shared/domain/camera/image';
import { perspectiveAspect } from '../../shared/domain/camera/page';
import { BACKGROUND_KINDS, randomSceneSpec } from '../../shared/domain/camera/scene';
import { EIGHT_MP_SIZE, generateLabelledSet, labelledSet, labelledSet8mp, PREVIEW_SIZE, sampleTextures, type LabelledFrame } from './dataset';

const digest = (frames: LabelledFrame[]) => {
  const hash = createHash('sha256');
  for (const f of frames) hash.update(f.frame.data).update(JSON.stringify(f.truth));
  return hash.digest('hex');
};

function grey(image: GrayImage, [x, y]: Point): number {
  const xi = Math.min(image.width - 1, Math.max(0, Math.round(x)));
  const yi = Math.min(image.height - 1, Math.max(0, Math.round(y)));
  return image.data[yi * image.width + xi]!;
}

/**
 * Mean |inside − outside| luma across an outline: at points along each edge
 * (away from the corners), `gap` px either side of it along the normal.
 */
function edgeContrast(image: GrayImage, q: Quad, gap = 3): number {
  let sum = 0;
  let n = 0;
  for (let e = 0; e < 4; e++) {
    const a = q[e]!;
    const b = q[(e + 1) % 4]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    // Outward normal of a clockwise (on screen) outline.
    const nx = (b[1] - a[1]) / len;
    const ny = -(b[0] - a[0]) / len;
    for (let t = 0.1; t <= 0.9; t += 0.02) {
      const p: Point = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      const outside: Point = [p[0] + nx * gap, p[1] + ny * gap];
      const inside: Point = [p[0] - nx * gap, p[1] - ny * gap];
      if (outside[0] < 0 || outside[1] < 0 || outside[0] >= image.width || outside[1] >= image.height) continue;
      sum += Math.abs(grey(image, inside) - grey(image, outside));
      n++;
    }
  }
  return n ? sum / n : 0;
}

/** The outline pushed `d` px outward along each edge's normal (onto the desk beside the page). */
function grown(q: Quad, d: number): Quad {
  const cx = (q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4;
  const cy = (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4;
  return q.map(([x, y]) => {
    const r = Math.hypot(x - cx, y - cy);
    return [x + ((x - cx) / r) * d * Math.SQRT2, y + ((y - cy) / r) * d * Math.SQRT2] as Point;
  }) as unknown as Quad;
}

// Rendering 8 MP scenes takes seconds on a loaded 2-core machine: the limit guards against a hang.
describe('the labelled set of synthetic camera frames', { timeout: 30_000 }, () => {
  let set: LabelledFrame[];
  beforeAll(() => {
    set = labelledSet({ perKind: 2 });
  }, 120_000);

  it('is deterministic: the same options give the same bytes, another seed other bytes', () => {
    const options = { perKind: 1, kinds: ['clutter', 'glare'] as const, size: { width: 640, height: 360 } };
    const first = digest(generateLabelledSet(options));
    expect(digest(generateLabelledSet(options))).toBe(first);
    expect(digest(generateLabelledSet({ ...options, seed: 2 }))).not.toBe(first);
  }, 60_000);

  it('has every background kind and every target: A4 pages, the receipt roll, the ID card', () => {
    expect(set).toHaveLength(2 * BACKGROUND_KINDS.length);
    expect(new Set(set.map((f) => f.kind))).toEqual(new Set(BACKGROUND_KINDS));
    const sizes = new Set(set.map((f) => `${f.docSize.width}x${f.docSize.height}`));
    expect(sizes).toContain('210x297');
    expect(sizes).toContain('85.6x54');
    expect([...sizes].some((s) => s.startsWith('80x'))).toBe(true);
    expect(new Set(set.map((f) => f.name)).size).toBe(set.length);
  });

  it('labels a valid outline inside the frame, in reading order, for a 1280×720 frame', () => {
    for (const f of set) {
      expect(f.frame.width, f.name).toBe(1280);
      expect(f.frame.height, f.name).toBe(720);
      expect(f.frame.data.length).toBe(1280 * 720 * 4);
      expect(quadProblem(f.truth, f.frame), f.name).toBeNull();
      for (const [x, y] of f.truth) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(f.frame.width);
        expect(y).toBeLessThanOrEqual(f.frame.height);
      }
      expect(orderCorners(f.truth), f.name).toEqual(f.truth);
    }
  });

  it('the outline lies on the visible edge of the target: contrast across it, far less a few px off it', () => {
    for (const f of set) {
      const g = toGray(f.frame);
      const onEdge = edgeContrast(g, f.truth);
      const offEdge = edgeContrast(g, grown(f.truth, 12));
      // A light desk is meant to be barely darker than paper (about 10 levels); noise alone gives about 3.
      expect(onEdge, `${f.name}: ${onEdge.toFixed(1)} on the outline, ${offEdge.toFixed(1)} beside it`).toBeGreaterThan(6);
      expect(onEdge, f.name).toBeGreaterThan(1.5 * offEdge);
    }
  });

  it('on a cluttered desk, another paper lies wholly in view only when it cannot be taken for the target: smaller than a page, or beside a card not a card', () => {
    const textures = sampleTextures();
    const { width, height } = PREVIEW_SIZE;
    const view = rectQuad(width, height);
    let whole = 0;
    let cut = 0;
    for (let seed = 0; seed < 300; seed++) {
      const target = textures[seed % textures.length]!;
      const others = textures.filter((t) => t !== target).map((t) => t.image);
      const spec = randomSceneSpec(seed, PREVIEW_SIZE, target.image, 'clutter', others, { docSize: target.docSize });
      const targetArea = polygonArea(spec.documents[0]!.corners);
      // Papers only: the notes are the generated square textures, coloured, never a document.
      for (const paper of spec.documents.slice(1).filter((d) => others.includes(d.texture))) {
        const area = polygonArea(paper.corners);
        const inView = polygonArea(clipPolygon(paper.corners, view)) / area;
        if (inView > 0.9) {
          whole++;
          if (target.expect === 'idCard') expect(paper.texture.width / paper.texture.height, `seed ${seed}: a second card`).not.toBeCloseTo(85.6 / 54, 1);
          else expect(area, `seed ${seed}`).toBeLessThan(0.55 * targetArea);
        } else cut++;
      }
    }
    // Both kinds occur: small papers wholly in view, and papers cut by the frame.
    expect(whole).toBeGreaterThan(10);
    expect(cut).toBeGreaterThan(100);
  });

  it('the outline is one a real camera gives: the page\'s proportions read back from it through the lens at the frame\'s centre', () => {
    // A picture of a page centred on the lens, moved across the frame, is a view no camera gives; the detector reads proportions this way.
    const textures = sampleTextures();
    for (const size of [PREVIEW_SIZE, EIGHT_MP_SIZE]) {
      const errors: number[] = [];
      const seen: number[] = [];
      for (let seed = 0; seed < 300; seed++) {
        const target = textures[seed % textures.length]!;
        const kind = BACKGROUND_KINDS[seed % BACKGROUND_KINDS.length]!;
        const corners = randomSceneSpec(seed, size, target.image, kind, [], { docSize: target.docSize }).documents[0]!.corners;
        const aspect = target.docSize.width / target.docSize.height;
        errors.push(Math.abs(perspectiveAspect(corners, size) / aspect - 1));
        const [tl, tr, br, bl] = corners;
        const sides = (Math.hypot(tr[0] - tl[0], tr[1] - tl[1]) + Math.hypot(br[0] - bl[0], br[1] - bl[1])) / (Math.hypot(bl[0] - tl[0], bl[1] - tl[1]) + Math.hypot(br[0] - tr[0], br[1] - tr[1]));
        seen.push(Math.abs(sides / aspect - 1));
      }
      expect(Math.max(...errors), `${size.width}×${size.height}`).toBeLessThan(0.02);
      // The views are not all square to the page: by its side lengths alone, some outlines are far from the page's own proportions.
      expect(seen.filter((e) => e > 0.05).length, `${size.width}×${size.height}`).toBeGreaterThan(10);
    }
  });

  it('the 8 MP variant is 3264×2448 with a valid outline', () => {
    const [f] = labelledSet8mp({ kinds: ['darkMat'] });
    expect(f!.frame.width).toBe(EIGHT_MP_SIZE.width);
    expect(f!.frame.height).toBe(EIGHT_MP_SIZE.height);
    expect(quadProblem(f!.truth, f!.frame)).toBeNull();
    expect(edgeContrast(toGray(f!.frame), f!.truth, 8)).toBeGreaterThan(20);
  }, 60_000);
});
