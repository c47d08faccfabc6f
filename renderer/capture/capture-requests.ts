import type { RgbaImage } from '../../shared/domain/camera/image';
import type { CaptureRequest, CaptureResponse } from './capture-protocol';
import { detectLive, detectOnCapture, renderPage } from './page-render';

/**
 * One request of the capture protocol answered with the page functions of
 * page-render.ts: the same code for the Web Worker (capture.worker.ts) and
 * for the page-thread fallback (capture-engine.ts), so capture behaves the
 * same wherever it runs. `frames` holds the full-size frames by slot.
 */
export function answerCaptureRequest(frames: Map<string, RgbaImage>, request: CaptureRequest): { response: CaptureResponse; transfer: Transferable[] } {
  const transfer: Transferable[] = [];
  try {
    switch (request.op) {
      case 'live':
        return { response: { id: request.id, ok: true, detection: detectLive(request.frame, request.expect) }, transfer };
      case 'capture':
        frames.set(request.slot, request.frame);
        return { response: { id: request.id, ok: true, detection: detectOnCapture(request.frame, request.expect, request.hint) }, transfer };
      case 'render': {
        const image = renderPage(frames, request.spec, request.quality);
        transfer.push(image.data.buffer as ArrayBuffer);
        return { response: { id: request.id, ok: true, image }, transfer };
      }
      case 'drop':
        frames.delete(request.slot);
        return { response: { id: request.id, ok: true }, transfer };
    }
  } catch (error) {
    return { response: { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}
