import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

/** The first Chromium-family browser on PATH, or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * Opens the terminal in app mode (no address bar, no tabs), with a profile
 * of its own so the clerk's personal browsing never mixes with the counter.
 */
export function openInAppMode(browser: string, url: string, profileDir: string): void {
  const child = spawn(
    browser,
    [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--disable-background-networking', '--disable-sync', '--window-size=1366,768'],
    { detached: true, stdio: 'ignore' },
  );
  child.on('error', () => {});
  child.unref();
}
