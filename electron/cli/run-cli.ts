import { strings } from '../../shared/i18n';
import { defaultDataDir } from '../services/app/data-dir';
import { restrictNewFiles } from '../services/permissions/private-files';

/**
 * Where an IT command writes (one call, one line: the newline is added) and
 * reads (the PIN of `lead`/`clerk add`). The npm scripts and the installed
 * app's `--doctor …`/`--lead …` (it-commands.ts) pass the process's own;
 * tests pass arrays.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** stdin; `isTTY` decides whether a PIN prompt is shown. */
  input: NodeJS.ReadableStream & { isTTY?: boolean };
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  // A getter: touching process.stdin creates the stream, which only commands that read a PIN need.
  get input() {
    return process.stdin;
  },
};

/**
 * Runs an IT command's main with its arguments and sets the exit status it
 * returns. Setting process.exitCode (not calling exit) lets stdout drain, so
 * a pipe reader gets every line. A failure nobody expected is one Chinese
 * line and status 1, never a stack trace for the installer.
 */
export function runCli(main: (args: string[], io: CliIo) => Promise<number>): void {
  // IT commands write into the data directory (config.json, catalogue.json): private to the counter's account, like the counter's own files.
  restrictNewFiles();
  main(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${strings.api.failed((error as Error).message)}\n`);
      process.exitCode = 1;
    },
  );
}

/** `--data-dir DIR` among an IT command's arguments, else the default data directory (COUNTER_DATA_DIR or the app's own). */
export function dataDirArg(args: readonly string[]): string {
  const at = args.indexOf('--data-dir');
  return (at >= 0 ? args[at + 1] : undefined) ?? defaultDataDir();
}

/** The arguments that are neither a flag nor the value of `--data-dir`. */
export function positionalArgs(args: readonly string[]): string[] {
  return args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--data-dir');
}
