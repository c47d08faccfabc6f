/**
 * The document camera's rows measured for real in Chromium (issue 11), for
 * test/bench/camera.ts: the web shell (services on a temp data directory) and
 * Debian's Chromium with its fake camera playing the simulated document scene
 * (.y4m, test/support/y4m.ts), as test/e2e/camera.test.ts does; needs
 * `npm run build` (out/renderer).
 *
 * - capture → page on screen: the capture panel's own figure (the "309 毫秒"
 *   next to 保存, data-ms of capture-review): from the capture key, through
 *   the full-size grab (data-read-by: the camera's frame through WebCodecs,
 *   or a canvas), the refined outline and the straightened preview in
 *   the worker, to the page drawn on the review canvas. Several captures,
 *   each saved (保存) before the next, as a clerk does; the first warms the
 *   worker and is not counted. Once more with each capture pressed as soon
 *   as the last page is saved, before the live outline of the new look: the
 *   live detector's quick look at a small copy gives the outline to refine.
 * - live outlines per second: the rate the panel's live preview reports
 *   (data-fps of capture-live-rate, outlines finished in the last second),
 *   sampled once a second while the panel looks at the fake camera.
 *
 * Every process and file it makes is gone when it returns, even on failure.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Size } from '../../shared/domain/camera/geometry';
import { launchChromium, RENDERER_DIR } from '../e2e/chromium';
import { startShell, type Running } from '../integration/web-shell-harness';
import { documentSceneY4m } from '../support/y4m';
import type { BenchRow } from './table';

/** 个体工商户设立登记, whose 申请书 (material `application`) takes pages from the camera. */
const ITEM = '0100120001-419900-001';

const byId = (page: Page, id: string) => page.getByTestId(id);

/** Polls the page until `read` returns a value `ok` accepts; throws with `label` past the timeout. */
async function pollPage<T>(read: () => Promise<T>, ok: (value: T) => boolean, label: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`高拍仪基准测试：等待超时（${label}），最后为 ${String(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface BrowserCameraResult {
  /** The camera's size as the panel shows it (the fake device's granted mode), e.g. 1280×720. */
  granted: string;
  /** How the panel read the captured frames (webcodecs, or canvas where it could not). */
  readBy: string;
  captureMs: number[];
  liveFps: number[];
}

/**
 * One session: Chromium playing `size` frames of the scene, a case opened to 材料审查, the 申请书's capture
 * panel open; `captures` captures timed (after one warm-up), then `liveSeconds` of the live rate.
 */
export async function measureInChromium(size: Size, options: { captures: number; liveSeconds: number; frames: number; atOnce?: boolean }): Promise<BrowserCameraResult> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-bench-camera-'));
  let browser: Browser | undefined;
  let running: Running | undefined;
  try {
    const y4m = join(dir, 'document-scene.y4m');
    // Few frames at 8 MP (12 MB each); Chromium loops the file.
    documentSceneY4m(y4m, { seconds: options.frames / 10, fps: 10, size });
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    running = await startShell({ dataDir, rendererDir: RENDERER_DIR, config: { devices: { camera: { mode: 'hardware' } } } });
    browser = await launchChromium({ fakeCamera: y4m });
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(running.shell.url);
    await byId(page, 'device-chip-idcard').waitFor({ timeout: 30_000 });

    // A case at 材料审查: the applicant's card (F2), the item, the checklist.
    await page.keyboard.press('F2');
    await pollPage(() => byId(page, 'applicant-name').innerText(), (t) => t.length > 0, '读卡');
    await byId(page, `item-option-${ITEM}`).click();
    await byId(page, 'material-checklist').waitFor();

    // The 申请书's capture panel (F4 on its row); the fake camera open and the page outlined.
    await byId(page, 'material-row-application').focus();
    await page.keyboard.press('F4');
    await byId(page, 'capture-panel').waitFor();
    await pollPage(() => byId(page, 'capture-detect').getAttribute('data-reason'), (r) => r === 'found', '实时框选找到页面', 60_000);
    const shown = await byId(page, 'capture-camera').innerText();
    const granted = /\d+×\d+/.exec(shown)?.[0] ?? shown.trim();

    // The live rate first, while the detector has the camera to itself.
    const liveFps: number[] = [];
    await pollPage(() => byId(page, 'capture-live-rate').getAttribute('data-fps'), (f) => f !== null, '实时框选速率');
    for (let s = 0; s < options.liveSeconds; s++) {
      await new Promise((r) => setTimeout(r, 1000));
      liveFps.push(Number(await byId(page, 'capture-live-rate').getAttribute('data-fps')));
    }

    const captureMs: number[] = [];
    const readBy = new Set<string>();
    for (let i = 0; i < options.captures + 1; i++) {
      // atOnce: each capture as soon as the last page is saved, before the live outline of the new look (the first waits).
      if (!options.atOnce || i === 0) await pollPage(() => byId(page, 'capture-detect').getAttribute('data-reason'), (r) => r === 'found', '重拍后实时框选', 60_000);
      await page.keyboard.press('Space');
      await byId(page, 'capture-review').waitFor({ timeout: 60_000 });
      await pollPage(() => byId(page, 'capture-review').getAttribute('data-ready'), (r) => r === 'true', '拉正的页面上屏', 60_000);
      const ms = Number(await pollPage(() => byId(page, 'capture-review').getAttribute('data-ms'), (m) => m !== null, '拍摄耗时'));
      if (i > 0) captureMs.push(ms); // the first capture warms the worker
      readBy.add((await byId(page, 'capture-review').getAttribute('data-read-by')) ?? '?');
      // 保存, as the clerk would: it waits for the full page, which the worker renders after the preview; a 重拍
      // straight away would queue the next capture behind that render and time the two together.
      await byId(page, 'capture-save').click();
      await pollPage(() => byId(page, 'page-strip').getAttribute('data-pages'), (n) => Number(n) === i + 1, '页面已保存');
      await byId(page, 'capture-review').waitFor({ state: 'detached', timeout: 30_000 });
      // After the material's first page the panel asks whether to mark it 已收: yes.
      if (i === 0) {
        await byId(page, 'capture-mark-received').click({ timeout: 30_000 });
        await byId(page, 'capture-ask-received').waitFor({ state: 'detached', timeout: 30_000 });
      }
    }
    await context.close();
    return { granted, readBy: [...readBy].join('+'), captureMs, liveFps };
  } finally {
    await browser?.close();
    await running?.stop();
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** The rows: capture → page at 1280×720 and at 8 MP, and the live outline rate at 1280×720. */
export async function browserCameraRows(runs: number): Promise<BenchRow[]> {
  const captures = Math.max(3, runs);
  const hd = await measureInChromium({ width: 1280, height: 720 }, { captures, liveSeconds: Math.max(5, runs), frames: 20 });
  const rows: BenchRow[] = [
    {
      name: `拍摄→页面上屏 Chromium 1280×720（模拟摄像头给出 ${hd.granted}，${hd.readBy} 读帧，${hd.captureMs.length} 次）`,
      samples: hd.captureMs,
      unit: 'ms',
      limit: 300,
      limitKind: '拍摄→页面上屏 (issue)',
    },
    {
      name: `实时框选速率 Chromium 1280×720（面板工作线程，${hd.liveFps.length} 秒）`,
      samples: hd.liveFps,
      unit: '次/秒',
      limit: 10,
      limitKind: '≥ 10 帧/秒 (issue)',
      better: 'higher',
    },
  ];
  const atOnce = await measureInChromium({ width: 1280, height: 720 }, { captures, liveSeconds: 0, frames: 20, atOnce: true });
  rows.push({
    name: `拍摄→页面上屏 Chromium 1280×720，保存后立即再拍（尚无实时框选，${atOnce.captureMs.length} 次）`,
    samples: atOnce.captureMs,
    unit: 'ms',
    limit: 300,
    limitKind: '拍摄→页面上屏 (issue)',
  });
  const mp8 = await measureInChromium({ width: 3264, height: 2448 }, { captures, liveSeconds: 0, frames: 3 });
  rows.push({
    name: `拍摄→页面上屏 Chromium 8 MP（模拟摄像头给出 ${mp8.granted}，${mp8.readBy} 读帧，${mp8.captureMs.length} 次）`,
    samples: mp8.captureMs,
    unit: 'ms',
    limit: 300,
    limitKind: '拍摄→页面上屏 (issue)',
  });
  return rows;
}
