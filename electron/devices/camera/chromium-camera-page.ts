import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromiumOwningItsRuntime } from '../../services/platform/chromium';
import type { CameraPage } from './camera-probe';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Extra Chromium flags for tests only, whitespace-separated: a test plays a
 * .y4m file as the camera with `--use-fake-device-for-media-stream
 * --use-file-for-fake-video-capture=FILE.y4m`. Never set on a counter: the
 * doctor would list the fake camera instead of the real ones.
 */
export const CAMERA_TEST_ARGS_ENV = 'COUNTER_CAMERA_TEST_ARGS';

export function cameraTestArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[CAMERA_TEST_ARGS_ENV] ?? '').split(/\s+/).filter((arg) => arg !== '');
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>doctor camera</title>';

/**
 * A page that only says what it is, on an ephemeral port of 127.0.0.1 (a secure context for getUserMedia): nothing else
 * is served, to nobody but this machine. Used by headless Chromium here and by the installed app's hidden window.
 */
export function serveCameraPage(): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== '/') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A camera page in headless Chromium: getUserMedia needs a secure context,
 * and http://127.0.0.1 is one, so the page comes from a throwaway server on
 * an ephemeral port of the loopback address, closed with the page. The
 * camera permission is granted to that origin only.
 */
export async function openChromiumCameraPage(executablePath: string, extraArgs: readonly string[] = cameraTestArgs()): Promise<CameraPage> {
  const server = await serveCameraPage();
  let browser: Browser | null = null;
  try {
    browser = await launchChromiumOwningItsRuntime({ executablePath, args: [...FLAGS, ...extraArgs] });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const context = await browser.newContext();
    await context.grantPermissions(['camera'], { origin });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    const opened = browser;
    return {
      evaluate: (script) => page.evaluate(script),
      async close() {
        await opened.close().catch(() => undefined);
        await closeServer(server);
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await closeServer(server);
    throw error;
  }
}
