/**
 * The first step of `npm test`: are the system packages the tests need
 * installed? If not, install them (root with apt-get, in one line of output)
 * or stop with the command to run. The decisions are in system-packages.ts;
 * this file only asks the machine and carries them out.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import {
  DPKG_FORMAT,
  installCommand,
  installedFromDpkg,
  missingByFiles,
  packagesToCheck,
  planPreflight,
  stopMessage,
  type SystemPackage,
} from './system-packages';

export interface PreflightOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly write?: (text: string) => void;
  /** Prefix for the files looked for where dpkg is absent ('/' on a real run). */
  readonly fileRoot?: string;
}

/** The full path of `command` on the PATH of `env`, or null. */
function which(command: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Root or not, as `id -u` says — the way a shell script would ask, so a run
 * with a stand-in `id` on PATH (the tests) sees what it is told.
 */
function isRoot(env: NodeJS.ProcessEnv): boolean {
  const id = which('id', env);
  if (id) {
    const out = spawnSync(id, ['-u'], { env, encoding: 'utf8' });
    if (out.status === 0) return out.stdout.trim() === '0';
  }
  return process.getuid?.() === 0;
}

function findMissing(packages: readonly SystemPackage[], env: NodeJS.ProcessEnv, fileRoot: string): SystemPackage[] {
  const dpkgQuery = which('dpkg-query', env);
  if (dpkgQuery) {
    // Exit status 1 when some package is unknown to dpkg: the others are still listed.
    const out = spawnSync(dpkgQuery, ['-W', `-f=${DPKG_FORMAT}`, ...packages.map((p) => p.name)], { env, encoding: 'utf8' });
    const installed = installedFromDpkg(out.stdout ?? '');
    return packages.filter((p) => !installed.has(p.name));
  }
  return missingByFiles(
    packages,
    (command) => which(command, env) !== null,
    (file) => existsSync(join(fileRoot, file)),
  );
}

/** The last lines of apt-get's output, shown only when it failed. */
function tail(text: string, lines = 15): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** 0 when the tests may run (everything there, or installed now), 1 when `npm test` must stop. */
export function systemPreflight(options: PreflightOptions): number {
  const { env, write = (text) => process.stdout.write(text), fileRoot = '/' } = options;
  const say = (lines: string[]): void => write(`${lines.join('\n')}\n`);
  const packages = packagesToCheck(env);
  const missing = findMissing(packages, env, fileRoot);
  const aptGet = which('apt-get', env);
  const plan = planPreflight({ missing, root: missing.length > 0 && isRoot(env), apt: aptGet !== null, noApt: env.COUNTER_TEST_NO_APT === '1' });

  if (plan.action === 'run-tests') return 0;
  if (plan.action === 'stop') {
    say(stopMessage(plan, missing));
    return 1;
  }

  say([`安装系统软件包：${plan.packages.join(' ')}（apt-get；COUNTER_TEST_NO_APT=1 则只报告）`]);
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of plan.aptCalls) {
    const run = spawnSync(aptGet!, [...args], { env: aptEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
      const output = tail(`${run.stdout ?? ''}\n${run.stderr ?? ''}${run.error ? `\n${run.error.message}` : ''}`);
      say([`apt-get ${args[0]} 失败（状态 ${String(run.status ?? run.signal)}）：`, output, '修好后请运行：', `  ${installCommand(plan.packages, true)}`]);
      return 1;
    }
  }
  // apt-get can succeed and still leave a package out (held, or dpkg interrupted): check again.
  const stillMissing = findMissing(packages, env, fileRoot);
  if (stillMissing.length > 0) {
    say([`安装后仍缺少：${stillMissing.map((p) => p.name).join(' ')}。请运行：`, `  ${installCommand(stillMissing.map((p) => p.name), true)}`]);
    return 1;
  }
  return 0;
}
