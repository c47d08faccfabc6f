/**
 * Issue 13, a smaller leak: the clerk screen showed the masked ID number
 * (6 head + 4 tail) and, beside it, the birth date — exactly the 8 digits
 * the mask hides. Written as the attack: fill the masked number's stars
 * with any date the clerk's view carries; it must never give the number.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCaseView } from '../../../shared/domain/case/view';
import { SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { openDatabase } from '../storage/database';
import { tempDir } from '../../../test/support/temp-dir';
import { CaseService } from './case-service';

const catalogue = loadDefaultCatalogue();

/** Every 8-digit run in the text, and every date written with separators (1990-03-07, 1990年03月07日), as 8 digits. */
function datesIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\d{8}/g)) found.add(m[0]);
  for (const m of text.matchAll(/(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})/g)) found.add(`${m[1]}${m[2]!.padStart(2, '0')}${m[3]!.padStart(2, '0')}`);
  return found;
}

/** The masked number with its stars filled by `digits`, when they fit. */
const filled = (masked: string, digits: string) => {
  let i = 0;
  return masked.replace(/\*/g, () => digits[i++] ?? '*');
};

describe('the clerk’s view of a card never completes the masked ID number', () => {
  it.each([
    { head: 6, tail: 4 },
    { head: 3, tail: 4 },
    { head: 10, tail: 2 },
  ])('mask head $head, tail $tail', (mask) => {
    const db = openDatabase(join(tempDir('counter-idleak-'), 'counter.sqlite'));
    try {
      const cases = new CaseService({ db, windowNumber: '08', items: () => catalogue.items, now: () => new Date(2026, 8, 25, 10, 0) });
      expect(cases.cardRead(SAMPLE_RESIDENT_CARD, '模拟身份证阅读器').ok).toBe(true);
      const view = toCaseView(cases.current()!, { expectingAgentCard: false, slips: [] }, mask);
      const masked = view.applicant!.idNumberMasked;
      const json = JSON.stringify(view);
      expect(json).not.toContain(SAMPLE_RESIDENT_CARD.idNumber);
      const hidden = SAMPLE_RESIDENT_CARD.idNumber.length - mask.head - mask.tail;
      for (const date of datesIn(json)) {
        for (let start = 0; start + hidden <= date.length; start++) {
          expect(filled(masked, date.slice(start, start + hidden))).not.toBe(SAMPLE_RESIDENT_CARD.idNumber);
        }
      }
      // What the 老年人 prompt and the clerk need instead: the age (周岁) on the day the card was read.
      const read = new Date(view.applicant!.readAt);
      const [y, m, d] = [Number(SAMPLE_RESIDENT_CARD.birthDate.slice(0, 4)), Number(SAMPLE_RESIDENT_CARD.birthDate.slice(4, 6)), Number(SAMPLE_RESIDENT_CARD.birthDate.slice(6, 8))];
      const birthdayPassed = read.getMonth() + 1 > m || (read.getMonth() + 1 === m && read.getDate() >= d);
      expect(view.applicant!.age).toBe(read.getFullYear() - y - (birthdayPassed ? 0 : 1));
      expect(view.applicant).not.toHaveProperty('birthDate');
    } finally {
      db.close();
    }
  });
});
