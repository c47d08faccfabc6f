/**
 * The detector measured on the labelled synthetic set (issue 11): SmartDoc
 * Jaccard index per frame, summarised per background kind. Used by the
 * accuracy test (which asserts the issue's targets) and by the benchmark
 * (which prints the table); plain Node, no vitest.
 */
import { jaccardIndex, quadProblem, type Quad } from '../../shared/domain/camera/geometry';
import { detectAndRefine, type PageDetection } from '../../shared/domain/camera/detect';
import { generateLabelledSet, type LabelledFrame, type LabelledSetOptions } from './dataset';
import { sideSteps } from './side-steps';

/** The detector measured: a frame and what its capture asks for, to an outline. */
export type Detector = (frame: LabelledFrame['frame'], expect: LabelledFrame['expect']) => PageDetection;

export interface FrameResult {
  name: string;
  kind: string;
  ji: number;
  reason: PageDetection['reason'];
  /** Unsure: the JI of the outline the corner editor opens on (PageDetection.guess); null otherwise. Never counted in `ji`. */
  guessJi: number | null;
  /** The detector returned an outline that fails quadProblem: must never happen. */
  degenerate: boolean;
  ms: number;
  corners: Quad | null;
  /** The colour step across each of the target's true sides, in levels (side-steps.ts): how plainly each shows. */
  sideSteps: number[];
}

export interface KindAccuracy {
  kind: string;
  frames: number;
  meanJi: number;
  minJi: number;
  /** Frames below 0.9 (including no outline at all), by name. */
  failures: string[];
  degenerate: number;
  meanMs: number;
}

/** By default detectAndRefine with the frame's own expectation, as the capture asks for it (the ID card's capture says 'idCard'). */
export function measureFrame(frame: LabelledFrame, detect: Detector = (f, expect) => detectAndRefine(f, { expect })): FrameResult {
  const started = performance.now();
  const found = detect(frame.frame, frame.expect);
  const ms = performance.now() - started;
  const degenerate = found.corners !== null && quadProblem(found.corners, frame.frame) !== null;
  return {
    name: frame.name,
    kind: String(frame.kind),
    ji: degenerate ? 0 : jaccardIndex(found.corners, frame.truth, frame.docSize),
    reason: found.reason,
    guessJi: found.guess ? jaccardIndex(found.guess, frame.truth, frame.docSize) : null,
    degenerate,
    ms,
    corners: found.corners,
    sideSteps: sideSteps(frame.frame, frame.truth),
  };
}

/** Per background kind: frames, mean and minimum JI, the frames below 0.9, degenerate outputs, mean ms. */
export function summarise(results: readonly FrameResult[]): KindAccuracy[] {
  const kinds = [...new Set(results.map((r) => r.kind))];
  return kinds.map((kind) => {
    const mine = results.filter((r) => r.kind === kind);
    return {
      kind,
      frames: mine.length,
      meanJi: mine.reduce((s, r) => s + r.ji, 0) / mine.length,
      minJi: Math.min(...mine.map((r) => r.ji)),
      failures: mine.filter((r) => r.ji < 0.9).map((r) => r.name),
      degenerate: mine.filter((r) => r.degenerate).length,
      meanMs: mine.reduce((s, r) => s + r.ms, 0) / mine.length,
    };
  });
}

export function measureAccuracy(frames: readonly LabelledFrame[], detect?: Detector): { perFrame: FrameResult[]; perKind: KindAccuracy[] } {
  const perFrame = frames.map((f) => measureFrame(f, detect));
  return { perFrame, perKind: summarise(perFrame) };
}

/**
 * The accuracy of the labelled set made with each of `seeds` (the dataset's
 * default is seed 1), so the benchmark can print seeds side by side: a
 * detector tuned on one seed shows its misses on another.
 */
export function measureSeeds(seeds: readonly number[], options: Omit<LabelledSetOptions, 'seed'> = {}, detect?: Detector): { seed: number; perFrame: FrameResult[]; perKind: KindAccuracy[] }[] {
  // Made afresh and let go seed by seed: eight seeds of 1280×720 frames held at once would take well over a gigabyte.
  return seeds.map((seed) => ({ seed, ...measureAccuracy(generateLabelledSet({ ...options, seed }), detect) }));
}

/** One line per background kind: mean / min JI and failures for each seed, side by side. */
export function seedsTable(runs: ReturnType<typeof measureSeeds>): string[] {
  const kinds = [...new Set(runs.flatMap((r) => r.perKind.map((k) => k.kind)))];
  return kinds.map((kind) =>
    [kind.padEnd(12), ...runs.map((r) => {
      const k = r.perKind.find((x) => x.kind === kind);
      return k ? `seed ${r.seed}: mean ${k.meanJi.toFixed(4)} min ${k.minJi.toFixed(4)}${k.failures.length ? ` (<0.9: ${k.failures.join(', ')})` : ''}` : `seed ${r.seed}: —`;
    })].join('  '),
  );
}
