/**
 * Regenerates the document camera's sample textures under resources/camera/
 * (issue 11): the pages and the ID card the simulated camera shows and the
 * synthetic labelled set is built from. Fake data only.
 *
 *   npx tsx scripts/camera-samples.ts
 *   npx tsx scripts/camera-samples.ts --preview [perKind]   # the labelled set as PNG in test-results/camera-dataset/, to look at
 *
 * The slips are the product's own: the sample slips of the slip tests,
 * rendered by the same HTML and headless-Chromium PDF path as a real slip,
 * then rasterised with pdftoppm at 100 dpi (an A4 page is 827 × 1169 px:
 * enough for a page that fills at most ~2000 px of an 8 MP frame). The ID
 * card is drawn as HTML at 10 px/mm (85.6 × 54 mm → 856 × 540 px) and
 * screenshot; it shows the fake person 张三 and is marked 样例 in red.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import type { RgbaImage } from '../shared/domain/camera/image';
import { labelledSet } from '../test/camera/dataset';
import { renderSlipHtml, type SlipPaper } from '../shared/domain/slips/slip-html';
import { SAMPLE_SLIPS } from '../test/fixtures/slips/sample-slips';
import { ChromiumPdfRenderer } from '../electron/services/slips/chromium-pdf-renderer';
import { qrSvg } from '../electron/services/slips/qr';
import { findChromium } from '../electron/services/platform/chromium';

const OUT = resolve(__dirname, '..', 'resources', 'camera');
const MAX_BYTES = 400 * 1024;
/** Card pixels per millimetre. */
const CARD_PX_PER_MM = 10;

async function renderSlipPng(renderer: ChromiumPdfRenderer, kind: string, paper: SlipPaper, file: string, work: string): Promise<void> {
  const slip = SAMPLE_SLIPS[kind];
  if (!slip) throw new Error(`no sample slip ${kind}`);
  const pdf = await renderer.render(renderSlipHtml(slip, await qrSvg(slip.lookupCode), paper), paper);
  const pdfFile = join(work, `${kind}-${paper}.pdf`);
  writeFileSync(pdfFile, pdf);
  const prefix = join(work, `${kind}-${paper}`);
  // First page only: a sample is one sheet of paper.
  execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
  renameSync(`${prefix}.png`, join(OUT, file));
}

const CARD_CSS = `
  * { margin: 0; padding: 0; box-sizing: border-box; }
  html, body { width: 856px; height: 540px; background: transparent; }
  body { font-family: 'WenQuanYi Micro Hei', sans-serif; }
  .card { position: relative; width: 856px; height: 540px; border-radius: 32px; overflow: hidden;
    background: radial-gradient(ellipse at 70% 40%, #f4f1e4 0%, #e6ecef 45%, #d5e2ea 100%); color: #1b1b1b; }
  .waves { position: absolute; inset: 0; }
  .sample { position: absolute; color: rgba(220, 30, 30, 0.55); font-weight: bold; transform: rotate(-18deg); letter-spacing: 8px; }
  .label { color: #2d5a8a; font-size: 26px; }
  .value { font-size: 30px; }
`;

/** Fine guilloche-like curves, as printed on the card, so the card is not a flat block. */
function waves(colour: string): string {
  const paths: string[] = [];
  for (let i = 0; i < 14; i++) {
    const y = 30 + i * 36;
    paths.push(`<path d="M0 ${y} C 200 ${y - 40}, 300 ${y + 40}, 428 ${y} S 700 ${y - 40}, 856 ${y}" stroke="${colour}" stroke-width="1.2" fill="none" opacity="0.5"/>`);
  }
  return `<svg class="waves" width="856" height="540" viewBox="0 0 856 540">${paths.join('')}</svg>`;
}

const CARD_FRONT = `<!doctype html><html><head><meta charset="utf-8"><style>${CARD_CSS}
  .photo { position: absolute; right: 48px; top: 70px; width: 230px; height: 290px; background: linear-gradient(#dfe6ea, #c9d3d9); border-radius: 6px; overflow: hidden; }
  .head { position: absolute; left: 65px; top: 45px; width: 100px; height: 125px; border-radius: 50%; background: #6d625b; }
  .shoulders { position: absolute; left: 15px; top: 175px; width: 200px; height: 160px; border-radius: 100px 100px 0 0; background: #3c4a5c; }
  .row { position: absolute; left: 48px; }
</style></head><body><div class="card">${waves('#9fb7c9')}
  <div class="row" style="top:58px"><span class="label">姓&#12288;名</span>&#12288;<span class="value">张三</span></div>
  <div class="row" style="top:118px"><span class="label">性&#12288;别</span>&#12288;<span class="value">男</span>&#12288;&#12288;<span class="label">民&#12288;族</span>&#12288;<span class="value">汉</span></div>
  <div class="row" style="top:178px"><span class="label">出&#12288;生</span>&#12288;<span class="value">1990&#12288;年&#12288;1&#12288;月&#12288;1&#12288;日</span></div>
  <div class="row" style="top:238px; width:520px; line-height:42px"><span class="label">住&#12288;址</span>&#12288;<span class="value">示例省示例市示例区<br>&#12288;&#12288;&#12288;&#12288;样例路 1 号</span></div>
  <div class="row" style="top:440px"><span class="label">公民身份号码</span>&#12288;<span class="value" style="letter-spacing:3px">000000199001010000</span></div>
  <div class="photo"><div class="head"></div><div class="shoulders"></div></div>
  <div class="sample" style="left:300px; top:300px; font-size:88px">样例</div>
</div></body></html>`;

const CARD_BACK = `<!doctype html><html><head><meta charset="utf-8"><style>${CARD_CSS}
  .emblem { position: absolute; left: 56px; top: 48px; width: 150px; height: 150px; border-radius: 50%; border: 10px solid #c8332b; background: #e8b84a; }
  .emblem::after { content: '★'; position: absolute; inset: 0; color: #c8332b; font-size: 80px; text-align: center; line-height: 130px; }
  .title { position: absolute; left: 250px; top: 70px; font-size: 40px; letter-spacing: 10px; font-weight: bold; }
  .title2 { position: absolute; left: 250px; top: 150px; font-size: 60px; letter-spacing: 16px; font-weight: bold; }
  .row { position: absolute; left: 150px; }
</style></head><body><div class="card">${waves('#c9b59f')}
  <div class="emblem"></div>
  <div class="title">中华人民共和国</div>
  <div class="title2">居民身份证</div>
  <div class="row" style="top:370px"><span class="label">签发机关</span>&#12288;<span class="value">示例市公安局样例分局</span></div>
  <div class="row" style="top:435px"><span class="label">有效期限</span>&#12288;<span class="value">2020.01.01-2040.01.01</span></div>
  <div class="sample" style="left:520px; top:230px; font-size:88px">样例</div>
</div></body></html>`;

async function renderCards(executablePath: string): Promise<void> {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await (await browser.newContext({ javaScriptEnabled: false, offline: true, viewport: { width: 856, height: 540 } })).newPage();
    for (const [file, html] of [
      ['id-card-front.png', CARD_FRONT],
      ['id-card-back.png', CARD_BACK],
    ] as const) {
      await page.setContent(html, { waitUntil: 'load' });
      // Transparent outside the rounded corners: the scene shows the desk there.
      const png = await page.screenshot({ type: 'png', omitBackground: true, clip: { x: 0, y: 0, width: 85.6 * CARD_PX_PER_MM, height: 54 * CARD_PX_PER_MM } });
      writeFileSync(join(OUT, file), png);
    }
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found (apt-get install chromium)');
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'camera-samples-'));
  const renderer = new ChromiumPdfRenderer(executablePath);
  try {
    await renderSlipPng(renderer, 'receipt', 'a4', 'page-receipt.png', work);
    await renderSlipPng(renderer, 'oneTimeNotice', 'a4', 'page-notice.png', work);
    await renderSlipPng(renderer, 'receipt', 'receipt80', 'slip-receipt80.png', work);
    await renderCards(executablePath);
  } finally {
    await renderer.close();
    rmSync(work, { recursive: true, force: true });
  }
  for (const file of readdirSync(OUT).filter((f) => f.endsWith('.png'))) {
    const bytes = statSync(join(OUT, file)).size;
    process.stdout.write(`${file}\t${(bytes / 1024).toFixed(0)} KB\n`);
    if (bytes > MAX_BYTES) throw new Error(`${file} is larger than ${MAX_BYTES / 1024} KB`);
  }
}

function writePng(file: string, image: RgbaImage): void {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length);
  writeFileSync(file, PNG.sync.write(png));
}

/** The labelled set written out as PNG, for a person to look at. */
function preview(perKind: number): void {
  const dir = resolve(__dirname, '..', 'test-results', 'camera-dataset');
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const frames = labelledSet({ perKind });
  process.stdout.write(`${frames.length} frames in ${Math.round(performance.now() - started)} ms → ${dir}\n`);
  for (const f of frames) writePng(join(dir, `${f.name}.png`), f.frame);
}

const previewAt = process.argv.indexOf('--preview');
if (previewAt >= 0) preview(Number(process.argv[previewAt + 1] ?? 8) || 8);
else main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
