import { describe, expect, it } from 'vitest';
import type { Quad } from '../geometry';
import { marginChroma, paperColourFactor, sameSurfaceAcross, shadowedAcross, sharedSidesRunOn, surfaceDifferenceAcross, wholeInView } from './clutter';
import { edgeLine as line } from './test-kit';
import type { ColourPlanes } from './planes';

/** A desk of one colour with a square of another at (40..120, 30..110). */
function deskWithSquare(desk: readonly number[], square: readonly number[]): { planes: ColourPlanes; corners: Quad } {
  const width = 160;
  const height = 140;
  const planes = { width, height, r: new Float32Array(width * height), g: new Float32Array(width * height), b: new Float32Array(width * height) };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = x >= 40 && x < 120 && y >= 30 && y < 110 ? square : desk;
      const i = y * width + x;
      planes.r[i] = c[0]!;
      planes.g[i] = c[1]!;
      planes.b[i] = c[2]!;
    }
  }
  return { planes, corners: [[40, 30], [120, 30], [120, 110], [40, 110]] };
}

describe('paperColourFactor', () => {
  it('leaves a white or slightly warm sheet alone and marks down a sticky note', () => {
    const white = deskWithSquare([90, 110, 80], [236, 232, 222]);
    expect(marginChroma(white.corners, white.planes)).toBeLessThan(0.1);
    expect(paperColourFactor(white.corners, white.planes)).toBe(1);
    const yellow = deskWithSquare([120, 120, 120], [250, 232, 110]);
    expect(paperColourFactor(yellow.corners, yellow.planes)).toBeLessThan(0.7);
    const pink = deskWithSquare([120, 120, 120], [250, 170, 190]);
    expect(paperColourFactor(pink.corners, pink.planes)).toBeLessThan(0.9);
  });

  it('marks down a pink or a blue note as much as a yellow one (the least colourful notes get the whole penalty too)', () => {
    const yellow = deskWithSquare([120, 120, 120], [250, 232, 110]);
    const full = paperColourFactor(yellow.corners, yellow.planes);
    for (const note of [[250, 170, 190], [165, 200, 245]]) {
      const square = deskWithSquare([120, 120, 120], note);
      expect(marginChroma(square.corners, square.planes)).toBeLessThan(0.33);
      expect(paperColourFactor(square.corners, square.planes)).toBeCloseTo(full, 6);
    }
  });
});

describe('wholeInView', () => {
  it('is false when a corner lies outside the frame', () => {
    const frame = { width: 400, height: 225 };
    expect(wholeInView([[10, 10], [100, 10], [100, 80], [10, 80]], frame)).toBe(true);
    expect(wholeInView([[10, -6], [100, 10], [100, 80], [10, 80]], frame)).toBe(false);
  });
});

describe('sharedSidesRunOn', () => {
  // A sheet from x 0..100, y 0..200 with a rule across it at y = 80. Horizontal lines: t = −x; vertical lines: t = y.
  const top = line(0, 1, 0, -100, 0);
  const rule = line(0, 1, 80, -100, 0);
  const bottom = line(0, 1, 200, -100, 0);
  it('is true when the shared sides run on as edges (the top of a sheet cut at a printed rule)', () => {
    const lines = [top, rule, bottom, line(1, 0, 0, 0, 200), line(1, 0, 100, 0, 200)];
    expect(sharedSidesRunOn([0, 1, 3, 4], [0, 2, 3, 4], lines)).toBe(true);
  });
  it('is false when the shared sides end at the smaller outline\'s corners (a card, and a larger outline running its sides on)', () => {
    const lines = [top, rule, bottom, line(1, 0, 0, 0, 80), line(1, 0, 100, 0, 80)];
    expect(sharedSidesRunOn([0, 1, 3, 4], [0, 2, 3, 4], lines)).toBe(false);
  });
});

describe('sameSurfaceAcross', () => {
  // The square's top side runs from (40, 30) to (120, 30); the point (80, 70) lies inside it.
  it('is true across a dark rule printed on a sheet: the same paper on both sides', () => {
    const { planes } = deskWithSquare([236, 232, 222], [236, 232, 222]);
    for (let x = 0; x < planes.width; x++) {
      const i = 30 * planes.width + x;
      planes.r[i] = planes.g[i] = planes.b[i] = 40;
    }
    expect(sameSurfaceAcross([40, 30], [120, 30], [80, 70], planes)).toBe(true);
  });
  it('is false across a sheet\'s edge on a mat, on wood and on a light-grey desk', () => {
    for (const desk of [[40, 70, 55], [150, 95, 60], [190, 190, 192]]) {
      const { planes } = deskWithSquare(desk, [236, 232, 222]);
      expect(sameSurfaceAcross([40, 30], [120, 30], [80, 70], planes), `desk ${desk.join(',')}`).toBe(false);
    }
  });
});

describe('surfaceDifferenceAcross', () => {
  it('is below 1 across a rule printed on a sheet, above it across a sheet\'s edge, and larger the more the desk differs', () => {
    const ruled = deskWithSquare([236, 232, 222], [236, 232, 222]);
    for (let x = 0; x < ruled.planes.width; x++) {
      const i = 30 * ruled.planes.width + x;
      ruled.planes.r[i] = ruled.planes.g[i] = ruled.planes.b[i] = 40;
    }
    expect(surfaceDifferenceAcross([40, 30], [120, 30], [80, 70], ruled.planes)).toBeLessThan(0.1);
    const differences = [[214, 212, 205], [190, 190, 192], [40, 70, 55]].map((desk) => {
      const { planes } = deskWithSquare(desk, [236, 232, 222]);
      return surfaceDifferenceAcross([40, 30], [120, 30], [80, 70], planes)!;
    });
    expect(differences[0]).toBeGreaterThan(0.5);
    expect(differences[1]).toBeGreaterThan(1);
    expect(differences[1]).toBeGreaterThan(differences[0]!);
    expect(differences[2]).toBeGreaterThan(differences[1]!);
  });
  it('reads the same whichever side the inner point is given on', () => {
    const { planes } = deskWithSquare([190, 190, 192], [236, 232, 222]);
    const fromInside = surfaceDifferenceAcross([40, 30], [120, 30], [80, 70], planes);
    const fromOutside = surfaceDifferenceAcross([120, 30], [40, 30], [80, 5], planes);
    expect(fromOutside).toBeCloseTo(fromInside!, 6);
  });
  it('is null where the band beyond the side leaves the frame', () => {
    const { planes } = deskWithSquare([190, 190, 192], [236, 232, 222]);
    expect(surfaceDifferenceAcross([10, 0], [150, 0], [80, 70], planes)).toBeNull();
  });
});

describe('shadowedAcross', () => {
  const paper = [236, 232, 222];
  it('is true where the same paper lies in a shadow beyond the stretch (the rim of a shadow band across a sheet)', () => {
    const { planes } = deskWithSquare(paper.map((v) => v * 0.55), paper);
    expect(shadowedAcross([40, 30], [120, 30], [80, 70], planes)).toBe(true);
  });
  it('is false across a rule printed on a sheet, and where the shadow lies on the near side', () => {
    expect(shadowedAcross([40, 30], [120, 30], [80, 70], deskWithSquare(paper, paper).planes)).toBe(false);
    const { planes } = deskWithSquare(paper, paper.map((v) => v * 0.55));
    expect(shadowedAcross([40, 30], [120, 30], [80, 70], planes)).toBe(false);
  });
  it('reads a soft rim as shadowed only when its bands are read deep enough to leave the half-shadow', () => {
    // Paper below y = 30; above it the light fades over 24 pixels to 0.55 of it.
    const { planes } = deskWithSquare(paper, paper);
    for (let y = 0; y < 30; y++) {
      const light = 1 - 0.45 * Math.min(1, (30 - y) / 24);
      for (let x = 0; x < planes.width; x++) {
        const i = y * planes.width + x;
        planes.r[i] = paper[0]! * light;
        planes.g[i] = paper[1]! * light;
        planes.b[i] = paper[2]! * light;
      }
    }
    expect(shadowedAcross([40, 30], [120, 30], [80, 70], planes)).toBe(false);
    expect(shadowedAcross([40, 30], [120, 30], [80, 70], planes, 20)).toBe(true);
  });
  it('is false where a surface of another hue lies beyond (a sheet\'s edge on a green mat or on wood)', () => {
    for (const desk of [[40, 90, 60], [150, 105, 60]]) expect(shadowedAcross([40, 30], [120, 30], [80, 70], deskWithSquare(desk, paper).planes), `desk ${desk.join(',')}`).toBe(false);
  });
});
