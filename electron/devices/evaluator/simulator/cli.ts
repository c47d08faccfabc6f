/**
 * Runs the keypad simulator on a pty pair as its own process, for trying a
 * build by hand or bridging a test rig:
 *
 *   npx tsx electron/devices/evaluator/simulator/cli.ts [--dir <d>] [--baud <n>] [--keys 4|5] [--address <n>] [--no-level]
 *
 * Prints `ready <host path>` (configure that path as devices.evaluator.port),
 * then takes one command a line on stdin:
 *   key <n> [case] · level <verySatisfied|…> [case] · bounce <n> · repeat <n> · garbage <n> · corrupt <n>
 *   silent on|off · screen · unplug · replug · quit
 * It stops on SIGTERM / SIGINT, when its parent goes away and, when stdin is
 * a pipe, when that pipe closes (it never outlives who started it).
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { PtyKeypad } from './pty-keypad';
import { serveAsProcess, whenStdinEnds } from '../../pty/simulator-process';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const LEVELS = ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied'] as const;
type Level = (typeof LEVELS)[number];
const isLevel = (x: string | undefined): x is Level => LEVELS.includes(x as Level);

async function main(): Promise<void> {
  const address = Number(arg('--address') ?? 1);
  const sim = new PtyKeypad({
    baudRate: Number(arg('--baud') ?? 9600),
    dir: arg('--dir'),
    script: { keyCount: arg('--keys') === '4' ? 4 : 5, address, reportsLevel: !process.argv.includes('--no-level') },
  });
  await sim.start();
  const quit = serveAsProcess(sim);
  const k = sim.keypad;
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, a, b] = line.trim().split(/\s+/);
    try {
      if (command === 'key') k.pressKey(Number(a), b);
      else if (command === 'level' && isLevel(a)) k.pressLevel(a, b);
      else if (command === 'bounce') k.setScript({ bounce: Number(a ?? 1) });
      else if (command === 'repeat') k.setScript({ repeatFrames: Number(a ?? 1) });
      else if (command === 'garbage') k.sendRaw(randomBytes(Number(a ?? 16)));
      else if (command === 'corrupt') k.setScript({ corruptFrames: Number(a ?? 1) });
      else if (command === 'silent') k.setScript({ silent: a === 'on' });
      else if (command === 'screen') process.stdout.write(`${JSON.stringify({ clerk: k.clerk, screen: k.screen })}\n`);
      else if (command === 'unplug') await sim.unplug();
      else if (command === 'replug') await sim.replug();
      else if (command === 'quit') return quit();
      else {
        process.stderr.write(`? ${line}\n`);
        continue;
      }
      process.stdout.write(`ok ${command}\n`);
    } catch (error) {
      process.stderr.write(`! ${(error as Error).message}\n`);
    }
  }
  // stdin ended: a closed pipe means whoever started us is gone; a terminal or /dev/null keeps serving.
  await whenStdinEnds(quit);
}

main().catch((error: unknown) => {
  process.stderr.write(`模拟评价器启动失败：${(error as Error).message}\n`);
  process.exit(1);
});
