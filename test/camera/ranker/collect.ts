/**
 * Collects the learned ranker's training data (issue 11): for every frame of
 * the labelled sets of the given seeds, the best candidates the detector
 * weighed in each look the capture takes (the working size, and the finer
 * second look where the first is not convincing), each with its features
 * (ranker.ts) and its Jaccard index against the true outline. One JSON line
 * per look.
 *
 *   npx tsx test/camera/ranker/collect.ts 101-200 [clutter,glare] > pools.jsonl
 *
 * Train on seeds of their own (101 and up): the development seeds (1–38, 41, 45)
 * judge the result, the hold-out seeds (see test/bench/camera.ts) only
 * report it.
 */
import { jaccardIndex, scaleQuad, type Quad } from '../../../shared/domain/camera/geometry';
import { detectAndRefine } from '../../../shared/domain/camera/detect';
import { rankerFeatures } from '../../../shared/domain/camera/detect/ranker';
import type { BackgroundKind } from '../../../shared/domain/camera/scene';
import { generateLabelledSet } from '../dataset';
import { parseSeeds } from '../seeds';

const kinds = process.argv[3]?.split(',') as BackgroundKind[] | undefined;
/**
 * An outline's corners (working pixels) to a tenth of a pixel: stored with each candidate, with the look's size, so a
 * feature read from where an outline lies can be tried on the pools before it is built into the detector.
 */
const toTenths = (corners: Quad) => corners.map((p) => p.map((v) => Math.round(v * 10) / 10));
for (const seed of parseSeeds(process.argv[2] ?? '101-200')) {
  for (const f of generateLabelledSet({ seed, perKind: 8, kinds })) {
    // Keyed by the working width: the second look ranks pools of its own, and the ranker must learn from them too.
    const pools = new Map<number, { height: number; pool: { f: number[]; ji: number; corners: number[][] }[] }>();
    // With the detector's own ranking: a page's far sides are completed (pageCornerLines) only where the outline it
    // ranks first is doubtful, so the pools are those of the frames as the detector sees them. The pool itself is the
    // hand-made score's best forty either way; the last one seen in a look is the one the detector ranks.
    detectAndRefine(f.frame, {
      expect: f.expect,
      onPool: (entries, frame) => {
        const sx = f.frame.width / frame.width;
        const sy = f.frame.height / frame.height;
        pools.set(frame.width, { height: frame.height, pool: entries.map((e) => ({ f: rankerFeatures(e, frame), ji: jaccardIndex(scaleQuad(e.corners, sx, sy), f.truth, f.docSize), corners: toTenths(e.corners) })) });
      },
    });
    for (const [width, { height, pool }] of pools) process.stdout.write(`${JSON.stringify({ seed, name: f.name, kind: f.kind, look: width, height, pool })}\n`);
  }
}
