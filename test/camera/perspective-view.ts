import { type Point, type Quad, type Size } from '../../shared/domain/camera/geometry';

/**
 * Where a flat page's corners appear in a pinhole camera's frame: the ground
 * truth for tests of the page's true size and of straightening. The camera
 * looks along +z with its principal point at the frame's centre and square
 * pixels (as pageSizeFor assumes); the page, widthMm × heightMm, is turned
 * by `spinDeg` in its own plane, tilted by `tiltXDeg` (top away from the
 * camera) and `tiltYDeg` (right side away), and placed `distanceMm` in
 * front of the camera, shifted by `shiftMm` across the view.
 */
export interface PageView {
  widthMm: number;
  heightMm: number;
  frame: Size;
  /** Focal length as a share of the frame's longer side (0.9 ≈ 60° across). */
  focal: number;
  /** How much of the frame's height the page's larger side would fill seen straight on (sets the distance). */
  fill?: number;
  tiltXDeg?: number;
  tiltYDeg?: number;
  spinDeg?: number;
  shiftMm?: readonly [number, number];
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** A vector in the page's plane (u right, v down) turned as the view turns the page: camera coordinates, z away from the camera. */
function turn(view: PageView, u: number, v: number): [number, number, number] {
  const spin = rad(view.spinDeg ?? 0);
  const tx = rad(view.tiltXDeg ?? 0);
  const ty = rad(view.tiltYDeg ?? 0);
  // Spin in the page's plane, then tilt about the y axis, then about the x axis.
  let x = u * Math.cos(spin) - v * Math.sin(spin);
  let y = u * Math.sin(spin) + v * Math.cos(spin);
  let z = 0;
  [x, z] = [x * Math.cos(ty) + z * Math.sin(ty), -x * Math.sin(ty) + z * Math.cos(ty)];
  [y, z] = [y * Math.cos(tx) - z * Math.sin(tx), y * Math.sin(tx) + z * Math.cos(tx)];
  // y down in the frame: the top (negative v) of a page tilted "top away" ends up farther (larger distance).
  return [x, y, -z];
}

/**
 * How steeply the page's width and height directions run away from the camera (the sine of each axis's angle to
 * the image plane). Near 0 for an axis, its sides stay parallel in the frame and the lens cannot be told from the view.
 */
export function axisSlopes(view: PageView): { width: number; height: number } {
  return { width: Math.abs(turn(view, 1, 0)[2]), height: Math.abs(turn(view, 0, 1)[2]) };
}

/** The page's corners TL, TR, BR, BL (as the page is read) in frame pixels. */
export function projectPage(view: PageView): Quad {
  const f = view.focal * Math.max(view.frame.width, view.frame.height);
  const fill = view.fill ?? 0.6;
  const distance = (f * Math.max(view.widthMm, view.heightMm)) / (fill * view.frame.height);
  const [sx, sy] = view.shiftMm ?? [0, 0];
  const corners: Point[] = [
    [-view.widthMm / 2, -view.heightMm / 2],
    [view.widthMm / 2, -view.heightMm / 2],
    [view.widthMm / 2, view.heightMm / 2],
    [-view.widthMm / 2, view.heightMm / 2],
  ];
  return corners.map(([u, v]) => {
    const [x, y, depth] = turn(view, u, v);
    const z = distance + depth;
    return [view.frame.width / 2 + (f * (x + sx)) / z, view.frame.height / 2 + (f * (y + sy)) / z] as Point;
  }) as unknown as Quad;
}
