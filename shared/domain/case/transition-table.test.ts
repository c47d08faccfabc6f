import { describe, expect, it } from 'vitest';
import { strings } from '../../i18n';
import { CASE_EVENT_TYPES, type CaseEventInput, type CaseEventType } from './events';
import { AT, ON, agent, applicant, ev, item, statesByPhase } from './test-kit';
import { transition } from './transition';
import { PHASES, type Phase } from './vocabulary';

/**
 * Every state × every event. The expected outcome of each cell is written
 * out here, independently of the machine's own table: either the phase the
 * case moves to, or the exact refusal the clerk reads.
 */

const r = strings.caseFlow.refusals;
const label = strings.caseFlow.eventLabels;
const phaseLabel = strings.caseFlow.phases;
const not = (type: CaseEventType, phase: Phase) => r.notInPhase(label[type], phaseLabel[phase]);

/** One representative event of each type, valid where the event is allowed. */
const EVENTS: Record<CaseEventType, CaseEventInput> = {
  identifyApplicant: { type: 'identifyApplicant', at: AT, applicant },
  setAgent: { type: 'setAgent', at: AT, agent },
  clearAgent: { type: 'clearAgent', at: AT },
  setPriority: { type: 'setPriority', at: AT, priority: true, reason: '老年人' },
  setContactPhone: { type: 'setContactPhone', at: AT, phone: '0371-65123456' },
  setDelivery: { type: 'setDelivery', at: AT, delivery: { method: 'post', address: '示例市人民路 1 号' } },
  chooseItem: { type: 'chooseItem', at: AT, on: ON, item },
  checkMaterial: { type: 'checkMaterial', at: AT, materialId: 'rules', result: { status: 'missing' } },
  accept: { type: 'accept', at: AT, on: ON, promisedDate: '2026-03-09' },
  acceptTolerated: {
    type: 'acceptTolerated',
    at: AT,
    on: ON,
    promisedDate: '2026-03-09',
    supplyDeadline: '2026-03-06',
    commitmentSigned: true,
    creditCheck: 'clear',
  },
  notifyOnce: { type: 'notifyOnce', at: AT, on: ON, supplyDeadline: '2026-03-09' },
  reject: { type: 'reject', at: AT, on: ON, reason: 'noLicenceNeeded', text: '仅销售预包装食品，办理备案即可' },
  withdrawDecision: { type: 'withdrawDecision', at: AT },
  slipPrinted: { type: 'slipPrinted', at: AT, slipNumber: '示例政务〔2026〕受字第000124号' },
  slipReprinted: { type: 'slipReprinted', at: AT },
  evaluate: { type: 'evaluate', at: AT, rating: 'satisfied' },
  skipEvaluation: { type: 'skipEvaluation', at: AT, reason: 'declined' },
  close: { type: 'close', at: AT },
  abandon: { type: 'abandon', at: AT, reason: 'applicantWithdrew' },
};

type Cell = { to: Phase } | string;
const stay = (phase: Phase): Cell => ({ to: phase });

const EXPECTED: Record<Phase, Record<CaseEventType, Cell>> = {
  started: {
    identifyApplicant: { to: 'identified' },
    setAgent: r.needApplicant,
    clearAgent: r.needApplicant,
    setPriority: stay('started'),
    setContactPhone: r.needApplicant,
    setDelivery: r.needApplicant,
    chooseItem: r.needApplicant,
    checkMaterial: r.needApplicant,
    accept: r.needApplicant,
    acceptTolerated: r.needApplicant,
    notifyOnce: r.needApplicant,
    reject: r.needApplicant,
    withdrawDecision: not('withdrawDecision', 'started'),
    slipPrinted: not('slipPrinted', 'started'),
    slipReprinted: not('slipReprinted', 'started'),
    evaluate: not('evaluate', 'started'),
    skipEvaluation: not('skipEvaluation', 'started'),
    close: not('close', 'started'),
    abandon: { to: 'abandoned' },
  },
  identified: {
    identifyApplicant: stay('identified'),
    setAgent: stay('identified'),
    clearAgent: stay('identified'),
    setPriority: stay('identified'),
    setContactPhone: stay('identified'),
    setDelivery: stay('identified'),
    chooseItem: { to: 'materialCheck' },
    checkMaterial: r.needItem,
    accept: r.needItem,
    acceptTolerated: r.needItem,
    notifyOnce: r.needItem,
    reject: r.needItem,
    withdrawDecision: not('withdrawDecision', 'identified'),
    slipPrinted: not('slipPrinted', 'identified'),
    slipReprinted: not('slipReprinted', 'identified'),
    evaluate: not('evaluate', 'identified'),
    skipEvaluation: not('skipEvaluation', 'identified'),
    close: not('close', 'identified'),
    abandon: { to: 'abandoned' },
  },
  // The representative state has every material received: only 受理 and 不予受理 are open.
  materialCheck: {
    identifyApplicant: r.applicantLocked,
    setAgent: stay('materialCheck'),
    clearAgent: stay('materialCheck'),
    setPriority: stay('materialCheck'),
    setContactPhone: stay('materialCheck'),
    setDelivery: stay('materialCheck'),
    chooseItem: stay('materialCheck'),
    checkMaterial: stay('materialCheck'),
    accept: { to: 'decided' },
    acceptTolerated: r.nothingToTolerate,
    notifyOnce: r.nothingToNotify,
    reject: { to: 'decided' },
    withdrawDecision: not('withdrawDecision', 'materialCheck'),
    slipPrinted: not('slipPrinted', 'materialCheck'),
    slipReprinted: not('slipReprinted', 'materialCheck'),
    evaluate: not('evaluate', 'materialCheck'),
    skipEvaluation: not('skipEvaluation', 'materialCheck'),
    close: not('close', 'materialCheck'),
    abandon: { to: 'abandoned' },
  },
  decided: {
    identifyApplicant: r.alreadyDecided,
    setAgent: stay('decided'),
    clearAgent: stay('decided'),
    setPriority: stay('decided'),
    setContactPhone: stay('decided'),
    setDelivery: stay('decided'),
    chooseItem: r.alreadyDecided,
    checkMaterial: r.alreadyDecided,
    accept: r.alreadyDecided,
    acceptTolerated: r.alreadyDecided,
    notifyOnce: r.alreadyDecided,
    reject: r.alreadyDecided,
    withdrawDecision: { to: 'materialCheck' },
    slipPrinted: { to: 'slipPrinted' },
    slipReprinted: r.needSlip,
    evaluate: r.needSlip,
    skipEvaluation: r.needSlip,
    close: r.needSlip,
    abandon: { to: 'abandoned' },
  },
  slipPrinted: {
    identifyApplicant: r.slipOut,
    setAgent: r.slipOut,
    clearAgent: r.slipOut,
    setPriority: r.slipOut,
    setContactPhone: r.slipOut,
    setDelivery: r.slipOut,
    chooseItem: r.slipOut,
    checkMaterial: r.slipOut,
    accept: r.slipOut,
    acceptTolerated: r.slipOut,
    notifyOnce: r.slipOut,
    reject: r.slipOut,
    withdrawDecision: r.slipOut,
    slipPrinted: r.slipOut,
    slipReprinted: stay('slipPrinted'),
    evaluate: { to: 'evaluated' },
    skipEvaluation: { to: 'evaluated' },
    close: r.needEvaluation,
    abandon: r.slipOutCannotAbandon,
  },
  evaluated: {
    identifyApplicant: r.slipOut,
    setAgent: r.slipOut,
    clearAgent: r.slipOut,
    setPriority: r.slipOut,
    setContactPhone: r.slipOut,
    setDelivery: r.slipOut,
    chooseItem: r.slipOut,
    checkMaterial: r.slipOut,
    accept: r.slipOut,
    acceptTolerated: r.slipOut,
    notifyOnce: r.slipOut,
    reject: r.slipOut,
    withdrawDecision: r.slipOut,
    slipPrinted: r.slipOut,
    slipReprinted: stay('evaluated'),
    evaluate: r.slipOut,
    skipEvaluation: r.slipOut,
    close: { to: 'closed' },
    abandon: r.slipOutCannotAbandon,
  },
  closed: Object.fromEntries(CASE_EVENT_TYPES.map((t) => [t, r.finished])) as Record<CaseEventType, Cell>,
  abandoned: Object.fromEntries(CASE_EVENT_TYPES.map((t) => [t, r.finished])) as Record<CaseEventType, Cell>,
};

describe('the case state machine, every state × every event', () => {
  const states = statesByPhase();

  it('covers all phases and all event types', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PHASES].sort());
    expect(Object.keys(EVENTS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    for (const phase of PHASES) expect(states[phase].phase).toBe(phase);
  });

  for (const phase of PHASES) {
    for (const type of CASE_EVENT_TYPES) {
      const cell = EXPECTED[phase][type];
      const title = typeof cell === 'string' ? `refuses ${type} in ${phase}` : `${type} in ${phase} → ${cell.to}`;
      it(title, () => {
        const before = structuredClone(states[phase]);
        const result = transition(states[phase], ev(EVENTS[type]));
        // A transition never changes the state it was given.
        expect(states[phase]).toEqual(before);
        if (typeof cell === 'string') {
          expect(result).toEqual({ ok: false, reason: cell });
        } else {
          expect(result.ok).toBe(true);
          if (result.ok) {
            expect(result.state.phase).toBe(cell.to);
            expect(result.state.updatedAt).toBe(AT);
            expect(result.state.caseId).toBe(before.caseId);
          }
        }
      });
    }
  }
});
