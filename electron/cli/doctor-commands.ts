/**
 * The doctor commands, one code for `npm run doctor -- <command>` (doctor.ts)
 * and the installed app's `窗口受理终端 --doctor <command>` (it-commands.ts).
 *
 *   all [--json]                                      every device kind: configuration and what the system sees, and the ports
 *   idcard|evaluator|printer [--json]                 one kind of it (idcard with --port: the read test below)
 *   camera [--json] [--capture FILE]                  the cameras as Chromium reports them, each opened at its largest mode (camera-doctor.ts)
 *   idcard --port <path> [--baud <n>] [--once] [--json] [--unmasked]
 *   ports [--json]
 *   evaluator-keys [--layout five|four] [--hid] [--json]
 *   signature [--device VID:PID|PATH] [--seconds N] [--json] | --descriptor FILE [--json] | --replay FILE [--json]
 *   bundle [--out FILE.zip]                           the diagnostic bundle (diagnostic-bundle.ts)
 *   config [--json]                                   the merged configuration and where each value came from (config-doctor.ts)
 *
 * `--data-dir DIR` (or COUNTER_DATA_DIR) chooses the data directory for all, the kinds and bundle.
 */
import type { DeviceKind } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { runConfigDoctor } from './config-doctor';
import { writeDiagnosticBundle, type DisplayProbe } from './diagnostic-bundle';
import { deviceOverview, overviewText, type DeviceOverview, type OverviewDeps } from './device-overview';
import { runEvaluatorKeys } from './evaluator-doctor';
import { runCameraDoctor } from './camera-doctor';
import type { CameraPageOpener } from '../devices/camera/camera-probe';
import { EXIT, parseIdcardArgs, runIdcard, runPorts, type DoctorIo } from './idcard-doctor';
import { dataDirArg } from './run-cli';
import { runSignatureDoctor } from './signature-doctor';

export interface DoctorOptions {
  /** Ends a waiting loop (Ctrl+C on `idcard --port`, the seconds of `signature`). */
  signal?: AbortSignal;
  /** The system's listings; tests pass fakes. */
  overviewDeps?: OverviewDeps;
  /** The displays, when the caller can tell (the desktop shell); the bundle says 仅在桌面版内可检测 otherwise. */
  displays?: DisplayProbe;
  /** The page `doctor camera` sees the cameras from: the installed app passes a hidden window; default headless Chromium. */
  openCameraPage?: CameraPageOpener;
}

const SECTION_KINDS = ['idcard', 'camera', 'signature', 'evaluator', 'printer'] as const satisfies readonly DeviceKind[];

/** `--json` and `--data-dir DIR` only: the overview commands take nothing else. Null when they are all there is. */
function overviewFlags(rest: readonly string[]): { json: boolean; dataDir: string } | null {
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--json') continue;
    if (rest[i] === '--data-dir' && rest[i + 1] !== undefined) {
      i++;
      continue;
    }
    return null;
  }
  return { json: rest.includes('--json'), dataDir: dataDirArg(rest) };
}

/** What `doctor <kind> --json` prints: the kind's section with what it depends on. */
function sectionJson(overview: DeviceOverview, kind: DeviceKind): Record<string, unknown> {
  return { dataDir: overview.dataDir, config: overview.config, [kind]: overview[kind], problems: overview.problems };
}

async function runOverview(kinds: readonly DeviceKind[] | 'all', flags: { json: boolean; dataDir: string }, io: DoctorIo, options: DoctorOptions): Promise<number> {
  const overview = await deviceOverview(flags.dataDir, options.overviewDeps);
  if (flags.json) io.out(JSON.stringify(kinds === 'all' ? overview : sectionJson(overview, kinds[0]!), null, 2));
  else io.out(overviewText(overview, kinds === 'all' ? SECTION_KINDS : kinds, kinds === 'all'));
  return EXIT.ok;
}

function usage(io: DoctorIo, problem?: string): number {
  if (problem) io.err(problem);
  io.err(strings.itCommands.doctorUsage);
  return EXIT.usage;
}

/** Runs one doctor command; resolves with its exit status. */
export async function runDoctor(argv: string[], io: DoctorIo, options: DoctorOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') {
    io.err(strings.itCommands.doctorUsage);
    return EXIT.ok;
  }
  // `idcard --port …` tests the reader and `signature …` lists the pads and opens one (signature-doctor.ts); the rest only look.
  // `camera` opens the cameras through a browser page (camera-doctor.ts); `all` only lists.
  if (command === 'camera') return runCameraDoctor(rest, io, { openCameraPage: options.openCameraPage, overviewDeps: options.overviewDeps });
  if (command === 'all' || ((SECTION_KINDS as readonly string[]).includes(command) && command !== 'signature')) {
    const flags = overviewFlags(rest);
    if (flags) return runOverview(command === 'all' ? 'all' : [command as DeviceKind], flags, io, options);
    if (command !== 'idcard') return usage(io, strings.idcard.doctor.unknownFlag(rest.find((a) => a !== '--json') ?? ''));
  }
  if (command === 'idcard') {
    const args = parseIdcardArgs(rest);
    if (typeof args === 'string') {
      io.err(args);
      io.err(strings.idcard.doctor.usage);
      return EXIT.usage;
    }
    return runIdcard(args, io, options.signal);
  }
  if (command === 'ports') return runPorts(rest.includes('--json'), io);
  if (command === 'evaluator-keys') return runEvaluatorKeys(rest, io);
  if (command === 'signature') return runSignatureDoctor(rest, io, undefined, options.signal);
  if (command === 'bundle') {
    const at = rest.indexOf('--out');
    const out = at >= 0 ? rest[at + 1] : undefined;
    if (at >= 0 && (out === undefined || out.startsWith('--'))) return usage(io, strings.idcard.doctor.missingValue('--out'));
    const result = await writeDiagnosticBundle({ dataDir: dataDirArg(rest), out, displays: options.displays, overviewDeps: options.overviewDeps });
    if (!result.ok) {
      io.err(result.message);
      return EXIT.open;
    }
    io.out(strings.itCommands.bundle.written(result.file, result.entries.length));
    return EXIT.ok;
  }
  if (command === 'config') return runConfigDoctor(rest, io);
  return usage(io, strings.idcard.doctor.unknownCommand(command));
}
