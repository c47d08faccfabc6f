import { describe, expect, it } from 'vitest';
import { until } from '../../../test/support/until';
import { KeypadRatings, RatingPendingError } from './keypad-ratings';
import { getEvaluation } from './rows';
import { caseAtSlip, rig } from './test-kit';
import { foreignWriter } from '../../../test/support/foreign-lock';

const press = (caseId: string) => ({ type: 'rating', source: '评价器', caseId, level: 'satisfied', keyCode: 2, pressCounter: 7 }) as const;


/** As counter-services wires it: the real evaluation service stores, notices go to a list. */
function wired(options: { retryMs?: number } = {}) {
  const r = rig();
  const logs: string[] = [];
  const notices: string[] = [];
  const ratings = new KeypadRatings({ store: (event) => r.evaluation.keyPressed(event), log: (l) => logs.push(l), notify: (m) => notices.push(m), ...options });
  const caseId = caseAtSlip(r.cases);
  r.evaluation.requestCurrent();
  return { r, ratings, caseId, logs, notices };
}

describe('KeypadRatings: a key pressed while another program holds the database (issue 14)', () => {
  it('unacknowledged while the lock is held, stored once the lock goes — long after the keypad stopped repeating', async () => {
    const { r, ratings, caseId, logs, notices } = wired();
    const writer = foreignWriter(r.db);
    writer.lock();
    // The driver is told "not stored": it withholds the ACK.
    expect(() => ratings.pressed(press(caseId))).toThrow(/database is locked/);
    // The keypad's repeats (same press) while the first is waited for: not acknowledged, not stored twice.
    for (let repeat = 0; repeat < 5; repeat++) expect(() => ratings.pressed(press(caseId))).toThrow(RatingPendingError);
    expect(logs).toEqual(['数据库被占用：评价器按键评价的保存 稍后自动重试']);
    // Longer than the keypad's five repeats 200 ms apart.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(getEvaluation(r.db, caseId)?.status).toBe('requested');

    writer.release();
    await until(() => getEvaluation(r.db, caseId)?.status === 'rated', { label: 'the rating stored once the lock went' });
    expect(getEvaluation(r.db, caseId)).toMatchObject({ level: 'satisfied', channel: 'keypad' });
    expect(r.display.named('showThanks')).toHaveLength(1);
    // A late repeat is a duplicate now: no exception, so the driver acknowledges it.
    await until(() => {
      try {
        ratings.pressed(press(caseId));
        return true;
      } catch {
        return false;
      }
    });
    expect(r.db.prepare('SELECT rating_count FROM evaluations WHERE case_id = ?').pluck().get(caseId)).toBe(1);
    expect(notices).toEqual([]);
  });

  it('a lock that outlasts the retries: the clerk is told in Chinese, and nothing is left running', async () => {
    const { r, ratings, caseId, logs, notices } = wired({ retryMs: 100 });
    const writer = foreignWriter(r.db);
    writer.lock();
    expect(() => ratings.pressed(press(caseId))).toThrow();
    await until(() => notices.length === 1, { label: 'the clerk told' });
    expect(notices[0]).toMatch(/^评价保存失败：数据库正被其他程序占用/);
    expect(logs.at(-1)).toBe('评价保存失败：database is locked');
    writer.release();
    // The press can be made again (nothing pending for it any more), and is stored.
    expect(() => ratings.pressed(press(caseId))).not.toThrow();
    expect(getEvaluation(r.db, caseId)?.status).toBe('rated');
  });

  it('another failure is not retried: logged, the clerk told, thrown so the keypad repeats', () => {
    const logs: string[] = [];
    const notices: string[] = [];
    const ratings = new KeypadRatings({
      store: () => {
        throw Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' });
      },
      log: (l) => logs.push(l),
      notify: (m) => notices.push(m),
    });
    expect(() => ratings.pressed(press('C1'))).toThrow(/disk is full/);
    expect(logs).toEqual(['评价保存失败：SQLITE_FULL: database or disk is full']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^评价保存失败：/);
    expect(notices[0]).not.toMatch(/database|disk/);
  });
});
