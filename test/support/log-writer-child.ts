/**
 * A second process writing into a counter's log folder, for
 * electron/services/log/file-log.test.ts: the counter and an IT command
 * logging at the same moment. Args: <dataDir> <writer name> <lines> <maxFileBytes>.
 * Prints `ready`, waits for a line on stdin (so that all writers start
 * together), writes its lines as fast as it can and exits.
 */
import { createInterface } from 'node:readline';
import { createFileLog } from '../../electron/services/log/file-log';

const [dataDir, name, lines, maxFileBytes] = process.argv.slice(2);
const log = createFileLog(dataDir!, () => {}, { policy: { maxFileBytes: Number(maxFileBytes), keepDays: 30, maxTotalBytes: 1024 ** 3 } });
const input = createInterface({ input: process.stdin });
input.once('line', () => {
  for (let i = 0; i < Number(lines); i++) log(`${name} 第 ${i} 行 ${'x'.repeat(i % 97)}`);
  input.close();
  process.stdin.destroy();
});
process.stdout.write('ready\n');
