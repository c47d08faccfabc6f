/**
 * Fits the learned ranker of the page detector to pools collected by
 * collect.ts (fit.ts), and compares it with the hand-made score on other
 * pools:
 *
 *   npx tsx test/camera/ranker/train.ts train.jsonl [--check dev.jsonl] [--write]
 *
 * `--write` writes the weights to ranker-weights.ts with where they came from.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare, fit, readPools, type PoolFrame } from './fit';

function report(label: string, frames: readonly PoolFrame[], weights: readonly number[]): string {
  const r = compare(frames, weights);
  const kinds = [...new Set(frames.map((f) => f.kind))];
  const perKind = kinds.map((kind) => {
    const mine = frames.filter((f) => f.kind === kind);
    const k = compare(mine, weights);
    return `  ${kind.padEnd(12)} hand ${(100 * k.hand.mean).toFixed(2)} % (<0.9: ${k.hand.below})  learned ${(100 * k.learned.mean).toFixed(2)} % (<0.9: ${k.learned.below})`;
  });
  return [`${label}: ${r.frames} pools; hand ${(100 * r.hand.mean).toFixed(2)} % (<0.9: ${r.hand.below}), learned ${(100 * r.learned.mean).toFixed(2)} % (<0.9: ${r.learned.below}), best in pool ${(100 * r.best.mean).toFixed(2)} % (<0.9: ${r.best.below})`, ...perKind].join('\n');
}

const args = process.argv.slice(2);
const trainFile = args[0];
if (!trainFile) throw new Error('用法：train.ts train.jsonl [--check dev.jsonl] [--write]');
const train = readPools(trainFile);
const weights = fit(train);
process.stdout.write(`weights: ${JSON.stringify(weights.map((x) => Number(x.toPrecision(5))))}\n`);
process.stdout.write(`${report('training', train, weights)}\n`);
const checkAt = args.indexOf('--check');
if (checkAt >= 0) process.stdout.write(`${report('check', readPools(args[checkAt + 1]!), weights)}\n`);
if (args.includes('--write')) {
  const seeds = [...new Set(train.map((f) => f.seed))];
  const looks = train.length;
  const frames = new Set(train.map((f) => `${f.seed} ${f.name}`)).size;
  const file = join(__dirname, '..', '..', '..', 'shared', 'domain', 'camera', 'detect', 'ranker-weights.ts');
  writeFileSync(
    file,
    `/**\n * The learned ranker's weights (ranker.ts), in the order of rankerFeatures. Fitted by\n * test/camera/ranker/train.ts to the pools of ${looks} looks at ${frames} frames (collect.ts: the\n * capture's first look at each frame, and its second where the first was not convincing) of the labelled set's seeds\n * ${seeds[0]}–${seeds[seeds.length - 1]} (kept apart from the development and hold-out seeds); made again with\n * collect.ts and train.ts --write whenever the detector's evidence changes.\n */\nexport const RANKER_WEIGHTS: readonly number[] = ${JSON.stringify(weights.map((x) => Number(x.toPrecision(6))))};\n`,
  );
  process.stdout.write(`written: ${file}\n`);
}
