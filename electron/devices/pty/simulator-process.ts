/**
 * A simulator run as its own process (the simulators' cli.ts): says
 * `ready <host path>` for whoever started it, and closes its pty pair before
 * leaving on SIGTERM, SIGINT, SIGHUP or the `quit` the caller runs.
 *
 * It never outlives the process that started it, even one killed with
 * SIGKILL: it leaves when its parent changes (it was handed to init or a
 * subreaper) and, when its stdin is a pipe from that parent, when the pipe
 * closes (`whenStdinEnds`) — the parent may be a wrapper such as tsx's CLI
 * that lives on, but the pipe closes with the process that holds its other
 * end. Its socat dies with it in any case (tied-spawn.ts).
 */
import { fstatSync } from 'node:fs';

const PARENT_CHECK_MS = 500;

export function serveAsProcess(sim: { hostPath: string; close(): Promise<void> }): () => Promise<void> {
  process.stdout.write(`ready ${sim.hostPath}\n`);
  let quitting: Promise<void> | null = null;
  const quit = (): Promise<void> =>
    (quitting ??= (async () => {
      await sim.close().catch(() => {});
      process.exit(0);
    })());
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void quit());
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) void quit();
  }, PARENT_CHECK_MS);
  watch.unref();
  return quit;
}

/**
 * After stdin ended: a pipe or socket ending means the process holding its
 * other end is gone, so quit; a terminal or /dev/null (started by hand, in
 * the background) keeps serving until a signal or the parent goes.
 */
export async function whenStdinEnds(quit: () => Promise<void>): Promise<void> {
  let stat;
  try {
    stat = fstatSync(0);
  } catch {
    return;
  }
  if (stat.isFIFO() || stat.isSocket()) await quit();
}
