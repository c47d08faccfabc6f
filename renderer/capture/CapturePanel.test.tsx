import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CameraSettings, CaseCaptures, CapturePage } from '../../shared/contract';
import type { MaterialCheck } from '../../shared/domain/case';
import type { Quad } from '../../shared/domain/camera/geometry';
import type { RgbaImage } from '../../shared/domain/camera/image';
import type { PageDetection, PageExpectation } from '../../shared/domain/camera/detect';
import { item } from '../../shared/domain/case/test-kit';
import type { ServiceItem } from '../../shared/domain/catalogue/schema';
import { strings } from '../../shared/i18n';
import { CaseActionsProvider } from '../clerk/case/case-actions';
import { MaterialChecklist } from '../clerk/case/MaterialChecklist';
import { expectQuietConsole } from '../test-support/console-guard';
import { FakeCounterApi, sampleSnapshot } from '../test-support/fake-api';
import { CameraProvider, type CameraHandle, type CaptureEnvironment } from './camera-context';
import type { CaptureEngine } from './capture-engine';
import type { CameraState } from './document-camera';
import type { CaptureHint, RenderSpec } from './page-render';

const c = strings.camera.capture;
expectQuietConsole();
afterEach(cleanup);

const QUAD: Quad = [
  [4, 3],
  [36, 4],
  [35, 27],
  [5, 26],
];

/** 申请书 (pages) and 居民身份证 (front and back) of the test item. */
const testItem: ServiceItem = {
  ...item,
  materials: [
    { ...item.materials[0]!, id: 'application', name: '申请书' },
    { ...item.materials[0]!, id: 'id-card', name: '居民身份证' },
  ],
};

function image(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** A camera whose stream is a stand-in (happy-dom has no getUserMedia): the panel only hands it to the video. */
function fakeCamera(mode: CameraSettings['mode']): CameraHandle & { opened: number; closed: number } {
  const state: CameraState = {
    settings: { mode, document: null, face: null, jpegQuality: 0.8 },
    report: { state: mode === 'simulated' ? 'simulated' : 'unconfigured', label: c.simulated, width: 1280, height: 960, frameRate: 12, reason: '' },
    streaming: false,
  };
  return {
    opened: 0,
    closed: 0,
    current: state,
    subscribe: () => () => {},
    start: async () => {},
    stop: () => {},
    async open() {
      this.opened++;
      return new MediaStream();
    },
    close() {
      this.closed++;
    },
  };
}

/** The detector and page operations as a script: what they were asked, what they answer. */
class FakeEngine implements CaptureEngine {
  live: PageDetection = { corners: QUAD, confidence: 0.9, reason: 'found' };
  onCapture: PageDetection = { corners: QUAD, confidence: 0.9, reason: 'found' };
  readonly renders: { spec: RenderSpec; quality: string }[] = [];
  readonly dropped: string[] = [];
  /** The live detector's calls (the preview's, and a capture's quick look), and the hints the captures were given. */
  liveCalls = 0;
  readonly hints: (CaptureHint | undefined)[] = [];
  async detectLive(): Promise<PageDetection> {
    this.liveCalls++;
    return this.live;
  }
  async capture(_slot: string, _frame: RgbaImage, _expect?: PageExpectation, hint?: CaptureHint): Promise<PageDetection> {
    this.hints.push(hint);
    return this.onCapture;
  }
  async render(spec: RenderSpec, quality: 'preview' | 'full'): Promise<RgbaImage> {
    this.renders.push({ spec: structuredClone(spec), quality });
    return quality === 'full' ? image(2480, 3508) : image(21, 30);
  }
  drop(slot: string): void {
    this.dropped.push(slot);
  }
  dispose(): void {}
}

function environment(mode: CameraSettings['mode'] = 'simulated') {
  const engine = new FakeEngine();
  /** Runs as the camera's full frame is read for a capture (after the key press, before the detector is asked). */
  const onFullRead: { run: (() => void) | null } = { run: null };
  const camera = fakeCamera(mode);
  const jpegs: { quality: number; width: number }[] = [];
  const env: CaptureEnvironment = {
    camera,
    createEngine: () => engine,
    io: {
      frameSource: () => ({
        size: () => ({ width: 40, height: 30 }),
        grab: () => ({ image: image(20, 15), display: null, source: { width: 40, height: 30 } }),
        capture: async () => {
          onFullRead.run?.();
          return { image: image(40, 30), display: null, source: { width: 40, height: 30 }, readBy: 'webcodecs' };
        },
      }),
      async encodeJpeg(img, quality) {
        jpegs.push({ quality, width: img.width });
        return 'AAAA';
      },
      draw: () => {},
      picture: () => null,
    },
  };
  return { env, engine, camera, jpegs, onFullRead };
}

/** A capture service in memory: pages per material, as the real one answers. */
function captureService(api: FakeCounterApi) {
  const pages = new Map<string, CapturePage[]>();
  let next = 1;
  const view = (): CaseCaptures => ({
    caseId: 'C1',
    materials: [...pages.entries()]
      .filter(([, list]) => list.length > 0)
      .map(([materialId, list]) => ({
        materialId,
        materialName: materialId,
        pages: list.map((p, index) => ({ ...p, index })),
        pdf: { pages: list.length, bytes: 1000 * list.length, updatedAt: '2026-03-02T01:00:00.000Z' },
      })),
  });
  api.handlers.getCaptures = () => view();
  api.handlers.addCapturePage = ({ materialId, kind, mode, width, height }) => {
    const list = pages.get(materialId) ?? [];
    list.push({ id: `p${next++}`, index: list.length, kind, mode, capturedAt: '2026-03-02T01:00:00.000Z', width, height, bytes: 4 });
    pages.set(materialId, list);
    return { ok: true, message: '', captures: view() };
  };
  api.handlers.moveCapturePage = ({ pageId, toIndex }) => {
    for (const list of pages.values()) {
      const from = list.findIndex((p) => p.id === pageId);
      if (from >= 0) list.splice(toIndex, 0, ...list.splice(from, 1));
    }
    return { ok: true, message: '', captures: view() };
  };
  api.handlers.deleteCapturePage = ({ pageId }) => {
    for (const [key, list] of pages) pages.set(key, list.filter((p) => p.id !== pageId));
    return { ok: true, message: '', captures: view() };
  };
  api.handlers.getCapturePage = () => ({ ok: true, message: '', jpeg: 'AAAA' });
  return pages;
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function show(options: { mode?: CameraSettings['mode']; checks?: MaterialCheck[] } = {}) {
  const api = new FakeCounterApi(sampleSnapshot());
  const pages = captureService(api);
  const fake = environment(options.mode);
  render(
    <CaseActionsProvider api={api} online caseKey="C1">
      <CameraProvider api={api} online environment={fake.env}>
        <MaterialChecklist item={testItem} checks={options.checks ?? []} editable />
      </CameraProvider>
    </CaseActionsProvider>,
  );
  await settle();
  return { api, pages, ...fake };
}

const byId = (id: string) => screen.getByTestId(id);
const press = async (key: string, target: Element | Window = window) => {
  await act(async () => {
    fireEvent.keyDown(target, { key });
  });
  await settle();
};

describe('拍摄 in 材料审查', () => {
  it('puts 拍摄 on each material; F4 opens the panel for the focused row, which says plainly it is the simulated camera', async () => {
    const { camera } = await show();
    expect(byId('material-application-capture')).toBeTruthy();
    expect(byId('material-id-card-capture')).toBeTruthy();
    byId('material-row-id-card').focus();
    await press('F4');
    expect(byId('capture-panel').textContent).toContain(c.title('居民身份证'));
    expect(byId('capture-simulated').textContent).toBe(c.simulated);
    expect(camera.opened).toBe(1);
    // Esc closes the panel (and not the case behind it); the camera is let go.
    await press('Escape', byId('capture-panel'));
    expect(screen.queryByTestId('capture-panel')).toBeNull();
    expect(camera.closed).toBeGreaterThanOrEqual(1);
  });

  it('has no 拍摄 when the camera is disabled', async () => {
    await show({ mode: 'disabled' });
    expect(screen.queryByTestId('material-application-capture')).toBeNull();
    await press('F4');
    expect(screen.queryByTestId('capture-panel')).toBeNull();
  });
});

describe('the capture panel', () => {
  it('captures with Space, keeps the page with Enter as JPEG at the configured quality, then offers to mark the material 已收', async () => {
    const { api, engine, jpegs } = await show();
    fireEvent.click(byId('material-application-capture'));
    await settle();
    expect(byId('capture-detect').dataset.reason).toBe('found');
    await press(' ');
    expect(byId('capture-review').dataset.ready).toBe('true');
    expect(engine.renders[0]).toMatchObject({ quality: 'preview', spec: { kind: 'page', side: { quad: QUAD, turns: 0 }, mode: 'colour' } });
    // The preview was asked for once, as soon as the outline was known (not again when React drew the draft); then the corner
    // editor's picture of the frame (read through WebCodecs, it has none), then the full page.
    expect(engine.renders.map((r) => [r.spec.kind, r.quality])).toEqual([
      ['page', 'preview'],
      ['frame', 'preview'],
      ['page', 'full'],
    ]);
    expect(engine.renders[1]!.spec).toEqual({ kind: 'frame', slot: 's1', longSide: 1200 });
    // 旋转 and 黑白 re-render the preview with the new spec.
    fireEvent.click(byId('capture-rotate'));
    fireEvent.click(byId('capture-mode-bw'));
    await settle();
    expect(engine.renders.at(-1)!.spec).toMatchObject({ kind: 'page', side: { turns: 1 }, mode: 'bw' });
    await press('Enter');
    const added = api.calls.filter((call) => call.method === 'addCapturePage');
    expect(added).toHaveLength(1);
    expect(added[0]!.params).toMatchObject({ materialId: 'application', kind: 'page', mode: 'bw', jpeg: 'AAAA', width: 2480, height: 3508 });
    expect(jpegs).toEqual([{ quality: 0.8, width: 2480 }]);
    expect(byId('page-strip').dataset.pages).toBe('1');
    // The first page of a material: 是否将该材料标记为已收？
    expect(byId('capture-ask-received').textContent).toContain(c.markReceived.question);
    fireEvent.click(byId('capture-mark-received'));
    await settle();
    expect(api.calls.find((call) => call.method === 'caseAction')?.params).toEqual({
      action: { type: 'checkMaterial', materialId: 'application', result: { status: 'received' } },
    });
  });

  it('does not ask again for a material already 已收, and moves and deletes kept pages', async () => {
    const { api } = await show({ checks: [{ materialId: 'application', result: { status: 'received' }, at: '2026-03-02T01:00:00.000Z' } as MaterialCheck] });
    fireEvent.click(byId('material-application-capture'));
    await settle();
    for (let i = 0; i < 2; i++) {
      await press(' ');
      await press('Enter');
    }
    expect(byId('page-strip').dataset.pages).toBe('2');
    expect(screen.queryByTestId('capture-ask-received')).toBeNull();
    const first = byId('strip-page-0').dataset.pageId;
    fireEvent.click(byId('strip-later-0'));
    await settle();
    expect(byId('strip-page-1').dataset.pageId).toBe(first);
    expect(api.calls.find((call) => call.method === 'moveCapturePage')?.params).toEqual({ pageId: first, toIndex: 1 });
    fireEvent.click(byId('strip-delete-1'));
    await settle();
    expect(byId('page-strip').dataset.pages).toBe('1');
    // 重拍 of a kept page replaces it.
    fireEvent.click(byId('strip-retake-0'));
    await settle();
    const replaced = byId('strip-page-0').dataset.pageId;
    await press(' ');
    await press('Enter');
    expect(api.calls.filter((call) => call.method === 'addCapturePage').at(-1)!.params).toMatchObject({ replacePageId: replaced });
  });

  it('says when the detector is unsure, opens 调整边角 on such a capture, and re-straightens after a corner moves by keyboard', async () => {
    const { engine } = await show();
    engine.live = { corners: null, confidence: 0.2, reason: 'unsure' };
    engine.onCapture = { corners: null, confidence: 0.2, reason: 'unsure' };
    fireEvent.click(byId('material-application-capture'));
    await settle();
    expect(byId('capture-detect').textContent).toBe(c.live.unsure);
    await press(' ');
    expect(byId('capture-note').textContent).toBe(c.live.unsure);
    expect(byId('corner-editor')).toBeTruthy();
    // Nothing found at all: most of the frame (40 × 30), for the clerk to adjust.
    const handle = byId('corner-handle-0');
    expect([handle.dataset.x, handle.dataset.y]).toEqual(['4', '3']);
    fireEvent.keyDown(handle, { key: 'ArrowRight', shiftKey: true });
    fireEvent.keyUp(handle, { key: 'ArrowRight' });
    await settle();
    const quad = (engine.renders.at(-1)!.spec as Extract<RenderSpec, { kind: 'page' }>).side.quad;
    expect(quad[0][0]).toBeGreaterThan(4);
    expect(quad[1]).toEqual([36, 3]);
  });

  it('opens 调整边角 on the detector\'s guess when it is unsure, else on the unsure outline seen live', async () => {
    const { engine } = await show();
    const guess: Quad = [
      [6, 5],
      [33, 4],
      [34, 26],
      [7, 25],
    ];
    engine.live = { corners: null, confidence: 0.4, reason: 'unsure', guess: [[2, 2], [18, 2], [18, 13], [2, 13]] };
    engine.onCapture = { corners: null, confidence: 0.4, reason: 'unsure', guess };
    fireEvent.click(byId('material-application-capture'));
    await settle();
    await press(' ');
    expect(byId('capture-note').textContent).toBe(c.live.unsure);
    const corners = () => [0, 1, 2, 3].map((i) => [Number(byId(`corner-handle-${i}`).dataset.x), Number(byId(`corner-handle-${i}`).dataset.y)]);
    expect(corners()).toEqual(guess);
    // No guess on capture: the live preview's unsure outline (drawn dashed, grabbed at half size), in the frame's pixels.
    fireEvent.click(byId('capture-retake'));
    await settle();
    engine.onCapture = { corners: null, confidence: 0.2, reason: 'unsure' };
    await press(' ');
    expect(corners()).toEqual([
      [4, 4],
      [36, 4],
      [36, 26],
      [4, 26],
    ]);
  });

  it('refines the live outline on capture, without a quick look, when one is on screen', async () => {
    const { engine } = await show();
    fireEvent.click(byId('material-application-capture'));
    await settle();
    const before = engine.liveCalls;
    await press(' ');
    // The live outline was grabbed at half size: in the frame's pixels, twice its corners.
    expect(engine.hints).toEqual([{ quad: QUAD.map(([x, y]) => [2 * x, 2 * y]), confidence: 0.9 }]);
    expect(engine.liveCalls).toBe(before);
  });

  it('pressed before the live detector has found the page, takes a quick look with it and refines that outline', async () => {
    const { engine, onFullRead } = await show();
    engine.live = { corners: null, confidence: 0, reason: 'noPage' };
    fireEvent.click(byId('material-application-capture'));
    await settle();
    expect(byId('capture-detect').dataset.reason).toBe('noPage');
    // The page comes into view as the key is pressed: the quick look finds it.
    onFullRead.run = () => void (engine.live = { corners: QUAD, confidence: 0.95, reason: 'found' });
    const before = engine.liveCalls;
    await press(' ');
    expect(engine.liveCalls).toBe(before + 1);
    expect(engine.hints).toEqual([{ quad: QUAD.map(([x, y]) => [2 * x, 2 * y]), confidence: 0.95 }]);
    expect(byId('capture-review').dataset.ready).toBe('true');
  });

  it('gives the capture no outline to refine when the quick look is unsure: the capture searches the whole frame', async () => {
    const { engine } = await show();
    engine.live = { corners: null, confidence: 0.3, reason: 'unsure', guess: QUAD };
    fireEvent.click(byId('material-application-capture'));
    await settle();
    await press(' ');
    expect(engine.hints).toEqual([undefined]);
    expect(byId('capture-review').dataset.ready).toBe('true');
  });

  it('captures an ID card front then back and keeps them as one idCard page', async () => {
    const { api, engine } = await show();
    fireEvent.click(byId('material-id-card-capture'));
    await settle();
    expect(byId('capture-prompt').textContent).toBe(c.live.front);
    await press(' ');
    expect(screen.queryByTestId('capture-save')).toBeNull();
    expect(byId('capture-next-side')).toBeTruthy();
    await press(' ');
    expect(engine.renders.at(-1)!.spec).toMatchObject({ kind: 'idCard', front: { slot: 's1' }, back: { slot: 's2' } });
    fireEvent.click(byId('capture-save'));
    await settle();
    expect(api.calls.find((call) => call.method === 'addCapturePage')?.params).toMatchObject({ materialId: 'id-card', kind: 'idCard' });
    expect(byId('strip-page-0').dataset.kind).toBe('idCard');
  });
});
