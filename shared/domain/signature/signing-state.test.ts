import { describe, expect, it } from 'vitest';
import { InkEventSchema, type InkEvent, type InkPoint, type SigningPhase } from '../../contract/signature';
import type { PadDescription, PenSample } from './pen';
import { inkRefusal, MIN_INK_LENGTH, MIN_INK_POINTS, SigningState } from './signing-state';

const PAD: PadDescription = {
  protocol: 'hid',
  simulated: true,
  vendorId: 1,
  productId: 2,
  model: 'TEST',
  firmware: null,
  x: { min: 0, max: 1000 },
  y: { min: 0, max: 500 },
  pressure: { min: 0, max: 100 },
  resolution: null,
};

const pen = (x: number, tip: boolean, hostTime = 0): PenSample => ({ x, y: 250, pressure: tip ? 50 : 0, tip, inRange: true, deviceTime: null, seq: null, hostTime });

function machine() {
  let n = 0;
  return new SigningState(() => `s${++n}`);
}
const startPad = (s: SigningState) => s.start({ source: 'pad', pad: PAD, aspect: 2, now: 100, nowIso: '2026-03-02T09:00:00.000Z' });
const startScreen = (s: SigningState) => s.start({ source: 'screen', pad: null, aspect: 2.5, now: 100, nowIso: '2026-03-02T09:00:00.000Z' });

/** A horizontal line across the box: long enough to be a signature. */
const line = (n = 20): InkPoint[] => Array.from({ length: n }, (_, i) => ({ x: i / (n - 1), y: 0.5, p: 0.5, t: i }));
const SIGNED = { signedAt: '2026-03-02T09:01:00.000Z', verificationCode: 'ABCD-EFGH' };

/** A machine brought to each phase the way the service does it. */
function inPhase(phase: SigningPhase): SigningState {
  const s = machine();
  if (phase === 'idle') return s;
  if (phase === 'waived') {
    s.markWaived('申请人拒签');
    return s;
  }
  startScreen(s);
  if (phase === 'signing') return s;
  s.screenInk({ session: s.session, stroke: 0, points: line() });
  expect(s.markSigned(SIGNED)).toEqual({ ok: true });
  return s;
}

describe('SigningState: the phases and what each allows', () => {
  const phases: SigningPhase[] = ['idle', 'signing', 'signed', 'waived'];
  // What each step gives from each phase: the next phase, or the refusal.
  const expected: Record<string, Record<SigningPhase, SigningPhase | string>> = {
    start: { idle: 'signing', signing: 'signing', signed: 'alreadySigned', waived: 'signing' },
    reset: { idle: 'notSigning', signing: 'signing', signed: 'alreadySigned', waived: 'notSigning' },
    cancel: { idle: 'notSigning', signing: 'idle', signed: 'alreadySigned', waived: 'notSigning' },
    markWaived: { idle: 'waived', signing: 'waived', signed: 'alreadySigned', waived: 'waived' },
    markSigned: { idle: 'notSigning', signing: 'empty', signed: 'alreadySigned', waived: 'notSigning' },
  };
  const steps: Record<string, (s: SigningState) => { ok: boolean; refusal?: string }> = {
    start: (s) => startScreen(s),
    reset: (s) => s.reset(200, '2026-03-02T09:00:05.000Z'),
    cancel: (s) => s.cancel(),
    markWaived: (s) => s.markWaived('代办人未到场'),
    markSigned: (s) => s.markSigned(SIGNED),
  };
  for (const [step, byPhase] of Object.entries(expected)) {
    for (const from of phases) {
      const want = byPhase[from];
      it(`${step} from ${from} → ${want}`, () => {
        const s = inPhase(from);
        const before = s.session;
        const outcome = steps[step]!(s);
        if ((phases as string[]).includes(want)) {
          expect(outcome).toEqual({ ok: true });
          expect(s.phase).toBe(want);
        } else {
          expect(outcome).toEqual({ ok: false, refusal: want });
          expect(s.phase).toBe(from);
          expect(s.session).toBe(before);
        }
      });
    }
  }

  it('a start, a re-sign and a cancel each take a new session; the old session’s ink is dropped', () => {
    const s = machine();
    const first = s.session;
    startScreen(s);
    const started = s.session;
    expect(started).not.toBe(first);
    expect(s.screenInk({ session: started, stroke: 0, points: line(3) })).toBe(true);
    s.reset(200, '2026-03-02T09:00:05.000Z');
    expect(s.session).not.toBe(started);
    expect(s.strokes).toEqual([]);
    // A batch of the box just cleared, arriving late.
    expect(s.screenInk({ session: started, stroke: 1, points: line(3) })).toBe(false);
    expect(s.strokes).toEqual([]);
    const afterReset = s.session;
    s.cancel();
    expect(s.session).not.toBe(afterReset);
    expect(s.screenInk({ session: afterReset, stroke: 0, points: line(3) })).toBe(false);
  });

  it('a waiver keeps the reason; a start after it clears the reason', () => {
    const s = inPhase('waived');
    expect(s.waivedReason).toBe('申请人拒签');
    startScreen(s);
    expect(s.waivedReason).toBeNull();
  });

  it('restore gives the stored outcome without ink, from any phase', () => {
    for (const from of phases) {
      const s = inPhase(from);
      s.restore({ kind: 'signed', ...SIGNED });
      expect([s.phase, s.signed, s.strokes.length]).toEqual(['signed', SIGNED, 0]);
      s.restore({ kind: 'waived', reason: '申请人拒签' });
      expect([s.phase, s.signed, s.waivedReason]).toEqual(['waived', null, '申请人拒签']);
      s.clear();
      expect([s.phase, s.waivedReason, s.source]).toEqual(['idle', null, null]);
    }
  });
});

describe('SigningState: ink from the pad', () => {
  it('keeps every report while signing, draws only tip-down samples, and splits strokes on tip-up', () => {
    const s = machine();
    startPad(s);
    const session = s.session;
    const events: InkEvent[] = [];
    const report = (...samples: PenSample[]) => events.push(...s.penReport(samples));
    report(pen(0, false, 100)); // hovering: kept, not drawn
    report(pen(0, true, 110));
    report(pen(500, true, 120));
    report(pen(500, false, 130)); // lifted
    report(pen(600, true, 140), pen(1000, true, 150)); // one report, two samples
    expect(s.samples).toHaveLength(6);
    expect(s.strokes.map((stroke) => stroke.map((p) => p.x))).toEqual([[0, 0.5], [0.6, 1]]);
    expect(events).toEqual([
      { session, stroke: 0, points: [{ x: 0, y: 0.5, p: 0.5, t: 10 }] },
      { session, stroke: 0, points: [{ x: 0.5, y: 0.5, p: 0.5, t: 20 }] },
      {
        session,
        stroke: 1,
        points: [
          { x: 0.6, y: 0.5, p: 0.5, t: 40 },
          { x: 1, y: 0.5, p: 0.5, t: 50 },
        ],
      },
    ]);
    for (const event of events) expect(InkEventSchema.safeParse(event).success).toBe(true);
  });

  it('a report that lifts and puts the pen down again gives one event per stroke', () => {
    const s = machine();
    startPad(s);
    const events = s.penReport([pen(0, true), pen(100, true), pen(100, false), pen(200, true)]);
    expect(events.map((e) => [e.stroke, e.points.length])).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });

  it('drops pen reports when nobody is asked to sign on the pad (idle, on-screen signing, signed, waived)', () => {
    for (const s of [inPhase('idle'), inPhase('signing'), inPhase('signed'), inPhase('waived')]) {
      expect(s.penReport([pen(1, true)])).toEqual([]);
      expect(s.samples).toHaveLength(0);
    }
  });

  it('a re-sign starts the ink and the kept reports afresh, and the next tip-down starts stroke 0 of the new session', () => {
    const s = machine();
    startPad(s);
    s.penReport([pen(0, true), pen(10, true)]);
    s.reset(500, '2026-03-02T09:00:05.000Z');
    expect([s.strokes.length, s.samples.length, s.startedAt]).toEqual([0, 0, 500]);
    const [event] = s.penReport([pen(20, true, 510)]);
    expect(event).toMatchObject({ session: s.session, stroke: 0, points: [{ t: 10 }] });
  });
});

describe('SigningState: ink from the screen', () => {
  it('appends to an existing stroke or starts the next; refuses a stroke that skips ahead', () => {
    const s = machine();
    startScreen(s);
    const session = s.session;
    expect(s.screenInk({ session, stroke: 1, points: line(2) })).toBe(false);
    expect(s.screenInk({ session, stroke: 0, points: line(2) })).toBe(true);
    expect(s.screenInk({ session, stroke: 0, points: line(2) })).toBe(true);
    expect(s.screenInk({ session, stroke: 1, points: line(3) })).toBe(true);
    expect(s.screenInk({ session, stroke: 3, points: line(3) })).toBe(false);
    expect(s.strokes.map((stroke) => stroke.length)).toEqual([4, 3]);
  });

  it('is refused while signing on the pad, and the pad’s reports while signing on the screen', () => {
    const s = machine();
    startPad(s);
    expect(s.screenInk({ session: s.session, stroke: 0, points: line(2) })).toBe(false);
    startScreen(s);
    expect(s.penReport([pen(1, true)])).toEqual([]);
  });
});

describe('what counts as a signature (确认)', () => {
  it('refuses no ink, a tap, a dot and a short dash; accepts a line across the box', () => {
    expect(inkRefusal([], 2.5)).toBe('empty');
    expect(inkRefusal([[]], 2.5)).toBe('empty');
    expect(inkRefusal([line(MIN_INK_POINTS - 1)], 2.5)).toBe('tooShort');
    const dot = Array.from({ length: 50 }, (_, i): InkPoint => ({ x: 0.5, y: 0.5, p: 1, t: i }));
    expect(inkRefusal([dot], 2.5)).toBe('tooShort');
    // A dash a little shorter than the minimum, in box heights (x stretched by the aspect).
    const dash = Array.from({ length: 20 }, (_, i): InkPoint => ({ x: (i / 19) * ((MIN_INK_LENGTH * 0.9) / 2.5), y: 0.5, p: 1, t: i }));
    expect(inkRefusal([dash], 2.5)).toBe('tooShort');
    expect(inkRefusal([line()], 2.5)).toBeNull();
  });

  it('counts points and length across strokes', () => {
    const half = line(MIN_INK_POINTS / 2);
    expect(inkRefusal([half, half], 1)).toBeNull();
  });

  it('markSigned refuses the same ink confirmable() refuses, and keeps the ink once signed', () => {
    const s = machine();
    startScreen(s);
    s.screenInk({ session: s.session, stroke: 0, points: line(3) });
    expect(s.confirmable()).toBe('tooShort');
    expect(s.markSigned(SIGNED)).toEqual({ ok: false, refusal: 'tooShort' });
    s.screenInk({ session: s.session, stroke: 1, points: line() });
    expect(s.confirmable()).toBeNull();
    expect(s.markSigned(SIGNED)).toEqual({ ok: true });
    expect([s.phase, s.signed, s.strokes.length]).toEqual(['signed', SIGNED, 2]);
  });
});
