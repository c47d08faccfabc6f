import { ServiceItemSchema, type ServiceItem } from '../catalogue/schema';
import { sampleItem } from '../catalogue/test-items';
import { idCheckCharacter } from '../id-number';
import { CaseEventSchema, type CaseEvent, type CaseEventInput } from './events';
import type { CaseState, Person } from './state';
import { startCase, transition } from './transition';

/** Helpers for the case workflow tests: states are reached through real transitions only. */

export const AT = '2026-03-02T09:00:00+08:00';
export const ON = '2026-03-02';

const withCheck = (first17: string) => first17 + idCheckCharacter(first17)!;
export const APPLICANT_ID = withCheck('41170219850312002');
export const AGENT_ID = withCheck('41170219900101003');

export const item: ServiceItem = ServiceItemSchema.parse(sampleItem());
export const referredItem: ServiceItem = ServiceItemSchema.parse(
  sampleItem({
    name: '普通护照签发',
    basicCode: '0100830008',
    implementationCode: '0100830008-419900-001',
    materials: [],
    referral: { department: '示例市公安局出入境管理支队', window: '出入境业务大厅' },
  }),
);

export const applicant: Person = { name: '张三', idType: 'residentId', idNumber: APPLICANT_ID, entry: { method: 'idCard', reader: '模拟身份证阅读器' } };
export const agent: Person = { name: '李四', idType: 'residentId', idNumber: AGENT_ID, entry: { method: 'idCard', reader: '模拟身份证阅读器' } };

/** An event with its defaults filled in, as the service would pass it after validating a request. */
export function ev(input: CaseEventInput): CaseEvent {
  return CaseEventSchema.parse(input);
}

/** Applies events in turn; a refusal fails the test with its reason. */
export function apply(state: CaseState, ...events: CaseEventInput[]): CaseState {
  return events.reduce<CaseState>((s, input) => {
    const result = transition(s, ev(input));
    if (!result.ok) throw new Error(`refused ${input.type} in ${s.phase}: ${result.reason}`);
    return result.state;
  }, state);
}

export const started = () => startCase({ caseId: '01-20260302-0001', at: AT, ticket: 'A012' });

/** Every material of `item` received, except the conditional power of attorney (not applicable). */
export const allReceived: CaseEventInput[] = [
  { type: 'checkMaterial', at: AT, materialId: 'application', result: { status: 'received' } },
  { type: 'checkMaterial', at: AT, materialId: 'licence', result: { status: 'received' } },
  { type: 'checkMaterial', at: AT, materialId: 'rules', result: { status: 'received' } },
  { type: 'checkMaterial', at: AT, materialId: 'attorney', result: { status: 'notApplicable' } },
];

/** A representative state of each phase, with an agent, a phone and a delivery choice from `identified` on. */
export function statesByPhase(): Record<CaseState['phase'], CaseState> {
  const s0 = started();
  const identified = apply(
    s0,
    { type: 'identifyApplicant', at: AT, applicant },
    { type: 'setAgent', at: AT, agent },
    { type: 'setContactPhone', at: AT, phone: '13800138000' },
    { type: 'setDelivery', at: AT, delivery: { method: 'window' } },
  );
  const materialCheck = apply(identified, { type: 'chooseItem', at: AT, on: ON, item }, ...allReceived);
  const decided = apply(materialCheck, { type: 'accept', at: AT, on: ON, promisedDate: '2026-03-09' });
  const slipPrinted = apply(decided, { type: 'slipPrinted', at: AT, slipNumber: '示例政务〔2026〕受字第000123号' });
  const evaluated = apply(slipPrinted, { type: 'evaluate', at: AT, rating: 'verySatisfied' });
  return {
    started: s0,
    identified,
    materialCheck,
    decided,
    slipPrinted,
    evaluated,
    closed: apply(evaluated, { type: 'close', at: AT }),
    abandoned: apply(materialCheck, { type: 'abandon', at: AT, reason: 'applicantLeft' }),
  };
}
