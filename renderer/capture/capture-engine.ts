import type { PageDetection, PageExpectation } from '../../shared/domain/camera/detect';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { strings } from '../../shared/i18n';
import type { CaptureRequest, CaptureResponse, CaptureWorkerMessage } from './capture-protocol';
import { answerCaptureRequest } from './capture-requests';
import type { CaptureHint, RenderQuality, RenderSpec } from './page-render';

/** What the capture panel asks of the page detector and the page operations. */
export interface CaptureEngine {
  /** The live outline of a small frame (≈ 400 px); `expect` 'idCard' prefers a card's outline over a page's. */
  detectLive(frame: RgbaImage, expect?: PageExpectation): Promise<PageDetection>;
  /** Keeps a full-size frame under `slot` (its buffer is handed over) and finds the page in it (from the live outline `hint` when it is good). */
  capture(slot: string, frame: RgbaImage, expect?: PageExpectation, hint?: CaptureHint): Promise<PageDetection>;
  /** The page as it will be kept (full) or a screen-size preview of it. */
  render(spec: RenderSpec, quality: RenderQuality): Promise<RgbaImage>;
  /** Forgets a frame (its page was saved or thrown away). */
  drop(slot: string): void;
  dispose(): void;
}

/** A request without its id (Omit over each member of the union). */
type Unsent = CaptureRequest extends infer R ? (R extends CaptureRequest ? Omit<R, 'id'> : never) : never;
type Answer = CaptureResponse & { ok: true };

/**
 * The worker never ran this request (it failed to load before it was sent):
 * the request's frame is still the caller's, so it can run elsewhere.
 */
export class WorkerUnavailableError extends Error {}

/** How long a worker may take to load its code before the page thread takes over. */
export const WORKER_READY_TIMEOUT_MS = 10_000;

type Pending = { resolve: (response: Answer) => void; reject: (error: Error) => void };

export interface WorkerEngineOptions {
  /** Called once when the worker fails (it could not load, or crashed later). */
  onFailure?(error: Error): void;
  readyTimeoutMs?: number;
}

/**
 * The engine in a Web Worker (renderer/capture/capture.worker.ts): the page's
 * thread never waits for it. Until the worker says it has loaded, requests
 * wait here with their frames untouched (not transferred), so a worker that
 * fails to load loses nothing: they are refused with WorkerUnavailableError.
 */
export class WorkerCaptureEngine implements CaptureEngine {
  private readonly pending = new Map<number, Pending>();
  /** Requests held until the worker is ready. */
  private queued: { message: CaptureRequest; transfer: Transferable[] }[] = [];
  private ready = false;
  private failed = false;
  private readyTimer: ReturnType<typeof setTimeout> | null;
  private next = 1;

  constructor(
    private readonly worker: Worker,
    private readonly options: WorkerEngineOptions = {},
  ) {
    worker.onmessage = (event: MessageEvent<CaptureWorkerMessage>) => {
      const message = event.data;
      if ('ready' in message) {
        this.becomeReady();
        return;
      }
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.ok) pending.resolve(message);
      else pending.reject(new Error(message.error));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.fail(new Error(event.message || 'capture worker failed'));
    };
    worker.onmessageerror = () => this.fail(new Error('capture worker message could not be read'));
    this.readyTimer = setTimeout(() => this.fail(new Error('capture worker did not load')), options.readyTimeoutMs ?? WORKER_READY_TIMEOUT_MS);
  }

  private becomeReady(): void {
    if (this.ready || this.failed) return;
    this.ready = true;
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    for (const { message, transfer } of this.queued) this.worker.postMessage(message, transfer);
    this.queued = [];
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    this.worker.terminate();
    // Told first, so whoever catches the rejections below already has somewhere else to run.
    this.options.onFailure?.(error);
    const unsent = new Set(this.queued.map((q) => q.message.id));
    this.queued = [];
    for (const [id, pending] of this.pending) pending.reject(unsent.has(id) ? new WorkerUnavailableError(error.message) : error);
    this.pending.clear();
  }

  private send(request: Unsent, transfer: Transferable[] = []): Promise<Answer> {
    if (this.failed) return Promise.reject(new WorkerUnavailableError('capture worker failed'));
    const id = this.next++;
    const message = { ...request, id } as CaptureRequest;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.ready) this.worker.postMessage(message, transfer);
      else this.queued.push({ message, transfer });
    });
  }

  async detectLive(frame: RgbaImage, expect?: PageExpectation): Promise<PageDetection> {
    return (await this.send({ op: 'live', frame, expect }, [frame.data.buffer as ArrayBuffer])).detection!;
  }

  async capture(slot: string, frame: RgbaImage, expect?: PageExpectation, hint?: CaptureHint): Promise<PageDetection> {
    return (await this.send({ op: 'capture', slot, frame, expect, hint }, [frame.data.buffer as ArrayBuffer])).detection!;
  }

  async render(spec: RenderSpec, quality: RenderQuality): Promise<RgbaImage> {
    return (await this.send({ op: 'render', spec, quality })).image!;
  }

  drop(slot: string): void {
    void this.send({ op: 'drop', slot }).catch(() => {});
  }

  dispose(): void {
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    this.failed = true;
    this.worker.terminate();
    for (const pending of this.pending.values()) pending.reject(new Error('disposed'));
    this.pending.clear();
    this.queued = [];
  }
}

/**
 * The same requests answered on the page's thread (answerCaptureRequest, as
 * the worker does): slower — the page waits while a frame is looked at — but
 * capture keeps working where no worker can run.
 */
export class PageThreadCaptureEngine implements CaptureEngine {
  private readonly frames = new Map<string, RgbaImage>();
  private disposed = false;

  private async answer(request: Unsent): Promise<Answer> {
    // A turn of the event loop first: the preview and the keys get their share between frames.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (this.disposed) throw new Error('disposed');
    const { response } = answerCaptureRequest(this.frames, { ...request, id: 0 } as CaptureRequest);
    if (!response.ok) throw new Error(response.error);
    return response;
  }

  async detectLive(frame: RgbaImage, expect?: PageExpectation): Promise<PageDetection> {
    return (await this.answer({ op: 'live', frame, expect })).detection!;
  }

  async capture(slot: string, frame: RgbaImage, expect?: PageExpectation, hint?: CaptureHint): Promise<PageDetection> {
    return (await this.answer({ op: 'capture', slot, frame, expect, hint })).detection!;
  }

  async render(spec: RenderSpec, quality: RenderQuality): Promise<RgbaImage> {
    return (await this.answer({ op: 'render', spec, quality })).image!;
  }

  drop(slot: string): void {
    this.frames.delete(slot);
  }

  dispose(): void {
    this.disposed = true;
    this.frames.clear();
  }
}

export interface CaptureEngineOptions {
  /** Makes the capture worker (a test passes one that fails). */
  createWorker?: () => Worker;
  /** Where the fallback is noted (the page's console, a warning for IT's devtools); never the clerk's screen. */
  log?: (message: string) => void;
  /** Default WORKER_READY_TIMEOUT_MS. */
  readyTimeoutMs?: number;
}

const defaultWorker = () => new Worker(new URL('./capture.worker.ts', import.meta.url), { type: 'module', name: 'capture' });
const defaultLog = (message: string) => console.warn(message);

/**
 * The worker when the page can run one; otherwise — it cannot be created, or
 * it fails to load (a file:// page may refuse module workers), or it crashes —
 * the page thread, logged once. A request the worker never ran moves to the
 * page thread with its frame; a request it lost in a crash fails once (the
 * panel says 页面识别出错, the clerk retakes) and the next runs on the page.
 */
export class FallbackCaptureEngine implements CaptureEngine {
  private worker: WorkerCaptureEngine | null = null;
  private page: PageThreadCaptureEngine | null = null;
  private disposed = false;

  constructor(
    createWorker: () => Worker,
    private readonly log: (message: string) => void,
    readyTimeoutMs?: number,
  ) {
    try {
      this.worker = new WorkerCaptureEngine(createWorker(), { onFailure: (error) => this.fallBack(error), readyTimeoutMs });
    } catch (error) {
      this.fallBack(error);
    }
  }

  /** Where requests run now. */
  get runsOn(): 'worker' | 'page' {
    return this.page ? 'page' : 'worker';
  }

  private fallBack(error: unknown): void {
    if (this.page) return;
    this.page = new PageThreadCaptureEngine();
    this.worker = null;
    this.log(strings.camera.capture.log.workerFallback(error instanceof Error ? error.message || error.name : String(error)));
  }

  private async run<T>(call: (engine: CaptureEngine) => Promise<T>): Promise<T> {
    if (this.disposed) throw new Error('disposed');
    const worker = this.worker;
    if (worker) {
      try {
        return await call(worker);
      } catch (error) {
        if (!(error instanceof WorkerUnavailableError) || this.disposed) throw error;
      }
    }
    return call(this.page ?? (this.page = new PageThreadCaptureEngine()));
  }

  detectLive(frame: RgbaImage, expect?: PageExpectation): Promise<PageDetection> {
    return this.run((engine) => engine.detectLive(frame, expect));
  }

  capture(slot: string, frame: RgbaImage, expect?: PageExpectation, hint?: CaptureHint): Promise<PageDetection> {
    return this.run((engine) => engine.capture(slot, frame, expect, hint));
  }

  render(spec: RenderSpec, quality: RenderQuality): Promise<RgbaImage> {
    return this.run((engine) => engine.render(spec, quality));
  }

  drop(slot: string): void {
    this.worker?.drop(slot);
    this.page?.drop(slot);
  }

  dispose(): void {
    this.disposed = true;
    this.worker?.dispose();
    this.page?.dispose();
  }
}

/**
 * Two engines, one for the live outline and one for captures: a capture (and
 * its straightened preview) must not wait in a worker's queue behind a live
 * outline started a moment before — that wait was most of the capture → page
 * time — and on a 2-core counter PC the two then run side by side.
 */
export class SplitCaptureEngine implements CaptureEngine {
  constructor(
    private readonly live: CaptureEngine,
    private readonly still: CaptureEngine,
  ) {}

  detectLive(frame: RgbaImage, expect?: PageExpectation): Promise<PageDetection> {
    return this.live.detectLive(frame, expect);
  }

  capture(slot: string, frame: RgbaImage, expect?: PageExpectation, hint?: CaptureHint): Promise<PageDetection> {
    return this.still.capture(slot, frame, expect, hint);
  }

  render(spec: RenderSpec, quality: RenderQuality): Promise<RgbaImage> {
    return this.still.render(spec, quality);
  }

  drop(slot: string): void {
    this.still.drop(slot);
  }

  dispose(): void {
    this.live.dispose();
    this.still.dispose();
  }
}

/** The engine made for the clerk page: a live-outline worker and a capture worker, each falling back to the page on its own. */
export function createCaptureEngine(options: CaptureEngineOptions = {}): CaptureEngine {
  const log = options.log ?? defaultLog;
  // Both fall back for the same reason (the page cannot run workers): say it once.
  let said = false;
  const logOnce = (message: string) => {
    if (said) return;
    said = true;
    log(message);
  };
  const make = () => new FallbackCaptureEngine(options.createWorker ?? defaultWorker, logOnce, options.readyTimeoutMs);
  return new SplitCaptureEngine(make(), make());
}
