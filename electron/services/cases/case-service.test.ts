import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CARDS, SAMPLE_RESIDENT_CARD } from '../../devices/idcard/sample-cards';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { openDatabase, type Db } from '../storage/database';
import { CaseService } from './case-service';
import { toCaseView } from '../../../shared/domain/case/view';
import { tempDir } from '../../../test/support/temp-dir';

const FOOD = '0100230001-419900-001'; // 食品经营许可（新办）: 5 working days, rules-list tolerable
const PASSPORT = '0100830008-419900-001'; // referred elsewhere
const catalogue = loadDefaultCatalogue();
const tempFile = () => join(tempDir('counter-case-'), 'counter.sqlite');

/** Friday 2026-09-25, 10:00 local: the 国庆 holiday (10/1–10/8, make-up 9/27 Sun and 10/10 Sat) lies ahead. */
let clock = new Date(2026, 8, 25, 10, 0);
function service(db: Db = openDatabase(tempFile())) {
  return { db, cases: new CaseService({ db, windowNumber: '08', items: () => catalogue.items, now: () => clock }) };
}

function checkAll(cases: CaseService, status: 'received' | 'missing', except: Record<string, 'received' | 'missing'> = {}) {
  const state = cases.current()!.state;
  if (state.phase !== 'materialCheck') throw new Error(state.phase);
  for (const m of state.item.materials) {
    const s = except[m.id] ?? (m.required ? status : 'notApplicable');
    expect(cases.act({ type: 'checkMaterial', materialId: m.id, result: { status: s } as never }).ok, m.id).toBe(true);
  }
}

describe('CaseService', () => {
  it('opens a case on a card read, numbered by window, day and sequence, and identifies the applicant', () => {
    clock = new Date(2026, 8, 25, 10, 0);
    const { cases } = service();
    expect(cases.current()).toBeNull();
    expect(cases.cardRead(SAMPLE_RESIDENT_CARD, '模拟身份证阅读器')).toEqual({ ok: true, message: '' });
    const open = cases.current()!;
    expect(open.id).toBe('08-20260925-0001');
    expect(open.state).toMatchObject({ phase: 'identified', applicant: { name: '张晓明', idType: 'residentId', entry: { method: 'idCard' } } });
    expect(open.applicantCard?.address).toBe(SAMPLE_RESIDENT_CARD.address);
  });

  it('takes the next card as the agent when asked, and ignores cards once the materials are under review', () => {
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    expect(cases.act({ type: 'expectAgentCard', on: true }).ok).toBe(true);
    cases.cardRead({ ...SAMPLE_RESIDENT_CARD, name: '李代办', idNumber: '11010519491231002X' }, 'r');
    expect(cases.current()!.state.agent?.name).toBe('李代办');
    expect(cases.current()!.agentCard?.name).toBe('李代办');
    expect(cases.expectingAgentCard).toBe(false);

    expect(cases.act({ type: 'chooseItem', itemCode: FOOD }).ok).toBe(true);
    const outcome = cases.cardRead({ ...SAMPLE_RESIDENT_CARD, name: '王五' }, 'r');
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/材料审查/);
    expect(cases.current()!.state.applicant?.name).toBe('张晓明');
  });

  it('accepts with the promised date counted in working days over the National Day holiday', () => {
    clock = new Date(2026, 8, 25, 10, 0);
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    cases.act({ type: 'chooseItem', itemCode: FOOD });
    checkAll(cases, 'received');
    expect(cases.act({ type: 'accept' }).ok).toBe(true);
    const state = cases.current()!.state;
    // 5 working days after Fri 9/25: Sun 9/27 (make-up), Mon 9/28, Tue 9/29, Wed 9/30, then 10/1–10/8 off, Fri 10/9.
    expect(state.phase === 'decided' && state.decision).toMatchObject({ kind: 'accept', on: '2026-09-25', promisedDate: '2026-10-09' });
  });

  it('notifies once with every missing material and a deadline of 5 working days', () => {
    clock = new Date(2026, 10, 23, 9, 0);
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    cases.act({ type: 'chooseItem', itemCode: FOOD });
    checkAll(cases, 'received', { layout: 'missing', 'business-licence': 'missing' });
    expect(cases.act({ type: 'accept' }).ok).toBe(false);
    expect(cases.act({ type: 'notifyOnce' }).ok).toBe(true);
    const state = cases.current()!.state;
    if (state.phase !== 'decided' || state.decision.kind !== 'notify') throw new Error('not notified');
    expect(state.decision.supplyDeadline).toBe('2026-11-30');
    expect(state.decision.notice.map((n) => n.materialId).sort()).toEqual(['business-licence', 'layout']);
  });

  it('refuses a rejection whose text contains a forbidden phrase, and says what to say instead', () => {
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    cases.act({ type: 'chooseItem', itemCode: FOOD });
    const refused = cases.act({ type: 'reject', reason: 'other', text: '这个不归我管，问别人去' });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/服务忌语/);
    expect(refused.message).toMatch(/建议改用规范用语/);
    expect(cases.act({ type: 'reject', reason: 'other', text: '申请材料显示该场所不在本区。' }).ok).toBe(true);
  });

  it('rejects an item of another body at once, with its referral', () => {
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    expect(cases.act({ type: 'chooseItem', itemCode: PASSPORT }).ok).toBe(true);
    const state = cases.current()!.state;
    expect(state.phase === 'decided' && state.decision).toMatchObject({ kind: 'reject', reason: 'outsideCompetence', automatic: true });
  });

  it('refuses an unknown item code and an action without a case, in Chinese', () => {
    const { cases } = service();
    expect(cases.act({ type: 'accept' })).toEqual({ ok: false, message: '当前没有正在办理的办件。' });
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    expect(cases.act({ type: 'chooseItem', itemCode: 'nope' }).message).toBe('事项目录中没有编码为 nope 的事项。');
  });

  it('resumes the case exactly after a restart, from the database alone', () => {
    const file = tempFile();
    const first = service(openDatabase(file));
    first.cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    first.cases.act({ type: 'chooseItem', itemCode: FOOD });
    first.cases.act({ type: 'checkMaterial', materialId: 'application', result: { status: 'received' } });
    const before = first.cases.current();
    first.db.close();
    const again = service(openDatabase(file));
    expect(again.cases.current()).toEqual(before);
  });

  it('ends the case the lawful way for its phase and numbers the next one after it', () => {
    clock = new Date(2026, 10, 23, 9, 0);
    const { cases, db } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    expect(cases.finishCurrent().ok).toBe(true);
    expect(db.prepare('SELECT status, phase FROM cases').get()).toEqual({ status: 'abandoned', phase: 'abandoned' });
    expect(cases.current()).toBeNull();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    expect(cases.current()!.id).toBe('08-20261123-0002');
  });

  it('keeps full ID numbers out of the audit log, the history columns and the view', () => {
    const { cases, db } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    cases.act({ type: 'setContactPhone', phone: '13800138000' });
    const audit = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toContain(SAMPLE_RESIDENT_CARD.idNumber);
    expect(db.prepare('SELECT applicant_id_masked FROM cases').pluck().get()).toBe('110101********3511');
    const view = JSON.stringify(toCaseView(cases.current()!, { expectingAgentCard: false, slips: [] }, { head: 6, tail: 4 }));
    expect(view).not.toContain(SAMPLE_RESIDENT_CARD.idNumber);
    expect(view).not.toContain('13800138000');
    expect(view).toContain('110101********3511');
  });
});

describe('the card photo and warnings in the case view', () => {
  const mask = { head: 6, tail: 4 };
  it('keeps the raw photo and says plainly that no decoder is installed', () => {
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r', { photoWlt: new Uint8Array(1024).fill(7), warnings: ['证件已过期（有效期至 2020年01月01日），请核实'] });
    const view = toCaseView(cases.current()!, { expectingAgentCard: false, slips: [] }, mask);
    expect(view.applicant?.photo).toEqual({ status: 'noDecoder' });
    expect(view.applicant?.warnings).toEqual(['证件已过期（有效期至 2020年01月01日），请核实']);
    expect(cases.current()!.applicantCard?.photoWlt).toBe(Buffer.from(new Uint8Array(1024).fill(7)).toString('base64'));
  });

  it('shows the decoded photo when the vendor decoder produced one', () => {
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r', { photoWlt: new Uint8Array([1]), photoBmp: new Uint8Array([0x42, 0x4d, 1, 2]) });
    const view = toCaseView(cases.current()!, { expectingAgentCard: false, slips: [] }, mask);
    expect(view.applicant?.photo).toEqual({ status: 'decoded', dataUrl: 'data:image/bmp;base64,Qk0BAg==' });
  });

  it('has no photo entry for a card read without photo data', () => {
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    expect(toCaseView(cases.current()!, { expectingAgentCard: false, slips: [] }, mask).applicant?.photo).toBeUndefined();
  });
});

describe('a rating in the clerk view', () => {
  function rated() {
    clock = new Date(2026, 10, 23, 9, 0);
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    cases.act({ type: 'chooseItem', itemCode: FOOD });
    checkAll(cases, 'received');
    cases.act({ type: 'accept' });
    cases.act({ type: 'setDelivery', delivery: { method: 'window' } });
    cases.act({ type: 'setContactPhone', phone: '13800138000' });
    expect(cases.slipIssued('N1').ok).toBe(true);
    expect(cases.rate(cases.current()!.id, 'veryDissatisfied', '态度不好').ok).toBe(true);
    return cases;
  }

  it('says a rating arrived but withholds the level and comment when ratings are confidential', () => {
    const cases = rated();
    const view = toCaseView(cases.current()!, { expectingAgentCard: false, slips: [], confidentialRatings: true }, { head: 6, tail: 4 });
    expect(view.flow.state).toMatchObject({ phase: 'evaluated', evaluation: { kind: 'withheld' } });
    const wire = JSON.stringify(view);
    expect(wire).not.toContain('veryDissatisfied');
    expect(wire).not.toContain('态度不好');
  });

  it('shows the level where the centre has turned confidentiality off', () => {
    const view = toCaseView(rated().current()!, { expectingAgentCard: false, slips: [], confidentialRatings: false }, { head: 6, tail: 4 });
    expect(view.flow.state).toMatchObject({ evaluation: { kind: 'rated', rating: 'veryDissatisfied' } });
  });
});

describe('revealing an ID number', () => {
  it('hands the full number to the clerk and records the reveal with the number masked', () => {
    const { cases, db } = service();
    expect(cases.revealIdNumber('applicant')).toEqual({ ok: false, message: '当前没有正在办理的办件。' });
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    expect(cases.revealIdNumber('applicant')).toEqual({ ok: true, idNumber: SAMPLE_RESIDENT_CARD.idNumber });
    expect(cases.revealIdNumber('agent')).toEqual({ ok: false, message: '当前办件没有此人的证件号码。' });
    const rows = db.prepare("SELECT kind, detail FROM audit_log WHERE kind LIKE 'id-revealed%'").all();
    expect(rows).toEqual([{ kind: 'id-revealed-applicant', detail: '110101********3511' }]);
  });
});

describe('identity documents an item accepts', () => {
  it('warns when the applicant holds a document the item does not accept, and still lets the clerk go on', () => {
    const { cases } = service();
    cases.cardRead(SAMPLE_CARDS.hmt, 'r');
    const permit = catalogue.items.find((i) => i.name === '居住证签注')!;
    expect(permit.acceptedIdTypes).toEqual(['residentId']);
    const outcome = cases.act({ type: 'chooseItem', itemCode: permit.implementationCode });
    expect(outcome).toEqual({ ok: true, message: '申请人所持港澳台居民居住证不在本事项认可的证件范围内（居民身份证），请核实是否可以办理。' });
    expect(cases.current()!.state.phase).toBe('materialCheck');
  });

  it('says nothing for an accepted document or an item without a list', () => {
    const { cases } = service();
    cases.cardRead(SAMPLE_RESIDENT_CARD, 'r');
    const permit = catalogue.items.find((i) => i.name === '居住证签注')!;
    expect(cases.act({ type: 'chooseItem', itemCode: permit.implementationCode })).toEqual({ ok: true, message: '' });
    expect(cases.act({ type: 'chooseItem', itemCode: FOOD })).toEqual({ ok: true, message: '' });
  });
});
