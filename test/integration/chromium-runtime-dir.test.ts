/**
 * A headless Chromium we start removes what its audio layer makes: a page
 * that plays sound (or shows a camera's stream) starts PulseAudio's client,
 * which makes a runtime folder; with no XDG_RUNTIME_DIR (a service, the
 * doctor, CI) that is pulse-… in TMPDIR, and nothing removes it. Each launch
 * gets a runtime folder of its own, gone once the browser is.
 */
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { launchChromiumOwningItsRuntime } from '../../electron/services/platform/chromium';
import { tempDir } from '../support/temp-dir';
import { CHROMIUM } from '../e2e/chromium';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A page of our own on 127.0.0.1 (a secure context, as the capture panel's). */
async function servePage(): Promise<string> {
  server = createServer((_request, response) => response.end('<!doctype html><title>audio</title>'));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const ownRuntimeDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('counter-chromium-'));

describe('a Chromium we start', () => {
  it('leaves nothing in TMPDIR after a page played sound, and its own runtime folder is gone once it closed', async () => {
    const browserTmp = tempDir('chromium-tmp-');
    const before = ownRuntimeDirs();
    const browser = await launchChromiumOwningItsRuntime({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
      env: { ...process.env, TMPDIR: browserTmp },
    });
    const made = ownRuntimeDirs().filter((name) => !before.includes(name));
    expect(made).toHaveLength(1);
    const page = await browser.newPage();
    await page.goto(await servePage());
    const played = await page.evaluate(async () => {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      tone.connect(audio.destination);
      tone.start();
      await new Promise((resolve) => setTimeout(resolve, 500));
      tone.stop();
      await audio.close();
      return true;
    });
    expect(played).toBe(true);
    await browser.close();
    expect(readdirSync(browserTmp)).toEqual([]);
    expect(ownRuntimeDirs()).not.toContain(made[0]);
  });
});
