import type { RgbaImage } from '../../shared/domain/camera/image';
import { strings } from '../../shared/i18n';
import type { SimulatedCameraMessage } from './simulated-camera-protocol';
import { renderSimulatedFrame, type SimulatedStart } from './simulated-camera-scene';

/** How long the worker may take for its first frame before the page renders the frames itself. */
export const FIRST_FRAME_TIMEOUT_MS = 15_000;

export interface SimulatedFramesOptions {
  /** Makes the scene's worker (a test passes one that fails). */
  createWorker?: () => Worker;
  /** Where a fallback is noted (the console); never the clerk's screen. */
  log?: (message: string) => void;
  firstFrameTimeoutMs?: number;
}

const defaultWorker = () => new Worker(new URL('./simulated-camera.worker.ts', import.meta.url), { type: 'module', name: 'simulated-camera' });

/**
 * The simulated camera's loop of frames, each handed to `onFrame` as soon as
 * it is ready: rendered in a Web Worker, or — when no worker can be created,
 * it fails to load or crashes, or sends nothing in time — on the page's
 * thread, one frame per turn of the event loop (the frames the worker did
 * not deliver), logged once. Returns stop.
 */
export function renderSimulatedFrames(start: SimulatedStart, onFrame: (index: number, frame: RgbaImage) => void, options: SimulatedFramesOptions = {}): () => void {
  const log = options.log ?? ((message: string) => console.warn(message));
  const delivered = new Set<number>();
  let stopped = false;
  let worker: Worker | null = null;
  let firstFrameTimer: ReturnType<typeof setTimeout> | null = null;
  let pageTimer: ReturnType<typeof setTimeout> | null = null;

  const deliver = (index: number, frame: RgbaImage) => {
    if (stopped || delivered.has(index)) return;
    delivered.add(index);
    onFrame(index, frame);
  };

  const renderOnPage = (reason: string) => {
    if (stopped || pageTimer !== null) return;
    if (firstFrameTimer) clearTimeout(firstFrameTimer);
    worker?.terminate();
    worker = null;
    log(strings.camera.capture.log.simulatedFallback(reason));
    let index = 0;
    const next = () => {
      pageTimer = null;
      while (index < start.frames && delivered.has(index)) index++;
      if (stopped || index >= start.frames) return;
      deliver(index, renderSimulatedFrame(start, index));
      pageTimer = setTimeout(next, 0);
    };
    pageTimer = setTimeout(next, 0);
  };

  try {
    const created = (options.createWorker ?? defaultWorker)();
    worker = created;
    created.onmessage = (event: MessageEvent<SimulatedCameraMessage>) => {
      const message = event.data;
      if (message.type !== 'frame') return;
      if (firstFrameTimer) clearTimeout(firstFrameTimer);
      firstFrameTimer = null;
      deliver(message.index, message.frame);
    };
    created.onerror = (event) => {
      event.preventDefault?.();
      // The worker closes itself after its last frame; an error before that leaves frames to render here.
      if (delivered.size < start.frames) renderOnPage(event.message || 'worker failed');
    };
    firstFrameTimer = setTimeout(() => renderOnPage('no frame in time'), options.firstFrameTimeoutMs ?? FIRST_FRAME_TIMEOUT_MS);
    created.postMessage(start);
  } catch (error) {
    renderOnPage(error instanceof Error ? error.message || error.name : String(error));
  }

  return () => {
    stopped = true;
    if (firstFrameTimer) clearTimeout(firstFrameTimer);
    if (pageTimer) clearTimeout(pageTimer);
    worker?.terminate();
    worker = null;
  };
}
