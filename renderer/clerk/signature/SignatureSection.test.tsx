import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SigningView } from '../../../shared/contract';
import { statesByPhase } from '../../../shared/domain/case/test-kit';
import { strings } from '../../../shared/i18n';
import { CaseSim } from '../../test-support/case-sim';
import { expectQuietConsole } from '../../test-support/console-guard';
import { device, devicesAll } from '../../test-support/fake-api';
import { inkPoint, RecordingContext, sampleSigning } from '../../test-support/signing-sample';
import { ClerkApp } from '../ClerkApp';

const s = strings.signatureScreen.clerk;
expectQuietConsole();

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => new RecordingContext() as unknown as CanvasRenderingContext2D);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A decided case (受理) whose 签名 step the fake service answers with `view`; each method's answer is the next view. */
async function decidedCase(view: SigningView | null, options: { pad?: 'simulated' | 'disconnected' } = {}) {
  const sim = new CaseSim(statesByPhase().decided);
  const api = sim.api;
  api.snapshot.devices = devicesAll('simulated').map((d) => (d.kind === 'signature' ? device('signature', options.pad ?? 'simulated') : d));
  const current = { view };
  const answer = (next: Partial<SigningView>) => {
    current.view = sampleSigning({ ...current.view, ...next });
    return { ok: true, message: '', signing: current.view };
  };
  api.handlers.getSigning = () => current.view;
  api.handlers.startSigning = ({ source }) => answer({ phase: 'signing', session: 's2', source: source ?? 'pad', strokes: [] });
  api.handlers.simulateSignature = () => ({ ok: true, message: '', signing: null });
  api.handlers.resetSignature = () => answer({ session: 's3', strokes: [] });
  api.handlers.confirmSignature = () => answer({ phase: 'signed', signedAt: '2026-03-02T01:05:00.000Z', verificationCode: 'K7Q2-9XF4' });
  api.handlers.waiveSignature = ({ reason }) => answer({ phase: 'waived', waivedReason: reason });
  render(<ClerkApp api={api} connection={null} />);
  await screen.findByTestId('case-panel');
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return { api, current };
}

async function settle(run: () => void) {
  await act(async () => {
    run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
const byId = (id: string) => screen.getByTestId(id);
const button = (id: string) => byId(id) as HTMLButtonElement;
const drawn = () => Number(byId('signature-ink-canvas').dataset.points);

describe('the clerk’s 签名 step', () => {
  it('comes between the decision and the slip: the slip waits, saying why, while a required signature is missing', async () => {
    await decidedCase(sampleSigning({ phase: 'idle', source: null }));
    expect(byId('case-step-sign').dataset.state).toBe('current');
    expect(byId('case-step-slip').dataset.state).toBe('todo');
    expect(button('issue-slip').disabled).toBe(true);
    expect(byId('issue-slip-blocked').textContent).toBe(s.slipBlocked);
    expect(byId('signature-section').dataset.phase).toBe('idle');
  });

  it('draws live ink from signature.ink, ignores an older session’s, and redraws from the view’s strokes after a reconnect', async () => {
    const { api } = await decidedCase(sampleSigning({ session: 's1' }));
    expect(drawn()).toBe(0);
    await settle(() => api.emit('signature.ink', { session: 's1', stroke: 0, points: [inkPoint(0.1, 0.2, 0), inkPoint(0.2, 0.3, 8)] }));
    await settle(() => api.emit('signature.ink', { session: 's1', stroke: 0, points: [inkPoint(0.3, 0.3, 16)] }));
    expect(drawn()).toBe(3);
    expect(byId('signature-strokes').dataset.strokes).toBe('1');
    // Ink of the session before a re-sign arrives late: not drawn.
    await settle(() => api.emit('signature.ink', { session: 's0', stroke: 1, points: [inkPoint(0.9, 0.9, 30)] }));
    expect(drawn()).toBe(3);
    // The view after a reconnect carries all the ink so far.
    const strokes = [[inkPoint(0.1, 0.2, 0), inkPoint(0.2, 0.3, 8), inkPoint(0.3, 0.3, 16)], [inkPoint(0.5, 0.5, 40), inkPoint(0.6, 0.5, 48)]];
    await settle(() => api.emit('signature.changed', sampleSigning({ session: 's1', strokes })));
    expect(drawn()).toBe(5);
    expect(byId('signature-strokes').dataset.strokes).toBe('2');
  });

  it('asks on the pad or the screen, simulates, asks for a re-sign and confirms with the right methods', async () => {
    const { api } = await decidedCase(sampleSigning({ phase: 'idle', source: null }));
    await settle(() => fireEvent.click(byId('signature-source-screen')));
    await settle(() => fireEvent.click(byId('signature-start')));
    expect(api.calls.filter((c) => c.method === 'startSigning').map((c) => c.params)).toEqual([{ source: 'screen' }]);
    expect(byId('signature-section').dataset.phase).toBe('signing');
    expect(screen.queryByTestId('signature-simulate')).toBeNull();
    await settle(() => api.emit('signature.changed', sampleSigning({ session: 's2', source: 'pad' })));
    await settle(() => fireEvent.click(byId('signature-simulate')));
    expect(api.callsOf('simulateSignature')).toBe(1);
    // No ink yet: nothing to confirm or clear.
    expect(button('signature-confirm').disabled).toBe(true);
    await settle(() => api.emit('signature.ink', { session: 's2', stroke: 0, points: [inkPoint(0.1, 0.1, 0), inkPoint(0.4, 0.4, 9)] }));
    await settle(() => fireEvent.click(byId('signature-reset')));
    expect(api.callsOf('resetSignature')).toBe(1);
    expect(drawn()).toBe(0);
    await settle(() => api.emit('signature.ink', { session: 's3', stroke: 0, points: [inkPoint(0.1, 0.1, 0)] }));
    // F6 keeps the signature once there is ink.
    await settle(() => fireEvent.keyDown(window, { key: 'F6' }));
    expect(api.callsOf('confirmSignature')).toBe(1);
    expect(byId('signature-section').dataset.phase).toBe('signed');
    expect(byId('signature-code').textContent).toBe('K7Q2-9XF4');
    expect(byId('case-step-slip').dataset.state).toBe('current');
    expect(button('issue-slip').disabled).toBe(false);
    expect(screen.queryByTestId('issue-slip-blocked')).toBeNull();
  });

  it('F6 asks for the signature; without a pad it asks on the screen', async () => {
    const { api } = await decidedCase(sampleSigning({ phase: 'idle', source: null }), { pad: 'disconnected' });
    expect(screen.queryByTestId('signature-source-pad')).toBeNull();
    await settle(() => fireEvent.keyDown(window, { key: 'F6' }));
    expect(api.calls.filter((c) => c.method === 'startSigning').map((c) => c.params)).toEqual([{ source: 'screen' }]);
  });

  it('records why there is no signature: a common reason, or the clerk’s own words', async () => {
    const { api } = await decidedCase(sampleSigning({ phase: 'idle', source: null }));
    await settle(() => fireEvent.click(byId('signature-waive-open')));
    await settle(() => fireEvent.click(byId('signature-reason-3')));
    await settle(() => fireEvent.click(byId('signature-waive-save')));
    expect(byId('signature-waive-problem').textContent).toBe(s.reasonTooShort);
    expect(api.callsOf('waiveSignature')).toBe(0);
    fireEvent.change(byId('signature-reason-text'), { target: { value: '申请人手部受伤' } });
    await settle(() => fireEvent.click(byId('signature-waive-save')));
    expect(api.calls.filter((c) => c.method === 'waiveSignature').map((c) => c.params)).toEqual([{ reason: '申请人手部受伤' }]);
    expect(byId('signature-waived-reason').textContent).toBe(s.waivedReason('申请人手部受伤'));
    expect(button('issue-slip').disabled).toBe(false);
  });

  it('a common reason is one click', async () => {
    const { api } = await decidedCase(sampleSigning({ phase: 'signing' }));
    await settle(() => fireEvent.click(byId('signature-waive-open')));
    await settle(() => fireEvent.click(byId('signature-reason-1')));
    await settle(() => fireEvent.click(byId('signature-waive-save')));
    expect(api.calls.filter((c) => c.method === 'waiveSignature').map((c) => c.params)).toEqual([{ reason: '代办人未到场' }]);
  });
});

describe('a counter with one screen (devices.signature.screenPad: clerk)', () => {
  const box = () => byId('signature-ink');
  const pointer = (type: 'pointerDown' | 'pointerMove' | 'pointerUp', x: number, y: number) =>
    act(() => {
      fireEvent[type](box(), { pointerId: 3, isPrimary: true, pointerType: 'mouse', button: 0, clientX: x, clientY: y });
    });

  it('the applicant signs in the clerk’s box: drawn at once, sent as submitScreenInk, flushed before 确认', async () => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(
      () => ({ x: 0, y: 0, left: 0, top: 0, width: 400, height: 160, right: 400, bottom: 160, toJSON: () => '' }) as DOMRect,
    );
    const { api } = await decidedCase(sampleSigning({ phase: 'signing', source: 'screen', screenPad: 'clerk', session: 'one', aspect: 2.5 }));
    const sent: { session: string; stroke: number; points: { x: number; y: number }[] }[] = [];
    api.handlers.submitScreenInk = (event) => {
      sent.push(event);
      return { accepted: true };
    };
    expect(byId('signature-where').textContent).toContain(s.thisScreen);
    await pointer('pointerDown', 0, 0);
    await pointer('pointerMove', 200, 80);
    await pointer('pointerMove', 400, 160);
    // 确认 while the pen is still down: what was drawn goes out first, then the signature is kept.
    await settle(() => fireEvent.click(byId('signature-confirm')));
    expect(sent.map((e) => e.session)).toEqual(['one']);
    expect(sent[0]!.points.map(({ x, y }) => [x, y])).toEqual([
      [0, 0],
      [0.5, 0.5],
      [1, 1],
    ]);
    const order = api.calls.map((c) => c.method).filter((m) => m === 'submitScreenInk' || m === 'confirmSignature');
    expect(order).toEqual(['submitScreenInk', 'confirmSignature']);
  });

  it('with the citizen’s screen as the pad, the clerk’s box only shows ink', async () => {
    const { api } = await decidedCase(sampleSigning({ phase: 'signing', source: 'screen', screenPad: 'citizen' }));
    await pointer('pointerDown', 10, 10);
    await pointer('pointerUp', 20, 20);
    expect(api.callsOf('submitScreenInk')).toBe(0);
  });
});

describe('F6 and dialogs', () => {
  it('does nothing while a dialog is over the case', async () => {
    const { api } = await decidedCase(sampleSigning({ phase: 'idle', source: null }));
    await settle(() => fireEvent.keyDown(window, { key: 'F7' }));
    await screen.findByTestId('case-history');
    await settle(() => fireEvent.keyDown(window, { key: 'F6' }));
    expect(api.callsOf('startSigning')).toBe(0);
  });
});
