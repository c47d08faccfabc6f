/**
 * The labelled set of synthetic document-camera frames the detector is
 * measured on (issue 11): the product's own slips and the sample ID card
 * (resources/camera/) on each background kind, passed through a JPEG
 * encode/decode as a camera's MJPEG stream would be, each with its true
 * outline and the document's size in mm. Deterministic: the same options
 * give the same bytes on every machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { PageExpectation } from '../../shared/domain/camera/detect';
import type { Quad, Size } from '../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { BACKGROUND_KINDS, randomSceneSpec, renderScene, streamFor, type BackgroundKind } from '../../shared/domain/camera/scene';

export interface LabelledFrame {
  name: string;
  kind: BackgroundKind | string;
  frame: RgbaImage;
  /** The target's TL, TR, BR, BL in frame pixels. */
  truth: Quad;
  /** The target's size in mm (the Jaccard index's document frame). */
  docSize: Size;
  /** What the capture asks the detector for (DetectOptions.expect): 'idCard' when the target is the ID card, as the 身份证正反面 capture does. */
  expect: PageExpectation;
}

export const CAMERA_RESOURCES = join(__dirname, '..', '..', 'resources', 'camera');

/** The live preview's size and an 8 MP still (3264 × 2448, the largest usual mode of these cameras). */
export const PREVIEW_SIZE: Size = { width: 1280, height: 720 };
export const EIGHT_MP_SIZE: Size = { width: 3264, height: 2448 };

export function readPng(file: string): RgbaImage {
  const png = PNG.sync.read(readFileSync(file));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
}

export interface SampleTexture {
  name: string;
  image: RgbaImage;
  docSize: Size;
  /** How the capture asks for it: the ID card's sides in the 身份证正反面 capture ('idCard'), the rest as pages. */
  expect: PageExpectation;
}

let samples: SampleTexture[] | null = null;

/** The committed sample documents with their physical sizes: two A4 slips, the 80 mm receipt, the card's two sides. */
export function sampleTextures(): SampleTexture[] {
  if (samples) return samples;
  const load = (name: string, file: string, docSize: (image: RgbaImage) => Size, expect: PageExpectation = 'page'): SampleTexture => {
    const image = readPng(join(CAMERA_RESOURCES, file));
    return { name, image, docSize: docSize(image), expect };
  };
  const a4 = () => ({ width: 210, height: 297 });
  const card = () => ({ width: 85.6, height: 54 });
  samples = [
    load('receiptA4', 'page-receipt.png', a4),
    load('receipt80', 'slip-receipt80.png', (image) => ({ width: 80, height: Math.round((80 * image.height) / image.width) })),
    load('cardFront', 'id-card-front.png', card, 'idCard'),
    load('noticeA4', 'page-notice.png', a4),
    load('cardBack', 'id-card-back.png', card, 'idCard'),
  ];
  return samples;
}

/** A round trip through JPEG at `quality`, as the camera's MJPEG mode and a stored capture would do. */
export function jpegRoundTrip(image: RgbaImage, quality: number): RgbaImage {
  const encoded = jpeg.encode({ width: image.width, height: image.height, data: image.data }, quality);
  const decoded = jpeg.decode(encoded.data, { useTArray: true, formatAsRGBA: true });
  return { width: decoded.width, height: decoded.height, data: decoded.data };
}

export interface LabelledSetOptions {
  size?: Size;
  /** Frames per background kind (default 8). */
  perKind?: number;
  /** JPEG quality of every frame; by default each frame's own, 70–90, from its seed. */
  jpegQuality?: number;
  /** Which background kinds (default all six). */
  kinds?: readonly BackgroundKind[];
  /** Varies the whole set (default 1). */
  seed?: number;
}

/**
 * `perKind` frames for each background kind; the targets cycle through the
 * samples (A4 pages, the receipt roll, both sides of the ID card), the rest
 * of the samples are the clutter papers.
 */
export function labelledSet(options: LabelledSetOptions = {}): LabelledFrame[] {
  // Made once per process for each set of options (several tests of one file share it); callers must not modify the frames.
  const key = JSON.stringify(options);
  const made = madeSets.get(key);
  if (made) return made;
  const frames = generateLabelledSet(options);
  madeSets.set(key, frames);
  return frames;
}

const madeSets = new Map<string, LabelledFrame[]>();

/** The set made afresh, with no memo (the determinism test compares two of these). */
export function generateLabelledSet(options: LabelledSetOptions): LabelledFrame[] {
  const size = options.size ?? PREVIEW_SIZE;
  const perKind = options.perKind ?? 8;
  const textures = sampleTextures();
  const frames: LabelledFrame[] = [];
  (options.kinds ?? BACKGROUND_KINDS).forEach((kind) => {
    const k = BACKGROUND_KINDS.indexOf(kind);
    for (let i = 0; i < perKind; i++) {
      const seed = (options.seed ?? 1) * 100_000 + k * 1000 + i;
      const target = textures[(i + k) % textures.length]!;
      const others = textures.filter((t) => t !== target).map((t) => t.image);
      const spec = randomSceneSpec(seed, size, target.image, kind, others, { docSize: target.docSize });
      const quality = options.jpegQuality ?? Math.round(70 + 20 * streamFor(seed, 'jpeg')());
      frames.push({
        name: `${kind}-${String(i).padStart(2, '0')}-${target.name}`,
        kind,
        frame: jpegRoundTrip(renderScene(spec), quality),
        truth: spec.documents[0]!.corners,
        docSize: target.docSize,
        expect: target.expect,
      });
    }
  });
  return frames;
}

/** The 8 MP frames of the benchmark: one per kind unless told otherwise. */
export function labelledSet8mp(options: Omit<LabelledSetOptions, 'size'> = {}): LabelledFrame[] {
  return labelledSet({ perKind: 1, ...options, size: EIGHT_MP_SIZE });
}
