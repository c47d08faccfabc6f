import { describe, expect, it } from 'vitest';
import { strings } from '../../i18n';
import type { CaseEventInput } from './events';
import { CaseStateSchema, type CaseState, type CaseStateOf, type Person } from './state';
import { AGENT_ID, AT, ON, agent, allReceived, applicant, apply, ev, item, referredItem, started } from './test-kit';
import { startCase, transition } from './transition';

/** The rules inside the phases where an event is allowed: each refusal, and what a success records. */

const r = strings.caseFlow.refusals;
const refusalOf = (state: CaseState, input: CaseEventInput) => {
  const result = transition(state, ev(input));
  return result.ok ? null : result.reason;
};

const identified = () => apply(started(), { type: 'identifyApplicant', at: AT, applicant });
const checking = () => apply(identified(), { type: 'chooseItem', at: AT, on: ON, item });
const check = (materialId: string, result: Extract<CaseEventInput, { type: 'checkMaterial' }>['result']): CaseEventInput => ({
  type: 'checkMaterial',
  at: AT,
  materialId,
  result,
});
const tolerated = (over: Partial<Extract<CaseEventInput, { type: 'acceptTolerated' }>> = {}): CaseEventInput => ({
  type: 'acceptTolerated',
  at: AT,
  on: ON,
  promisedDate: '2026-03-09',
  supplyDeadline: '2026-03-06',
  commitmentSigned: true,
  creditCheck: 'clear',
  ...over,
});
/** Everything received except the tolerable 规章制度目录, which is missing. */
const rulesMissing = () =>
  apply(checking(), check('application', { status: 'received' }), check('licence', { status: 'received' }), check('rules', { status: 'missing' }), check('attorney', { status: 'notApplicable' }));

describe('starting a case', () => {
  it('records the queue ticket and the priority flag, or none', () => {
    expect(startCase({ caseId: 'c1', at: AT, ticket: ' A012 ', priority: true })).toMatchObject({ ticket: 'A012', priority: { on: true, reason: null } });
    expect(startCase({ caseId: 'c1', at: AT, ticket: '  ' })).toMatchObject({ ticket: null, priority: { on: false } });
  });
});

describe('identifying the applicant and the agent', () => {
  const manual = (over: Partial<Person> & { entry?: Person['entry'] }): Person => ({
    ...applicant,
    entry: { method: 'manual', reason: 'readFailed' },
    ...over,
  });

  it('checks a typed-in ID number and wants a reason for "other"', () => {
    const bad = applicant.idNumber.slice(0, 17) + (applicant.idNumber.endsWith('1') ? '2' : '1');
    expect(refusalOf(started(), { type: 'identifyApplicant', at: AT, applicant: manual({ idNumber: bad }) })).toBe(r.badIdNumber('居民身份证'));
    expect(refusalOf(started(), { type: 'identifyApplicant', at: AT, applicant: manual({ entry: { method: 'manual', reason: 'other' } }) })).toBe(
      r.manualReasonText,
    );
    const ok = apply(started(), { type: 'identifyApplicant', at: AT, applicant: manual({ entry: { method: 'manual', reason: 'other', text: '证件磨损' } }) });
    expect(ok.applicant?.entry).toEqual({ method: 'manual', reason: 'other', text: '证件磨损' });
  });

  it('does not check the number of a passport typed in, but does of a temporary ID card', () => {
    expect(refusalOf(started(), { type: 'identifyApplicant', at: AT, applicant: manual({ idType: 'passport', idNumber: 'E12345678' }) })).toBeNull();
    expect(refusalOf(started(), { type: 'identifyApplicant', at: AT, applicant: manual({ idType: 'temporaryResidentId', idNumber: '123' }) })).toBe(
      r.badIdNumber('临时居民身份证'),
    );
  });

  it('takes a card as read, normalising a lower-case x', () => {
    const state = apply(started(), { type: 'identifyApplicant', at: AT, applicant: { ...applicant, idNumber: '41170219850312002x' } });
    expect(state.applicant?.idNumber).toBe('41170219850312002X');
  });

  it('refuses the applicant as their own agent, either way round', () => {
    expect(refusalOf(identified(), { type: 'setAgent', at: AT, agent: { ...agent, idNumber: applicant.idNumber } })).toBe(r.agentIsApplicant);
    const withAgent = apply(identified(), { type: 'setAgent', at: AT, agent });
    expect(refusalOf(withAgent, { type: 'identifyApplicant', at: AT, applicant: { ...applicant, idNumber: AGENT_ID } })).toBe(r.agentIsApplicant);
  });

  it('removes an agent, and says so when there is none', () => {
    expect(refusalOf(identified(), { type: 'clearAgent', at: AT })).toBe(r.noAgent);
    const state = apply(identified(), { type: 'setAgent', at: AT, agent }, { type: 'clearAgent', at: AT });
    expect(state.agent).toBeNull();
  });
});

describe('contact, delivery, priority', () => {
  it('validates and normalises the phone', () => {
    expect(refusalOf(identified(), { type: 'setContactPhone', at: AT, phone: '12345' })).toBe(r.badPhone);
    expect(apply(identified(), { type: 'setContactPhone', at: AT, phone: '138 0013 8000' }).contactPhone).toBe('13800138000');
  });

  it('wants an address for post', () => {
    expect(refusalOf(identified(), { type: 'setDelivery', at: AT, delivery: { method: 'post', address: '  ' } })).toBe(r.addressNeeded);
    expect(apply(identified(), { type: 'setDelivery', at: AT, delivery: { method: 'locker' } }).delivery).toEqual({ method: 'locker' });
  });

  it('keeps a priority reason only while priority is on', () => {
    const on = apply(identified(), { type: 'setPriority', at: AT, priority: true, reason: '孕妇' });
    expect(on.priority).toEqual({ on: true, reason: '孕妇', category: null });
    expect(apply(on, { type: 'setPriority', at: AT, priority: false, reason: '孕妇' }).priority).toEqual({ on: false, reason: null, category: null });
  });

  it('keeps the green-channel category with the flag, and drops it when priority goes off', () => {
    const on = apply(identified(), { type: 'setPriority', at: AT, priority: true, reason: '老年人', category: 'elderly' });
    expect(on.priority).toEqual({ on: true, reason: '老年人', category: 'elderly' });
    expect(apply(on, { type: 'setPriority', at: AT, priority: false, category: 'elderly' }).priority).toEqual({ on: false, reason: null, category: null });
  });

  it('still reads a case stored before the category existed', () => {
    const stored = { ...identified(), priority: { on: true, reason: '老年人' } };
    expect(CaseStateSchema.parse(stored).priority).toEqual({ on: true, reason: '老年人' });
  });
});

describe('choosing the item', () => {
  it('starts the material check with every material pending', () => {
    const state = checking() as CaseStateOf<'materialCheck'>;
    expect(state.checks).toEqual(item.materials.map((m) => ({ materialId: m.id, result: { status: 'pending' } })));
  });

  it('keeps the checks when the same item is chosen again, resets them for another item', () => {
    const checked = apply(checking(), check('licence', { status: 'received' }));
    const same = apply(checked, { type: 'chooseItem', at: AT, on: ON, item }) as CaseStateOf<'materialCheck'>;
    expect(same.checks.find((c) => c.materialId === 'licence')?.result).toEqual({ status: 'received' });
    const other = { ...item, implementationCode: '0100230001-419900-002' };
    const reset = apply(checked, { type: 'chooseItem', at: AT, on: ON, item: other }) as CaseStateOf<'materialCheck'>;
    expect(reset.checks.every((c) => c.result.status === 'pending')).toBe(true);
  });

  it('rejects at once, with the referral, an item this window does not handle; withdrawing goes back to choosing', () => {
    const state = apply(identified(), { type: 'chooseItem', at: AT, on: ON, item: referredItem }) as CaseStateOf<'decided'>;
    expect(state.decision).toEqual({
      kind: 'reject',
      at: AT,
      on: ON,
      warnings: [],
      reason: 'outsideCompetence',
      text: '',
      referral: referredItem.referral,
      automatic: true,
    });
    const back = apply(state, { type: 'withdrawDecision', at: AT });
    expect(back.phase).toBe('identified');
    expect('item' in back).toBe(false);
  });
});

describe('checking materials', () => {
  it('knows only the item’s materials', () => {
    expect(refusalOf(checking(), check('passport', { status: 'received' }))).toBe(r.unknownMaterial('passport'));
  });

  it('allows 不适用 only for conditional materials', () => {
    expect(refusalOf(checking(), check('licence', { status: 'notApplicable' }))).toBe(r.notApplicableRequired('营业执照'));
    expect(refusalOf(checking(), check('attorney', { status: 'notApplicable' }))).toBeNull();
  });

  it('wants the words for an "other" defect', () => {
    expect(refusalOf(checking(), check('licence', { status: 'defective', defect: 'other' }))).toBe(r.defectTextNeeded);
    const state = apply(checking(), check('licence', { status: 'defective', defect: 'other', text: '经营范围不含餐饮' })) as CaseStateOf<'materialCheck'>;
    expect(state.checks[1]).toEqual({ materialId: 'licence', result: { status: 'defective', defect: 'other', text: '经营范围不含餐饮' } });
  });

  it('lets the clerk change a mark, keeping one check per material in catalogue order', () => {
    const state = apply(checking(), check('rules', { status: 'missing' }), check('rules', { status: 'received' })) as CaseStateOf<'materialCheck'>;
    expect(state.checks.map((c) => c.materialId)).toEqual(['application', 'licence', 'rules', 'attorney']);
    expect(state.checks[2]!.result).toEqual({ status: 'received' });
  });
});

describe('decisions', () => {
  it('never decides on a partly checked list', () => {
    const partly = apply(checking(), check('application', { status: 'received' }));
    const reason = r.pending('营业执照、食品安全规章制度目录、授权委托书');
    expect(refusalOf(partly, { type: 'accept', at: AT, on: ON, promisedDate: '2026-03-09' })).toBe(reason);
    expect(refusalOf(partly, tolerated())).toBe(reason);
    expect(refusalOf(partly, { type: 'notifyOnce', at: AT, on: ON, supplyDeadline: '2026-03-09' })).toBe(reason);
  });

  it('受理 needs every material received; the promised date is recorded', () => {
    expect(refusalOf(rulesMissing(), { type: 'accept', at: AT, on: ON, promisedDate: '2026-03-09' })).toBe(r.problemsBlockAccept('食品安全规章制度目录'));
    const accepted = apply(checking(), ...allReceived, { type: 'accept', at: AT, on: ON, promisedDate: '2026-03-09', warnings: ['w'] }) as CaseStateOf<'decided'>;
    expect(accepted.decision).toEqual({ kind: 'accept', at: AT, on: ON, warnings: ['w'], promisedDate: '2026-03-09' });
    expect(refusalOf(apply(checking(), ...allReceived), { type: 'accept', at: AT, on: ON, promisedDate: '2026-03-01' })).toBe(r.promisedBeforeToday);
  });

  it('容缺受理 records the commitment, the credit check and the notice of what is owed', () => {
    const state = apply(rulesMissing(), tolerated()) as CaseStateOf<'decided'>;
    expect(state.decision).toMatchObject({
      kind: 'tolerate',
      commitmentSigned: true,
      creditCheck: 'clear',
      supplyDeadline: '2026-03-06',
      promisedDate: '2026-03-09',
      notice: [{ materialId: 'rules', problem: 'missing', tolerable: true }],
    });
  });

  it('容缺受理 is refused for a non-tolerable material, an unsigned commitment, a listed applicant, or bad dates', () => {
    const licenceMissing = apply(checking(), ...allReceived, check('licence', { status: 'missing' }));
    expect(refusalOf(licenceMissing, tolerated())).toBe(r.notTolerable('营业执照'));
    expect(refusalOf(rulesMissing(), tolerated({ commitmentSigned: false }))).toBe(r.commitmentUnsigned);
    expect(refusalOf(rulesMissing(), tolerated({ creditCheck: 'listed' }))).toBe(r.creditListed);
    expect(refusalOf(rulesMissing(), tolerated({ supplyDeadline: '2026-03-10' }))).toBe(r.deadlineAfterPromised('2026-03-09'));
    expect(refusalOf(rulesMissing(), tolerated({ supplyDeadline: '2026-03-01' }))).toBe(r.deadlineBeforeToday);
    expect(refusalOf(rulesMissing(), tolerated({ creditCheck: 'notRequired' }))).toBeNull();
  });

  it('容缺受理 needs the main materials, whatever conditional ones were handed in', () => {
    const state = apply(
      checking(),
      check('application', { status: 'defective', defect: 'unsigned' }),
      check('licence', { status: 'missing' }),
      check('rules', { status: 'missing' }),
      check('attorney', { status: 'received' }),
    );
    expect(refusalOf(state, tolerated())).toBe(r.notTolerable('食品经营许可申请书、营业执照'));
  });

  it('一次性告知 lists everything at once with a deadline, and is pointless when all is there', () => {
    expect(refusalOf(apply(checking(), ...allReceived), { type: 'notifyOnce', at: AT, on: ON, supplyDeadline: '2026-03-09' })).toBe(r.nothingToNotify);
    const state = apply(
      checking(),
      ...allReceived,
      check('application', { status: 'defective', defect: 'unsigned' }),
      check('rules', { status: 'missing' }),
      { type: 'notifyOnce', at: AT, on: ON, supplyDeadline: '2026-03-09' },
    ) as CaseStateOf<'decided'>;
    expect(state.decision.kind).toBe('notify');
    if (state.decision.kind !== 'notify') return;
    expect(state.decision.supplyDeadline).toBe('2026-03-09');
    expect(state.decision.notice.map((n) => [n.name, n.detail])).toEqual([
      ['食品经营许可申请书', '未签字'],
      ['食品安全规章制度目录', '缺少此材料'],
    ]);
  });

  it('不予受理 wants words for "other" and a referral for lack of competence', () => {
    const s = apply(checking(), ...allReceived);
    expect(refusalOf(s, { type: 'reject', at: AT, on: ON, reason: 'other', text: ' ' })).toBe(r.rejectTextNeeded);
    expect(refusalOf(s, { type: 'reject', at: AT, on: ON, reason: 'outsideCompetence' })).toBe(r.referralNeeded);
    const referral = { department: '示例市商务局', window: '商务窗口' };
    const rejected = apply(s, { type: 'reject', at: AT, on: ON, reason: 'outsideCompetence', text: '属于商务部门职权', referral }) as CaseStateOf<'decided'>;
    expect(rejected.decision).toMatchObject({ kind: 'reject', reason: 'outsideCompetence', referral, text: '属于商务部门职权', automatic: false });
    // A referral given with another reason is not printed.
    const noLicence = apply(s, { type: 'reject', at: AT, on: ON, reason: 'noLicenceNeeded', referral }) as CaseStateOf<'decided'>;
    expect(noLicence.decision).toMatchObject({ referral: null });
  });

  it('withdrawing a decision goes back to the checked list', () => {
    const checked = apply(checking(), ...allReceived) as CaseStateOf<'materialCheck'>;
    const back = apply(checked, { type: 'accept', at: AT, on: ON, promisedDate: '2026-03-09' }, { type: 'withdrawDecision', at: AT }) as CaseStateOf<'materialCheck'>;
    expect(back.phase).toBe('materialCheck');
    expect(back.checks).toEqual(checked.checks);
    expect('decision' in back).toBe(false);
  });
});

describe('slip, evaluation, closing, abandoning', () => {
  const accepted = () => apply(checking(), ...allReceived, { type: 'accept', at: AT, on: ON, promisedDate: '2026-03-09' });
  const printed = { type: 'slipPrinted', at: AT, slipNumber: '示例政务〔2026〕受字第000123号' } as const;

  it('a receipt needs the delivery choice and a contact phone; a rejection does not', () => {
    expect(refusalOf(accepted(), printed)).toBe(r.deliveryNeeded);
    expect(refusalOf(apply(accepted(), { type: 'setDelivery', at: AT, delivery: { method: 'window' } }), printed)).toBe(r.phoneNeeded);
    const rejected = apply(checking(), { type: 'reject', at: AT, on: ON, reason: 'noLicenceNeeded' });
    expect(refusalOf(rejected, printed)).toBeNull();
    expect(refusalOf(rejected, { ...printed, slipNumber: ' ' })).toBe(r.slipNumberNeeded);
  });

  it('records the slip and each reprint', () => {
    const state = apply(
      accepted(),
      { type: 'setDelivery', at: AT, delivery: { method: 'window' } },
      { type: 'setContactPhone', at: AT, phone: '13800138000' },
      printed,
      { type: 'slipReprinted', at: '2026-03-02T09:05:00+08:00' },
    ) as CaseStateOf<'slipPrinted'>;
    expect(state.slip).toEqual({ number: '示例政务〔2026〕受字第000123号', printedAt: AT, reprints: ['2026-03-02T09:05:00+08:00'] });
  });

  it('records a rating or why there is none', () => {
    const slip = apply(checking(), { type: 'reject', at: AT, on: ON, reason: 'noLicenceNeeded' }, printed);
    expect(refusalOf(slip, { type: 'skipEvaluation', at: AT, reason: 'other' })).toBe(r.skipTextNeeded);
    const rated = apply(slip, { type: 'evaluate', at: AT, rating: 'dissatisfied', comment: '等待时间长' }) as CaseStateOf<'evaluated'>;
    expect(rated.evaluation).toEqual({ kind: 'rated', at: AT, rating: 'dissatisfied', comment: '等待时间长' });
    const skipped = apply(slip, { type: 'skipEvaluation', at: AT, reason: 'deviceFault' }) as CaseStateOf<'evaluated'>;
    expect(skipped.evaluation).toEqual({ kind: 'skipped', at: AT, reason: 'deviceFault' });
    expect(apply(rated, { type: 'close', at: '2026-03-02T09:10:00+08:00' })).toMatchObject({ phase: 'closed', closedAt: '2026-03-02T09:10:00+08:00' });
  });

  it('abandoning keeps what was gathered and where it stopped', () => {
    expect(refusalOf(checking(), { type: 'abandon', at: AT, reason: 'other' })).toBe(r.abandonTextNeeded);
    const state = apply(checking(), check('licence', { status: 'missing' }), { type: 'abandon', at: AT, reason: 'applicantWithdrew' }) as CaseStateOf<'abandoned'>;
    expect(state.abandon).toEqual({ at: AT, reason: 'applicantWithdrew', fromPhase: 'materialCheck' });
    expect(state.item?.implementationCode).toBe(item.implementationCode);
    expect(state.checks[1]).toEqual({ materialId: 'licence', result: { status: 'missing' } });
    const early = apply(started(), { type: 'abandon', at: AT, reason: 'openedByMistake' }) as CaseStateOf<'abandoned'>;
    expect(early).toMatchObject({ applicant: null, item: null, checks: [], abandon: { fromPhase: 'started' } });
  });
});
