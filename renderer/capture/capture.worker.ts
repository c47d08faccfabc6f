/// <reference lib="webworker" />
import type { RgbaImage } from '../../shared/domain/camera/image';
import { CAPTURE_WORKER_READY, type CaptureRequest } from './capture-protocol';
import { answerCaptureRequest } from './capture-requests';

/**
 * The capture worker: the live outline on small frames, and on capture the
 * full-size frame kept here (transferred, never copied back) for the refined
 * outline and the straightened page — none of it on the page's thread.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const frames = new Map<string, RgbaImage>();

scope.onmessage = (event: MessageEvent<CaptureRequest>) => {
  const { response, transfer } = answerCaptureRequest(frames, event.data);
  scope.postMessage(response, transfer);
};

// Loaded (every import evaluated): the engine may now hand frames over. A worker that never says so is replaced by the page thread.
scope.postMessage(CAPTURE_WORKER_READY);
