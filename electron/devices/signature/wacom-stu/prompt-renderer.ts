/**
 * The prompt drawn by a browser: the prompt page (prompt-page.ts) rasterized
 * to PNG at the screen's size (the slips' PdfRenderer.rasterize: headless
 * Chromium or Electron), decoded to RGBA for image.ts.
 */
import { PNG } from 'pngjs';
import type { PromptRenderer } from './stu-driver';
import type { RgbaBitmap } from './image';
import { promptPage } from './prompt-page';

export type Rasterize = (html: string, width: number, height: number) => Promise<Buffer>;

export function browserPromptRenderer(rasterize: Rasterize): PromptRenderer {
  return async (prompt, width, height, colour) => decodePng(await rasterize(promptPage(prompt, width, height, colour), width, height));
}

export function decodePng(png: Buffer): RgbaBitmap {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length) };
}
