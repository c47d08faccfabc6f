import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { maskIdNumbersInText } from '../../../shared/domain/id-number';

/**
 * A diagnostic log for IT: one file a day under <dataDir>/logs, each line
 * stamped, also echoed to stderr. Writing is best effort: a full or
 * read-only disk must never stop the counter. Callers never pass personal
 * data (ID numbers, names, phone numbers) to it; a full ID number that slips
 * through anyway (an error quoting a request, a device's raw answer) is
 * masked before it reaches the file or the console — both shells log here.
 */
export function createFileLog(dataDir: string, echo: (line: string) => void = (l) => process.stderr.write(`${l}\n`)) {
  const dir = join(dataDir, 'logs');
  let dirReady = false;
  return (raw: string, now: Date = new Date()): void => {
    const line = maskIdNumbersInText(raw);
    echo(line);
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    try {
      if (!dirReady) {
        mkdirSync(dir, { recursive: true });
        dirReady = true;
      }
      appendFileSync(join(dir, `counter-${day}.log`), `${now.toISOString()} ${line.replaceAll('\n', ' ')}\n`, 'utf8');
    } catch {
      // Nothing sensible to do: the echo above already reached the console.
    }
  };
}
