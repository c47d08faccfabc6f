/**
 * The detector's accuracy frame by frame, for whoever works on its rules:
 * `npm run --silent camera:accuracy -- 1-18` prints, for each seed of the
 * labelled set, the mean and minimum JI per background kind and every frame
 * below 0.99 by name, then one line over all. Seeds 1–18 are for
 * development, 19–22 are the hold-out (see test/bench/camera.ts): run those
 * only to report.
 */
import { measureSeeds, seedsTable } from './accuracy';

function parseSeeds(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) throw new Error(`种子写法不对：${part}（例：1-10 或 3,6,8）`);
    return Array.from({ length: (to ?? from!) - from! + 1 }, (_, i) => from! + i);
  });
}

const seeds = parseSeeds(process.argv[2] ?? '1-18');
const runs = measureSeeds(seeds, { perKind: 8 });
for (const line of seedsTable(runs)) process.stdout.write(`${line}\n`);
const frames = runs.flatMap((run) => run.perFrame.map((f) => ({ seed: run.seed, ...f })));
for (const f of frames.filter((x) => x.ji < 0.99)) process.stdout.write(`  种子 ${f.seed} ${f.name} ${f.ji.toFixed(3)} (${f.reason})\n`);
const mean = frames.reduce((s, f) => s + f.ji, 0) / frames.length;
const ms = frames.reduce((s, f) => s + f.ms, 0) / frames.length;
process.stdout.write(`全部 ${frames.length} 帧：平均 ${(100 * mean).toFixed(2)} %，< 0.9 的 ${frames.filter((f) => f.ji < 0.9).length} 帧，< 0.99 的 ${frames.filter((f) => f.ji < 0.99).length} 帧，每帧 ${ms.toFixed(1)} ms\n`);
