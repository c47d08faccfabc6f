/**
 * The IT commands of the installed app, without a source checkout:
 *
 *   窗口受理终端 --doctor idcard|evaluator|signature|camera|printer|ports|all|bundle … [--json]
 *   窗口受理终端 --lead add|reset|remove|list …
 *   窗口受理终端 --clerk add|reset|remove|list …
 *   窗口受理终端 --it-account add|reset|remove|list …
 *   窗口受理终端 --catalogue check|import|export|template …
 *   窗口受理终端 --audit verify …
 *   窗口受理终端 --camera detect|crop …
 *   窗口受理终端 --help-it
 *
 * Electron-free: the desktop shell's entry (electron/shell/main.ts) hands its
 * arguments here before any window opens, and the same code is built into
 * out/main/it.js for plain Node. Each family runs the very function its
 * `npm run` form runs (doctor-commands.ts, staff-accounts-cli.ts,
 * catalogue-command.ts, audit-command.ts, camera-command.ts), so output and exit status are the same.
 *
 * `--output FILE` anywhere writes what the command prints (both streams)
 * into FILE instead: for a Windows session where the app's output has no
 * console to reach.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { strings } from '../../shared/i18n';
import { runAuditCommand } from './audit-command';
import { runCameraCommand } from './camera-command';
import { runCatalogueCommand } from './catalogue-command';
import { runDoctor, type DoctorOptions } from './doctor-commands';
import { IT_HELP, isItFamily, type ItFamily } from './it-args';
import { type CliIo } from './run-cli';
import { CLERK_ACCOUNTS, IT_ACCOUNTS, LEAD_ACCOUNTS, runAccountsCommand } from './staff-accounts-cli';

const t = strings.itCommands;

const FAMILIES: Record<ItFamily, (args: string[], io: CliIo, options: DoctorOptions) => Promise<number>> = {
  '--doctor': (args, io, options) => runDoctor(args, io, options),
  '--lead': (args, io) => runAccountsCommand(LEAD_ACCOUNTS, args, io),
  '--clerk': (args, io) => runAccountsCommand(CLERK_ACCOUNTS, args, io),
  '--it-account': (args, io) => runAccountsCommand(IT_ACCOUNTS, args, io),
  '--catalogue': (args, io) => runCatalogueCommand(args, io),
  '--audit': (args, io) => runAuditCommand(args, io),
  '--camera': (args, io) => runCameraCommand(args, io),
};

/** `io` writing into `file` (both streams), and how to close it; null with the reason when the file cannot be opened. */
function fileIo(file: string, io: CliIo): { io: CliIo; close(): void } | string {
  let fd: number;
  try {
    fd = openSync(file, 'w', 0o600);
  } catch (error) {
    return t.outputFailed(file, (error as Error).message);
  }
  const write = (text: string) => writeSync(fd, `${text}\n`);
  return { io: { out: write, err: write, input: io.input }, close: () => closeSync(fd) };
}

/**
 * Runs the IT command `argv` (its family flag first: `['--doctor', 'all', '--json']`)
 * and resolves with its exit status. Writes only through `io`.
 */
export async function runItCommand(argv: readonly string[], io: CliIo, options: DoctorOptions = {}): Promise<number> {
  const args = [...argv];
  const at = args.indexOf('--output');
  let output: { io: CliIo; close(): void } | null = null;
  if (at >= 0) {
    const file = args[at + 1];
    if (file === undefined || file.startsWith('--')) {
      io.err(strings.idcard.doctor.missingValue('--output'));
      return 2;
    }
    args.splice(at, 2);
    const opened = fileIo(file, io);
    if (typeof opened === 'string') {
      io.err(opened);
      return 2;
    }
    output = opened;
  }
  const [flag, ...rest] = args;
  const target = output?.io ?? io;
  try {
    if (flag === IT_HELP || flag === undefined) {
      target.out(t.usage);
      return 0;
    }
    if (!isItFamily(flag)) {
      target.err(`${t.unknownCommand(flag)}\n${t.usage}`);
      return 2;
    }
    return await FAMILIES[flag](rest, target, options);
  } catch (error) {
    // As runCli: a failure nobody expected is one Chinese line and status 1, never a stack trace.
    target.err(strings.api.failed((error as Error).message));
    return 1;
  } finally {
    output?.close();
  }
}
