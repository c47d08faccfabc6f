/**
 * Issue 14, finding 3, as the clerk sees it in Chromium: the counter started
 * while another program holds its database and while the disk is nearly
 * full. The screen says why (in Chinese) instead of the terminal exiting,
 * and once the lock is gone the counter screen comes by itself, without a
 * restart and without reloading the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { strings } from '../../shared/i18n';
import { startCounterServices } from '../../electron/services/app/counter-services';
import { loadConfig } from '../../electron/services/config/config-file';
import type { FsStats } from '../../electron/services/disk/disk-space';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';
import { startWebShell } from '../../electron/web/server';
import { takeForeignLock } from '../support/foreign-lock';
import { launchChromium, RENDERER_DIR, screenshot, watchConsole } from './chromium';

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the clerk screen when the database cannot be used', () => {
  it('explains a locked database and a nearly full disk, then shows the counter once the lock is gone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'counter-e2e-storage-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    loadConfig(dataDir);
    openDatabase(join(dataDir, DATABASE_FILE)).close();
    const lock = await takeForeignLock(join(dataDir, DATABASE_FILE));
    cleanups.push(() => lock.kill());

    const lowDisk = (): FsStats => ({ bsize: 4096, blocks: (64 * 1024 ** 3) / 4096, bavail: (700 * 1024 ** 2) / 4096 });
    const log = () => undefined;
    const services = await startCounterServices({ shell: 'web', dataDir, log, storageRetryMs: 300, diskSpace: { statfs: lowDisk } });
    cleanups.push(() => services.close());
    const shell = await startWebShell({ services, rendererDir: RENDERER_DIR, log });
    cleanups.push(() => shell.close());

    const context = await browser!.newContext({ locale: 'zh-CN' });
    cleanups.push(() => context.close());
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(shell.url);

    const panel = page.getByTestId('storage-problem');
    await panel.waitFor();
    expect(await panel.getAttribute('data-kind')).toBe('locked');
    expect(await panel.textContent()).toContain('数据库被占用');
    expect(await page.getByTestId('disk-space-notice').textContent()).toContain(strings.storageHealth.disk.warningTitle);
    // No sign-in while nothing can be saved.
    expect(await page.getByTestId('sign-in-view').count()).toBe(0);
    await screenshot(page, 'storage-locked-at-start');

    await lock.release();
    // The same page, not reloaded: the services started and the screen loaded its snapshot again.
    await page.getByTestId('sign-in-view').waitFor({ timeout: 10_000 });
    expect(await panel.count()).toBe(0);
    expect(await page.getByTestId('disk-space-notice').count()).toBe(1);
    await page.getByTestId('device-chip-idcard').waitFor();
    await screenshot(page, 'storage-recovered');
    expect(problems).toEqual([]);
  });
});
