import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Well-known SIDs, written as `*SID` so icacls understands them on every
 * language of Windows (the group names are translated: 管理员 / Administrators).
 */
export const SID = {
  system: '*S-1-5-18',
  administrators: '*S-1-5-32-544',
  everyone: '*S-1-1-0',
  authenticatedUsers: '*S-1-5-11',
  users: '*S-1-5-32-545',
} as const;

/** Full control, inherited by every file (OI) and folder (CI) below. */
const FULL_INHERITED = ':(OI)(CI)F';

/**
 * The icacls calls that make the data directory readable only by the
 * account running the counter, SYSTEM and the Administrators group
 * (Windows has no umask; this is the equivalent of 0700/0600):
 *
 * 1. on the folder: inheritance off with the inherited entries removed
 *    (/inheritance:r) and full control granted to exactly those three
 *    (/grant:r replaces any earlier grant to them);
 * 2. on the folder: explicit grants to Everyone, Authenticated Users and
 *    Users removed, should IT have added them;
 * 3. on everything inside (only when there is something): the ACL reset to
 *    what the folder passes down (/reset /T), continuing past a file it
 *    cannot change (/C) and acting on a symbolic link itself, never its
 *    target (/L), so nothing outside the data directory is touched.
 *
 * Pure: the argument vectors only (execFile, no shell: a path with spaces
 * or 中文 needs no quoting).
 */
export function icaclsCommands(dataDir: string, account: string, hasEntries: boolean): string[][] {
  const commands = [
    [dataDir, '/inheritance:r', '/grant:r', `${account}${FULL_INHERITED}`, `${SID.system}${FULL_INHERITED}`, `${SID.administrators}${FULL_INHERITED}`, '/Q'],
    [dataDir, '/remove:g', SID.everyone, SID.authenticatedUsers, SID.users, '/Q'],
  ];
  if (hasEntries) commands.push([join(dataDir, '*'), '/reset', '/T', '/C', '/L', '/Q']);
  return commands;
}

/** DOMAIN\user of the account running the counter (the local machine's name stands in for a domain). */
export function currentWindowsAccount(env: NodeJS.ProcessEnv = process.env): string {
  const name = env.USERNAME || userInfo().username;
  return env.USERDOMAIN ? `${env.USERDOMAIN}\\${name}` : name;
}

export type RunCommand = (file: string, args: string[]) => Promise<void>;

const runIcacls: RunCommand = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { windowsHide: true, timeout: 120_000 }, (error) => (error ? reject(error) : resolve()));
  });

/** Runs the icacls calls in order; rejects with the first failure. Windows only: the caller checks the platform. */
export async function applyWindowsAcl(dataDir: string, run: RunCommand = runIcacls): Promise<void> {
  const hasEntries = readdirSync(dataDir).length > 0;
  for (const args of icaclsCommands(dataDir, currentWindowsAccount(), hasEntries)) await run('icacls', args);
}
