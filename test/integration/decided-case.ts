import { join } from 'node:path';
import { SAMPLE_RESIDENT_CARD } from '../../electron/devices/idcard/sample-cards';
import { loadDefaultCatalogue } from '../../electron/services/catalogue/catalogue-store';
import { CaseService } from '../../electron/services/cases/case-service';
import { DATABASE_FILE, openDatabase } from '../../electron/services/storage/database';

/** 食品经营许可 in the default catalogue. */
export const FOOD = '0100230001-419900-001';

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
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'test');
    cases.act({ type: 'chooseItem', itemCode: FOOD });
    const state = cases.current()!.state;
    if (state.phase !== 'materialCheck') throw new Error(state.phase);
    for (const m of state.item.materials) cases.act({ type: 'checkMaterial', materialId: m.id, result: { status: m.required ? 'received' : 'notApplicable' } });
    for (const action of [
      { type: 'accept' },
      { type: 'setDelivery', delivery: { method: 'window' } },
      { type: 'setContactPhone', phone: '13800138000' },
    ] as const) {
      const outcome = cases.act(action);
      if (!outcome.ok) throw new Error(outcome.message);
    }
    return cases.current()!.id;
  } finally {
    db.close();
  }
}
