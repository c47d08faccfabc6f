/**
 * A simulator run as its own process (the simulators' cli.ts): says
 * `ready <host path>` for whoever started it, and closes its pty pair before
 * leaving on SIGTERM, SIGINT or the `quit` the caller runs.
 */
export function serveAsProcess(sim: { hostPath: string; close(): Promise<void> }): () => Promise<void> {
  process.stdout.write(`ready ${sim.hostPath}\n`);
  const quit = async (): Promise<void> => {
    await sim.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void quit());
  process.on('SIGINT', () => void quit());
  return quit;
}
