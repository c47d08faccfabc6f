import { join } from 'node:path';
import { startCounterServices } from '../services/app/counter-services';
import { itCommandArgs } from '../cli/it-args';
import { runItFromShell } from './it-entry';
import { startShell } from './lifecycle';
import { restrictNewFiles } from '../services/permissions/private-files';

/**
 * Entry of the Electron shell (built to out/main/index.js). Kept to wiring:
 * the lifecycle, window, security and IPC logic live in their own modules,
 * where tests reach them with `electron` mocked.
 *
 * electron-vite emits this file as CommonJS, so __dirname is out/main and
 * out/ holds preload/ and renderer/ beside it.
 */
// An IT command (`窗口受理终端 --doctor all --json`, `--lead …`): run it before anything of the counter starts, then quit.
const itArgs = itCommandArgs(process.argv.slice(1));
if (itArgs) {
  runItFromShell(itArgs);
} else {
  // Before Chromium creates its profile files in userData (the data directory): everything private to the counter's account.
  restrictNewFiles();
  startShell({ startServices: startCounterServices, outDir: join(__dirname, '..') });
}
