/**
 * What the STU screen shows while the applicant signs, as a standalone HTML
 * page of exactly the screen's size (pure; rasterized by the slips' headless
 * Chromium or Electron, JavaScript off). The signing box's place comes from
 * `promptLayout`, which the driver also uses for the pad's writing area, so
 * the ink lands where the box is drawn.
 */
import type { PadPrompt } from '../../../../shared/domain/signature/pen';
import type { ScreenRect } from './codec';

export interface PromptLayout {
  /** The signing box, in screen pixels (right/bottom inclusive, as the 0x2A writing area takes them). */
  box: ScreenRect;
  /** Height of the text band above the box, in pixels. */
  textHeight: number;
  /** Line height for the text, in pixels. */
  lineHeight: number;
}

/** The top 40 % carries four lines of text; the box fills the rest, inset by a margin. */
export function promptLayout(width: number, height: number): PromptLayout {
  const textHeight = Math.round(height * 0.4);
  const margin = Math.max(4, Math.round(Math.min(width, height) * 0.03));
  return {
    box: { left: margin, top: textHeight, right: width - 1 - margin, bottom: height - 1 - margin },
    textHeight,
    lineHeight: Math.floor((textHeight - margin) / 4),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The prompt page. `colour` false: black on white only (a 1-bit screen
 * thresholds every pixel; grey text would break up), bold text so thin CJK
 * strokes survive the threshold.
 */
export function promptPage(prompt: PadPrompt, width: number, height: number, colour: boolean): string {
  const { box, lineHeight } = promptLayout(width, height);
  const margin = box.left;
  const font = Math.max(10, Math.floor(lineHeight * 0.8));
  const accent = colour ? '#0b4f9c' : '#000';
  const lines = [
    `<div class="t" style="color:${accent}">${escapeHtml(prompt.slipTitle)}</div>`,
    `<div>${escapeHtml(prompt.itemName)}</div>`,
    `<div>${escapeHtml(prompt.caseNumber)}</div>`,
    `<div class="i" style="color:${colour ? '#b00020' : '#000'}">${escapeHtml(prompt.instruction)}</div>`,
  ].join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
html,body{margin:0;padding:0;width:${width}px;height:${height}px;overflow:hidden;background:#fff;color:#000}
body{position:relative;font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;font-size:${font}px;line-height:${lineHeight}px;font-weight:${colour ? 400 : 700}}
.text{position:absolute;left:${margin}px;top:${Math.round(margin / 2)}px;right:${margin}px}
.text div{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.t,.i{font-weight:700}
.box{position:absolute;box-sizing:border-box;left:${box.left}px;top:${box.top}px;width:${box.right - box.left + 1}px;height:${box.bottom - box.top + 1}px;border:2px solid ${accent}}
</style></head><body><div class="text">${lines}</div><div class="box"></div></body></html>`;
}

