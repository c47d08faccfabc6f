import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromiumOwningItsRuntime } from '../../electron/services/platform/chromium';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-results', 'screenshots');
export const RENDERER_DIR = join(__dirname, '..', '..', 'out', 'renderer');

export interface LaunchOptions {
  /**
   * A .y4m file Chromium plays as its only camera (test/support/y4m.ts writes one): the page's real
   * getUserMedia path runs, permission is granted without a prompt. Absent: no camera flags.
   */
  fakeCamera?: string;
}

/** Chromium's flags for a fake camera that plays `file` (and grants the camera without asking). */
export function fakeCameraArgs(file: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}

/** Debian's Chromium with the flags this closed-network machine needs. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`找不到 Chromium：${CHROMIUM}（apt-get install chromium）`);
  if (options.fakeCamera !== undefined && !existsSync(options.fakeCamera)) throw new Error(`找不到模拟摄像头文件：${options.fakeCamera}`);
  return launchChromiumOwningItsRuntime({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(options.fakeCamera !== undefined ? fakeCameraArgs(options.fakeCamera) : []),
    ],
  });
}

/** Collects console errors and warnings and uncaught page errors. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

