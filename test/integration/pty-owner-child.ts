/**
 * A process owning one simulated device's pty pair, for the tests that kill
 * it with SIGKILL:
 *
 *   node --import tsx test/integration/pty-owner-child.ts pdeathsig|watchdog
 *
 * Prints `ready <socat pid> <host path>` once the pair runs, then waits.
 */
import { PtySimulator } from '../../electron/devices/idcard/simulator/pty-simulator';

async function main(): Promise<void> {
  const tie = process.argv[2] === 'watchdog' ? 'watchdog' : 'pdeathsig';
  const sim = new PtySimulator({ baudRate: 115200, tie });
  await sim.start();
  if (sim.pair.tie !== tie) throw new Error(`tie ${sim.pair.tie}, asked ${tie}`);
  process.stdout.write(`ready ${sim.pair.pid} ${sim.hostPath}\n`);
  setInterval(() => {}, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
