import { describe, expect, it } from 'vitest';
import type { Quad } from '../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../shared/domain/camera/image';
import { strings } from '../../shared/i18n';
import { until } from '../../test/support/until';
import { createCaptureEngine, FallbackCaptureEngine } from './capture-engine';
import { CAPTURE_WORKER_READY, type CaptureRequest, type CaptureWorkerMessage } from './capture-protocol';
import { answerCaptureRequest } from './capture-requests';
import { detectLive, detectOnCapture, renderPage } from './page-render';
import { renderSimulatedFrames } from './simulated-camera-frames';
import { renderSimulatedFrame, type SimulatedStart } from './simulated-camera-scene';

/** A light page on a dark desk: something for the detector to find. */
function deskFrame(width = 320, height = 240): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const onPage = x > 80 && x < 240 && y > 40 && y < 200;
      const v = onPage ? 235 : 40 + ((x * 7 + y * 13) % 11);
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}
const copy = (image: RgbaImage): RgbaImage => ({ ...image, data: new Uint8ClampedArray(image.data) });
const PAGE: Quad = [
  [81, 41],
  [239, 41],
  [239, 199],
  [81, 199],
];

/**
 * A stand-in Web Worker: records what the page posted (and whether frames
 * were handed over), and plays the worker's side on demand — load, answer
 * with the real request handler, or fail.
 */
class ScriptedWorker {
  onmessage: ((event: MessageEvent<CaptureWorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly posted: CaptureRequest[] = [];
  terminated = false;
  private readonly frames = new Map<string, RgbaImage>();
  constructor(private readonly answers: boolean) {}
  postMessage(message: CaptureRequest) {
    this.posted.push(message);
    if (this.answers) queueMicrotask(() => this.onmessage?.({ data: answerCaptureRequest(this.frames, message).response } as MessageEvent<CaptureWorkerMessage>));
  }
  load() {
    this.onmessage?.({ data: CAPTURE_WORKER_READY } as MessageEvent<CaptureWorkerMessage>);
  }
  /** What a module worker that cannot load (or crashes) fires: an error event, often without a message. */
  fail(message = '') {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
  terminate() {
    this.terminated = true;
  }
  asWorker(): Worker {
    return this as unknown as Worker;
  }
}

function logged() {
  const lines: string[] = [];
  return { lines, log: (line: string) => void lines.push(line) };
}

describe('capture engine: the page thread takes over when no worker runs', () => {
  it('a worker that cannot be created: the same detector and page functions run on the page, logged once, nothing thrown', async () => {
    const { lines, log } = logged();
    const engine = createCaptureEngine({
      createWorker: () => {
        throw new DOMException('Failed to construct Worker: file:// module workers are not allowed', 'SecurityError');
      },
      log,
    });
    const frame = deskFrame();
    expect(await engine.detectLive(copy(frame))).toEqual(detectLive(frame));
    expect(await engine.capture('s1', copy(frame))).toEqual(detectOnCapture(frame));
    const spec = { kind: 'page', side: { slot: 's1', quad: PAGE, turns: 0 }, mode: 'colour' } as const;
    const page = await engine.render(spec, 'preview');
    const direct = renderPage(new Map([['s1', frame]]), spec, 'preview');
    expect([page.width, page.height]).toEqual([direct.width, direct.height]);
    // Byte for byte (a deep equal of a million pixels would take the test's whole time).
    expect(Buffer.compare(Buffer.from(page.data.buffer), Buffer.from(direct.data.buffer))).toBe(0);
    engine.drop('s1');
    await expect(engine.render(spec, 'preview')).rejects.toThrow('no frame s1');
    expect(lines).toEqual([strings.camera.capture.log.workerFallback('Failed to construct Worker: file:// module workers are not allowed')]);
    engine.dispose();
  });

  it('a worker that fails to load: the requests made meanwhile run on the page with their frames intact (none was handed over)', async () => {
    const { lines, log } = logged();
    const worker = new ScriptedWorker(false);
    const engine = new FallbackCaptureEngine(() => worker.asWorker(), log);
    const frame = deskFrame();
    const live = engine.detectLive(copy(frame));
    const captured = engine.capture('s1', copy(frame));
    worker.fail();
    expect(await live).toEqual(detectLive(frame));
    expect(await captured).toEqual(detectOnCapture(frame));
    expect(worker.posted).toEqual([]);
    expect(worker.terminated).toBe(true);
    expect(engine.runsOn).toBe('page');
    // The frame kept on capture is on the page too: its page renders.
    const page = await engine.render({ kind: 'page', side: { slot: 's1', quad: PAGE, turns: 1 }, mode: 'colour' }, 'preview');
    expect(page.width).toBeGreaterThan(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(strings.camera.capture.log.workerFallback('capture worker failed'));
    engine.dispose();
  });

  it('a worker that never says it loaded is given up after the wait', async () => {
    const { lines, log } = logged();
    const worker = new ScriptedWorker(false);
    const engine = createCaptureEngine({ createWorker: () => worker.asWorker(), log, readyTimeoutMs: 1 });
    const frame = deskFrame();
    expect(await engine.detectLive(copy(frame))).toEqual(detectLive(frame));
    expect(worker.posted).toEqual([]);
    expect(lines).toEqual([strings.camera.capture.log.workerFallback('capture worker did not load')]);
    engine.dispose();
  });

  it('a worker that loads does the work; requests made before it loaded are sent once it has', async () => {
    const { lines, log } = logged();
    const worker = new ScriptedWorker(true);
    const engine = new FallbackCaptureEngine(() => worker.asWorker(), log);
    const frame = deskFrame();
    const early = engine.detectLive(copy(frame));
    expect(worker.posted).toEqual([]);
    worker.load();
    expect(await early).toEqual(detectLive(frame));
    expect(await engine.capture('s1', copy(frame))).toEqual(detectOnCapture(frame));
    expect(worker.posted.map((m) => m.op)).toEqual(['live', 'capture']);
    expect(engine.runsOn).toBe('worker');
    expect(lines).toEqual([]);
    engine.dispose();
    expect(worker.terminated).toBe(true);
  });

  it('a worker that crashes later: what it held fails once, the next requests run on the page', async () => {
    const { lines, log } = logged();
    const worker = new ScriptedWorker(false);
    const engine = new FallbackCaptureEngine(() => worker.asWorker(), log);
    worker.load();
    const frame = deskFrame();
    const lost = engine.detectLive(copy(frame));
    expect(worker.posted.map((m) => m.op)).toEqual(['live']);
    worker.fail('out of memory');
    await expect(lost).rejects.toThrow('out of memory');
    expect(await engine.detectLive(copy(frame))).toEqual(detectLive(frame));
    expect(worker.posted).toHaveLength(1);
    expect(lines).toEqual([strings.camera.capture.log.workerFallback('out of memory')]);
    engine.dispose();
  });
});

describe('capture engine: live outlines and captures run in two workers', () => {
  it('a capture is not queued behind a live outline still running: it goes to the other worker', async () => {
    const workers: ScriptedWorker[] = [];
    const engine = createCaptureEngine({
      createWorker: () => {
        // The first worker (live outlines) never answers: a capture queued behind it would never come back.
        const worker = new ScriptedWorker(workers.length > 0);
        workers.push(worker);
        return worker.asWorker();
      },
      log: () => {},
    });
    for (const worker of workers) worker.load();
    const frame = deskFrame();
    void engine.detectLive(copy(frame)).catch(() => {});
    expect(await engine.capture('s1', copy(frame))).toEqual(detectOnCapture(frame));
    const spec = { kind: 'page', side: { slot: 's1', quad: PAGE, turns: 0 }, mode: 'colour' } as const;
    expect((await engine.render(spec, 'preview')).width).toBeGreaterThan(0);
    expect(workers.map((w) => w.posted.map((m) => m.op))).toEqual([['live'], ['capture', 'render']]);
    engine.dispose();
    expect(workers.every((w) => w.terminated)).toBe(true);
  });
});

describe('simulated camera: its frames are rendered on the page when no worker runs', () => {
  const texture = (width: number, height: number, v: number): RgbaImage => ({ width, height, data: new Uint8ClampedArray(width * height * 4).fill(v) });
  const start: SimulatedStart = { type: 'start', width: 96, height: 72, frames: 3, step: 0.6, textures: { page: texture(21, 30, 240), card: texture(17, 11, 200) } };

  it('no worker: every frame of the loop, the same as the worker renders, logged once', async () => {
    const { lines, log } = logged();
    const got = new Map<number, RgbaImage>();
    const stop = renderSimulatedFrames(start, (index, frame) => got.set(index, frame), {
      createWorker: () => {
        throw new Error('Worker is not defined');
      },
      log,
    });
    await until(() => got.size === 3, { label: 'three simulated frames' });
    stop();
    expect([...got.keys()].sort()).toEqual([0, 1, 2]);
    expect(got.get(2)).toEqual(renderSimulatedFrame(start, 2));
    expect(lines).toEqual([strings.camera.capture.log.simulatedFallback('Worker is not defined')]);
  });

  it('a worker that fails after its first frame: the page renders the rest, not that one again', async () => {
    const { lines, log } = logged();
    const indices: number[] = [];
    let worker: { onmessage: ((event: MessageEvent) => void) | null; onerror: ((event: ErrorEvent) => void) | null; terminated: boolean } | null = null;
    const stop = renderSimulatedFrames(start, (index) => indices.push(index), {
      createWorker: () => {
        worker = { onmessage: null, onerror: null, terminated: false };
        return Object.assign(worker, { postMessage() {}, terminate: () => void (worker!.terminated = true) }) as unknown as Worker;
      },
      log,
    });
    worker!.onmessage!({ data: { type: 'frame', index: 0, frame: renderSimulatedFrame(start, 0) } } as MessageEvent);
    worker!.onerror!({ message: '', preventDefault() {} } as ErrorEvent);
    await until(() => indices.length === 3, { label: 'the remaining simulated frames' });
    stop();
    expect(indices).toEqual([0, 1, 2]);
    expect(worker!.terminated).toBe(true);
    expect(lines).toHaveLength(1);
  });
});
