import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import { openDatabase } from '../storage/database';
import { CaseStore } from './case-store';

const fixedNow = () => new Date(2026, 10, 23, 9, 30);
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'counter-cases-')), 'counter.sqlite');

describe('CaseStore', () => {
  it('opens a case on the first card read, numbered by window, day and sequence', () => {
    const store = new CaseStore(openDatabase(tempFile()), '03', fixedNow);
    expect(store.current()).toBeNull();
    const record = store.attachApplicant(SAMPLE_RESIDENT_CARD, '模拟身份证阅读器');
    expect(record.id).toBe('03-20261123-0001');
    expect(record.applicant?.name).toBe('张晓明');
    expect(record.applicant?.source).toBe('模拟身份证阅读器');
  });

  it('puts a second card on the open case instead of opening another', () => {
    const store = new CaseStore(openDatabase(tempFile()), '03', fixedNow);
    const first = store.attachApplicant(SAMPLE_RESIDENT_CARD, 'a');
    const second = store.attachApplicant({ ...SAMPLE_RESIDENT_CARD, name: '李四' }, 'a');
    expect(second.id).toBe(first.id);
    expect(store.current()?.applicant?.name).toBe('李四');
  });

  it('numbers the next case of the day after an abandoned one', () => {
    const store = new CaseStore(openDatabase(tempFile()), '03', fixedNow);
    store.attachApplicant(SAMPLE_RESIDENT_CARD, 'a');
    expect(store.abandonCurrent()).toBe(true);
    expect(store.current()).toBeNull();
    expect(store.abandonCurrent()).toBe(false);
    expect(store.attachApplicant(SAMPLE_RESIDENT_CARD, 'a').id).toBe('03-20261123-0002');
  });

  it('finds the open case again after the process restarts (crash mid-case)', () => {
    const file = tempFile();
    const db = openDatabase(file);
    new CaseStore(db, '03', fixedNow).attachApplicant(SAMPLE_RESIDENT_CARD, 'a');
    db.close();
    const restored = new CaseStore(openDatabase(file), '03', fixedNow).current();
    expect(restored?.applicant?.idNumber).toBe(SAMPLE_RESIDENT_CARD.idNumber);
  });

  it('writes only the masked ID number to the audit log', () => {
    const db = openDatabase(tempFile());
    new CaseStore(db, '03', fixedNow).attachApplicant(SAMPLE_RESIDENT_CARD, 'a');
    const details = db.prepare('SELECT detail FROM audit_log').pluck().all() as string[];
    expect(details).toEqual(['resident 110101********3511']);
    expect(details.join()).not.toContain(SAMPLE_RESIDENT_CARD.idNumber);
  });

  it('rejects a card that fails the contract and leaves no half-written case', () => {
    const store = new CaseStore(openDatabase(tempFile()), '03', fixedNow);
    expect(() => store.attachApplicant({ ...SAMPLE_RESIDENT_CARD, birthDate: '1990-03-07' }, 'a')).toThrow();
    expect(store.current()).toBeNull();
  });

  it('shows a case whose stored applicant was damaged as a case without applicant', () => {
    const db = openDatabase(tempFile());
    const store = new CaseStore(db, '03', fixedNow);
    store.attachApplicant(SAMPLE_RESIDENT_CARD, 'a');
    db.prepare("UPDATE cases SET applicant_json = '{broken'").run();
    expect(store.current()).toMatchObject({ id: '03-20261123-0001', applicant: null });
  });
});
