/** CaseService.rate: the evaluation service's way to move the open case from slipPrinted to evaluated. */
import { describe, expect, it } from 'vitest';
import { caseAtSlip, rig } from '../evaluation/test-kit';

describe('CaseService.rate', () => {
  it('records the rating on the open case waiting for one, in storage', () => {
    const { cases, db } = rig();
    const id = caseAtSlip(cases);
    expect(cases.rate(id, 'satisfied', '很好')).toEqual({ ok: true, message: '' });
    expect(cases.current()!.state).toMatchObject({ phase: 'evaluated', evaluation: { kind: 'rated', rating: 'satisfied', comment: '很好' } });
    expect(db.prepare("SELECT phase FROM cases WHERE id = ?").get(id)).toEqual({ phase: 'evaluated' });
    expect(db.prepare("SELECT kind FROM audit_log WHERE case_id = ? ORDER BY id DESC LIMIT 1").get(id)).toEqual({ kind: 'case-evaluate' });
  });

  it('refuses another case, or a case not waiting for a rating, and leaves it as it was', () => {
    const { cases } = rig();
    const id = caseAtSlip(cases);
    expect(cases.rate('08-20260925-0099', 'satisfied').ok).toBe(false);
    cases.rate(id, 'verySatisfied');
    const again = cases.rate(id, 'dissatisfied');
    expect(again.ok).toBe(false);
    expect(cases.current()!.state).toMatchObject({ evaluation: { rating: 'verySatisfied' } });
  });
});
