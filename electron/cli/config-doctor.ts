/**
 * `doctor config`: the configuration this counter runs on — config.json laid
 * over the machine's centre file over the defaults — and where each value
 * came from, for IT rolling out a centre file to a hall of counters.
 *
 *   npm run --silent doctor -- config [--json] [--data-dir DIR]
 *
 * Reads only (the counter may be running). Secrets (the upload token, PIN
 * hashes) are printed as ***. Exit 0: no problems; 2: problems, listed; 1: usage.
 */
import type { ConfigIssue } from '../../shared/contract';
import { strings } from '../../shared/i18n';
import { defaultDataDir } from '../services/app/data-dir';
import { centreConfigPath } from '../services/config/centre-config';
import { resolveConfig } from '../services/config/config-file';
import { maskSecrets, type ValueSource } from '../services/config/config-layers';

const d = strings.fleetConfig.doctor;

export const CONFIG_DOCTOR_EXIT = { ok: 0, usage: 1, issues: 2 } as const;

export interface ConfigDoctorIo {
  out(text: string): void;
  err(text: string): void;
}

/** The `--json` report; `file.centre` is null when no centre file is in use. */
export interface ConfigReport {
  file: { centre: string | null; counter: string };
  values: Array<{ path: string; value: unknown; source: ValueSource; locked: boolean }>;
  issues: ConfigIssue[];
}

export interface ConfigDoctorOptions {
  dataDir?: string;
  centreFile?: string;
}

/** The merged configuration and each value's provenance, secrets masked. */
export function configReport(options: { dataDir: string; centreFile: string }): ConfigReport {
  const loaded = resolveConfig(options.dataDir, { centreFile: options.centreFile });
  return {
    file: { centre: loaded.centreFile, counter: loaded.counterFile },
    values: loaded.provenance.map((v) => ({ ...v, value: maskSecrets(v.path, v.value) })),
    issues: loaded.issues,
  };
}

export function runConfigDoctor(argv: readonly string[], io: ConfigDoctorIo, options: ConfigDoctorOptions = {}): number {
  let json = false;
  let dataDir = options.dataDir ?? defaultDataDir();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--data-dir' && argv[i + 1]) dataDir = argv[++i]!;
    else {
      io.err(strings.idcard.doctor.unknownFlag(arg));
      io.err(d.usage);
      return CONFIG_DOCTOR_EXIT.usage;
    }
  }
  const centreFile = options.centreFile ?? centreConfigPath();
  const report = configReport({ dataDir, centreFile });
  if (json) io.out(JSON.stringify(report, null, 2));
  else printTable(report, centreFile, io);
  return report.issues.length > 0 ? CONFIG_DOCTOR_EXIT.issues : CONFIG_DOCTOR_EXIT.ok;
}

function printTable(report: ConfigReport, centreFile: string, io: ConfigDoctorIo): void {
  io.out(d.title);
  io.out(report.file.centre ? d.centreFile(report.file.centre) : d.centreFileMissing(centreFile));
  io.out(d.counterFile(report.file.counter));
  io.out(d.secretNote);
  io.out('');
  const rows = report.values.map((v) => {
    const source = strings.fleetConfig.sources[v.source];
    return [v.path, JSON.stringify(v.value), v.locked ? d.lockedSource(source) : source];
  });
  const header = [d.columns.path, d.columns.value, d.columns.source];
  const width = Math.max(header[0]!.length, ...rows.map((r) => r[0]!.length));
  // The sources are all Chinese: padded with the ideographic space, which is as wide as a Chinese character.
  const sourceWidth = Math.max(...rows.map((r) => r[2]!.length), header[2]!.length);
  io.out(`${header[0]!.padEnd(width)}  ${header[2]!.padEnd(sourceWidth, '\u3000')}  ${header[1]}`);
  // Source before value: a long value (a list of accounts) then runs off to the right without breaking the columns.
  for (const [path, value, source] of rows) io.out(`${path!.padEnd(width)}  ${source!.padEnd(sourceWidth, '\u3000')}  ${value}`);
  io.out('');
  if (report.issues.length === 0) {
    io.out(d.noIssues);
    return;
  }
  io.out(d.issuesTitle);
  for (const issue of report.issues) io.out(`  ${issue.field || strings.config.wholeFile}：${issue.message}`);
}
