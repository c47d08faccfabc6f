/**
 * The IT commands under plain Node, built to out/main/it.js:
 * `node out/main/it.js --doctor all --json` runs what the installed app runs
 * for `窗口受理终端 --doctor all --json` (it-commands.ts), and prints the same
 * as `npm run --silent doctor -- all --json`. Lets the installed-app path be
 * tested where no Electron binary exists.
 */
import { strings } from '../../shared/i18n';
import { restrictNewFiles } from '../services/permissions/private-files';
import { itCommandArgs } from './it-args';
import { runItCommand } from './it-commands';
import { processIo } from './run-cli';

const args = itCommandArgs(process.argv.slice(2)) ?? ['--help-it'];
const abort = new AbortController();
if (args[0] === '--doctor' && (args[1] === 'idcard' || args[1] === 'signature')) {
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
}
// What the commands write into the data directory is private to the counter's account, as the counter's own files.
restrictNewFiles();
runItCommand(args, processIo, { signal: abort.signal }).then(
  // Leave once stdout has drained (a pipe reader gets the whole JSON object); a device listing may keep handles open.
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    process.stderr.write(`${strings.api.failed((error as Error).message)}\n`);
    process.exit(1);
  },
);
