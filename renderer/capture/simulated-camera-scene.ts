import type { RgbaImage } from '../../shared/domain/camera/image';
import { simulatedCameraFrame } from '../../shared/domain/camera/scene';
import type { SimulatedCameraMessage } from './simulated-camera-protocol';

export type SimulatedStart = Extract<SimulatedCameraMessage, { type: 'start' }>;

/** One frame of the simulated camera's loop: the worker and the page-thread fallback render it with this same code. */
export function renderSimulatedFrame(start: SimulatedStart, index: number): RgbaImage {
  const { frame } = simulatedCameraFrame(index * start.step, { width: start.width, height: start.height }, start.textures);
  const data = frame.data instanceof Uint8ClampedArray ? frame.data : new Uint8ClampedArray(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
  return { width: frame.width, height: frame.height, data };
}
