import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether a process (other than this one) is running with an argument equal
 * to `argument` or starting with `argument` and a space. Used after a crash
 * to find an `lp` the dead terminal left behind, still handing a slip to
 * CUPS: its title argument starts with the attempt's unique reference, so a
 * reused process id cannot be mistaken for it. Linux (/proc) only; false
 * where there is no /proc.
 */
export function isRunningWithArgument(argument: string): boolean {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return false;
  }
  for (const pid of pids) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // exited meanwhile, or not ours to read
    }
    if (cmdline.split('\0').some((arg) => arg === argument || arg.startsWith(`${argument} `))) return true;
  }
  return false;
}
