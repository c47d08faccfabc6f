import { spawn } from 'node:child_process';

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
