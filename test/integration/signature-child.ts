/**
 * The counter's side of the signature crash test, as its own process so that
 * it can be killed with SIGKILL the moment a signature is kept: opens the
 * data directory's database, saves a signature for the case given through
 * the real store (sealed with the key given), prints `saved <json>` and
 * waits, the database still open, to be killed.
 *
 *   node --import tsx test/integration/signature-child.ts <data dir> <key hex> <case id>
 */
import { join } from 'node:path';
import { FieldCipher } from '../../electron/services/privacy/field-cipher';
import { PAD, penSamples } from '../../electron/services/signatures/test-kit';
import { SignatureStore } from '../../electron/services/signatures/signature-store';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';

const [dataDir, keyHex, caseId] = process.argv.slice(2);
const db = openDatabase(join(dataDir!, DATABASE_FILE));
const store = new SignatureStore({ db, cipher: new FieldCipher(Buffer.from(keyHex!, 'hex')) });
const saved = store.save({
  caseId: caseId!,
  slipKind: 'receipt',
  slipSha256: 'e'.repeat(64),
  pad: PAD,
  samples: penSamples(),
  capturedAt: new Date().toISOString(),
  confirmedAt: new Date().toISOString(),
  clerkStaffNumber: '0001',
});
process.stdout.write(`saved ${JSON.stringify(saved)}\n`);
// Kept alive with the database open (no close, no checkpoint) until the test kills it.
setInterval(() => undefined, 60_000);
