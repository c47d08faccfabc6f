import type { Browser, Page } from 'playwright-core';
import type { SlipPaper } from '../../../shared/domain/slips/slip-html';
import { strings } from '../../../shared/i18n';
import { launchChromiumOwningItsRuntime } from '../platform/chromium';
import type { PdfRenderer } from './pdf-renderer';
import { RECEIPT_CONTENT_WIDTH_PX, receiptPageHeightPx } from './receipt-page';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Renders slips with a headless Chromium found on the machine. The browser
 * starts on first use and stays up: a cold start costs far more than a page.
 * Pages run with JavaScript off: a slip is static HTML and case text must
 * never execute.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Promise<Browser> | null = null;
  /** One page, reused: a fresh context per slip costs more than the slip itself. */
  private page: Promise<Page> | null = null;
  /** Slips render one at a time on the shared page. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly executablePath: string | null) {}

  render(html: string, paper: SlipPaper): Promise<Buffer> {
    const run = this.queue.then(() => this.renderNow(html, paper));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A PNG of the page at exactly width × height, on the same page and queue as the slips. */
  rasterize(html: string, width: number, height: number): Promise<Buffer> {
    const run = this.queue.then(() => this.rasterizeNow(html, width, height));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rasterizeNow(html: string, width: number, height: number): Promise<Buffer> {
    const page = await this.openPage();
    const viewport = page.viewportSize();
    try {
      await page.setViewportSize({ width, height });
      await page.setContent(html, { waitUntil: 'load' });
      return await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height }, animations: 'disabled' });
    } catch (error) {
      this.page = null;
      await page.context().close().catch(() => undefined);
      throw error;
    } finally {
      // The slips after this one lay out as before.
      if (viewport && this.page) await page.setViewportSize(viewport).catch(() => undefined);
    }
  }

  private async renderNow(html: string, paper: SlipPaper): Promise<Buffer> {
    const page = await this.openPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      if (paper === 'a4') return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      // Receipt rolls have no fixed length: cut the page to the content.
      // A short viewport: the root's scroll height is never less than the viewport, and a short slip must measure short.
      await page.setViewportSize({ width: RECEIPT_CONTENT_WIDTH_PX, height: 100 });
      await page.emulateMedia({ media: 'print' });
      const heightPx = await page.evaluate('document.documentElement.scrollHeight');
      return await page.pdf({ width: '80mm', height: `${receiptPageHeightPx(Number(heightPx))}px`, printBackground: true });
    } catch (error) {
      // A page that failed once is not trusted again.
      this.page = null;
      await page.context().close().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }

  private openPage(): Promise<Page> {
    this.page ??= this.launch()
      .then(async (browser) => (await browser.newContext({ javaScriptEnabled: false, offline: true })).newPage())
      .catch((error: unknown) => {
        this.page = null;
        throw error;
      });
    return this.page;
  }

  private launch(): Promise<Browser> {
    if (!this.executablePath) return Promise.reject(new Error(strings.slipService.noChromium));
    this.browser ??= launchChromiumOwningItsRuntime({ executablePath: this.executablePath, args: FLAGS }).catch((error: unknown) => {
      this.browser = null;
      throw new Error(strings.slipService.chromiumFailed((error as Error).message), { cause: error });
    });
    return this.browser;
  }
}
