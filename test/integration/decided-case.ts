import { join } from 'node:path';
import { loadDefaultCatalogue } from '../../electron/services/catalogue/catalogue-store';
import { CaseService } from '../../electron/services/cases/case-service';
import { decideAccept } from '../../electron/services/cases/test-kit';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';

export { FOOD } from '../../electron/services/cases/test-kit';

/**
 * A case decided 受理 with delivery and phone, ready for its receipt, written
 * into the data directory's database as the clerk would (the sample card,
 * every required material received), the database then closed. Returns its id.
 */
export function writeDecidedCase(dataDir: string): string {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    const items = loadDefaultCatalogue().items;
    const cases = new CaseService({ db, windowNumber: '08', items: () => items });
    decideAccept(cases, 'test');
    return cases.current()!.id;
  } finally {
    db.close();
  }
}
