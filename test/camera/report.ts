/**
 * The detector's accuracy frame by frame, for whoever works on its rules:
 * `npm run --silent camera:accuracy -- 1-38` prints, for each seed of the
 * labelled set, the mean and minimum JI per background kind and every frame
 * below 0.99 by name (with the colour steps across its two weakest sides,
 * side-steps.ts), then one line over all. Without seeds it runs
 * development (DEVELOPMENT_SEEDS in seeds.ts); run the hold-out only to
 * report. `--hand` ranks the candidates by the hand-made score
 * alone, without the learned ranker, for comparison.
 */
import { detectAndRefine } from '../../shared/domain/camera/detect';
import { measureSeeds, seedsTable } from './accuracy';
import { DEVELOPMENT_SEEDS, parseSeeds } from './seeds';

const args = process.argv.slice(2);
const given = args.find((a) => !a.startsWith('--'));
const seeds = given === undefined ? DEVELOPMENT_SEEDS : parseSeeds(given);
const hand = args.includes('--hand');
const runs = measureSeeds(seeds, { perKind: 8 }, hand ? (frame, expect) => detectAndRefine(frame, { expect, ranker: null }) : undefined);
for (const line of seedsTable(runs)) process.stdout.write(`${line}\n`);
const frames = runs.flatMap((run) => run.perFrame.map((f) => ({ seed: run.seed, ...f })));
// With the two weakest sides' colour steps: a side stepping by two or three levels gives no edge to find.
const weakest = (steps: number[]) => [...steps].sort((a, b) => a - b).slice(0, 2).map((v) => v.toFixed(1)).join(' / ');
for (const f of frames.filter((x) => x.ji < 0.99)) {
  process.stdout.write(`  种子 ${f.seed} ${f.name} ${f.ji.toFixed(3)} (${f.reason}${f.guessJi === null ? '' : `，调整边角从 JI ${f.guessJi.toFixed(3)} 的轮廓开始`}；最弱两边 ${weakest(f.sideSteps)} 级)\n`);
}
const mean = frames.reduce((s, f) => s + f.ji, 0) / frames.length;
const ms = frames.reduce((s, f) => s + f.ms, 0) / frames.length;
process.stdout.write(`全部 ${frames.length} 帧：平均 ${(100 * mean).toFixed(2)} %，< 0.9 的 ${frames.filter((f) => f.ji < 0.9).length} 帧，< 0.99 的 ${frames.filter((f) => f.ji < 0.99).length} 帧，每帧 ${ms.toFixed(1)} ms\n`);
