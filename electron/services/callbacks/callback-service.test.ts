import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CounterConfigSchema, DEVICE_KINDS, type DeviceStatus } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { ServiceDayService } from '../service-day/service-day-service';
import { openDatabase, type Db } from '../storage/database';
import { CallbackService } from './callback-service';
import { tempDir } from '../../../test/support/temp-dir';

const t = strings.prompts.callback;
/** Local wall-clock times: the tests hold in any time zone. */
const at = (h: number, m: number, day = 2) => new Date(2026, 2, day, h, m);

const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

function rig(dataDir = tempDir('counter-callbacks-'), clock = { now: at(10, 0) }, caseId: string | null = null) {
  const db = openDatabase(join(dataDir, 'counter.sqlite'));
  dbs.push(db);
  let changes = 0;
  const service = new CallbackService({ db, now: () => clock.now, currentCaseId: () => caseId, onChange: () => changes++ });
  return { db, dataDir, clock, service, changes: () => changes };
}

describe('CallbackService', () => {
  it('stores a call-back at once, normalised, linked to the open case, and says so', () => {
    const dataDir = tempDir('counter-callbacks-');
    const first = rig(dataDir);
    first.db.prepare("INSERT INTO cases (id, opened_at, status) VALUES ('c-1', ?, 'open')").run(at(9, 50).toISOString());
    const withCase = new CallbackService({ db: first.db, now: () => first.clock.now, currentCaseId: () => 'c-1' });
    const outcome = withCase.record({ name: ' 张三 ', phone: '138 0013 8000', itemName: '居住证办理', note: '下午方便' });
    expect(outcome).toEqual({
      ok: true,
      message: t.saved('张三', '13800138000'),
      errors: {},
      callback: { id: 1, caseId: 'c-1', name: '张三', phone: '13800138000', itemName: '居住证办理', note: '下午方便', at: at(10, 0).toISOString(), doneAt: null },
    });
    // The audit trail records it without the name or the full number.
    const audit = first.db.prepare("SELECT detail FROM audit_log WHERE kind = 'callback-recorded'").all();
    expect(audit).toEqual([{ detail: '138****8000' }]);
  });

  it('refuses a bad phone with the field named, and stores nothing', () => {
    const { service, db, changes } = rig();
    const outcome = service.record({ name: '李四', phone: '12345' });
    expect(outcome).toEqual({ ok: false, message: t.badPhone, errors: { phone: t.badPhone }, callback: null });
    expect(db.prepare('SELECT count(*) AS n FROM callbacks').get()).toEqual({ n: 0 });
    expect(changes()).toBe(0);
  });

  it('survives a restart: the open call-back is still listed after the database is reopened', () => {
    const first = rig();
    first.service.record({ name: '王五', phone: '0371-66554433' });
    first.db.close();
    const second = rig(first.dataDir, { now: at(15, 0) });
    expect(second.service.list('open').map((c) => [c.name, c.phone, c.doneAt])).toEqual([['王五', '0371-66554433', null]]);
  });

  it('lists open ones first (any day), then those done today; a done one leaves the open list', () => {
    const r = rig();
    r.clock.now = at(9, 0, 1);
    r.service.record({ name: '昨日', phone: '13900000001' });
    r.clock.now = at(9, 30, 1);
    const doneYesterday = r.service.record({ name: '昨日已回', phone: '13900000004' }).callback!;
    r.service.setDone(doneYesterday.id, true);
    r.clock.now = at(10, 0);
    const a = r.service.record({ name: '甲', phone: '13900000002' }).callback!;
    r.service.record({ name: '乙', phone: '13900000003' });
    r.clock.now = at(10, 30);
    expect(r.service.setDone(a.id, true)).toMatchObject({ ok: true, callback: { id: a.id, doneAt: at(10, 30).toISOString() } });
    expect(r.service.list('today').map((c) => c.name)).toEqual(['昨日', '乙', '甲']);
    expect(r.service.list('open').map((c) => c.name)).toEqual(['昨日', '乙']);
    // Ticking it again keeps the first time; unticking reopens it.
    r.clock.now = at(11, 0);
    expect(r.service.setDone(a.id, true).callback?.doneAt).toBe(at(10, 30).toISOString());
    expect(r.service.setDone(a.id, false).callback?.doneAt).toBeNull();
    expect(r.service.list('open').map((c) => c.name)).toEqual(['昨日', '甲', '乙']);
    expect(r.service.setDone(999, true)).toEqual({ ok: false, message: t.notFound, callback: null });
  });

  it('is counted in the day summary: recorded during the session, and those still open', () => {
    const r = rig();
    const config = CounterConfigSchema.parse({});
    const devices = (): DeviceStatus[] => DEVICE_KINDS.map((kind) => ({ kind, state: 'simulated', driver: '', reason: '', since: '' }));
    const day = new ServiceDayService({
      db: r.db,
      dataDir: r.dataDir,
      config,
      devices,
      now: () => r.clock.now,
      callbacks: (from, until) => r.service.countBetween(from, until),
    });
    r.clock.now = at(8, 50);
    day.signIn({ staffNumber: '0007', name: '赵六' });
    day.openService();
    r.clock.now = at(10, 0);
    const first = r.service.record({ name: '甲', phone: '13900000002' }).callback!;
    r.service.record({ name: '乙', phone: '13900000003' });
    expect(day.view().today?.callbacks).toEqual({ recorded: 2, open: 2 });
    r.service.setDone(first.id, true);
    expect(day.view().today?.callbacks).toEqual({ recorded: 2, open: 1 });
    r.clock.now = at(17, 0);
    expect(day.signOut().summary?.callbacks).toEqual({ recorded: 2, open: 1 });
  });
});
