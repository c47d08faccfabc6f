/**
 * The counter's side of the durability test, as its own process so that it
 * can be killed with SIGKILL: the database, the case and evaluation
 * services, and the real evaluator driver on the serial port given.
 *
 *   tsx test/integration/evaluation-child.ts <database file> <serial port>
 *
 * Prints `ready` once the keypad answered.
 */
import { EvaluationConfigSchema } from '../../shared/contract';
import { SerialEvaluatorDriver } from '../../electron/devices/evaluator/driver';
import { SerialTransport } from '../../electron/devices/idcard/transports/serial';
import { loadDefaultCatalogue } from '../../electron/services/catalogue/catalogue-store';
import { CaseService } from '../../electron/services/cases/case-service';
import { EvaluationService } from '../../electron/services/evaluation/evaluation-service';
import { openDatabase } from '../../electron/services/storage/database';

const [file, port] = process.argv.slice(2);
const db = openDatabase(file!);
const catalogue = loadDefaultCatalogue();
const cases = new CaseService({ db, windowNumber: '08', items: () => catalogue.items });
const driver = new SerialEvaluatorDriver({ openTransport: () => new SerialTransport(port!, 9600) });
const evaluation = new EvaluationService({
  db,
  config: EvaluationConfigSchema.parse({}),
  cases,
  clerk: () => ({ window: '08', name: '李娜', staffNumber: '0123' }),
  display: () => driver,
});
const off = driver.onState((state) => {
  if (state === 'ready') {
    off();
    process.stdout.write('ready\n');
  }
});
void driver.start({
  setStatus: () => {},
  notice: () => {},
  report: (event) => {
    if (event.type === 'rating') evaluation.keyPressed(event);
  },
});
evaluation.start();
