/**
 * The counter's side of the slip crash test, as its own process so that it
 * can be killed with SIGKILL while a slip renders: the real services on the
 * data directory given (devices disabled, so nothing else runs), with a PDF
 * renderer that never returns.
 *
 *   node --import tsx test/integration/slip-child.ts <data dir>
 *
 * Signs the test clerk in, asks for the open case's slip and prints `rendering` once drawing began
 * (its number is taken by then).
 */
import { startCounterServices } from '../../electron/services/app/counter-services';
import type { PdfRenderer } from '../../electron/services/slips/pdf-renderer';
import { CLERK } from './clerk-fixture';

const [dataDir] = process.argv.slice(2);
const stuck: PdfRenderer = {
  render: () => {
    process.stdout.write('rendering\n');
    return new Promise<Buffer>(() => {});
  },
  close: async () => {},
};
// The clerk signs in first (config.json carries the test clerk's account): a slip names the clerk signed in.
void startCounterServices({ shell: 'web', dataDir: dataDir!, pdfRenderer: stuck, printer: null, log: () => {} }).then(async (services) => {
  await services.handle('signIn', { staffNumber: CLERK.staffNo, pin: CLERK.pin });
  await services.handle('issueSlip', {});
});
