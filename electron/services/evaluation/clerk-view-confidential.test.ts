/**
 * Issue 13, a smaller leak: after a keypad 差评 the clerk saw
 * 申请人正在补充原因, which only a bad rating produces. While ratings are
 * confidential the clerk's view — what it says and when it changes — must
 * be the same whatever the level.
 */
import { describe, expect, it } from 'vitest';
import type { ClerkEvaluationView } from '../../../shared/contract';
import { caseAtSlip, rig } from './test-kit';

type Level = 'verySatisfied' | 'satisfied' | 'basicallySatisfied' | 'dissatisfied' | 'veryDissatisfied';

/** A case rated on the keypad, and — for a 差评 — its reasons given on the citizen page: what the clerk was told, case id left out. */
function clerkSees(level: Level): { views: Array<Omit<ClerkEvaluationView, 'caseId'> | null>; now: Omit<ClerkEvaluationView, 'caseId'> | null } {
  const r = rig();
  const id = caseAtSlip(r.cases);
  r.evaluation.requestCurrent();
  expect(r.evaluation.keyPressed({ type: 'rating', source: '模拟评价器', caseId: id, level, keyCode: 1 }).ok).toBe(true);
  const afterKey = r.evaluation.clerkView();
  if (level === 'dissatisfied' || level === 'veryDissatisfied') {
    expect(r.evaluation.submit({ caseId: id, level, reasons: ['A01'] })).toMatchObject({ ok: true });
  }
  const strip = (v: ClerkEvaluationView | null) => (v ? { status: v.status, message: v.message, level: v.level } : null);
  expect(strip(afterKey)).toEqual(strip(r.evaluation.clerkView()));
  return { views: r.clerkViews.map(strip), now: strip(r.evaluation.clerkView()) };
}

describe('the clerk’s view of a confidential rating', () => {
  it('is the same for a keypad 差评 (pending its reasons, then completed) as for a 满意', () => {
    const good = clerkSees('satisfied');
    for (const bad of ['dissatisfied', 'veryDissatisfied'] as const) {
      const seen = clerkSees(bad);
      // The same events, in the same number: the reasons arriving later send the clerk nothing.
      expect(seen.views).toEqual(good.views);
      expect(seen.now).toEqual(good.now);
    }
    expect(good.now).toEqual({ status: 'rated', message: '评价已收到', level: null });
    expect(JSON.stringify(clerkSees('dissatisfied'))).not.toContain('补充原因');
  });

  it('still tells the pending reasons when the centre turned confidentiality off', () => {
    const r = rig({ confidential: false });
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    r.evaluation.keyPressed({ type: 'rating', source: '模拟评价器', caseId: id, level: 'dissatisfied', keyCode: 4 });
    expect(r.evaluation.clerkView()).toMatchObject({ status: 'pendingReasons', level: 'dissatisfied' });
  });
});
