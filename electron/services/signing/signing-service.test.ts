import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState, InkEvent, SigningView } from '../../../shared/contract';
import { SCREEN_PAD_ASPECT } from '../../../shared/domain/signature/ink-scale';
import type { PadDescription, PadPrompt, PenSample } from '../../../shared/domain/signature/pen';
import { strings } from '../../../shared/i18n';
import { writeDecidedCase } from '../../../test/integration/decided-case';
import { tempDir } from '../../../test/support/temp-dir';
import type { DeviceDriver, SignaturePad, SignatureSimulation } from '../../devices/driver';
import { loadDefaultCatalogue } from '../catalogue/catalogue-store';
import { CaseService } from '../cases/case-service';
import { signableSlip, signatureRequired, SignatureStore } from '../signatures';
import { DATABASE_FILE, openDatabase } from '../storage/database';
import type { Db } from '../storage/database';
import { takeForeignLock, type ForeignLock } from '../../../test/support/foreign-lock';
import { SigningService } from './signing-service';

const t = strings.signing;

/** A 2:1 pad in its own units: 0…2000 × 0…1000, pressure 0…255. */
const PAD: PadDescription = {
  protocol: 'hid',
  simulated: true,
  vendorId: 0x256c,
  productId: 0x006e,
  model: 'TEST-PAD',
  firmware: null,
  x: { min: 0, max: 2000 },
  y: { min: 0, max: 1000 },
  pressure: { min: 0, max: 255 },
  resolution: null,
};

/** A pad driver as the DeviceManager holds it: remembers what it was asked; its reports are handed in by the test. */
class FakePad implements DeviceDriver, SignaturePad {
  readonly kind = 'signature' as const;
  readonly name = '模拟签名板';
  readonly calls: string[] = [];
  prompt: PadPrompt | null = null;
  pad: PadDescription | null = PAD;
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async beginSigning(prompt: PadPrompt): Promise<void> {
    this.prompt = prompt;
    this.calls.push('begin');
  }
  async clearInk(): Promise<void> {
    this.calls.push('clear');
  }
  async endSigning(): Promise<void> {
    this.calls.push('end');
  }
}

/** The simulated pad: 模拟签名 replays a signature as pen reports (here straight into the service, as the manager would). */
class FakeSimulatedPad extends FakePad implements SignatureSimulation {
  connected = true;
  constructor(private readonly report: (samples: PenSample[]) => void) {
    super();
  }
  async simulateSignature(): Promise<boolean> {
    if (!this.connected) return false;
    for (let i = 0; i <= 40; i += 1) this.report([pen(i * 50, 500 + (i % 5) * 40, i < 40, i)]);
    return true;
  }
}

const pen = (x: number, y: number, tip: boolean, hostTime: number): PenSample => ({
  x,
  y,
  pressure: tip ? 128 : 0,
  tip,
  inRange: true,
  deviceTime: null,
  seq: null,
  hostTime,
});

const SIGNED_CTX = { centreName: '示例政务服务中心', windowNumber: '08', officerName: '示例工作人员', officerStaffNumber: '0001', mask: { head: 6, tail: 4 } };

const opened: Db[] = [];
const locks: ForeignLock[] = [];
afterEach(() => {
  for (const lock of locks.splice(0)) lock.kill();
  for (const db of opened.splice(0)) db.close();
});

interface Counter {
  db: Db;
  caseId: string | null;
  cases: CaseService;
  service: SigningService;
  views: Array<SigningView | null>;
  ink: InkEvent[];
  logs: string[];
  setPadState(state: DeviceState): void;
  store: SignatureStore;
}

/** The signing service over a real database holding a case decided 受理 (or none), with `driver` as the pad. */
function counter(options: { dataDir?: string; decided?: boolean; driver?: DeviceDriver | null; padState?: DeviceState; receiptRequired?: boolean } = {}): Counter {
  const dataDir = options.dataDir ?? tempDir('counter-signing-');
  const caseId = options.decided === false || options.dataDir ? null : writeDecidedCase(dataDir);
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  opened.push(db);
  const items = loadDefaultCatalogue().items;
  const cases = new CaseService({ db, windowNumber: '08', items: () => items });
  const store = new SignatureStore({ db });
  const views: Array<SigningView | null> = [];
  const ink: InkEvent[] = [];
  const logs: string[] = [];
  let padState: DeviceState = options.padState ?? 'simulated';
  const driver = options.driver === undefined ? new FakePad() : options.driver;
  const service = new SigningService({
    cases,
    slipOf: (state) => signableSlip(state, SIGNED_CTX),
    required: (kind) => signatureRequired(kind, { signatureRequired: { receipt: options.receiptRequired ?? true, oneTimeNotice: true, rejection: true } }),
    evidence: store,
    padDriver: () => driver ?? undefined,
    padState: () => (driver ? padState : undefined),
    clerkStaffNumber: () => '0001',
    publishView: (view) => views.push(view),
    publishInk: (event) => ink.push(event),
    log: (line) => logs.push(line),
  });
  return { db, caseId, cases, service, views, ink, logs, store, setPadState: (state) => (padState = state) };
}

/** Ink the on-screen pad sends: a wavy line across the box, in `batches` batches of one stroke. */
function screenLine(session: string, stroke: number, batches = 2): InkEvent[] {
  const points = Array.from({ length: 30 }, (_, i) => ({ x: i / 29, y: 0.4 + (i % 3) * 0.1, p: 0.5, t: i * 8 }));
  const size = Math.ceil(points.length / batches);
  return Array.from({ length: batches }, (_, b) => ({ session, stroke, points: points.slice(b * size, (b + 1) * size) }));
}

describe('SigningService: nothing to sign', () => {
  it('has no 签名 step while no decided case is open, and refuses to start one', async () => {
    const { service, views } = counter({ decided: false });
    expect(service.view()).toBeNull();
    const started = await service.start();
    expect(started).toEqual({ ok: false, message: t.refused.noCase, signing: null });
    service.refresh();
    expect(views).toEqual([]);
    expect(service.submitScreenInk({ session: 'anything', stroke: 0, points: [] })).toEqual({ accepted: false });
  });
});

describe('SigningService: on the pad', () => {
  it('shows the prompt on the pad and turns its reports (device units) into live ink, a stroke per pen-down', async () => {
    const pad = new FakePad();
    const { service, ink, views, caseId } = counter({ driver: pad });
    expect(service.view()).toMatchObject({ phase: 'idle', source: null, aspect: 2, required: true });

    const started = await service.start();
    expect(started).toMatchObject({ ok: true, message: t.started.pad('模拟签名板'), signing: { phase: 'signing', source: 'pad', padName: '模拟签名板', aspect: 2 } });
    expect(pad.calls).toEqual(['begin']);
    expect(pad.prompt).toMatchObject({ slipTitle: '受理通知书', caseNumber: caseId, instruction: t.instruction });
    expect(pad.prompt!.itemName).toContain('食品经营许可');
    expect(views.at(-1)).toMatchObject({ phase: 'signing', session: started.signing!.session });

    const session = started.signing!.session;
    const t0 = performance.now();
    service.penReport([pen(1000, 500, false, t0)]); // hovering
    service.penReport([pen(0, 0, true, t0 + 5)]);
    service.penReport([pen(2000, 1000, true, t0 + 10)]);
    service.penReport([pen(2000, 1000, false, t0 + 15)]);
    service.penReport([pen(500, 250, true, t0 + 20)]);
    // One published event per report that drew, at once (no batching): the clerk's screen draws as the pen moves.
    expect(ink.map((e) => [e.session, e.stroke, e.points.map((p) => [p.x, p.y, p.p])])).toEqual([
      [session, 0, [[0, 0, 128 / 255]]],
      [session, 0, [[1, 1, 128 / 255]]],
      [session, 1, [[0.25, 0.25, 128 / 255]]],
    ]);
    expect(service.view()!.strokes.map((s) => s.length)).toEqual([2, 1]);
  });

  it('重签 clears the ink on the pad too, with a new session: ink of the old box is dropped', async () => {
    const pad = new FakePad();
    const { service } = counter({ driver: pad });
    const first = (await service.start()).signing!.session;
    service.penReport([pen(0, 0, true, 1), pen(100, 0, true, 2)]);
    const reset = await service.reset();
    expect(reset).toMatchObject({ ok: true, message: t.reset, signing: { phase: 'signing', strokes: [] } });
    expect(reset.signing!.session).not.toBe(first);
    expect(pad.calls).toEqual(['begin', 'clear']);
  });

  it('says 已断开 (and offers the screen) when the pad goes away while the applicant signs', async () => {
    const { service, views, setPadState } = counter();
    await service.start();
    setPadState('disconnected');
    service.refresh();
    expect(views.at(-1)).toMatchObject({ phase: 'signing', source: 'pad', message: t.notice.padDisconnected });
    // A new request goes to the screen when the pad is away; asking for the pad by name is refused.
    expect(await service.start('pad')).toMatchObject({ ok: false, message: t.refused.padMissing });
    expect(await service.start()).toMatchObject({ ok: true, signing: { source: 'screen', aspect: SCREEN_PAD_ASPECT, message: '' } });
  });

  it('模拟签名 replays through the pen reports; refused for a pad that is not simulated or not connected', async () => {
    // The manager routes the pad's reports to the service, which needs the pad to be made: wired once both exist.
    const route: { to?: SigningService } = {};
    const simulated = new FakeSimulatedPad((samples) => route.to?.penReport(samples));
    const c = counter({ driver: simulated });
    const service = (route.to = c.service);
    const outcome = await service.simulate();
    expect(outcome).toMatchObject({ ok: true, message: t.simulated, signing: { phase: 'signing', source: 'pad' } });
    expect(c.ink).toHaveLength(40);
    expect(await service.confirm()).toMatchObject({ ok: true, signing: { phase: 'signed' } });
    expect(simulated.calls).toEqual(['begin', 'end']);

    const offline = new FakeSimulatedPad(() => undefined);
    offline.connected = false;
    expect(await counter({ driver: offline }).service.simulate()).toMatchObject({ ok: false, message: t.refused.simulatePadOffline });
    expect(await counter({ driver: new FakePad() }).service.simulate()).toMatchObject({ ok: false, message: t.refused.padNotSimulated });
    expect(await counter({ driver: null }).service.simulate()).toMatchObject({ ok: false, message: t.refused.padNotSimulated });
  });
});

describe('SigningService: on the screen', () => {
  it('takes the screen when no pad is usable; accepts ink only for the current session and publishes it', async () => {
    const { service, ink } = counter({ driver: null });
    const started = await service.start();
    expect(started).toMatchObject({ ok: true, message: t.started.screen, signing: { source: 'screen', padName: null, aspect: SCREEN_PAD_ASPECT } });
    const session = started.signing!.session;
    for (const batch of screenLine(session, 0)) expect(service.submitScreenInk(batch)).toEqual({ accepted: true });
    expect(ink).toHaveLength(2);

    // 重签 from the citizen screen: a batch of the cleared box arrives late and is dropped.
    const reset = await service.reset();
    const [late] = screenLine(session, 1, 1);
    expect(service.submitScreenInk(late!)).toEqual({ accepted: false });
    expect(service.submitScreenInk({ ...late!, session: 'made-up' })).toEqual({ accepted: false });
    expect(service.view()!.strokes).toEqual([]);
    expect(service.submitScreenInk(screenLine(reset.signing!.session, 0, 1)[0]!)).toEqual({ accepted: true });
    expect(ink).toHaveLength(3);
  });

  it('a screen signature kept while a pad is connected is shown in the box it was written in, not the pad’s', async () => {
    const { service } = counter();
    const { signing } = await service.start('screen');
    expect(signing).toMatchObject({ source: 'screen', aspect: SCREEN_PAD_ASPECT });
    for (const batch of screenLine(signing!.session, 0)) service.submitScreenInk(batch);
    const confirmed = await service.confirm();
    expect(confirmed.signing).toMatchObject({ phase: 'signed', aspect: SCREEN_PAD_ASPECT });
    expect(confirmed.signing!.strokes).toHaveLength(1);
  });

  it('a pad connected but in use on the screen gets no ink; pen reports are dropped', async () => {
    const { service, ink } = counter();
    await service.start('screen');
    service.penReport([pen(0, 0, true, 1)]);
    expect(ink).toEqual([]);
  });
});

describe('SigningService: 确认, kept as evidence', () => {
  it('refuses no ink and too little ink (in Chinese), and stores nothing', async () => {
    const { service, store, caseId } = counter({ driver: null });
    const { signing } = await service.start();
    expect(await service.confirm()).toMatchObject({ ok: false, message: t.refused.empty, signing: { phase: 'signing' } });
    service.submitScreenInk({ session: signing!.session, stroke: 0, points: [{ x: 0.5, y: 0.5, p: null, t: 0 }] });
    expect(await service.confirm()).toMatchObject({ ok: false, message: t.refused.tooShort });
    expect(store.latestFor(caseId!, 'receipt')).toBeNull();
  });

  it('says 已签名 only once the record is stored, and a restarted service (a new connection) finds it signed', async () => {
    const c = counter({ driver: null });
    const { signing } = await c.service.start();
    for (const batch of screenLine(signing!.session, 0)) c.service.submitScreenInk(batch);
    const confirmed = await c.service.confirm();
    expect(confirmed).toMatchObject({ ok: true, message: t.signed, signing: { phase: 'signed' } });
    const stored = c.store.latestFor(c.caseId!, 'receipt')!;
    expect(stored).toMatchObject({ kind: 'signed', slipKind: 'receipt', clerkStaffNumber: '0001', pad: { protocol: 'screen', model: t.screenPadModel } });
    // The screen's 30 points, tip down, and the tip-up that ends the stroke.
    expect(stored.samples.filter((s) => s.tip)).toHaveLength(30);
    expect(confirmed.signing).toMatchObject({ verificationCode: stored.verificationCode, signedAt: stored.signedAt });
    expect(c.views.at(-1)).toMatchObject({ phase: 'signed', verificationCode: stored.verificationCode });
    // Signed: no more ink, no re-sign, no waiver.
    expect(c.service.submitScreenInk(screenLine(signing!.session, 1, 1)[0]!)).toEqual({ accepted: false });
    expect(await c.service.reset()).toMatchObject({ ok: false, message: t.refused.alreadySigned });
    expect(await c.service.waive('申请人拒签')).toMatchObject({ ok: false, message: t.refused.waiveWhileSigned });
    expect(await c.service.start()).toMatchObject({ ok: false, message: t.refused.alreadySigned });

    // After a restart (memory gone), from the store: another connection to the same database file.
    const dataDir = join(c.db.name, '..');
    const again = counter({ dataDir, driver: null });
    expect(again.service.view()).toMatchObject({ phase: 'signed', verificationCode: stored.verificationCode, signedAt: stored.signedAt, strokes: [] });
  });

  it('waits out another program’s write lock: 已签名 once stored, the step frozen meanwhile (one record, no ink added)', async () => {
    const c = counter({ driver: null });
    const { signing } = await c.service.start();
    for (const batch of screenLine(signing!.session, 0)) c.service.submitScreenInk(batch);
    const lock = await takeForeignLock(c.db.name);
    locks.push(lock);
    const pending = c.service.confirm();
    // The first write met the lock; while it is retried, both screens are told to wait and new ink is not taken.
    expect(c.service.submitScreenInk(screenLine(signing!.session, 1, 1)[0]!)).toEqual({ accepted: false });
    expect(await c.service.confirm()).toMatchObject({ ok: false, message: t.refused.saving });
    expect(await c.service.reset()).toMatchObject({ ok: false, message: t.refused.saving });
    expect(c.views.at(-1)).toMatchObject({ phase: 'signing' });
    await lock.release();
    expect(await pending).toMatchObject({ ok: true, message: t.signed, signing: { phase: 'signed' } });
    expect(c.db.prepare('SELECT count(*) FROM signatures').pluck().get()).toBe(1);
    expect(c.store.latestFor(c.caseId!, 'receipt')!.samples.filter((s) => s.tip)).toHaveLength(30);
  });

  it('keeps a pad signature with the pad’s description and its raw reports, hover included', async () => {
    const pad = new FakePad();
    const c = counter({ driver: pad });
    await c.service.start();
    const reports = [pen(0, 500, false, 1), ...Array.from({ length: 20 }, (_, i) => pen(i * 100, 500, true, 2 + i)), pen(1900, 500, false, 30)];
    for (const r of reports) c.service.penReport([r]);
    expect(await c.service.confirm()).toMatchObject({ ok: true });
    const stored = c.store.latestFor(c.caseId!, 'receipt')!;
    expect(stored.pad).toEqual(PAD);
    expect(stored.samples).toEqual(reports);
    expect(pad.calls).toEqual(['begin', 'end']);
  });

  it('记录未签名原因: the reason is stored and shown; after a restart too', async () => {
    const pad = new FakePad();
    const c = counter({ driver: pad });
    await c.service.start();
    const waived = await c.service.waive('申请人拒签');
    expect(waived).toMatchObject({ ok: true, message: t.waived('申请人拒签'), signing: { phase: 'waived', waivedReason: '申请人拒签', source: null } });
    expect(pad.calls).toEqual(['begin', 'end']);
    expect(c.store.latestFor(c.caseId!, 'receipt')).toMatchObject({ kind: 'waived', waivedReason: '申请人拒签' });
    const again = counter({ dataDir: join(c.db.name, '..'), driver: null });
    expect(again.service.view()).toMatchObject({ phase: 'waived', waivedReason: '申请人拒签' });
    // The applicant signs after all: the box opens again.
    expect(await again.service.start()).toMatchObject({ ok: true, signing: { phase: 'signing', waivedReason: null } });
  });

  it('cancel closes the box and keeps nothing', async () => {
    const pad = new FakePad();
    const c = counter({ driver: pad });
    await c.service.start();
    c.service.penReport([pen(0, 0, true, 1)]);
    expect(await c.service.cancel()).toMatchObject({ ok: true, message: t.cancelled, signing: { phase: 'idle', strokes: [] } });
    expect(pad.calls).toEqual(['begin', 'end']);
    expect(await c.service.cancel()).toMatchObject({ ok: false, message: t.refused.notSigning });
    expect(c.store.latestFor(c.caseId!, 'receipt')).toBeNull();
  });
});

describe('SigningService: which slips must be signed, and a case changed after signing', () => {
  it('required follows the configuration for the receipt', () => {
    expect(counter({ receiptRequired: false }).service.view()!.required).toBe(false);
    expect(counter({ receiptRequired: true }).service.view()!.required).toBe(true);
  });

  it('a signature of content the clerk then changed no longer counts: back to idle, asking for a new signature', async () => {
    const c = counter({ driver: null });
    const { signing } = await c.service.start();
    for (const batch of screenLine(signing!.session, 0)) c.service.submitScreenInk(batch);
    expect(await c.service.confirm()).toMatchObject({ ok: true });

    // The phone printed on the receipt changes: the signed content is not what the slip would say now.
    expect(c.cases.act({ type: 'setContactPhone', phone: '13900139000' })).toMatchObject({ ok: true });
    c.service.refresh();
    expect(c.views.at(-1)).toMatchObject({ phase: 'idle', message: t.notice.caseChanged, verificationCode: null });
    // A restart says the same (the store's record no longer matches).
    expect(counter({ dataDir: join(c.db.name, '..'), driver: null }).service.view()).toMatchObject({ phase: 'idle', message: t.notice.caseChanged });
    // Signing again clears the message and keeps a new record for the new content.
    const again = await c.service.start();
    expect(again).toMatchObject({ ok: true, signing: { message: '' } });
    for (const batch of screenLine(again.signing!.session, 0)) c.service.submitScreenInk(batch);
    expect(await c.service.confirm()).toMatchObject({ ok: true, signing: { phase: 'signed' } });
  });

  it('a change while signing drops the ink and says why', async () => {
    const c = counter({ driver: null });
    const { signing } = await c.service.start();
    c.service.submitScreenInk(screenLine(signing!.session, 0, 1)[0]!);
    c.cases.act({ type: 'setContactPhone', phone: '13900139000' });
    c.service.refresh();
    expect(c.views.at(-1)).toMatchObject({ phase: 'idle', strokes: [], message: t.notice.caseChanged });
    expect(c.service.submitScreenInk(screenLine(signing!.session, 1, 1)[0]!)).toEqual({ accepted: false });
  });

  it('the step goes away when the decision is withdrawn, and the pad stops asking', async () => {
    const pad = new FakePad();
    const c = counter({ driver: pad });
    await c.service.start();
    expect(c.cases.act({ type: 'withdrawDecision' })).toMatchObject({ ok: true });
    c.service.refresh();
    expect(c.views.at(-1)).toBeNull();
    expect(pad.calls).toEqual(['begin', 'end']);
  });
});
