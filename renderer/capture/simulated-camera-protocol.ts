import type { RgbaImage } from '../../shared/domain/camera/image';

/** Messages between the page and the simulated camera's worker. */
export type SimulatedCameraMessage =
  /** Render `frames` frames of the scene, `step` seconds apart. */
  | { type: 'start'; width: number; height: number; frames: number; step: number; textures: { page: RgbaImage; card: RgbaImage } }
  | { type: 'frame'; index: number; frame: RgbaImage };
