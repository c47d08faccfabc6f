/**
 * Runs the SAM reader simulator on a pty pair as its own process, for the
 * benchmark (so its CPU is not counted with the driver's) and for trying a
 * build by hand:
 *
 *   npx tsx electron/devices/idcard/simulator/cli.ts [--dir <d>] [--baud <n>] [--card resident|hmt|foreigner2017|foreigner2023]
 *     [--after-read halt|stay]
 *
 * Prints `ready <host path>` on stdout, then takes one command a line on
 * stdin: place <type> · remove · fail <n> [sw3 hex] · sam <sw3 hex> · unplug · replug · quit.
 * SIGTERM / SIGINT stop it; so does its parent going away or, when stdin is
 * a pipe, that pipe closing (it never outlives who started it). From a
 * terminal or with stdin from /dev/null it keeps serving after stdin ends.
 */
import { createInterface } from 'node:readline';
import { CARD_TYPES, type CardType } from '../../../../shared/contract';
import { SAMPLE_CARDS } from '../sample-cards';
import { simCardOf } from './card-image';
import { PtySimulator } from './pty-simulator';
import { serveAsProcess, whenStdinEnds } from '../../pty/simulator-process';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const isCardType = (t: string | undefined): t is CardType => CARD_TYPES.includes(t as CardType);

async function main(): Promise<void> {
  const sim = new PtySimulator({
    baudRate: Number(arg('--baud') ?? 115200),
    dir: arg('--dir'),
    script: { afterRead: arg('--after-read') === 'stay' ? 'stay' : 'halt' },
  });
  const card = arg('--card');
  if (isCardType(card)) sim.simulator.placeCard(simCardOf(SAMPLE_CARDS[card]));
  await sim.start();
  const quit = serveAsProcess(sim);
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, a, b] = line.trim().split(/\s+/);
    if (command === 'place' && isCardType(a)) sim.simulator.placeCard(simCardOf(SAMPLE_CARDS[a]));
    else if (command === 'remove') sim.simulator.removeCard();
    else if (command === 'fail') sim.simulator.setScript({ readFailures: Number(a ?? 1), readFailureCode: parseInt(b ?? '41', 16) });
    else if (command === 'sam') sim.simulator.setScript({ samStatus: parseInt(a ?? '90', 16) });
    else if (command === 'unplug') await sim.unplug();
    else if (command === 'replug') await sim.replug();
    else if (command === 'quit') return quit();
    else {
      process.stderr.write(`? ${line}\n`);
      continue;
    }
    process.stdout.write(`ok ${command}\n`);
  }
  // stdin ended: a closed pipe means whoever started us is gone; a terminal or /dev/null keeps serving.
  await whenStdinEnds(quit);
}

main().catch((error: unknown) => {
  process.stderr.write(`模拟阅读器启动失败：${(error as Error).message}\n`);
  process.exit(1);
});
