import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startShell, type Running, type ShellOptions } from '../integration/web-shell-harness';
import { launchChromium, RENDERER_DIR, watchConsole } from './chromium';

/**
 * What every end-to-end file needs: one Chromium for the file, and per test a
 * web shell on the built renderer and the browser contexts it opens — all
 * closed after the test whatever happened in it. Registers its own hooks.
 */
export function useCounterInChromium() {
  let browser: Browser | undefined;
  let running: Running | undefined;
  let contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    contexts = [];
    await running?.stop();
    running = undefined;
  });
  const launched = (): Browser => {
    if (!browser) throw new Error('Chromium 尚未启动');
    return browser;
  };
  return {
    /** Starts the web shell (simulated devices, service day open unless told otherwise) on the built renderer. */
    async start(options: Omit<ShellOptions, 'rendererDir'> = {}): Promise<Running> {
      running = await startShell({ rendererDir: RENDERER_DIR, ...options });
      return running;
    },
    /** The web shell this test started. */
    get running(): Running {
      if (!running) throw new Error('本测试尚未启动网页外壳');
      return running;
    },
    /** Stops the web shell (a restart test starts it again on the same data directory). */
    async stop(): Promise<void> {
      await running?.stop();
      running = undefined;
    },
    /** A browser context of its own (viewport, permissions, downloads), closed after the test. */
    async newContext(options?: BrowserContextOptions): Promise<BrowserContext> {
      // A counter PC's Chinese locale (navigator.language, Intl). Date fields keep Debian Chromium's
      // en-US layout: its other UI languages are a separate package (chromium-l10n).
      const context = await launched().newContext({ locale: 'zh-CN', ...options });
      contexts.push(context);
      return context;
    },
    /**
     * Starts the web shell and opens the clerk screen in a context of its own,
     * its console watched, once the device bar shows.
     */
    async openClerkScreen(options: { shell?: Omit<ShellOptions, 'rendererDir'>; context?: BrowserContextOptions } = {}) {
      const shell = await this.start(options.shell);
      const context = await this.newContext(options.context);
      const page = await context.newPage();
      const problems = watchConsole(page);
      await page.goto(shell.shell.url);
      await page.getByTestId('device-chip-idcard').waitFor();
      return { running: shell, context, page, problems };
    },
    /** A page in a context of its own. */
    async newPage(options?: BrowserContextOptions): Promise<Page> {
      return (await this.newContext(options)).newPage();
    },
  };
}
