/**
 * `npm run doctor -- <command>`: diagnostics for IT at the counter. The
 * commands are in doctor-commands.ts, which the installed app runs as
 * `窗口受理终端 --doctor <command>`.
 */
import { runDoctor } from './doctor-commands';
import { EXIT } from './idcard-doctor';
import { processIo } from './run-cli';

const argv = process.argv.slice(2);
const abort = new AbortController();
// The commands that wait on a device end their loop on Ctrl+C and close it; the others stop at once, as usual.
if (argv[0] === 'idcard' || argv[0] === 'signature') {
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
}

runDoctor(argv, processIo, { signal: abort.signal }).then(
  (code) => {
    // Let stdout drain before leaving: a pipe reader must get the whole JSON object.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(EXIT.usage);
  },
);
