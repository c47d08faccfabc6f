import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRgba } from '../../shared/domain/camera/image';
import { quadProblem } from '../../shared/domain/camera/geometry';
import { tempDir } from './temp-dir';
import { documentSceneY4m, i420PixelToRgb, readY4m, writeY4m } from './y4m';

// Removed with everything in it when the file ends (test/support/remove-temp-dirs.ts); the run fails on leftovers.
const dir = tempDir('counter-y4m-');

/** A frame with four colour quadrants: each survives 4:2:0 away from the borders between them. */
function quadrants(width: number, height: number, shift: number) {
  const image = createRgba(width, height);
  const colours = [
    [200, 40, 40],
    [40, 160, 60],
    [30, 60, 200],
    [240, 240, 235],
  ];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = colours[(x < width / 2 ? 0 : 1) + (y < height / 2 ? 0 : 2)]!;
      const o = (y * width + x) * 4;
      image.data[o] = Math.min(255, c[0]! + shift);
      image.data[o + 1] = c[1]!;
      image.data[o + 2] = c[2]!;
      image.data[o + 3] = 255;
    }
  }
  return image;
}

describe('y4m for Chromium’s fake camera', () => {
  it('writes the header first, one FRAME per image and 4:2:0 planes whose colours read back', () => {
    const file = join(dir, 'quadrants.y4m');
    writeY4m(file, [quadrants(64, 48, 0), quadrants(64, 48, 10), quadrants(64, 48, 20)], 5);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 45).toString('ascii')).toBe('YUV4MPEG2 W64 H48 F5:1 Ip A1:1 C420jpeg\nFRAME');
    const parsed = readY4m(file);
    expect(parsed).toMatchObject({ width: 64, height: 48, fps: 5, colourspace: '420jpeg' });
    expect(parsed.frames).toHaveLength(3);
    // Y plane plus two quarter-size chroma planes, each frame after its own FRAME line.
    expect(parsed.frames[0]!.length).toBe(64 * 48 + 2 * 32 * 24);
    expect(statSync(file).size).toBe(40 + 3 * (6 + 64 * 48 * 1.5));
    const expected: [number, number, [number, number, number]][] = [
      [10, 10, [200, 40, 40]],
      [50, 10, [40, 160, 60]],
      [10, 40, [30, 60, 200]],
      [50, 40, [240, 240, 235]],
    ];
    for (const [x, y, rgb] of expected) {
      const got = i420PixelToRgb(parsed.frames[0]!, parsed, x, y);
      for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - rgb[c]!), `(${x},${y}) channel ${c}: ${got.join(',')}`).toBeLessThanOrEqual(3);
    }
    // The frames are the frames given, in order: the red channel rises by 10 each time.
    const red = parsed.frames.map((f) => i420PixelToRgb(f, parsed, 10, 10)[0]);
    expect(red[1]! - red[0]!).toBeGreaterThanOrEqual(8);
    expect(red[2]! - red[1]!).toBeGreaterThanOrEqual(8);
  });

  it('refuses frames of different sizes', () => {
    expect(() => writeY4m(join(dir, 'mixed.y4m'), [quadrants(64, 48, 0), quadrants(32, 24, 0)], 5)).toThrow(/frame 1/);
  });

  it('the document scene: a page on the mat that moves a little, its outline valid in every frame', () => {
    const file = join(dir, 'scene.y4m');
    const size = { width: 320, height: 180 };
    const { frames, corners } = documentSceneY4m(file, { seconds: 1, fps: 5, size });
    const parsed = readY4m(file);
    expect(frames).toBe(5);
    expect(parsed.frames).toHaveLength(5);
    for (const q of corners) expect(quadProblem(q, size)).toBeNull();
    const drift = Math.max(...corners.map((q) => Math.hypot(q[0][0] - corners[0]![0][0], q[0][1] - corners[0]![0][1])));
    expect(drift).toBeGreaterThan(0.3);
    expect(drift).toBeLessThan(0.05 * size.width);
    // Paper is bright, the dark mat is dark: the page's centre and the frame's left edge differ by far more than noise.
    // A point in the blank bottom margin of the page, 95 % of the way down, halfway across.
    const [tl, tr, br, bl] = corners[0]!;
    const at = [0, 1].map((c) => 0.025 * (tl[c]! + tr[c]!) + 0.475 * (bl[c]! + br[c]!));
    const page = i420PixelToRgb(parsed.frames[0]!, parsed, Math.round(at[0]!), Math.round(at[1]!));
    const mat = i420PixelToRgb(parsed.frames[0]!, parsed, 2, 90);
    expect(page[1]).toBeGreaterThan(mat[1] + 80);
  });
});
