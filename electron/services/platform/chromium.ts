import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

/** The first Chromium-family browser on PATH (or CHROMIUM_PATH), or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.CHROMIUM_PATH;
  if (explicit && isExecutable(explicit)) return explicit;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a headless Chromium with a runtime folder (XDG_RUNTIME_DIR) of its
 * own, removed once that browser has gone (closed or crashed). Without one,
 * as under a service, in the doctor or in CI, Chromium's audio layer makes a
 * PulseAudio folder (pulse-…) in TMPDIR as soon as a page plays media, and
 * nothing ever removes it; with one, that folder is made inside and goes
 * with it.
 */
export async function launchChromiumOwningItsRuntime(options: LaunchOptions): Promise<Browser> {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'counter-chromium-'));
  const remove = () => rmSync(runtimeDir, { recursive: true, force: true, maxRetries: 3 });
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.env ?? process.env)) if (value !== undefined) env[name] = String(value);
  env.XDG_RUNTIME_DIR = runtimeDir;
  try {
    const browser = await chromium.launch({ ...options, env });
    browser.on('disconnected', remove);
    return browser;
  } catch (error) {
    remove();
    throw error;
  }
}
