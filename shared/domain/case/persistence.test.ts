import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseEventInput } from './events';
import { CaseStateSchema, parseCaseState, type CaseState } from './state';
import { AT, ON, agent, applicant, ev, item, referredItem, started } from './test-kit';
import { transition } from './transition';

/**
 * The service stores the state as JSON after every transition and reads it
 * back on restart. Whatever path a case took, the stored form must come back
 * identical, pass the schema, and behave exactly as the live state would.
 */

const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00+08:00`;

const pool: CaseEventInput[] = [
  { type: 'identifyApplicant', at: AT, applicant },
  { type: 'setAgent', at: AT, agent },
  { type: 'clearAgent', at: AT },
  { type: 'setPriority', at: AT, priority: true, reason: '残疾人' },
  { type: 'setContactPhone', at: AT, phone: '13800138000' },
  { type: 'setDelivery', at: AT, delivery: { method: 'post', address: '示例市人民路 1 号', recipient: '张三' } },
  { type: 'setDelivery', at: AT, delivery: { method: 'window' } },
  { type: 'chooseItem', at: AT, on: ON, item },
  { type: 'chooseItem', at: AT, on: ON, item: referredItem },
  ...item.materials.flatMap((m): CaseEventInput[] => [
    { type: 'checkMaterial', at: AT, materialId: m.id, result: { status: 'received' } },
    { type: 'checkMaterial', at: AT, materialId: m.id, result: { status: 'missing' } },
    { type: 'checkMaterial', at: AT, materialId: m.id, result: { status: 'defective', defect: 'expired' } },
    { type: 'checkMaterial', at: AT, materialId: m.id, result: { status: 'notApplicable' } },
  ]),
  { type: 'accept', at: AT, on: ON, promisedDate: '2026-03-09', warnings: ['节假日日历尚未收录 2027 年'] },
  { type: 'acceptTolerated', at: AT, on: ON, promisedDate: '2026-03-09', supplyDeadline: '2026-03-06', commitmentSigned: true, creditCheck: 'notRequired' },
  { type: 'notifyOnce', at: AT, on: ON, supplyDeadline: '2026-03-09' },
  { type: 'reject', at: AT, on: ON, reason: 'noLicenceNeeded', text: '无需许可' },
  { type: 'reject', at: AT, on: ON, reason: 'outsideCompetence', referral: { department: '示例市商务局' } },
  { type: 'withdrawDecision', at: AT },
  { type: 'slipPrinted', at: AT, slipNumber: '示例政务〔2026〕受字第000001号' },
  { type: 'slipReprinted', at: AT },
  { type: 'evaluate', at: AT, rating: 'basicallySatisfied' },
  { type: 'skipEvaluation', at: AT, reason: 'applicantLeft' },
  { type: 'close', at: AT },
  { type: 'abandon', at: AT, reason: 'applicantLeft' },
];

// Uniform picks over long journeys: small-number bias would rarely get past the slip.
const journeyArb = fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 80, size: 'max' });

describe('a case survives being stored and read back', () => {
  it('after every transition, on any path', () => {
    fc.assert(
      fc.property(journeyArb, (picks) => {
        let state: CaseState = started();
        picks.forEach((pick, step) => {
          const event = ev({ ...pick, at: at(step) });
          const stored = JSON.parse(JSON.stringify(state)) as unknown;
          const restored = parseCaseState(stored);
          expect(restored).toEqual(state);
          // The next step from the restored state is the same as from the live one.
          const live = transition(state, event);
          expect(transition(restored!, event)).toEqual(live);
          if (live.ok) state = live.state;
        });
        expect(CaseStateSchema.safeParse(JSON.parse(JSON.stringify(state))).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reaches every phase along the way (the paths above are not trivial)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(journeyArb, (picks) => {
        let state: CaseState = started();
        for (const pick of picks) {
          const result = transition(state, ev(pick));
          if (result.ok) state = result.state;
          seen.add(state.phase);
        }
      }),
      { numRuns: 2000, seed: 4 },
    );
    expect([...seen].sort()).toEqual(['abandoned', 'closed', 'decided', 'evaluated', 'identified', 'materialCheck', 'slipPrinted', 'started']);
  });

  it('refuses a damaged stored state rather than resuming it', () => {
    expect(parseCaseState({ phase: 'decided', caseId: 'x' })).toBeNull();
    expect(parseCaseState(null)).toBeNull();
    const s = JSON.parse(JSON.stringify(started())) as Record<string, unknown>;
    expect(parseCaseState({ ...s, phase: 'materialCheck' })).toBeNull();
  });
});
