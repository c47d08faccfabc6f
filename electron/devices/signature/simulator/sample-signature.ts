/**
 * The handwritten signature the simulated pad replays (模拟签名): a
 * three-character Chinese name written fast and joined up, as applicants
 * sign at a counter — nine pen-down strokes with hovering between them,
 * pressure rising and falling within each stroke, reports at about 150 Hz.
 *
 * Generated once by generate-sample-signature.ts into
 * resources/signatures/sample-signature.hid (the committed file is what
 * ships); the truth of what was drawn (strokes, points, bounds) is written
 * into the file's comment lines, so tests compare the driver's decoding
 * with what was drawn, not with another decoding.
 */
import type { PenPoint } from './pen-report-encoder';

/** Control points of each stroke in a name box 3 wide (one per character) and 1 high; y grows downwards. */
// prettier-ignore
const STROKES: Array<Array<[number, number]>> = [
  // 李: 木 — the cross, then the two falling strokes joined
  [[0.12, 0.18], [0.4, 0.15], [0.78, 0.13]],
  [[0.45, 0.02], [0.46, 0.25], [0.45, 0.5]],
  [[0.42, 0.22], [0.26, 0.38], [0.1, 0.48], [0.35, 0.42], [0.55, 0.3], [0.85, 0.46]],
  // 李: 子 — the hooked fold, the vertical hook, the last horizontal
  [[0.2, 0.56], [0.5, 0.54], [0.7, 0.55], [0.5, 0.68], [0.47, 0.95], [0.36, 0.9], [0.14, 0.77], [0.5, 0.74], [0.86, 0.72]],
  // 明: 日 in one loop, 月 in one joined stroke
  [[1.12, 0.25], [1.13, 0.55], [1.14, 0.82], [1.18, 0.5], [1.36, 0.26], [1.38, 0.55], [1.16, 0.6], [1.36, 0.78], [1.2, 0.8]],
  [[1.55, 0.92], [1.6, 0.6], [1.58, 0.18], [1.85, 0.14], [1.88, 0.6], [1.84, 0.96], [1.74, 0.88], [1.6, 0.4], [1.82, 0.42], [1.62, 0.62], [1.83, 0.63]],
  // 华: 化 (亻 and 匕 joined), then 十
  [[2.3, 0.06], [2.16, 0.28], [2.05, 0.44], [2.19, 0.3], [2.2, 0.5]],
  [[2.7, 0.1], [2.46, 0.3], [2.36, 0.38], [2.42, 0.12], [2.45, 0.42], [2.58, 0.47], [2.84, 0.42], [2.86, 0.34]],
  [[2.1, 0.62], [2.5, 0.6], [2.92, 0.58], [2.62, 0.6], [2.5, 0.7], [2.49, 0.99]],
];

/** A pen report to send at `time` seconds. */
export interface TimedPenPoint extends PenPoint {
  time: number;
}

export interface SampleSignature {
  points: TimedPenPoint[];
  /** What was drawn: pen-down strokes, pen-down reports and their extent (device units). */
  truth: { strokes: number; points: number; xMin: number; xMax: number; yMin: number; yMax: number; maxPressure: number };
}

/** A small seeded generator, so the sample is the same each time it is made. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Catmull-Rom through the control points, finely enough to walk along. */
function smoothPath(control: Array<[number, number]>): Array<[number, number]> {
  const pts = [control[0]!, ...control, control[control.length - 1]!];
  const out: Array<[number, number]> = [];
  for (let i = 1; i < pts.length - 2; i++) {
    const [p0, p1, p2, p3] = [pts[i - 1]!, pts[i]!, pts[i + 1]!, pts[i + 2]!];
    for (let s = 0; s < 24; s++) {
      const t = s / 24;
      const t2 = t * t;
      const t3 = t2 * t;
      const at = (k: 0 | 1) => 0.5 * (2 * p1[k] + (p2[k] - p0[k]) * t + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2 + (3 * p1[k] - p0[k] - 3 * p2[k] + p3[k]) * t3);
      out.push([at(0), at(1)]);
    }
  }
  out.push(control[control.length - 1]!);
  return out;
}

/** The point `fraction` of the way along a polyline (by length). */
function along(path: Array<[number, number]>, lengths: number[], fraction: number): [number, number] {
  const target = fraction * lengths[lengths.length - 1]!;
  let i = 1;
  while (i < lengths.length - 1 && lengths[i]! < target) i++;
  const span = lengths[i]! - lengths[i - 1]! || 1;
  const t = Math.min(1, Math.max(0, (target - lengths[i - 1]!) / span));
  const [a, b] = [path[i - 1]!, path[i]!];
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/**
 * The sample signature on a pad of the given ranges: the name box sits in
 * the middle of the sensing area, about 80 % of its width.
 */
export function sampleSignature(ranges: { xMax: number; yMax: number; pressureMax: number }, seed = 20240610): SampleSignature {
  const random = mulberry32(seed);
  const unit = (ranges.xMax * 0.8) / 3;
  const left = ranges.xMax * 0.1;
  const top = (ranges.yMax - unit) / 2;
  const toDevice = ([x, y]: [number, number]): [number, number] => [left + x * unit, top + y * unit];
  const period = 1 / 150;
  const points: TimedPenPoint[] = [];
  let time = 0;
  const emit = (p: Omit<TimedPenPoint, 'time'>) => {
    points.push({ ...p, x: Math.round(p.x), y: Math.round(p.y), pressure: Math.round(p.pressure), time });
    time += period * (0.96 + random() * 0.08); // the pad's clock jitters a little
  };
  const hover = (from: [number, number], to: [number, number], reports: number) => {
    for (let n = 1; n <= reports; n++) {
      const t = n / reports;
      emit({ x: from[0] + (to[0] - from[0]) * t, y: from[1] + (to[1] - from[1]) * t - Math.sin(Math.PI * t) * unit * 0.15, pressure: 0, tip: false, inRange: true });
    }
  };

  const truth = { strokes: STROKES.length, points: 0, xMin: Infinity, xMax: -Infinity, yMin: Infinity, yMax: -Infinity, maxPressure: 0 };
  let last: [number, number] = toDevice([STROKES[0]![0]![0] - 0.2, STROKES[0]![0]![1] + 0.3]);
  for (const control of STROKES) {
    const path = smoothPath(control).map(toDevice);
    const lengths = [0];
    for (let i = 1; i < path.length; i++) lengths.push(lengths[i - 1]! + Math.hypot(path[i]![0] - path[i - 1]![0], path[i]![1] - path[i - 1]![1]));
    hover(last, path[0]!, 10 + Math.floor(random() * 20));
    // Fast strokes: about 0.9 pad widths per second, so one lasts 0.15–0.5 s.
    const count = Math.max(12, Math.round(lengths[lengths.length - 1]! / (ranges.xMax * 0.9 * period)));
    const peak = ranges.pressureMax * (0.45 + random() * 0.3);
    for (let n = 0; n < count; n++) {
      const s = n / (count - 1);
      // Slow at both ends, fastest in the middle (a smoothstep of time along the path).
      const [x, y] = along(path, lengths, s * s * (3 - 2 * s));
      const envelope = Math.min(1, (s + 0.04) / 0.12, (1.03 - s) / 0.18);
      const pressure = Math.max(40, Math.min(ranges.pressureMax, peak * envelope * (0.93 + random() * 0.14)));
      emit({ x, y, pressure, tip: true, inRange: true });
      const p = points[points.length - 1]!;
      truth.points++;
      truth.xMin = Math.min(truth.xMin, p.x);
      truth.xMax = Math.max(truth.xMax, p.x);
      truth.yMin = Math.min(truth.yMin, p.y);
      truth.yMax = Math.max(truth.yMax, p.y);
      truth.maxPressure = Math.max(truth.maxPressure, p.pressure);
    }
    last = path[path.length - 1]!;
  }
  // Lifted away: a few hovering reports, then out of range.
  hover(last, [last[0] + unit * 0.3, last[1] + unit * 0.2], 6);
  const away = points[points.length - 1]!;
  emit({ x: away.x, y: away.y, pressure: 0, tip: false, inRange: false });
  return { points, truth };
}
