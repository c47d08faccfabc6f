import { describe, expect, it } from 'vitest';
import { AT, ON, apply, statesByPhase } from '../case/test-kit';
import type { CaseState } from '../case';
import { stageForCase } from './stage';

const byPhase = statesByPhase();
const facts = (state: CaseState) => ({ applicant: null, flow: { state } });

/** The materialCheck state of the test kit with the tolerable 规章制度目录 missing instead of received. */
const rulesMissing = apply(byPhase.materialCheck, { type: 'checkMaterial', at: AT, materialId: 'rules', result: { status: 'missing' } });

describe('stageForCase follows the case workflow', () => {
  it('greets before an applicant is identified and after a case is abandoned', () => {
    expect(stageForCase(facts(byPhase.started))).toBe('问候');
    expect(stageForCase(facts(byPhase.abandoned))).toBe('问候');
  });

  it('is 受理 from the applicant to the material check, whether the applicant was read or typed in', () => {
    expect(stageForCase(facts(byPhase.identified))).toBe('受理');
    expect(stageForCase(facts(byPhase.materialCheck))).toBe('受理');
    // A manual entry has no card (applicant null) but a workflow applicant: still 受理.
    expect(stageForCase({ applicant: null, flow: { state: byPhase.identified } })).toBe('受理');
  });

  it('after each decision: 接收 for an acceptance, 退回 for a one-time notice, 接待 for a refusal', () => {
    expect(stageForCase(facts(byPhase.decided))).toBe('接收');
    const tolerated = apply(rulesMissing, {
      type: 'acceptTolerated',
      at: AT,
      on: ON,
      promisedDate: '2026-03-09',
      supplyDeadline: '2026-03-06',
      commitmentSigned: true,
      creditCheck: 'clear',
    });
    expect(stageForCase(facts(tolerated))).toBe('接收');
    const notified = apply(rulesMissing, { type: 'notifyOnce', at: AT, on: ON, supplyDeadline: '2026-03-09' });
    expect(stageForCase(facts(notified))).toBe('退回');
    const rejected = apply(byPhase.materialCheck, { type: 'reject', at: AT, on: ON, reason: 'noLicenceNeeded' });
    expect(stageForCase(facts(rejected))).toBe('接待');

    // Handing the slip over: 回执 for an acceptance; a notice or a refusal keeps its own wording.
    expect(stageForCase(facts(byPhase.slipPrinted))).toBe('回执');
    const notifiedSlip = apply(notified, { type: 'slipPrinted', at: AT, slipNumber: '示例〔2026〕补字第000001号' });
    expect(stageForCase(facts(notifiedSlip))).toBe('退回');
  });

  it('says goodbye once the citizen has rated (or not) and the case is closed', () => {
    expect(stageForCase(facts(byPhase.evaluated))).toBe('告别');
    expect(stageForCase(facts(byPhase.closed))).toBe('告别');
  });
});
