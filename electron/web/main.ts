import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { strings } from '../../shared/i18n';
import { defaultDataDir } from '../services/app/data-dir';
import { startCounterServices } from '../services/app/counter-services';
import { isReadOnlyDirectory } from '../services/app/storage-gate';
import { explainError } from '../services/errors/system-error';
import { findChromium } from '../services/platform/chromium';
import { openInAppMode } from './browser';
import { startWebShell } from './server';
import { createFileLog } from '../services/log/file-log';
import { restrictNewFiles } from '../services/permissions/private-files';

// First thing: every file this process creates (the database, logs, slips, the browser profile) is private to its account.
restrictNewFiles();

/**
 * `npm run start:web`: the counter in an ordinary Chromium. Options:
 *   --port N       listen on a fixed port (default: a free one)
 *   --no-browser   only print the addresses
 * COUNTER_DATA_DIR chooses the data directory. It prints two one-time
 * addresses (the clerk page, the citizen screen) and opens the clerk's;
 * Enter in this window prints a fresh pair (and opens the clerk's again),
 * for a page whose session ended. The log goes to <dataDir>/logs as well as
 * stderr, like the desktop shell's.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
  const dataDir = defaultDataDir();
  const log = createFileLog(dataDir);
  // Last resort only: every background path (timers, device callbacks, the print queue) handles its own failures. A
  // rejected promise that still slips through is a bug to log in Chinese, not a reason to end the counter (Node 20 would).
  process.on('unhandledRejection', (reason) => {
    const explained = explainError(reason);
    log(strings.backgroundWork.log.unhandledRejection(explained.message, explained.original));
  });

  const services = await startCounterServices({ shell: 'web', dataDir, log });
  // out/main/web.js → out/renderer
  const shell = await startWebShell({ services, rendererDir: join(__dirname, '..', 'renderer'), port, log });
  const s = strings.shellMessages;
  const w = strings.webShell.console;
  process.stdout.write(`${w.started}\n${w.clerkAddress(shell.url)}\n${w.citizenAddress(shell.citizenUrl)}\n${w.onlyLocal}\n${w.logFile(join(dataDir, 'logs'))}\n`);

  const browser = args.includes('--no-browser') || process.env.CI ? null : findChromium();
  const canOpen = browser !== null && (process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY));
  // On a read-only data directory the browser keeps its profile in the temporary folder: the page must still open and say why.
  const profileDir = () => (isReadOnlyDirectory(dataDir) ? join(tmpdir(), 'counter-browser-profile') : join(dataDir, 'browser-profile'));
  if (browser && canOpen) {
    process.stdout.write(`${s.openingBrowser(browser)}\n`);
    openInAppMode(browser, shell.url, profileDir());
  } else if (!args.includes('--no-browser')) {
    process.stdout.write(`${s.noBrowser}\n`);
  }

  // Enter: a fresh pair of one-time addresses, for a page whose session ended (the next morning, a closed browser).
  // Started in the background of a terminal (`… &`), reading it would stop the whole counter (SIGTTIN); with the signal
  // caught the read just fails and only this convenience is lost.
  process.on('SIGTTIN', () => {});
  process.stdin.on('error', () => {});
  const lines = createInterface({ input: process.stdin, terminal: false });
  lines.on('line', () => {
    const clerkUrl = shell.mintUrl('clerk');
    process.stdout.write(`${w.freshAddresses}\n${w.clerkAddress(clerkUrl)}\n${w.citizenAddress(shell.mintUrl('citizen'))}\n`);
    if (browser && canOpen) openInAppMode(browser, clerkUrl, profileDir());
  });
  lines.on('error', () => {});

  const stop = async () => {
    lines.close();
    await shell.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${strings.api.failed((error as Error).message)}\n`);
  process.exit(1);
});
