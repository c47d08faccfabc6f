import { describe, expect, it } from 'vitest';
import { jaccardIndex, meanCornerError, quadProblem, type Point, type Quad } from '../geometry';
import { createRgba, type RgbaImage } from '../image';
import type { BackgroundKind } from '../scene';
import { addNoise, background, devFrame, faintPageFrame, paperTexture, placeDocument, rng } from '../../../../test/camera/accuracy-scenes';
import { generateLabelledSet, labelledSet, sampleTextures } from '../../../../test/camera/dataset';
import { detectAndRefine, detectPage, lookForPage, refinePage, secondLookWins, type Look, type PageDetection } from './index';

/** The detector's promise: an outline is either absent or a valid page outline for this frame. */
function expectNeverDegenerate(found: PageDetection, frame: RgbaImage): void {
  if (found.corners === null) {
    expect(found.reason).not.toBe('found');
  } else {
    expect(found.reason).toBe('found');
    expect(quadProblem(found.corners, frame)).toBeNull();
  }
  // A guess only with an unsure detection, and never a degenerate one either.
  if (found.guess !== undefined) {
    expect(found.reason).toBe('unsure');
    expect(quadProblem(found.guess, frame)).toBeNull();
  }
  expect(found.confidence).toBeGreaterThanOrEqual(0);
  expect(found.confidence).toBeLessThanOrEqual(1);
}

// Whole camera scenes take seconds on a loaded 2-core machine: the limit guards against a hang, not the detector's
// speed (that is `npm run bench`).
describe('detectPage / detectAndRefine', { timeout: 30_000 }, () => {
  it('finds a page on a dark mat, a light desk and wood, and the refined outline is within a pixel or two', () => {
    for (const kind of ['dark', 'light', 'wood'] as const) {
      for (const seed of [3, 4]) {
        const { frame, truth, docSize } = devFrame(kind, seed);
        const live = detectPage(frame);
        expectNeverDegenerate(live, frame);
        expect(jaccardIndex(live.corners, truth, docSize), `${kind} ${seed} live`).toBeGreaterThan(0.95);
        const captured = detectAndRefine(frame);
        expectNeverDegenerate(captured, frame);
        expect(jaccardIndex(captured.corners, truth, docSize), `${kind} ${seed} refined`).toBeGreaterThan(0.99);
      }
    }
  });

  it('says there is no page on a blank frame and on a plain desk', () => {
    const grey = createRgba(640, 360);
    grey.data.fill(128);
    for (const frame of [grey, background('light', 640, 360, 5), background('dark', 640, 360, 6)]) {
      const found = detectAndRefine(frame);
      expect(found.corners).toBeNull();
      expect(found.reason).not.toBe('found');
    }
  });

  it('outlines a page only 4 levels brighter than a plain desk as unsure: no corners, but a guess on the page for the clerk to start from', () => {
    for (const [step, shown] of [
      [4, 'unsure'],
      [6, 'found'],
    ] as const) {
      const { frame, page, docSize } = faintPageFrame(step);
      // The live preview's look (renderer/capture/page-render.ts: LIVE_WORKING_SIZE, no completed sides) and the capture's.
      for (const found of [detectPage(frame, { workingSize: 400, completeSides: false }), detectAndRefine(frame)]) {
        expectNeverDegenerate(found, frame);
        expect(found.reason, `${step} levels`).toBe(shown);
        expect(jaccardIndex(found.corners ?? found.guess ?? null, page, docSize), `${step} levels`).toBeGreaterThan(0.99);
        if (shown === 'unsure') expect(found.corners).toBeNull();
        else expect(found.guess).toBeUndefined();
      }
    }
  });

  it('with two papers in view, returns the dominant one (the page, not the small slip beside it)', () => {
    const frame = background('dark', 1280, 720, 11);
    const slip: Quad = [
      [80, 420],
      [300, 400],
      [315, 560],
      [95, 580],
    ];
    placeDocument(frame, paperTexture(220, 160, 12), slip);
    const page: Quad = [
      [520, 60],
      [1000, 80],
      [985, 690],
      [500, 675],
    ];
    const texture = paperTexture(420, 594, 13);
    placeDocument(frame, texture, page);
    addNoise(frame, 6, 14);
    const found = detectAndRefine(frame);
    expectNeverDegenerate(found, frame);
    expect(jaccardIndex(found.corners, page, { width: texture.width, height: texture.height })).toBeGreaterThan(0.98);
  });

  it("with an A4 page and an ID card in view, returns the page by default and the card with expect: 'idCard'", () => {
    const textures = sampleTextures();
    const notice = textures.find((t) => t.name === 'noticeA4')!;
    const card = textures.find((t) => t.name === 'cardFront')!;
    // Not yet on the light desk: there the card's faint lower side, on the line of the page's table rules, is lost.
    for (const [kind, seed] of [
      ['dark', 41],
      ['wood', 43],
      ['wood', 44],
    ] as const) {
      const frame = background(kind, 1280, 720, seed);
      // The page upright on the left, the card turned a little on the right: about 2.2 : 1 in area.
      const page: Quad = [
        [150, 60],
        [600, 75],
        [585, 700],
        [130, 690],
      ];
      const cardQuad: Quad = [
        [720, 250],
        [1150, 280],
        [1133, 550],
        [703, 520],
      ];
      placeDocument(frame, notice.image, page);
      placeDocument(frame, card.image, cardQuad);
      addNoise(frame, 4, seed);
      const asPage = detectAndRefine(frame);
      expectNeverDegenerate(asPage, frame);
      expect(jaccardIndex(asPage.corners, page, notice.docSize), `${kind}: page by default`).toBeGreaterThan(0.97);
      const asCard = detectAndRefine(frame, { expect: 'idCard' });
      expectNeverDegenerate(asCard, frame);
      expect(jaccardIndex(asCard.corners, cardQuad, card.docSize), `${kind}: card when expected`).toBeGreaterThan(0.97);
      // The live outline follows the same preference.
      expect(jaccardIndex(detectPage(frame, { expect: 'idCard' }).corners, cardQuad, card.docSize), `${kind}: live card`).toBeGreaterThan(0.9);
    }
  });

  it('never returns an outline running out of the frame for a page partly outside it', () => {
    for (const [seed, shift] of [
      [21, 400],
      [22, -450],
      [23, 300],
    ] as const) {
      const frame = background('wood', 1280, 720, seed);
      const page: Quad = [
        [400 + shift, 120],
        [900 + shift, 100],
        [930 + shift, 700],
        [380 + shift, 690],
      ];
      placeDocument(frame, paperTexture(420, 594, seed), page);
      addNoise(frame, 5, seed);
      const found = detectAndRefine(frame);
      expectNeverDegenerate(found, frame);
      // Half the page is out of view: no valid outline can be the page, so any outline found must be inside the frame.
      if (found.corners) for (const [x, y] of found.corners) expect(x > -0.05 * 1469 && x < 1280 + 0.05 * 1469 && y > -74 && y < 720 + 74).toBe(true);
    }
  });

  it('outputs always pass quadProblem over many scenes (clutter, sizes, ID-card and receipt proportions)', () => {
    let found = 0;
    for (let seed = 30; seed < 42; seed++) {
      const kind = (['dark', 'light', 'wood'] as const)[seed % 3]!;
      const aspect = [210 / 297, 85.6 / 54, 80 / 240][seed % 3]!;
      const scene = devFrame(kind, seed, { width: 960, height: 540, aspect, size: 0.35 + (seed % 4) * 0.15, clutter: seed % 2 });
      const result = detectAndRefine(scene.frame);
      expectNeverDegenerate(result, scene.frame);
      if (result.corners) found++;
    }
    expect(found).toBeGreaterThan(6);
  });

  it('fuzz: random noise, odd sizes and random shapes never throw and never give a degenerate outline', () => {
    const random = rng(99);
    for (let n = 0; n < 40; n++) {
      const width = 1 + Math.floor(random() * (n < 10 ? 40 : 700));
      const height = 1 + Math.floor(random() * (n < 10 ? 40 : 500));
      const frame = createRgba(width, height);
      for (let i = 0; i < frame.data.length; i++) frame.data[i] = random() * 256;
      // Some frames get random bright and dark blobs (stand-ins for papers and shadows).
      for (let b = 0; b < (n % 4) * 2 && width > 8 && height > 8; b++) {
        const cx = random() * width;
        const cy = random() * height;
        const r = random() * Math.min(width, height) * 0.6;
        const poly: Quad = [0, 1, 2, 3].map((k) => [cx + r * Math.cos(k * 1.7 + random()), cy + r * Math.sin(k * 1.7 + random())] as Point) as unknown as Quad;
        try {
          placeDocument(frame, paperTexture(32, 32, n + b, [random() * 255, random() * 255, random() * 255]), poly);
        } catch {
          // A degenerate random blob is simply not painted.
        }
      }
      const live = detectPage(frame, { workingSize: 100 + Math.floor(random() * 500) });
      expectNeverDegenerate(live, frame);
      const captured = detectAndRefine(frame);
      expectNeverDegenerate(captured, frame);
    }
    // 80 detections on pure noise (the most lines a frame can have) take about 5 s on two busy cores: the limit guards against a hang, it does not time the detector (the bench does).
  }, 60_000);
});

describe('refinePage', { timeout: 30_000 }, () => {
  it('moves an outline that is a few pixels off onto the page edges', () => {
    const { frame, truth } = devFrame('dark', 7);
    const random = rng(8);
    const approx = truth.map(([x, y]) => [x + (random() - 0.5) * 8, y + (random() - 0.5) * 8] as Point) as unknown as Quad;
    expect(meanCornerError(approx, truth)).toBeGreaterThan(1.5);
    const refined = refinePage(frame, approx);
    expect(quadProblem(refined, frame)).toBeNull();
    expect(meanCornerError(refined, truth)).toBeLessThan(0.8);
  });

  it('ignores a finger across an edge', () => {
    const { frame, truth } = devFrame('light', 9, { size: 0.8 });
    // A skin-coloured bar across the middle of the right edge.
    const [tr, br] = [truth[1], truth[2]];
    const mid: Point = [(tr[0] + br[0]) / 2, (tr[1] + br[1]) / 2];
    for (let y = Math.round(mid[1] - 18); y < mid[1] + 18; y++) {
      for (let x = Math.round(mid[0] - 60); x < Math.min(frame.width, mid[0] + 200); x++) {
        const o = (y * frame.width + x) * 4;
        frame.data[o] = 215;
        frame.data[o + 1] = 160;
        frame.data[o + 2] = 130;
      }
    }
    const approx = truth.map(([x, y]) => [x + 2, y - 2] as Point) as unknown as Quad;
    const refined = refinePage(frame, approx);
    expect(meanCornerError(refined, truth)).toBeLessThan(1);
  });

  it('outlines a whole page past a table rule printed across it, though only one of its sides runs on clearly', () => {
    // The notice on wood (labelled set, seed 6): a finger on its right side, whose line is not backed below the
    // table's strong top rule. The rule has paper on both sides, so it is no edge of the sheet; before that was
    // looked at, the outline stopped at it (JI 0.64).
    const notice = labelledSet({ seed: 6, kinds: ['clutter'], perKind: 1 })[0]!;
    const found = detectAndRefine(notice.frame, { expect: notice.expect });
    expect(jaccardIndex(found.corners, notice.truth, notice.docSize)).toBeGreaterThan(0.97);
  }, 30_000);

  // A shadow band darkens a sheet and the desk alike, so the sheet's sides go on into it with fewer edge pixels behind
  // them, and its rim, lit paper against shadowed paper, is a strong line. Until stop 35 the outline ended at the rim.
  it.each([
    // The receipt's sides run on into the band with support 0.50 and 0.65 (JI 0.75 before).
    { seed: 11, index: 2, name: 'unevenLight-02-receipt80', above: 0.99 },
    // The rim fades over more than the few pixels either side of it that tell a printed rule from an edge, so it is
    // read halfway into the strip the larger outline adds; the page's sides run on with support 0.35 and 0.60 (JI 0.68 before).
    { seed: 15, index: 6, name: 'unevenLight-06-receiptA4', above: 0.93 },
  ])('outlines a whole sheet past the rim of a shadow band lying across it (labelled set, seed $seed, $name)', ({ seed, index, name, above }) => {
    const sheet = generateLabelledSet({ seed, kinds: ['unevenLight'], perKind: index + 1 })[index]!;
    expect(sheet.name).toBe(name);
    const found = detectAndRefine(sheet.frame, { expect: sheet.expect });
    expect(jaccardIndex(found.corners, sheet.truth, sheet.docSize)).toBeGreaterThan(above);
  }, 30_000);

  // Seed 24's A4 notice lies under a pen beside a receipt strip wholly in view: the strip's sides are cleaner and the
  // learned ranking scores it 16.4 against the notice's 14.9, but the shot was framed for the notice, nine times its
  // area (mainDocumentFirst). Before stop 41 the strip was outlined (JI 0).
  it('outlines the main document of the shot, not a receipt strip lying wholly in view beside it (labelled set, seed 24, clutter-02)', () => {
    const notice = generateLabelledSet({ seed: 24, kinds: ['clutter'], perKind: 3 })[2]!;
    expect(notice.name).toBe('clutter-02-receiptA4');
    const found = detectAndRefine(notice.frame, { expect: notice.expect });
    expect(jaccardIndex(found.corners, notice.truth, notice.docSize)).toBeGreaterThan(0.99);
  }, 30_000);

  it('returns the outline unchanged when it cannot be refined (no edges, or a degenerate outline)', () => {
    const blank = createRgba(400, 300);
    blank.data.fill(200);
    const approx: Quad = [
      [50, 50],
      [350, 60],
      [340, 250],
      [60, 240],
    ];
    expect(refinePage(blank, approx)).toEqual(approx);
    const degenerate: Quad = [
      [10, 10],
      [20, 20],
      [30, 30],
      [40, 40],
    ];
    expect(refinePage(blank, degenerate)).toEqual(degenerate);
  });
});

describe('the second look on capture', { timeout: 60_000 }, () => {
  const page: Quad = [
    [100, 100],
    [500, 100],
    [500, 400],
    [100, 400],
  ];
  const elsewhere: Quad = [
    [600, 100],
    [900, 100],
    [900, 400],
    [600, 400],
  ];
  const other: Quad = [
    [100, 500],
    [300, 500],
    [300, 700],
    [100, 700],
  ];
  const nudged = (q: Quad): Quad => q.map(([x, y]) => [x + 1, y - 1]) as unknown as Quad;
  /** A look that found `corners` with its own learned score, having weighed the other outlines given. */
  const look = (corners: Quad | null, confidence: number, learned?: number, weighed: { corners: Quad; learned: number }[] = []): Look => ({
    detection: { corners, confidence, reason: corners ? 'found' : 'unsure' },
    learned,
    weighed: learned === undefined || !corners ? weighed : [{ corners, learned }, ...weighed],
  });

  it('takes the same outline seen more finely only when it is clearly more confident', () => {
    expect(secondLookWins(look(page, 0.6, 10), look(nudged(page), 0.7, 5))).toBe(true);
    expect(secondLookWins(look(page, 0.6, 5), look(nudged(page), 0.62, 10))).toBe(false);
    expect(secondLookWins(look(null, 0.4, 5), look(page, 0.6, 4))).toBe(true);
  });

  it('between two different outlines, takes the finer look\'s when it scores higher in its own look and in both looks added up, whatever their confidence', () => {
    // The finer look scores its outline far higher, and the first look had it among its forty too: it wins, though less confident.
    expect(secondLookWins(look(page, 0.8, 10, [{ corners: nudged(elsewhere), learned: 9 }, { corners: other, learned: 3 }]), look(elsewhere, 0.6, 19, [{ corners: other, learned: 3 }]))).toBe(true);
    // The finer look scores its outline a little higher than the first look's, which it scores almost as high; the first look
    // did not have the finer look's outline among its forty, so scored it at most its lowest: the first outline stays.
    expect(secondLookWins(look(page, 0.6, 15, [{ corners: other, learned: 4 }]), look(elsewhere, 0.7, 15.5, [{ corners: nudged(page), learned: 15.2 }]))).toBe(false);
    // Both have the other's outline among their forty: the sums decide, not the looks' own scores.
    expect(secondLookWins(look(page, 0.6, 12, [{ corners: elsewhere, learned: 11 }]), look(elsewhere, 0.62, 12.5, [{ corners: page, learned: 10 }]))).toBe(true);
    expect(secondLookWins(look(page, 0.6, 12, [{ corners: elsewhere, learned: 9 }]), look(elsewhere, 0.62, 12.5, [{ corners: page, learned: 10 }]))).toBe(false);
    // The sums favour the finer look's outline only because its search never produced the first one: its own score, far
    // below the first outline's in the first look, keeps the first.
    expect(secondLookWins(look(page, 0.55, 17.7, [{ corners: elsewhere, learned: 9.8 }]), look(elsewhere, 0.62, 12.8, [{ corners: other, learned: -0.7 }]))).toBe(false);
  });

  it('takes the finer look\'s different outline when it leads clearly, though the first look never produced it and the sums favour the first', () => {
    // Seed 16's pale A4 page on an unevenly lit desk: 10.6 against 5.7; the first look's lowest -4.2, the first outline 3.3 in the finer look.
    const first = look(page, 0.55, 5.7, [{ corners: other, learned: -4.2 }]);
    expect(secondLookWins(first, look(elsewhere, 0.6, 10.6, [{ corners: nudged(page), learned: 3.3 }]))).toBe(true);
    // Two points ahead is not clear: the sums decide, and keep the first.
    expect(secondLookWins(first, look(elsewhere, 0.6, 7.7, [{ corners: nudged(page), learned: 3.3 }]))).toBe(false);
  });

  it('takes the finer look\'s different outline when the first look\'s is no sheet a document camera shows and the finer one is', () => {
    // Seed 16's A4 page under a shadow band and a glare spot: the first look's bottom side runs across the page above the
    // glare (10 and more working pixels off any sheet on the desk), scoring 15.2 against 14.4.
    const first = { ...look(page, 0.73, 15.2, [{ corners: other, learned: 2 }]), offDeskPx: () => 12 };
    const finer = (offDeskPx: number) => ({ ...look(elsewhere, 0.68, 14.4, [{ corners: nudged(page), learned: 15.5 }]), offDeskPx: () => offDeskPx });
    expect(secondLookWins(first, finer(2))).toBe(true);
    // The finer outline a few pixels off the desk too, or the first one close to it: the learned scores decide, and keep the first.
    expect(secondLookWins(first, finer(4))).toBe(false);
    expect(secondLookWins({ ...first, offDeskPx: () => 8 }, finer(2))).toBe(false);
  });

  it('keeps the first look\'s outline wholly in view over the finer look\'s at the frame\'s border, whatever their learned scores', () => {
    // Seed 36: the first look's receipt strip (7.5, 0.77 sure) against a part of a sheet the frame cuts (10.49, 0.88 sure),
    // which won on the learned scores: at its lead of 2.99 and the receipt not among the finer look's forty.
    const first = { ...look(page, 0.77, 7.5, [{ corners: other, learned: 2 }]), insideFramePx: 20 };
    const finer = (insideFramePx: number) => ({ ...look(elsewhere, 0.88, 10.49, [{ corners: other, learned: 4 }]), insideFramePx });
    expect(secondLookWins(first, finer(-2))).toBe(false);
    expect(secondLookWins(first, finer(2.9))).toBe(false);
    // The finer outline 3 px and more inside, or the first itself within 6 px of the border: the learned scores decide.
    expect(secondLookWins(first, finer(3))).toBe(true);
    expect(secondLookWins({ ...first, insideFramePx: 5.9 }, finer(-2))).toBe(true);
    // Far more confident, it wins all the same.
    expect(secondLookWins(first, { ...finer(-2), detection: { corners: elsewhere, confidence: 0.98, reason: 'found' } })).toBe(true);
  });

  it('takes a different outline that is far more confident, with or without the learned ranking', () => {
    expect(secondLookWins(look(page, 0.6), look(elsewhere, 0.75))).toBe(false);
    expect(secondLookWins(look(page, 0.6), look(elsewhere, 0.85))).toBe(true);
    expect(secondLookWins(look(page, 0.6, 20, [{ corners: other, learned: 5 }]), look(elsewhere, 0.85, 6, [{ corners: page, learned: 19 }]))).toBe(true);
  });

  /** Frame `index` of a kind in one seed of the labelled set, its two looks, and the Jaccard index of an outline on it. */
  function labelledFrame(seed: number, kind: BackgroundKind, index: number) {
    const frame = generateLabelledSet({ seed, kinds: [kind], perKind: index + 1 })[index]!;
    const options = { expect: frame.expect };
    return {
      first: lookForPage(frame.frame, options),
      closer: lookForPage(frame.frame, { ...options, workingSize: 600 }),
      found: detectAndRefine(frame.frame, options),
      ji: (corners: Quad | null) => jaccardIndex(corners, frame.truth, frame.docSize),
    };
  }

  it('outlines a page whose bottom lies under a glare spot, not a line across the page above it (labelled set, seed 16, unevenLight-01)', () => {
    const { first, closer, found, ji } = labelledFrame(16, 'unevenLight', 1);
    // The frame's point: the first look takes the trapezoid that line cuts off, scored above the page.
    expect(ji(first.detection.corners)).toBeLessThan(0.9);
    expect(first.offDeskPx?.()).toBeGreaterThanOrEqual(10);
    expect(closer.offDeskPx?.()).toBeLessThanOrEqual(3);
    expect(ji(found.corners)).toBeGreaterThan(0.99);
  });

  it('finds the receipt the first look missed for the desk between two papers (labelled set, seed 14, clutter-03)', () => {
    const { first, found, ji } = labelledFrame(14, 'clutter', 3);
    // The frame's point: at the working size the patch of desk bounded by the receipt's side and the next paper's
    // wins, with more confidence than the receipt (a finger lies across the receipt's side).
    expect(ji(first.detection.corners)).toBeLessThan(0.1);
    expect(found.confidence).toBeLessThan(first.detection.confidence);
    expect(ji(found.corners)).toBeGreaterThan(0.99);
  });

  it('outlines the receipt beside a sheet the frame cuts, not a part of that sheet (labelled set, seed 36, clutter-03)', () => {
    const { first, closer, found, ji } = labelledFrame(36, 'clutter', 3);
    // The frame's point: the finer look outlines a part of the sheet bounded by a rule printed on it, at the frame's
    // border, and scores it higher than the first look scores the receipt.
    expect(ji(first.detection.corners)).toBeGreaterThan(0.9);
    expect(ji(closer.detection.corners)).toBeLessThan(0.1);
    expect(closer.insideFramePx).toBeLessThan(3);
    expect(closer.learned).toBeGreaterThan(first.learned!);
    expect(ji(found.corners)).toBeGreaterThan(0.9);
  });

  it('finds the card in both looks, the finer one ranked by weights fitted to its own pools too (seed 41, clutter-04)', () => {
    const { first, closer, found, ji } = labelledFrame(41, 'clutter', 4);
    // Until stop 34 the ranker was fitted to the first look's pools alone, and the finer look ranked a card-shaped block
    // of a page beside the card a little above it (JI 0): the pattern the made-up looks above keep for the rule.
    expect(first.detection.confidence).toBeLessThan(0.85);
    expect(ji(first.detection.corners)).toBeGreaterThan(0.9);
    expect(ji(closer.detection.corners)).toBeGreaterThan(0.9);
    expect(ji(found.corners)).toBeGreaterThan(0.98);
  });

  it('keeps the receipt the first look found, which the finer look under glare never outlined (seed 45, glare-01)', () => {
    const { first, closer, found, ji } = labelledFrame(45, 'glare', 1);
    // The frame's point: a different, more confident outline at the finer size, and not the receipt among its forty.
    expect(ji(first.detection.corners)).toBeGreaterThan(0.9);
    expect(ji(closer.detection.corners)).toBeLessThan(0.7);
    expect(closer.detection.confidence).toBeGreaterThan(first.detection.confidence);
    expect(Math.max(...closer.weighed.map((w) => ji(w.corners)))).toBeLessThan(0.9);
    expect(ji(found.corners)).toBeGreaterThan(0.99);
  });
});
