import { solveLinear, type Quad, type Size } from '../geometry';

/**
 * How far an outline is from what a document camera can show of a sheet:
 * a rectangle lying nearly square to the lens, seen by a pinhole camera
 * whose principal point is the frame's centre.
 *
 * Any convex outline is the picture of exactly one parallelogram in space
 * (up to its distance), once the focal length is known: each corner lies on
 * its ray, and opposite sides must be equal and parallel. That
 * parallelogram's corner angle tells a sheet's right angle from a skewed
 * shape, and its plane's tilt a sheet on the desk from one standing up. An
 * outline with one side along a printed rule or a glare spot's rim across
 * the page makes a trapezoid whose only rectangle is tilted far off the
 * desk, or none.
 *
 * Returned in degrees: the least, over the focal lengths document cameras
 * have, of the corner angle's distance from 90° combined with the tilt
 * beyond `SQUARE_TILT_DEG`; 90 when no focal length gives a sheet in front
 * of the camera.
 */
export function viewDeviationDeg(corners: Quad, frame: Size): number {
  const longSide = Math.max(frame.width, frame.height);
  let least = 90;
  for (const share of FOCAL_SHARES) {
    const seen = liftedParallelogram(corners, frame, share * longSide);
    if (!seen) continue;
    least = Math.min(least, Math.hypot(seen.skewDeg, Math.max(0, seen.tiltDeg - SQUARE_TILT_DEG)));
  }
  return least;
}

/**
 * Focal lengths as shares of the frame's longer side: document cameras' lenses take in 45°–80° across
 * (the labelled set's scenes use 0.75–1.15); sampled, for the deviation changes slowly with the focal length.
 */
const FOCAL_SHARES = [0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6];
/** A sheet on a desk under a document camera's arm is square to the lens within a few degrees; tilt up to this is free. */
const SQUARE_TILT_DEG = 20;

/**
 * The parallelogram in space whose picture `corners` is, for focal length `focal` (pixels): its corner angle's
 * distance from 90° and its plane's tilt from square to the lens, in degrees; null when it would lie partly
 * behind the camera.
 */
export function liftedParallelogram(corners: Quad, frame: Size, focal: number): { skewDeg: number; tiltDeg: number } | null {
  const cx = frame.width / 2;
  const cy = frame.height / 2;
  // Each corner's ray (x, y, 1) through the pinhole.
  const [x0, x1, x2, x3] = corners.map(([x]) => (x - cx) / focal) as unknown as [number, number, number, number];
  const [y0, y1, y2, y3] = corners.map(([, y]) => (y - cy) / focal) as unknown as [number, number, number, number];
  // Depths s with P_i = s_i r_i and P0 + P2 = P1 + P3 (opposite sides equal and parallel); s0 = 1:
  // s1 (−r1) + s2 r2 + s3 (−r3) = −r0, one row a coordinate.
  const depths = solveLinear([
    [-x1, x2, -x3, -x0],
    [-y1, y2, -y3, -y0],
    [-1, 1, -1, -1],
  ]);
  if (!depths) return null;
  const [s1, , s3] = depths as [number, number, number];
  if (!depths.every((s) => s > 0)) return null;
  // Two sides from P0, to P1 and to P3.
  const [ux, uy, uz] = [s1 * x1 - x0, s1 * y1 - y0, s1 - 1];
  const [vx, vy, vz] = [s3 * x3 - x0, s3 * y3 - y0, s3 - 1];
  const lu = Math.hypot(ux, uy, uz);
  const lv = Math.hypot(vx, vy, vz);
  if (lu === 0 || lv === 0) return null;
  const cos = Math.abs(ux * vx + uy * vy + uz * vz) / (lu * lv);
  // The plane's normal against the lens's axis.
  const [nx, ny, nz] = [uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx];
  const ln = Math.hypot(nx, ny, nz);
  if (ln === 0) return null;
  const degrees = 180 / Math.PI;
  return { skewDeg: Math.asin(Math.min(1, cos)) * degrees, tiltDeg: Math.acos(Math.min(1, Math.abs(nz) / ln)) * degrees };
}

/**
 * About how far (pixels of `frame`) the corners would have to move for the outline to be a sheet on the desk:
 * viewDeviationDeg over its steepest change with the corners (to first order). The angle alone overstates small
 * outlines, where a few pixels of the corners turn the sides by many degrees; in pixels, a trapezoid cut off a page
 * by a line across it is ten and more off, the page's own outline within a pixel or two.
 */
export function viewDeviationPx(corners: Quad, frame: Size): number {
  const deviation = viewDeviationDeg(corners, frame);
  if (deviation === 0) return 0;
  if (deviation >= 90) return Infinity;
  const moved = corners.map((p) => [p[0], p[1]]) as unknown as [number, number][];
  let squares = 0;
  for (let c = 0; c < 4; c++) {
    for (let axis = 0; axis < 2; axis++) {
      const at = moved[c]![axis]!;
      moved[c]![axis] = at + NUDGE_PX;
      const up = viewDeviationDeg(moved as unknown as Quad, frame);
      moved[c]![axis] = at - NUDGE_PX;
      const down = viewDeviationDeg(moved as unknown as Quad, frame);
      moved[c]![axis] = at;
      squares += ((Math.min(up, 89) - Math.min(down, 89)) / (2 * NUDGE_PX)) ** 2;
    }
  }
  return squares > 0 ? deviation / Math.sqrt(squares) : Infinity;
}

/** The step of the central differences in viewDeviationPx: half a pixel, the corners' own precision at the working size. */
const NUDGE_PX = 0.5;
