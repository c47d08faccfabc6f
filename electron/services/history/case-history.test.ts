import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CARDS, SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { CaseService } from '../cases/case-service';
import { openDatabase } from '../storage/database';
import { CaseHistory } from './case-history';
import { tempDir } from '../../../test/support/temp-dir';

const FOOD = '0100230001-419900-001';
const PASSPORT = '0100830008-419900-001';
const catalogue = loadDefaultCatalogue();

/** Three days of cases at one window: accepted, notified, rejected, abandoned, open. */
function seeded() {
  const db = openDatabase(join(tempDir('counter-history-'), 'db.sqlite'));
  let clock = new Date(2026, 10, 20, 9, 0);
  const cases = new CaseService({ db, windowNumber: '08', items: () => catalogue.items, now: () => clock });
  const checkAll = (missing: string[] = []) => {
    const state = cases.current()!.state;
    if (state.phase !== 'materialCheck') throw new Error(state.phase);
    for (const m of state.item.materials)
      cases.act({ type: 'checkMaterial', materialId: m.id, result: { status: missing.includes(m.id) ? 'missing' : m.required ? 'received' : 'notApplicable' } });
  };
  // 11/20: accepted
  cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
  cases.act({ type: 'chooseItem', itemCode: FOOD });
  checkAll();
  cases.act({ type: 'accept' });
  cases.finishCurrent(); // Esc after a decision without a slip: the case is abandoned
  // 11/23: notified, then a referred item (automatic rejection), then an open case
  clock = new Date(2026, 10, 23, 9, 0);
  const other = SAMPLE_CARDS.hmt;
  cases.cardRead(other, 'r');
  cases.act({ type: 'chooseItem', itemCode: FOOD });
  checkAll(['layout']);
  cases.act({ type: 'notifyOnce' });
  db.prepare("UPDATE cases SET status = 'closed', phase = 'closed' WHERE status = 'open'").run();
  clock = new Date(2026, 10, 23, 10, 0);
  cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
  cases.act({ type: 'chooseItem', itemCode: PASSPORT });
  db.prepare("UPDATE cases SET status = 'closed', phase = 'closed' WHERE status = 'open'").run();
  clock = new Date(2026, 10, 23, 11, 0);
  cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
  return { db, history: new CaseHistory(db), other };
}

describe('CaseHistory', () => {
  it('finds cases by applicant name, masked ID number, item and case number, newest first', () => {
    const { history, other } = seeded();
    expect(history.search({ text: other.name }).map((r) => r.outcome)).toEqual(['notify']);
    const byMasked = history.search({ text: '110101********3511' });
    expect(byMasked.length).toBeGreaterThanOrEqual(3);
    expect(byMasked.every((r) => r.applicantIdMasked === '110101********3511')).toBe(true);
    expect(history.search({ text: '护照' }).map((r) => r.outcome)).toEqual(['reject']);
    expect(history.search({ text: '08-20261123-0001' })).toHaveLength(1);
    const all = history.search({});
    expect(all.map((r) => r.openedAt)).toEqual([...all.map((r) => r.openedAt)].sort().reverse());
  });

  it('never matches on the full ID number, which it does not keep', () => {
    const { history } = seeded();
    expect(history.search({ text: SAMPLE_RESIDENT_CARD.idNumber })).toEqual([]);
  });

  it('filters by local date range and outcome', () => {
    const { history } = seeded();
    expect(history.search({ from: '2026-11-20', to: '2026-11-20' })).toHaveLength(1);
    expect(history.search({ from: '2026-11-23', to: '2026-11-23' })).toHaveLength(3);
    expect(history.search({ outcome: 'open' })).toHaveLength(1);
    expect(history.search({ outcome: 'reject' }).map((r) => r.itemName)).toEqual(['普通护照签发']);
  });

  it('treats % and _ in the search text literally', () => {
    const { history } = seeded();
    expect(history.search({ text: '%' })).toEqual([]);
    expect(history.search({ text: '_' })).toEqual([]);
  });

  it('counts one day by outcome', () => {
    const { history } = seeded();
    expect(history.dayCounts('2026-11-23')).toEqual({ date: '2026-11-23', total: 3, accept: 0, tolerate: 0, notify: 1, reject: 1, abandoned: 0, open: 1 });
    expect(history.dayCounts('2026-11-20')).toMatchObject({ total: 1, abandoned: 1 });
    expect(history.dayCounts('2026-11-21').total).toBe(0);
  });
});
