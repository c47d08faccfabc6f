/**
 * The counter's side of the print durability test, as its own process so
 * that it can be killed with SIGKILL mid-print: the database, the print
 * queue and CUPS printing (lp and lpstat are whatever PATH finds: the test's
 * fakes).
 *
 *   node --import tsx test/integration/print-child.ts <data dir> <pdf>
 *
 * Prints `draining` once the queue has started its pass.
 */
import { join } from 'node:path';
import { CupsPrinter } from '../../electron/devices/printer/cups-printer';
import { PrintQueue } from '../../electron/services/printing/print-queue';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';

const [dataDir, pdf] = process.argv.slice(2);
const db = openDatabase(join(dataDir!, DATABASE_FILE));
const queue = new PrintQueue({
  db,
  printer: new CupsPrinter(join(dataDir!, 'print-spool')),
  slip: () => ({ pdfFile: pdf!, paper: 'a4', title: '受理通知书', number: '受字第000001号' }),
});
void queue.drain();
process.stdout.write('draining\n');
