/**
 * Renders the app icon's source (resources/build/icon.svg) to the 512×512 PNG
 * electron-builder takes for every platform (it makes the Windows .ico and the
 * Linux sizes from it). Run after changing the SVG, and commit both:
 *
 *   npm run icon
 *
 * `npm run package:check` fails when the PNG is missing, not a PNG, smaller
 * than 512×512 or not square, and when the SVG is missing; it cannot tell a
 * PNG left stale by an SVG edit, so render after every change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(__dirname, '..');
const svg = readFileSync(join(root, 'resources', 'build', 'icon.svg'), 'utf8');

void (async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: join(root, 'resources', 'build', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
})();
