import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strings } from '../../shared/i18n';
import { defaultDataDir } from '../services/app/data-dir';
import { startCounterServices } from '../services/app/counter-services';
import { isReadOnlyDirectory } from '../services/app/storage-gate';
import { explainError } from '../services/errors/system-error';
import { findChromium } from '../services/platform/chromium';
import { openInAppMode } from './browser';
import { startWebShell } from './server';

/**
 * `npm run start:web`: the counter in an ordinary Chromium. Options:
 *   --port N       listen on a fixed port (default: a free one)
 *   --no-browser   only print the address
 * COUNTER_DATA_DIR chooses the data directory.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
  const dataDir = defaultDataDir();
  const log = (line: string) => process.stderr.write(`${line}\n`);
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
  process.stdout.write(`${s.webListening(shell.url)}\n${s.webOnlyLocal}\n`);

  const browser = args.includes('--no-browser') || process.env.CI ? null : findChromium();
  if (browser && (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
    process.stdout.write(`${s.openingBrowser(browser)}\n`);
    // On a read-only data directory the browser keeps its profile in the temporary folder: the page must still open and say why.
    const profileDir = isReadOnlyDirectory(dataDir) ? join(tmpdir(), 'counter-browser-profile') : join(dataDir, 'browser-profile');
    openInAppMode(browser, shell.url, profileDir);
  } else if (!args.includes('--no-browser')) {
    process.stdout.write(`${s.noBrowser}\n`);
  }

  const stop = async () => {
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
