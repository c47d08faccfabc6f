/// <reference lib="webworker" />
import type { SimulatedCameraMessage } from './simulated-camera-protocol';
import { renderSimulatedFrame } from './simulated-camera-scene';

/**
 * Renders the simulated camera's frames (a document scene moving slightly)
 * off the page's thread: a scene takes a few hundred ms, so a short loop of
 * frames is rendered once, each sent as soon as it is ready, and the page
 * plays them back and forth.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<SimulatedCameraMessage>) => {
  const message = event.data;
  if (message.type !== 'start') return;
  for (let i = 0; i < message.frames; i++) {
    const frame = renderSimulatedFrame(message, i);
    scope.postMessage({ type: 'frame', index: i, frame } satisfies SimulatedCameraMessage, [frame.data.buffer as ArrayBuffer]);
  }
  scope.close();
};
