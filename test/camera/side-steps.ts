/**
 * How plainly each side of a labelled frame's target shows (issue 11): the
 * step of colour across the true outline, read a few pixels either side of
 * it. A side that steps by a level or two, under sensor noise of two to
 * four, gives no edge for any detector to find; the accuracy report prints
 * the weakest side of every frame it lists, so a frame that fails for want
 * of an edge is told from one that fails with its edges in plain view.
 */
import { doubleSignedArea, type Quad } from '../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { median } from '../bench/table';

/** Where along a side the step is read: its middle 80 % (the corners are rounded off by blur). */
const ALONG = { from: 0.1, to: 0.9, samples: 41 };
/** How far from the side, in pixels of a 720-line frame: clear of the blurred edge, short of a page's print; and how far along it either way. */
const BAND = { near: 3, far: 6, wide: 3 };

/** The step across each side (TL→TR, TR→BR, BR→BL, BL→TL): the median over the side of the largest channel's difference between the bands inside and outside. */
export function sideSteps(frame: RgbaImage, truth: Quad): number[] {
  const unit = Math.min(frame.width, frame.height) / 720;
  const inward = Math.sign(doubleSignedArea(truth)); // +1 when the corners run clockwise on screen
  return [0, 1, 2, 3].map((s) => {
    const [ax, ay] = truth[s]!;
    const [bx, by] = truth[(s + 1) % 4]!;
    const length = Math.hypot(bx - ax, by - ay);
    // The normal pointing into the target.
    const nx = (-(by - ay) / length) * inward;
    const ny = ((bx - ax) / length) * inward;
    const steps: number[] = [];
    for (let k = 0; k < ALONG.samples; k++) {
      const t = ALONG.from + ((ALONG.to - ALONG.from) * k) / (ALONG.samples - 1);
      const px = ax + (bx - ax) * t;
      const py = ay + (by - ay) * t;
      const inside = bandMean(frame, px, py, nx, ny, unit);
      const outside = bandMean(frame, px, py, -nx, -ny, unit);
      if (!inside || !outside) continue;
      steps.push(Math.max(...inside.map((v, c) => Math.abs(v - outside[c]!))));
    }
    return steps.length ? median(steps) : 0;
  });
}

/**
 * The mean colour over a patch BAND.near..BAND.far pixels from (px, py) along the normal (nx, ny) and BAND.wide
 * along the side, so the sensor's noise averages out; null when it leaves the frame.
 */
function bandMean(frame: RgbaImage, px: number, py: number, nx: number, ny: number, unit: number): number[] | null {
  const sum = [0, 0, 0];
  let n = 0;
  for (let d = BAND.near * unit; d <= BAND.far * unit; d += 0.5) {
    for (let a = -BAND.wide * unit; a <= BAND.wide * unit; a += 1) {
      const x = Math.round(px + nx * d - ny * a);
      const y = Math.round(py + ny * d + nx * a);
      if (x < 0 || y < 0 || x >= frame.width || y >= frame.height) return null;
      const i = (y * frame.width + x) * 4;
      for (let c = 0; c < 3; c++) sum[c]! += frame.data[i + c]!;
      n++;
    }
  }
  return sum.map((v) => v / n);
}
