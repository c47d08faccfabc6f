import { afterEach, describe, expect, it } from 'vitest';
import { CounterConfigSchema } from '../../../shared/contract';
import { startCase, type CaseState } from '../../../shared/domain/case';
import { idCheckCharacter } from '../../../shared/domain/id-number';
import { openDatabase, type Db } from '../storage/database';
import { SpecialPromptService } from './special-prompt-service';

const local = (h: number, m: number) => new Date(2026, 2, 2, h, m);
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function idFor(birth: string): string {
  const first17 = `410102${birth}123`;
  return first17 + idCheckCharacter(first17)!;
}

function rig(config: unknown = {}) {
  const db = openDatabase(':memory:');
  dbs.push(db);
  const service = new SpecialPromptService({ db, config: CounterConfigSchema.parse({ prompts: config }).prompts, now: () => local(10, 0) });
  const past = (id: string, opened: Date, closed: Date) =>
    db.prepare("INSERT INTO cases (id, opened_at, closed_at, status) VALUES (?, ?, ?, 'closed')").run(id, opened.toISOString(), closed.toISOString());
  return { db, service, past };
}

function openCase(openedAt: Date, change: (s: CaseState) => CaseState = (s) => s) {
  const state = change(startCase({ caseId: 'now', at: openedAt.toISOString() }));
  return { id: 'now', openedAt: openedAt.toISOString(), state };
}

const withApplicant = (birth: string) => (s: CaseState): CaseState =>
  ({ ...s, phase: 'identified', applicant: { name: '张老伯', idType: 'residentId', idNumber: idFor(birth), entry: { method: 'idCard', reader: 'sim' } } }) as CaseState;

describe('SpecialPromptService', () => {
  it('has nothing to say without a case', () => {
    expect(rig().service.forCase('问候', null)).toEqual({ prompts: [], cues: [] });
  });

  it('finds the long wait from the previous case at this window', () => {
    const { service, past } = rig();
    past('a', local(8, 30), local(9, 0));
    past('b', local(9, 5), local(9, 35));
    expect(service.forCase('问候', openCase(local(9, 37)))).toEqual({
      prompts: [{ kind: 'longWait', source: 'previousCase', minutes: 30, threshold: 20 }],
      cues: ['longWait'],
    });
  });

  it('takes the case just before, not an earlier long one, and follows the configured threshold', () => {
    const { service, past } = rig({ longWaitMinutes: 40 });
    past('a', local(8, 0), local(9, 0));
    past('b', local(9, 0), local(9, 35));
    expect(service.forCase('受理', openCase(local(9, 36))).prompts).toEqual([]);
  });

  it('offers the 老年人 mark from the age in the full ID number, at the configured age', () => {
    const { service } = rig();
    expect(service.forCase('受理', openCase(local(9, 0), withApplicant('19660302'))).prompts).toEqual([{ kind: 'suggestElderly', age: 60, threshold: 60 }]);
    expect(service.forCase('受理', openCase(local(9, 0), withApplicant('19660303'))).prompts).toEqual([]);
    const strict = rig({ elderlyAge: 65 }).service;
    expect(strict.forCase('受理', openCase(local(9, 0), withApplicant('19620101'))).prompts).toEqual([]);
    expect(strict.forCase('受理', openCase(local(9, 0), withApplicant('19610302'))).prompts).toEqual([{ kind: 'suggestElderly', age: 65, threshold: 65 }]);
  });

  it('shows the green channel once the case is priority, with the category', () => {
    const { service } = rig();
    const priority = (s: CaseState): CaseState => ({ ...withApplicant('19500101')(s), priority: { on: true, reason: '老年人', category: 'elderly' } });
    expect(service.forCase('受理', openCase(local(9, 0), priority))).toEqual({
      prompts: [{ kind: 'priority', category: 'elderly', reason: '老年人' }],
      cues: ['priority'],
    });
  });
});
