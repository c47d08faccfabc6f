/**
 * The pad's prompt: the page (pure) and its pixels drawn by the slips'
 * headless Chromium (ChromiumPdfRenderer.rasterize), decoded from PNG.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../services/platform/chromium';
import { ChromiumPdfRenderer } from '../../../services/slips/chromium-pdf-renderer';
import { encodeMono } from './image';
import { promptLayout, promptPage } from './prompt-page';
import { browserPromptRenderer } from './prompt-renderer';

const PROMPT = { slipTitle: '受理通知书', itemName: '<b>个体工商户</b> & "设立"', caseNumber: 'SL-2025-000123', instruction: '请在框内签名' };

describe('promptPage', () => {
  it('escapes case text and sizes the page to the screen', () => {
    const html = promptPage(PROMPT, 320, 200, false);
    expect(html).toContain('&lt;b&gt;个体工商户&lt;/b&gt; &amp; &quot;设立&quot;');
    expect(html).not.toContain('<b>个体工商户');
    expect(html).toContain('width:320px;height:200px');
    expect(html).not.toMatch(/<script/i);
  });

  it('puts the box below the text, inside the screen', () => {
    for (const [w, h] of [[320, 200], [800, 480], [396, 100]] as const) {
      const { box, textHeight } = promptLayout(w, h);
      expect(box.top).toBe(textHeight);
      expect(box.left).toBeGreaterThan(0);
      expect(box.right).toBeLessThan(w);
      expect(box.bottom).toBeLessThan(h);
      expect(box.bottom - box.top).toBeGreaterThan(h / 3);
    }
  });
});

describe('the prompt drawn by headless Chromium', () => {
  const renderer = new ChromiumPdfRenderer(findChromium());
  afterAll(() => renderer.close());

  it('is a PNG of exactly the screen size with the text and the box in ink', async () => {
    const draw = browserPromptRenderer((html, w, h) => renderer.rasterize(html, w, h));
    const bitmap = await draw(PROMPT, 320, 200, false);
    expect([bitmap.width, bitmap.height]).toEqual([320, 200]);
    const mono = encodeMono(bitmap);
    const inkAt = (x: number, y: number) => (mono[y * 40 + (x >> 3)]! & (0x80 >> (x & 7))) === 0;
    const { box, textHeight } = promptLayout(320, 200);
    // The box's border, and a clear inside.
    expect(inkAt(box.left, (box.top + box.bottom) >> 1)).toBe(true);
    expect(inkAt((box.left + box.right) >> 1, box.bottom)).toBe(true);
    expect(inkAt((box.left + box.right) >> 1, (box.top + box.bottom) >> 1)).toBe(false);
    // The text band carries the four lines: a good share of inked pixels, not a blank (no font) or a block.
    let inked = 0;
    for (let y = 0; y < textHeight; y++) for (let x = 0; x < 320; x++) if (inkAt(x, y)) inked++;
    expect(inked).toBeGreaterThan(320 * textHeight * 0.02);
    expect(inked).toBeLessThan(320 * textHeight * 0.6);
  });

  it('leaves slips rendering as before (the same page, its viewport put back)', async () => {
    await renderer.rasterize(promptPage(PROMPT, 800, 480, true), 800, 480);
    const pdf = await renderer.render('<!doctype html><p>受理通知书</p>', 'a4');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
