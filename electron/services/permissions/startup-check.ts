import { relative } from 'node:path';
import { strings } from '../../../shared/i18n';
import { explainError } from '../errors/system-error';
import { makeDataDirPrivate, octal, type PermissionReport } from './data-dir-permissions';
import { applyWindowsAcl, type RunCommand } from './windows-acl';

const t = strings.dataProtection.permissions;

/** Each change is logged up to this many; beyond, one summary line (a first start on an old archive changes thousands). */
const LOGGED_CHANGES = 20;

export interface PermissionCheckOptions {
  dataDir: string;
  log: (line: string) => void;
  platform?: NodeJS.Platform;
  /** True once the counter is closing: the walk stops. */
  stop?: () => boolean;
  /** Runs icacls (tests pass a recorder); Windows only. */
  runCommand?: RunCommand;
}

/**
 * The start-up check of the data directory's permissions: on Linux and
 * macOS every folder 0700 and every file 0600 (fixed where the counter may,
 * each change logged in Chinese); on Windows an ACL for this account,
 * SYSTEM and Administrators only. Returns the warning the clerk screen
 * shows when other accounts can still read the data, else null. Never
 * throws: a check that fails is itself the warning.
 */
export async function checkDataDirPermissions(options: PermissionCheckOptions): Promise<string | null> {
  const { dataDir, log } = options;
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') {
    try {
      await applyWindowsAcl(dataDir, options.runCommand);
      log(t.log.aclApplied(dataDir));
      return null;
    } catch (error) {
      const explained = explainError(error);
      log(t.log.aclFailed(dataDir, explained.original));
      return t.aclFailed(dataDir, explained.message);
    }
  }
  let report: PermissionReport;
  try {
    report = await makeDataDirPrivate(dataDir, { stop: options.stop });
  } catch (error) {
    const explained = explainError(error);
    log(t.log.walkFailed(explained.original));
    return t.unfixable(dataDir, [dataDir]);
  }
  const shown = (path: string) => relative(dataDir, path) || '.';
  for (const change of report.fixed.slice(0, LOGGED_CHANGES)) log(t.log.fixed(shown(change.path), octal(change.from), octal(change.to)));
  if (report.fixed.length > LOGGED_CHANGES) log(t.log.fixedSummary(report.fixed.length));
  for (const link of report.symlinks) log(t.log.symlinkSkipped(shown(link)));
  for (const problem of report.unfixable) {
    const reason = problem.ownerUid !== null ? `${t.log.otherOwner(problem.ownerUid)}；${problem.error}` : problem.error;
    log(t.log.unfixable(shown(problem.path), problem.mode >= 0 ? octal(problem.mode) : '?', reason));
  }
  if (report.unfixable.length === 0) return null;
  return t.unfixable(dataDir, report.unfixable.map((p) => shown(p.path)));
}
