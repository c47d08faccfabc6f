import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  CounterConfigSchema,
  DEVICE_KINDS,
  type DeviceKind,
  type DeviceState,
  type DeviceStatus,
  type ServiceDayView,
} from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { openDatabase, type Db } from '../storage/database';
import { ServiceDayService } from './service-day-service';
import { tempDir } from '../../../test/support/temp-dir';
import { until } from '../../../test/support/until';

const s = strings.serviceDay.service;
/** Local wall-clock times: the tests hold in any time zone. */
type Clock = [number, number] | [number, number, number];
const at = (h: number, m: number, day = 24) => new Date(2025, 10, day, h, m);
const iso = (h: number, m: number, day = 24) => at(h, m, day).toISOString();
const isoOf = ([h, m, day]: Clock) => iso(h, m, day);

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-rest-of-a-small-png')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-rest')]);

interface Rig {
  service: ServiceDayService;
  db: Db;
  dataDir: string;
  devices: Map<DeviceKind, DeviceState>;
  clock: { now: Date };
  changes: ServiceDayView[];
  logs: string[];
  restart(): Rig;
}

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function rig(options: { dataDir?: string; config?: unknown; clock?: { now: Date }; devices?: Map<DeviceKind, DeviceState>; staleCheckMs?: number } = {}): Rig {
  const dataDir = options.dataDir ?? tempDir('counter-day-');
  const db = openDatabase(join(dataDir, 'counter.sqlite'));
  open.push(db);
  const config = CounterConfigSchema.parse(options.config ?? { counter: { windowNumber: '12', centreName: '示例市政务服务中心' } });
  const devices =
    options.devices ??
    new Map<DeviceKind, DeviceState>(DEVICE_KINDS.map((k) => [k, k === 'idcard' ? 'simulated' : 'unconfigured']));
  const clock = options.clock ?? { now: at(8, 50) };
  const changes: ServiceDayView[] = [];
  const logs: string[] = [];
  const list = (): DeviceStatus[] =>
    DEVICE_KINDS.map((kind) => ({ kind, state: devices.get(kind)!, driver: '', reason: devices.get(kind) === 'unconfigured' ? '本版本尚未提供' : '', since: '' }));
  const service = new ServiceDayService({
    db,
    dataDir,
    config,
    devices: list,
    now: () => clock.now,
    onChange: (v) => changes.push(v),
    log: (l) => logs.push(l),
    ...(options.staleCheckMs ? { staleCheckMs: options.staleCheckMs } : {}),
  });
  service.start();
  const self: Rig = {
    service,
    db,
    dataDir,
    devices,
    clock,
    changes,
    logs,
    restart() {
      service.stop();
      db.close();
      return rig({ dataDir, config: options.config, clock, devices });
    },
  };
  return self;
}

function addCase(db: Db, id: string, from: Clock, to: Clock | null, outcome: string | null, status = to ? 'closed' : 'open') {
  db.prepare('INSERT INTO cases (id, opened_at, closed_at, status, outcome) VALUES (?, ?, ?, ?, ?)').run(
    id,
    isoOf(from),
    to ? isoOf(to) : null,
    status,
    outcome,
  );
}

/** Signs in and opens the window, with exceptions for the printer and the evaluator. */
function openDay(r: Rig) {
  expect(r.service.signIn({ staffNumber: '0342', name: '李四' }).ok).toBe(true);
  r.service.recordException('printer', '打印机缺纸，已报信息科');
  r.service.recordException('evaluator', '评价器未到货，改用纸质评价表');
  expect(r.service.openService().ok).toBe(true);
}

describe('the service day', () => {
  it('starts signed out, listing every device with what is required', () => {
    const { service } = rig();
    const view = service.view();
    expect(view.phase).toBe('signedOut');
    expect(view.session).toBeNull();
    expect(view.check.map((c) => [c.kind, c.required, c.verdict])).toEqual([
      ['idcard', true, 'pass'],
      ['camera', false, 'optional'],
      ['signature', false, 'optional'],
      ['evaluator', true, 'fail'],
      ['printer', true, 'fail'],
    ]);
    expect(view.hours).toEqual({ openingTime: '09:00', closingTime: '17:00', lunchStart: '12:00', lunchEnd: '13:30' });
    expect(view.today).toBeNull();
  });

  it('signs a clerk in, once; the audit log and the listeners hear of it', () => {
    const r = rig();
    const result = r.service.signIn({ staffNumber: '0342', name: '李四' });
    expect(result).toMatchObject({ ok: true, message: s.signedIn('李四'), day: { phase: 'checking' } });
    expect(result.day.session).toEqual({
      clerk: { staffNumber: '0342', name: '李四', hasPhoto: false },
      windowNumber: '12',
      signedInAt: iso(8, 50),
      openedAt: null,
    });
    expect(r.changes.at(-1)?.phase).toBe('checking');

    const again = r.service.signIn({ staffNumber: '0500', name: '王五' });
    expect(again).toMatchObject({ ok: false, message: s.alreadySignedIn('李四') });
    expect(r.db.prepare("SELECT kind FROM audit_log WHERE kind LIKE 'service-day%'").pluck().all()).toEqual(['service-day-sign-in']);
  });

  it('blocks 开始服务 until every failing required device has an exception, and records them', () => {
    const r = rig();
    expect(r.service.openService()).toMatchObject({ ok: false, message: s.notSignedIn });
    r.service.signIn({ staffNumber: '0342', name: '李四' });

    expect(r.service.openService()).toMatchObject({ ok: false, message: s.checkBlocked('评价器、打印机') });
    expect(r.service.recordException('printer', '   ')).toMatchObject({ ok: false, message: s.exceptionReasonNeeded });
    expect(r.service.recordException('idcard', '无')).toMatchObject({ ok: false, message: s.exceptionNotNeeded('身份证阅读器') });

    const printer = r.service.recordException('printer', ' 打印机缺纸，已报信息科 ');
    expect(printer.ok).toBe(true);
    expect(printer.day.canOpen).toBe(false);
    expect(printer.day.check.find((c) => c.kind === 'printer')).toMatchObject({
      verdict: 'exception',
      exception: { kind: 'printer', state: 'unconfigured', reason: '打印机缺纸，已报信息科', at: iso(8, 50) },
    });
    expect(r.service.openService()).toMatchObject({ ok: false, message: s.checkBlocked('评价器') });

    r.clock.now = at(8, 56);
    r.service.recordException('evaluator', '评价器未到货');
    const opened = r.service.openService();
    expect(opened).toMatchObject({ ok: true, message: s.opened, day: { phase: 'open', canOpen: true } });
    expect(opened.day.session?.openedAt).toBe(iso(8, 56));
    expect(r.service.openService()).toMatchObject({ ok: false, message: s.alreadyOpen });

    const row = r.db.prepare('SELECT opened_at, check_json FROM service_days').get() as { opened_at: string; check_json: string };
    expect(row.opened_at).toBe(iso(8, 56));
    expect((JSON.parse(row.check_json) as { kind: string; verdict: string }[]).map((c) => `${c.kind}:${c.verdict}`)).toEqual([
      'idcard:pass',
      'camera:optional',
      'signature:optional',
      'evaluator:exception',
      'printer:exception',
    ]);
    expect(r.db.prepare('SELECT kind, reason FROM service_day_exceptions ORDER BY id').all()).toEqual([
      { kind: 'printer', reason: '打印机缺纸，已报信息科' },
      { kind: 'evaluator', reason: '评价器未到货' },
    ]);
  });

  it('opens at once when the required devices pass, and follows devices that recover', () => {
    const r = rig({ config: { serviceDay: { requiredDevices: ['idcard', 'printer'] } } });
    r.service.signIn({ staffNumber: '0342', name: '李四' });
    expect(r.service.view().canOpen).toBe(false);
    r.devices.set('printer', 'connected');
    expect(r.service.view().canOpen).toBe(true);
    expect(r.service.openService().ok).toBe(true);
  });

  it('pauses with a reason, a return time and a hand-over to the B post, shown to citizens; then resumes', () => {
    const r = rig();
    r.service.signIn({ staffNumber: '0342', name: '李四' });
    expect(r.service.pause({ reason: 'temporaryLeave', expectedReturn: '10:00' })).toMatchObject({ ok: false, message: s.notOpenYet });
    r.service.recordException('printer', '缺纸');
    r.service.recordException('evaluator', '未到货');
    r.service.openService();

    r.clock.now = at(10, 0);
    expect(r.service.pause({ reason: 'temporaryLeave', expectedReturn: '09:30' })).toMatchObject({ ok: false, message: s.returnInPast });
    expect(r.service.pause({ reason: 'other', expectedReturn: '10:30' })).toMatchObject({ ok: false, message: s.otherReasonNeeded });
    expect(r.service.pause({ reason: 'temporaryLeave', expectedReturn: '10:15', handover: { name: '王五', window: '12' } })).toMatchObject({
      ok: false,
      message: s.handoverOwnWindow,
    });
    const forbidden = r.service.pause({ reason: 'other', reasonText: '有意见，找领导去', expectedReturn: '10:15' });
    expect(forbidden.ok).toBe(false);
    expect(forbidden.message).toContain('服务忌语');

    const paused = r.service.pause({ reason: 'temporaryLeave', reasonText: '取档案', expectedReturn: '10:15', handover: { name: '王五', window: '05' } });
    expect(paused).toMatchObject({ ok: true, message: s.paused, day: { phase: 'paused' } });
    expect(paused.day.pause).toEqual({
      reason: 'temporaryLeave',
      reasonText: '取档案',
      startedAt: iso(10, 0),
      expectedReturnAt: iso(10, 15),
      handover: { name: '王五', window: '05' },
    });
    expect(r.service.pause({ reason: 'training', expectedReturn: '11:00' })).toMatchObject({ ok: false, message: s.alreadyPaused });

    const citizen = r.service.citizenScreen();
    expect(citizen).toEqual({
      centreName: '示例市政务服务中心',
      windowNumber: '12',
      status: 'paused',
      clerk: { name: '李四', staffNumber: '0342', photo: null },
      pause: { reason: 'temporaryLeave', reasonText: '取档案', expectedReturnAt: iso(10, 15), handover: { name: '王五', window: '05' } },
      hours: { openingTime: '09:00', closingTime: '17:00', lunchStart: '12:00', lunchEnd: '13:30' },
    });

    r.clock.now = at(10, 12);
    expect(r.service.resume()).toMatchObject({ ok: true, message: s.resumed, day: { phase: 'open', pause: null } });
    expect(r.service.resume()).toMatchObject({ ok: false, message: s.notPaused });
    expect(r.service.citizenScreen()).toMatchObject({ status: 'open', pause: null });
    expect(r.db.prepare('SELECT started_at, ended_at, handover_name, handover_window FROM service_pauses').all()).toEqual([
      { started_at: iso(10, 0), ended_at: iso(10, 12), handover_name: '王五', handover_window: '05' },
    ]);
  });

  it('signs out with the day summary: cases by outcome, pauses, exceptions, extended service and lunch duty', () => {
    const r = rig();
    r.clock.now = at(8, 50);
    openDay(r);
    r.clock.now = at(10, 0);
    r.service.pause({ reason: 'temporaryLeave', expectedReturn: '10:15', handover: { name: '王五', window: '05' } });
    r.clock.now = at(10, 15);
    r.service.resume();
    addCase(r.db, '12-20251124-0001', [9, 0], [9, 20], 'accept');
    addCase(r.db, '12-20251124-0002', [12, 10], [12, 40], 'notify');
    addCase(r.db, '12-20251124-0003', [14, 0], [14, 5], null, 'abandoned');
    // A case still in progress at closing time: the clerk finishes it, never blocked.
    addCase(r.db, '12-20251124-0004', [16, 45], [17, 25], 'accept');

    r.clock.now = at(17, 30);
    const out = r.service.signOut();
    expect(out).toMatchObject({ ok: true, message: s.signedOut('李四'), day: { phase: 'signedOut' } });
    const summary = out.summary!;
    expect(summary.cases).toEqual({
      total: 4,
      byOutcome: [
        { outcome: 'accept', count: 2 },
        { outcome: 'notify', count: 1 },
        { outcome: 'abandoned', count: 1 },
      ],
    });
    expect(summary.pauses).toMatchObject([{ reason: 'temporaryLeave', minutes: 15, handover: { name: '王五', window: '05' } }]);
    expect(summary.exceptions.map((e) => e.kind)).toEqual(['printer', 'evaluator']);
    expect(summary.extendedService).toEqual({ minutes: 25, cases: 1 });
    expect(summary.lunchDuty).toEqual({ minutes: 90, cases: 1 });
    expect(summary.onDutyMinutes).toBe(8 * 60 + 40 - 15);
    expect(summary.until).toBe(iso(17, 30));

    // Recorded: the summary is stored with the session and comes back on the sign-in view.
    const stored = JSON.parse(r.db.prepare('SELECT summary_json FROM service_days').pluck().get() as string) as { extendedService: unknown };
    expect(stored.extendedService).toEqual({ minutes: 25, cases: 1 });
    expect(out.day.lastSummary).toEqual(summary);
    expect(r.service.signOut()).toMatchObject({ ok: false, message: s.notSignedIn, summary: null });
  });

  it('a pause still running at sign-out ends there', () => {
    const r = rig();
    openDay(r);
    r.clock.now = at(16, 0);
    r.service.pause({ reason: 'training', expectedReturn: '17:00' });
    r.clock.now = at(16, 30);
    const out = r.service.signOut();
    expect(out.summary?.pauses[0]).toMatchObject({ reason: 'training', endedAt: iso(16, 30), minutes: 30 });
  });

  it('lets the database hold at most one clerk signed in', () => {
    const r = rig();
    r.service.signIn({ staffNumber: '0342', name: '李四' });
    const insert = r.db.prepare(
      "INSERT INTO service_days (day, staff_number, clerk_name, window_number, signed_in_at) VALUES ('2025-11-24', '0500', '王五', '12', ?)",
    );
    expect(() => insert.run(iso(9, 0))).toThrow(/UNIQUE/);
    r.service.signOut();
    expect(() => insert.run(iso(9, 0))).not.toThrow();
  });

  it('keeps the day across a restart of the terminal', () => {
    const first = rig();
    openDay(first);
    first.clock.now = at(11, 0);
    first.service.pause({ reason: 'systemFault', reasonText: '网络中断', expectedReturn: '11:30' });
    const second = first.restart();
    const view = second.service.view();
    expect(view.phase).toBe('paused');
    expect(view.session?.clerk.name).toBe('李四');
    expect(view.pause?.reasonText).toBe('网络中断');
  });

  it('closes a session left open overnight at closing time, marked as closed by the terminal', () => {
    const r = rig();
    r.clock.now = at(8, 50, 23);
    openDay(r);
    addCase(r.db, '12-20251123-0001', [16, 50, 23], [17, 20, 23], 'accept');
    r.clock.now = at(8, 30, 24);
    const view = r.service.view();
    expect(view.phase).toBe('signedOut');
    expect(view.lastSummary).toBeNull(); // yesterday's, not today's
    const row = r.db.prepare('SELECT signed_out_at, auto_closed, summary_json FROM service_days').get() as {
      signed_out_at: string;
      auto_closed: number;
      summary_json: string;
    };
    // The last case ended after closing: the day ends with it.
    expect(row.signed_out_at).toBe(iso(17, 20, 23));
    expect(row.auto_closed).toBe(1);
    expect(JSON.parse(row.summary_json)).toMatchObject({ autoClosed: true, extendedService: { minutes: 20, cases: 1 } });
    expect(r.logs).toContain(s.autoClosedLog('0342', '2025-11-23'));
    expect(r.service.signIn({ staffNumber: '0342', name: '李四' }).ok).toBe(true);
  });

  it('keeps the clerk photo in the data directory, checked, and shows it on the citizen screen', () => {
    const r = rig();
    const tooBig = Buffer.alloc(150 * 1024 + 1, 0);
    PNG.copy(tooBig);
    expect(r.service.signIn({ staffNumber: '0342', name: '李四', photo: { mediaType: 'image/png', base64: tooBig.toString('base64') } })).toMatchObject({
      ok: false,
      message: s.photoTooLarge(150),
    });
    expect(r.service.signIn({ staffNumber: '0342', name: '李四', photo: { mediaType: 'image/png', base64: Buffer.from('GIF89a....').toString('base64') } })).toMatchObject({
      ok: false,
      message: s.photoBadType,
    });
    expect(r.service.signIn({ staffNumber: '0342', name: '李四', photo: { mediaType: 'image/png', base64: JPEG.toString('base64') } })).toMatchObject({
      ok: false,
      message: s.photoMismatch,
    });
    expect(r.service.view().phase).toBe('signedOut');

    const ok = r.service.signIn({ staffNumber: '0342', name: '李四', photo: { mediaType: 'image/png', base64: PNG.toString('base64') } });
    expect(ok.ok).toBe(true);
    expect(ok.day.session?.clerk.hasPhoto).toBe(true);
    expect(readFileSync(join(r.dataDir, 'clerk-photos', '0342.png'))).toEqual(PNG);
    expect(r.service.citizenScreen().clerk?.photo).toBe(`data:image/png;base64,${PNG.toString('base64')}`);

    // Next sign-in without a photo keeps the one on file; a new JPEG replaces the PNG.
    r.service.signOut();
    expect(r.service.signIn({ staffNumber: '0342', name: '李四' }).day.session?.clerk.hasPhoto).toBe(true);
    r.service.signOut();
    r.service.signIn({ staffNumber: '0342', name: '李四', photo: { mediaType: 'image/jpeg', base64: JPEG.toString('base64') } });
    expect(existsSync(join(r.dataDir, 'clerk-photos', '0342.png'))).toBe(false);
    expect(r.service.citizenScreen().clerk?.photo).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('tells the screens of every change, and shows nobody on the citizen screen when signed out', () => {
    const r = rig();
    expect(r.service.citizenScreen()).toMatchObject({ status: 'closed', clerk: null, pause: null });
    openDay(r);
    expect(r.changes.map((c) => c.phase)).toEqual(['checking', 'checking', 'checking', 'open']);
    expect(r.service.citizenScreen()).toMatchObject({ status: 'open', clerk: { name: '李四', staffNumber: '0342' } });
  });
});

describe('the service day under another program’s write lock (issue 14)', () => {
  it('a session left open overnight, met by the check under the lock: the screens still answer, nothing is thrown, it is closed at a later tick', async () => {
    const r = rig({ staleCheckMs: 10 });
    try {
      r.clock.now = at(8, 50, 23);
      openDay(r);
      r.clock.now = at(8, 30, 24);
      r.db.pragma('busy_timeout = 20');
      const other = new Database(r.db.name);
      onTestFinished(() => {
        if (other.inTransaction) other.exec('ROLLBACK');
        other.close();
      });
      other.exec('BEGIN IMMEDIATE');
      let checks = 0;
      const close = (r.service as unknown as { closeStaleSession: () => boolean }).closeStaleSession.bind(r.service);
      (r.service as unknown as { closeStaleSession: () => boolean }).closeStaleSession = () => {
        checks++;
        return close();
      };
      // A read while the close cannot be written: answered with the day as stored.
      expect(r.service.view().phase).toBe('open');
      expect(r.service.citizenScreen().status).toBe('open');
      const busy = '数据库被占用：隔夜未签退的自动签退 暂缓，稍后自动重试';
      await until(() => checks >= 4, { label: 'checks meeting the lock' });
      expect(r.logs.filter((l) => l === busy)).toHaveLength(1);
      expect(r.db.prepare('SELECT signed_out_at FROM service_days').pluck().get()).toBeNull();

      other.exec('ROLLBACK');
      await until(() => r.changes.at(-1)?.phase === 'signedOut', { label: 'the session closed by the timer once the lock went' });
      expect(r.db.prepare('SELECT auto_closed FROM service_days').pluck().get()).toBe(1);
      expect(r.logs).toContain(s.autoClosedLog('0342', '2025-11-23'));
    } finally {
      r.service.stop();
    }
  });
});
