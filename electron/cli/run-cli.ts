import { strings } from '../../shared/i18n';

/**
 * Runs an IT command's main with its arguments and sets the exit status it
 * returns. Setting process.exitCode (not calling exit) lets stdout drain, so
 * a pipe reader gets every line. A failure nobody expected is one Chinese
 * line and status 1, never a stack trace for the installer.
 */
export function runCli(main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${strings.api.failed((error as Error).message)}\n`);
      process.exitCode = 1;
    },
  );
}
