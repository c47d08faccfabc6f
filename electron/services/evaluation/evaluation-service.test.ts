import { describe, expect, it } from 'vitest';
import { until } from '../../../test/support/until';
import { strings } from '../../../shared/i18n';
import { getEvaluation, reasonsOf } from './rows';
import { caseAtSlip, CLERK, rig } from './test-kit';
import { foreignWriter } from '../../../test/support/foreign-lock';

const rating = (caseId: string, level: 'verySatisfied' | 'satisfied' | 'basicallySatisfied' | 'dissatisfied' | 'veryDissatisfied', keyCode = 1) =>
  ({ type: 'rating', source: '模拟评价器', caseId, level, keyCode }) as const;
const outbox = (r: ReturnType<typeof rig>) => r.db.prepare<[], { case_id: string; idempotency_key: string; payload_json: string }>('SELECT * FROM evaluation_outbox').all();

describe('EvaluationService', () => {
  it('asks for a rating only once the slip is out, on the keypad and the citizen page', () => {
    const r = rig();
    expect(r.evaluation.requestCurrent()).toEqual({ ok: false, message: '当前没有办件' });
    const id = caseAtSlip(r.cases);
    expect(r.evaluation.requestCurrent()).toEqual({ ok: true, message: '已请申请人评价' });
    expect(r.display.named('requestRating').at(-1)!.args).toEqual([id, '食品经营许可（新办）']);
    expect(r.evaluation.requestView()).toMatchObject({ screen: 'rating', caseId: id, itemName: '食品经营许可（新办）', clerk: CLERK });
    expect(r.clerkViews.at(-1)).toEqual({ caseId: id, status: 'requested', message: '已请申请人评价', level: null });
    expect(getEvaluation(r.db, id)).toMatchObject({ status: 'requested', clerk_name: '李娜', clerk_staff_number: '0123', window_number: '08', item_code: '0100230001-419900-001', day: '2026-09-25', rater: '张晓明' });
    expect(r.evaluation.requestCurrent()).toEqual({ ok: true, message: '已请申请人评价，请等待' });
  });

  it('stores a keypad rating before the keypad is thanked, moves the case on, queues the upload; the clerk sees no level', () => {
    const r = rig();
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    expect(r.evaluation.keyPressed(rating(id, 'satisfied', 2))).toMatchObject({ ok: true, status: 'rated' });
    expect(r.display.statusAtThanks.get(id)).toBe('rated'); // committed when the device was told
    expect(getEvaluation(r.db, id)).toMatchObject({ status: 'rated', level: 'satisfied', channel: 'keypad', key_code: 2, source: '模拟评价器' });
    expect(r.cases.current()!.state).toMatchObject({ phase: 'evaluated', evaluation: { kind: 'rated', rating: 'satisfied' } });
    expect(r.clerkViews.at(-1)).toEqual({ caseId: id, status: 'rated', message: '评价已收到', level: null });
    expect(JSON.stringify(r.clerkViews)).not.toContain('satisfied');
    expect(outbox(r)).toHaveLength(1);
    expect(outbox(r)[0]!.idempotency_key).toBe(`${id}#1`);
    expect(r.queued).toBe(1);
    expect(r.evaluation.requestView()).toMatchObject({ screen: 'thanks', caseId: id });
  });

  it('ignores a second rating for the case (bounce, a repeat, a second device): one rating per case', () => {
    const r = rig();
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    r.evaluation.keyPressed(rating(id, 'verySatisfied'));
    expect(r.evaluation.keyPressed(rating(id, 'veryDissatisfied', 5))).toMatchObject({ ok: false, duplicate: true });
    expect(r.evaluation.submit({ caseId: id, level: 'dissatisfied', reasons: ['E01'] })).toMatchObject({ ok: false, duplicate: true, message: '本办件已评价（一次一评）' });
    expect(getEvaluation(r.db, id)!.level).toBe('verySatisfied');
    expect(r.display.named('showThanks')).toHaveLength(1);
    expect(outbox(r)).toHaveLength(1);
    expect(r.db.prepare('SELECT COUNT(*) AS n FROM evaluation_follow_ups').get()).toEqual({ n: 0 });
  });

  it('the citizen page may rate only the case it was asked to rate: not an earlier case of the window, not a made-up one', () => {
    const r = rig();
    const first = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    r.evaluation.skipCurrent('applicantLeft');
    r.cases.finishCurrent();
    const second = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    expect(r.evaluation.requestView()).toMatchObject({ screen: 'rating', caseId: second });
    const notAsked = { ok: false, message: strings.roles.notAskedToRate, status: null };
    expect(r.evaluation.submit({ caseId: first, level: 'veryDissatisfied', reasons: ['A01'] })).toEqual(notAsked);
    expect(r.evaluation.submit({ caseId: '08-20260925-0099', level: 'verySatisfied' })).toEqual(notAsked);
    expect(getEvaluation(r.db, first)).toMatchObject({ status: 'unrated', level: null });
    expect(r.db.prepare('SELECT COUNT(*) AS n FROM evaluation_follow_ups').get()).toEqual({ n: 0 });
    // The keypad path is unaffected: within the grace period its press for the first case still counts (so the refusal above was the page's rule).
    expect(r.evaluation.keyPressed(rating(first, 'satisfied'))).toMatchObject({ ok: true });
    expect(r.evaluation.submit({ caseId: second, level: 'verySatisfied' })).toMatchObject({ ok: true, status: 'rated' });
  });

  it('a rating the citizen pressed as the clerk ended the case still counts: it is the case the page was asked to rate', () => {
    const r = rig();
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    r.evaluation.skipCurrent('applicantLeft');
    r.cases.finishCurrent();
    expect(r.evaluation.requestView()).toMatchObject({ screen: 'welcome' });
    expect(r.evaluation.submit({ caseId: id, level: 'satisfied' })).toMatchObject({ ok: true, status: 'rated' });
  });

  it('a rating for a case never asked about is refused', () => {
    const r = rig();
    caseAtSlip(r.cases);
    expect(r.evaluation.keyPressed(rating('08-20260925-0099', 'satisfied'))).toMatchObject({ ok: false, message: '该办件没有待评价的请求' });
  });

  it('a keypad 差评 is stored pending reasons with its follow-up; the citizen page asks for the reasons and completes it', () => {
    const r = rig();
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    expect(r.evaluation.keyPressed(rating(id, 'dissatisfied', 4))).toMatchObject({ ok: true, status: 'pendingReasons' });
    expect(r.display.statusAtThanks.get(id)).toBe('pendingReasons');
    expect(r.evaluation.requestView()).toMatchObject({ screen: 'reasons', caseId: id, reasonsRequiredFor: ['dissatisfied', 'veryDissatisfied'] });
    // Confidential: the clerk is not told that reasons are pending (only a 差评 has them).
    expect(r.evaluation.clerkView()).toMatchObject({ status: 'rated', level: null });
    expect(outbox(r)).toHaveLength(0); // not uploaded before the reasons (or the grace period)
    expect(r.evaluation.listFollowUps('open')).toHaveLength(1);

    expect(r.evaluation.submit({ caseId: id, level: 'satisfied' })).toMatchObject({ ok: false, message: '该办件已评为差评，请选择原因' });
    expect(r.evaluation.submit({ caseId: id, level: 'dissatisfied', reasons: [] })).toMatchObject({ ok: false, message: '差评须至少选择一项原因' });
    expect(r.evaluation.submit({ caseId: id, level: 'dissatisfied', reasons: ['A01', 'E02'], comment: '态度不好' })).toMatchObject({ ok: true, status: 'rated', message: '原因已补充' });
    const row = getEvaluation(r.db, id)!;
    expect(row).toMatchObject({ status: 'rated', level: 'dissatisfied', comment: '态度不好', channel: 'keypad' });
    expect(reasonsOf(row)).toEqual(['A01', 'E02']);
    expect(JSON.parse(outbox(r)[0]!.payload_json).record).toMatchObject({ 差评原因代码: 'A01,E02', 评价等级代码: 4 });
  });

  it('on the citizen page a 差评 needs a known reason; with one it is rated at once and followed up', () => {
    const r = rig();
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    expect(r.evaluation.submit({ caseId: id, level: 'veryDissatisfied' })).toMatchObject({ ok: false, message: '差评须至少选择一项原因' });
    expect(r.evaluation.submit({ caseId: id, level: 'veryDissatisfied', reasons: ['Z9'] })).toMatchObject({ ok: false });
    expect(getEvaluation(r.db, id)!.status).toBe('requested');
    expect(r.evaluation.submit({ caseId: id, level: 'veryDissatisfied', reasons: ['S02'] })).toMatchObject({ ok: true, status: 'rated' });
    const [f] = r.evaluation.listFollowUps('open');
    // Fri 2026-09-25 + 5 working days: Sun 9/27 (make-up), Mon 9/28, Tue 9/29, Wed 9/30, then 10/1–10/8 off, Fri 10/9.
    expect(f).toMatchObject({ caseId: id, level: 'veryDissatisfied', deadline: '2026-10-09', responsible: { name: '李娜', staffNumber: '0123' }, rater: '张晓明', status: 'open' });
    expect(f!.reasons).toEqual([{ code: 'S02', label: '一次性告知不清楚' }]);
    expect(r.evaluation.submit({ caseId: id, level: 'satisfied', reasons: ['S02'] }).ok).toBe(false);
  });

  it('shows the level to the clerk only when confidentiality is turned off', () => {
    const r = rig({ confidential: false });
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    r.evaluation.keyPressed(rating(id, 'basicallySatisfied', 3));
    expect(r.evaluation.clerkView()).toEqual({ caseId: id, status: 'rated', message: '评价已收到：基本满意', level: 'basicallySatisfied' });
  });

  it('a case the clerk ends unrated is 未评; a press arriving within the grace period still counts, later ones do not', () => {
    const r = rig();
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    r.evaluation.skipCurrent('applicantLeft');
    expect(getEvaluation(r.db, id)).toMatchObject({ status: 'unrated', unrated_reason: 'applicantLeft' });
    expect(r.display.named('showWelcome')).not.toHaveLength(0);
    r.clock.now = new Date(r.clock.now.getTime() + 30_000);
    expect(r.evaluation.keyPressed(rating(id, 'satisfied'))).toMatchObject({ ok: true, status: 'rated' });

    const s = rig({}, { start: new Date(2026, 8, 25, 11, 0) });
    const other = caseAtSlip(s.cases);
    s.evaluation.skipCurrent('declined'); // never asked: recorded as 未评 all the same
    expect(getEvaluation(s.db, other)).toMatchObject({ status: 'unrated', unrated_reason: 'declined', item_name: '食品经营许可（新办）' });
    s.clock.now = new Date(s.clock.now.getTime() + 120_000);
    expect(s.evaluation.keyPressed(rating(other, 'satisfied'))).toMatchObject({ ok: false, message: '该办件的评价已结束' });
  });

  it('sweeps: an unanswered request becomes 未评; a keypad 差评 without reasons is uploaded after the grace period', () => {
    const r = rig({ unratedAfterMinutes: 30, reasonsGraceMinutes: 10 });
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    r.clock.now = new Date(r.clock.now.getTime() + 29 * 60_000);
    expect(r.evaluation.sweep()).toEqual({ unrated: 0, finalized: 0, defaulted: 0 });
    r.clock.now = new Date(r.clock.now.getTime() + 2 * 60_000);
    expect(r.evaluation.sweep()).toEqual({ unrated: 1, finalized: 0, defaulted: 0 });
    expect(getEvaluation(r.db, id)).toMatchObject({ status: 'unrated', unrated_reason: 'timeout' });
    expect(r.display.calls.at(-1)).toEqual({ call: 'showWelcome', args: ['欢迎光临'] });
    // The citizen is still there: the clerk may ask again.
    expect(r.evaluation.requestCurrent().ok).toBe(true);
    r.evaluation.keyPressed(rating(id, 'veryDissatisfied', 5));
    r.clock.now = new Date(r.clock.now.getTime() + 11 * 60_000);
    expect(r.evaluation.sweep()).toEqual({ unrated: 0, finalized: 1, defaulted: 0 });
    expect(getEvaluation(r.db, id)).toMatchObject({ status: 'rated', reasons_missing: 1 });
    expect(outbox(r)).toHaveLength(1);
  });

  it('applies the configured default level to 未评 after N natural days, and only then', () => {
    const r = rig({ defaultLevel: 'basicallySatisfied', defaultAfterNaturalDays: 7 });
    const id = caseAtSlip(r.cases);
    r.evaluation.skipCurrent('declined');
    r.clock.now = new Date(2026, 9, 1, 10, 0); // day 6
    expect(r.evaluation.sweep().defaulted).toBe(0);
    r.clock.now = new Date(2026, 9, 2, 0, 5); // day 7 (natural days, the holiday does not matter)
    expect(r.evaluation.sweep().defaulted).toBe(1);
    expect(getEvaluation(r.db, id)).toMatchObject({ status: 'defaulted', level: 'basicallySatisfied', channel: 'default' });
    expect(JSON.parse(outbox(r)[0]!.payload_json).record).toMatchObject({ 评价渠道: '7', 评价等级: '基本满意' });
  });

  it('pauses and resumes the evaluator and the citizen page', () => {
    const r = rig();
    r.evaluation.setPaused({ reason: '午间休息', returnAt: '13:30' });
    expect(r.display.calls.at(-1)).toEqual({ call: 'showPaused', args: ['午间休息', '13:30'] });
    expect(r.evaluation.requestView()).toMatchObject({ screen: 'paused', paused: { reason: '午间休息', returnAt: '13:30' } });
    r.evaluation.setPaused(null);
    expect(r.display.calls.at(-1)).toEqual({ call: 'showWelcome', args: ['欢迎光临'] });
  });
});

describe('EvaluationService in the background, under another program’s write lock (issue 14)', () => {
  it('a sweep tick that meets the lock throws nothing into the event loop, is logged once, and is done at a later tick', async () => {
    const logs: string[] = [];
    const r = rig({ unratedAfterMinutes: 30 }, { sweepIntervalMs: 10, log: (line) => logs.push(line) });
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    r.clock.now = new Date(r.clock.now.getTime() + 31 * 60_000);
    let sweeps = 0;
    const sweep = r.evaluation.sweep.bind(r.evaluation);
    r.evaluation.sweep = () => {
      sweeps++;
      return sweep();
    };
    const writer = foreignWriter(r.db);
    writer.lock();
    const busy = '数据库被占用：好差评定时处理（超时未评、差评补充原因、默认评价） 暂缓，稍后自动重试';
    try {
      r.evaluation.start();
      await until(() => logs.filter((l) => l === busy).length === 1 && sweeps >= 3, { label: 'sweeps meeting the lock' });
      expect(getEvaluation(r.db, id)).toMatchObject({ status: 'requested' });
      writer.release();
      await until(() => getEvaluation(r.db, id)?.status === 'unrated', { label: 'the sweep done once the lock went' });
      expect(getEvaluation(r.db, id)).toMatchObject({ unrated_reason: 'timeout' });
      // Once, however many ticks met the lock; the recovery is said once too.
      expect(logs.filter((l) => l === busy)).toHaveLength(1);
      await until(() => logs.includes('好差评定时处理（超时未评、差评补充原因、默认评价） 已恢复正常'));
    } finally {
      r.evaluation.stop();
    }
  });

  it('a refresh after the thanks that fails is logged in Chinese, not thrown from the timer', async () => {
    const logs: string[] = [];
    const r = rig({}, { log: (line) => logs.push(line) });
    const id = caseAtSlip(r.cases);
    r.evaluation.requestCurrent();
    expect(r.evaluation.keyPressed(rating(id, 'satisfied')).ok).toBe(true);
    r.display.showWelcome = () => {
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    };
    await until(() => logs.some((l) => l.startsWith('评价器致谢画面结束后的刷新 出错：')), { label: 'the failed refresh logged' });
    expect(logs.find((l) => l.startsWith('评价器致谢画面结束后的刷新'))).toContain('原始信息：EIO: i/o error, write');
  });
});

