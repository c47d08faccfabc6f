/**
 * One frame of the labelled set as the detector weighs it (issue 11), for
 * whoever works on a frame that fails: every pool of candidates it ranked
 * (the first look, the search with far sides completed, the second look),
 * each candidate's Jaccard index against the truth, learned score and
 * features, and the outline it returned; with `--png` the frame with the
 * truth (green), the result (red) and the last pool's first two by the
 * learned order (magenta, blue) drawn on it.
 *
 *   npx tsx test/camera/ranker/inspect.ts 34 lightDesk-04 [--pool N] [--png out.png]
 *
 * The name is a prefix of the frame's (kind-index-target).
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { detectAndRefine } from '../../../shared/domain/camera/detect';
import { learnedOrder, rankerFeatures, rankerScore } from '../../../shared/domain/camera/detect/ranker';
import { RANKER_WEIGHTS } from '../../../shared/domain/camera/detect/ranker-weights';
import { jaccardIndex, scaleQuad, type Quad } from '../../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../../shared/domain/camera/image';
import { generateLabelledSet } from '../dataset';

const FEATURE_NAMES = ['meanSup', 'minSup', 'crossed', 'runOn', 'wStep', 'mStep', 'polar', 'bright', 'inside', 'paper', 'size', 'shape', 'hand', 'partOf', 'ext', 'inView', 'offC', 'whole', 'wLev', 'mLev', 'apart'];

interface Candidate {
  /** In the frame's pixels, and in the working pixels of the look that weighed it (what the learned order reads). */
  corners: Quad;
  working: Quad;
  ji: number;
  score: number;
  features: number[];
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const [seedText, prefix] = args;
const seed = Number(seedText);
if (!Number.isInteger(seed) || !prefix) throw new Error('用法：inspect.ts 种子 帧名前缀 [--pool N] [--png out.png]');
const frame = generateLabelledSet({ seed }).find((f) => f.name.startsWith(prefix));
if (!frame) throw new Error(`种子 ${seed} 没有以 ${prefix} 开头的帧`);

const pools: { working: { width: number; height: number }; candidates: Candidate[] }[] = [];
const found = detectAndRefine(frame.frame, {
  expect: frame.expect,
  onPool: (entries, working) => {
    const sx = frame.frame.width / working.width;
    const sy = frame.frame.height / working.height;
    pools.push({
      working,
      candidates: entries.map((e) => {
        const features = rankerFeatures(e, working);
        const corners = scaleQuad(e.corners, sx, sy);
        return { corners, working: e.corners, ji: jaccardIndex(corners, frame.truth, frame.docSize), score: rankerScore(features, RANKER_WEIGHTS), features };
      }),
    });
  },
});

const say = (line: string) => process.stdout.write(`${line}\n`);
// As the detector picks (bestQuad, learnedOrder), the main document of the shot first unless a card is asked for.
const firstOf = ({ working, candidates }: (typeof pools)[number]) =>
  learnedOrder(
    candidates.map((c) => ({ ...c, corners: c.working, candidate: c })),
    working,
    { mainDocumentFirst: frame.expect !== 'idCard' },
  )[0]?.candidate;
say(`${frame.name}（种子 ${seed}）：${found.reason}，置信度 ${found.confidence.toFixed(3)}，JI ${jaccardIndex(found.corners, frame.truth, frame.docSize).toFixed(4)}`);
pools.forEach((pool, i) => {
  const best = Math.max(0, ...pool.candidates.map((c) => c.ji));
  say(`候选池 ${i}：${pool.candidates.length} 个，最好的 JI ${best.toFixed(3)}，排第一的 JI ${firstOf(pool)?.ji.toFixed(3) ?? '—'}`);
});
const shownPool = pools[Number(option('--pool') ?? pools.length - 1)];
const shown = shownPool?.candidates ?? [];
const inOrder = [...shown].sort((a, b) => b.score - a.score);
say(`   JI   score ${FEATURE_NAMES.join(' ')}`);
for (const c of inOrder) say(`${c.ji.toFixed(3)} ${c.score.toFixed(2).padStart(7)} ${c.features.map((v) => v.toFixed(2)).join(' ')}`);

const pngFile = option('--png');
if (pngFile) {
  // The detector's pick, then the best scored of the rest.
  const first = shownPool && firstOf(shownPool);
  const picture = drawn(frame.frame, [
    [frame.truth, [0, 200, 0]],
    [found.corners, [255, 0, 0]],
    [first?.corners ?? null, [255, 0, 255]],
    [inOrder.find((c) => c !== first)?.corners ?? null, [0, 128, 255]],
  ]);
  writeFileSync(pngFile, PNG.sync.write(picture));
}

/** The frame with outlines drawn three pixels wide, later ones over earlier ones. */
function drawn(image: RgbaImage, outlines: [Quad | null, number[]][]): PNG {
  const { width, height } = image;
  const png = new PNG({ width, height });
  png.data.set(image.data);
  for (const [quad, [r, g, b]] of outlines) {
    if (!quad) continue;
    for (let s = 0; s < 4; s++) {
      const [ax, ay] = quad[s]!;
      const [bx, by] = quad[(s + 1) % 4]!;
      const steps = Math.ceil(Math.hypot(bx - ax, by - ay));
      for (let k = 0; k <= steps; k++) {
        const x = Math.round(ax + ((bx - ax) * k) / steps);
        const y = Math.round(ay + ((by - ay) * k) / steps);
        for (let d = -1; d <= 1; d++) {
          if (x < 0 || y + d < 0 || x >= width || y + d >= height) continue;
          const i = ((y + d) * width + x) * 4;
          png.data[i] = r!;
          png.data[i + 1] = g!;
          png.data[i + 2] = b!;
        }
      }
    }
  }
  return png;
}
