/**
 * The simulated document camera (issue 11): a sample page and an ID card on
 * a dark cutting mat, drifting a few pixels and turning a fraction of a
 * degree over seconds, as a page does under a hand-placed camera. The same
 * scene feeds the renderer's simulated camera (a canvas stream) and the
 * .y4m file Chromium's fake capture plays in the tests.
 */
import type { Point, Quad, Size } from '../geometry';
import type { RgbaImage } from '../image';
import { renderScene } from './scene';
import { unitOf } from './surfaces';

/** The page's height as a share of the frame's, and the scene's fixed seed (the desk must not change between frames). */
const PAGE_HEIGHT_SHARE = 0.84;
const SEED = 20261123;

function placed(centre: Point, width: number, height: number, angle: number, keystone: number): Quad {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  // Keystone: the camera leans a little, so the far (top) edge is a touch shorter.
  return ([
    [-width / 2 + keystone, -height / 2],
    [width / 2 - keystone, -height / 2],
    [width / 2, height / 2],
    [-width / 2, height / 2],
  ] as const).map(([x, y]) => [centre[0] + x * c - y * s, centre[1] + x * s + y * c] as Point) as unknown as Quad;
}

export function simulatedCameraFrame(t: number, frame: Size, textures: { page: RgbaImage; card: RgbaImage }): { frame: RgbaImage; corners: Quad } {
  const unit = unitOf(frame);
  const pageHeight = PAGE_HEIGHT_SHARE * frame.height;
  const pxPerMm = pageHeight / 297;
  const pageWidth = pageHeight * (textures.page.width / textures.page.height);
  const wave = (period: number, phase = 0) => Math.sin((2 * Math.PI * t) / period + phase);
  const pageCentre: Point = [0.37 * frame.width + 6 * unit * wave(7), 0.5 * frame.height + 4 * unit * wave(5, 1)];
  const corners = placed(pageCentre, pageWidth, pageHeight, 0.035 + 0.007 * wave(9, 2), 0.012 * pageWidth);
  const cardCentre: Point = [0.78 * frame.width + 3 * unit * wave(6, 3), 0.55 * frame.height + 3 * unit * wave(8)];
  const card = placed(cardCentre, 85.6 * pxPerMm, 54 * pxPerMm, -0.14 + 0.005 * wave(11), 0.004 * 85.6 * pxPerMm);
  const image = renderScene({
    seed: SEED,
    noiseSeed: Math.floor(t * 30),
    width: frame.width,
    height: frame.height,
    background: 'darkMat',
    surface: 'darkMat',
    documents: [
      { texture: textures.page, corners },
      { texture: textures.card, corners: card },
    ],
    blur: 0.7 * unit,
    noise: 1.5,
    lightGradient: 0.12,
    vignette: 0.12,
  });
  return { frame: image, corners };
}
