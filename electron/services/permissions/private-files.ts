import { isMainThread } from 'node:worker_threads';

/** New files rw for the owner only (0600), new folders rwx for the owner only (0700). */
export const PRIVATE_UMASK = 0o077;

/**
 * Makes every file and folder this process creates from now on private to
 * the account running the counter (umask 077): the database and its WAL
 * (SQLite creates them 0644 & ~umask), config.json, the archived slips,
 * exports, logs, and — in the desktop shell — Chromium's own files in the
 * same userData folder.
 *
 * The umask belongs to the process, so the process entry points set it
 * first thing (the desktop shell before Chromium creates its profile files,
 * the web shell, every IT command through runCli), and the services set it
 * again when they start, so no host (a test, a future shell) can run them
 * with the system default. Files that already exist are not touched here:
 * the start-up check (data-dir-permissions.ts) fixes those.
 *
 * A no-op on Windows (no umask: the data directory's ACL decides, see
 * windows-acl.ts) and in worker threads (Node refuses there; the main
 * thread's umask applies to the whole process anyway).
 */
export function restrictNewFiles(platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32' || !isMainThread) return;
  process.umask(process.umask() | PRIVATE_UMASK);
}
