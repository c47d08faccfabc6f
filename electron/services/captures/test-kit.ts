/**
 * For the capture tests and their crash child: a data directory with the
 * sample case (食品经营许可（新办）, materials checked) open, and the capture
 * service on it.
 */
import { join } from 'node:path';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { CaseService } from '../cases/case-service';
import { checkAllMaterials } from '../cases/test-kit';
import { DATABASE_FILE, openDatabase, type Db } from '../storage/database';
import { CaptureService, type CaptureServiceOptions } from './capture-service';

export const catalogue = loadDefaultCatalogue();

export interface CaptureRig {
  db: Db;
  cases: CaseService;
  captures: CaptureService;
  archiveRoot: string;
  logs: string[];
}

/** Opens the data directory's database (made by an earlier rig, or new) and the capture service on it. */
export function captureRig(dataDir: string, extra: Partial<CaptureServiceOptions> = {}): CaptureRig {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const cases = new CaseService({ db, windowNumber: '08', items: () => catalogue.items });
  const logs: string[] = [];
  const archiveRoot = join(dataDir, 'archive');
  const captures = new CaptureService({ db, archiveRoot, openCase: () => cases.current(), log: (line) => logs.push(line), ...extra });
  return { db, cases, captures, archiveRoot, logs };
}

/** A rig with the sample case opened and its materials checked; the two materials the tests capture. */
export function rigWithCase(dataDir: string, extra: Partial<CaptureServiceOptions> = {}): CaptureRig & { first: string; second: string } {
  const rig = captureRig(dataDir, extra);
  checkAllMaterials(rig.cases);
  const state = rig.cases.current()!.state;
  if (!('item' in state) || !state.item) throw new Error('no item');
  const [first, second] = state.item.materials.map((m) => m.id);
  return { ...rig, first: first!, second: second! };
}
