/**
 * `npm run doctor -- <command>`: diagnostics for IT at the counter.
 *
 *   idcard --port <path> [--baud <n>] [--once] [--json] [--unmasked]
 *   ports [--json]
 *   evaluator-keys [--layout five|four] [--hid] [--json]
 *   signature [--device VID:PID|PATH] [--seconds N] [--json] | --descriptor FILE [--json] | --replay FILE [--json]
 */
import { strings } from '../../shared/i18n';
import { runEvaluatorKeys } from './evaluator-doctor';
import { EXIT, parseIdcardArgs, runIdcard, runPorts, type DoctorIo } from './idcard-doctor';
import { runSignatureDoctor } from './signature-doctor';

const io: DoctorIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'idcard') {
    const args = parseIdcardArgs(rest);
    if (typeof args === 'string') {
      io.err(args);
      io.err(strings.idcard.doctor.usage);
      return EXIT.usage;
    }
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    process.once('SIGTERM', () => abort.abort());
    return runIdcard(args, io, abort.signal);
  }
  if (command === 'ports') return runPorts(rest.includes('--json'), io);
  if (command === 'evaluator-keys') return runEvaluatorKeys(rest, io);
  if (command === 'signature') {
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    process.once('SIGTERM', () => abort.abort());
    return runSignatureDoctor(rest, io, undefined, abort.signal);
  }
  if (command && command !== '--help' && command !== 'help') io.err(strings.idcard.doctor.unknownCommand(command));
  io.err(strings.idcard.doctor.usage);
  return command === undefined || command === '--help' || command === 'help' ? EXIT.ok : EXIT.usage;
}

main(process.argv.slice(2)).then(
  (code) => {
    // Let stdout drain before leaving: a pipe reader must get the whole JSON object.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(EXIT.usage);
  },
);
