import { describe, expect, it } from 'vitest';
import { caseAtSlip, rig } from './test-kit';

function badRating() {
  const r = rig();
  const id = caseAtSlip(r.cases);
  r.evaluation.requestCurrent();
  r.evaluation.submit({ caseId: id, level: 'dissatisfied', reasons: ['A01'], comment: '不耐烦' });
  const [f] = r.evaluation.listFollowUps('open');
  return { r, id, f: f! };
}

describe('差评 follow-up', () => {
  it('is opened with the deadline in working days of the configured count', () => {
    const r = rig({ rectificationWorkingDays: 15 });
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    r.evaluation.submit({ caseId: id, level: 'dissatisfied', reasons: ['A01'] });
    // Fri 9/25 + 15 working days: 9/27 (make-up Sun), 9/28–9/30, [10/1–10/8 off], 10/9, 10/10 (make-up Sat), 10/12–10/16, 10/19–10/22.
    expect(r.evaluation.listFollowUps('open')[0]!.deadline).toBe('2026-10-22');
  });

  it('records call back, verification, rectification, outcome and the citizen view, then closes', () => {
    const { r, f } = badRating();
    const u = r.evaluation.followUps;
    expect(u.update({ id: f.id, close: true })).toMatchObject({ ok: false, message: '办结前须记录回访情况' });
    expect(u.update({ id: f.id, callback: { reached: true, note: '已电话联系申请人' } }).ok).toBe(true);
    expect(u.update({ id: f.id, close: true })).toMatchObject({ ok: false, message: '办结前须记录核实情况' });
    u.update({ id: f.id, verification: { result: 'confirmed', note: '查看录像属实' } });
    expect(u.update({ id: f.id, close: true })).toMatchObject({ ok: false, message: '情况属实或部分属实的差评，办结前须记录整改措施和整改完成时间' });
    u.update({ id: f.id, rectification: { measures: '窗口服务规范培训', done: true } });
    expect(u.update({ id: f.id, close: true })).toMatchObject({ ok: false, message: '办结前须填写处理结果' });
    r.clock.now = new Date(2026, 9, 9, 15, 0);
    const closed = u.update({ id: f.id, outcome: '已向申请人致歉并整改', fixView: 'satisfied', close: true });
    expect(closed).toMatchObject({ ok: true, message: '差评整改已办结' });
    expect(closed.followUp).toMatchObject({
      status: 'closed',
      callback: { reached: true, note: '已电话联系申请人' },
      verification: { result: 'confirmed' },
      rectification: { measures: '窗口服务规范培训' },
      outcome: '已向申请人致歉并整改',
      fixView: 'satisfied',
      comment: '不耐烦',
      overdue: false,
    });
    expect(r.evaluation.listFollowUps('open')).toEqual([]);
    expect(r.evaluation.listFollowUps('closed')).toHaveLength(1);
    expect(u.update({ id: f.id, outcome: '改一下' })).toMatchObject({ ok: false, message: '该差评整改记录已办结，不能再修改' });
    expect(u.update({ id: 999, outcome: 'x' })).toMatchObject({ ok: false, message: '找不到该差评整改记录' });
  });

  it('an unfounded 差评 closes without rectification; an open one past its deadline is overdue', () => {
    const { r, f } = badRating();
    r.clock.now = new Date(2026, 9, 10, 9, 0); // the day after the deadline 10/9
    expect(r.evaluation.listFollowUps('open')[0]!.overdue).toBe(true);
    const u = r.evaluation.followUps;
    u.update({ id: f.id, callback: { reached: false, note: '未接通' }, verification: { result: 'unfounded', note: '录像显示服务规范' }, outcome: '经核实不属实' });
    expect(u.update({ id: f.id, close: true }).ok).toBe(true);
  });
});
