import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InkEvent, SigningView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { expectQuietConsole } from '../../test-support/console-guard';
import { FakeCounterApi, sampleSnapshot } from '../../test-support/fake-api';
import { inkPoint, RecordingContext, sampleSigning } from '../../test-support/signing-sample';
import { CitizenApp } from '../CitizenApp';

const s = strings.signatureScreen.citizen;
expectQuietConsole();

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => new RecordingContext() as unknown as CanvasRenderingContext2D);
  // The box: 400 × 200 at (100, 50) on the page, the pad's 2:1 area filling it.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(
    () => ({ x: 100, y: 50, left: 100, top: 50, width: 400, height: 200, right: 500, bottom: 250, toJSON: () => '' }) as DOMRect,
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function citizenSigning(view: SigningView | null) {
  const current = { view };
  const api = new FakeCounterApi(sampleSnapshot(), { getSigning: () => current.view });
  const sent: InkEvent[] = [];
  api.handlers.submitScreenInk = (event) => {
    sent.push(event);
    return { accepted: true };
  };
  render(<CitizenApp api={api} connection={null} />);
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return { api, sent, current };
}
const byId = (id: string) => screen.getByTestId(id);
const pointer = (type: 'pointerDown' | 'pointerMove' | 'pointerUp', x: number, y: number, extra: Record<string, unknown> = {}) =>
  act(() => {
    fireEvent[type](byId('signing-box'), { pointerId: 1, isPrimary: true, pointerType: 'mouse', button: 0, clientX: x, clientY: y, ...extra });
  });

describe('the citizen’s signing panel', () => {
  it('wins over the welcome card while signing, and says what is being signed', async () => {
    await citizenSigning(sampleSigning({ source: 'screen' }));
    expect(byId('citizen-screen').dataset.state).toBe('signing');
    expect(byId('signing-title').textContent).toBe(s.signing('受理通知书'));
    expect(byId('signing-item').textContent).toBe('食品经营许可（新办）');
    expect(byId('signing-case').textContent).toBe('C20251123-0001');
    expect(byId('signing-instruction').textContent).toBe('请在框内签名');
  });

  it('turns mouse strokes on the on-screen pad into submitScreenInk batches of normalized points, one stroke index per stroke', async () => {
    const { sent } = await citizenSigning(sampleSigning({ source: 'screen', session: 'abc' }));
    await pointer('pointerDown', 100, 50);
    await pointer('pointerMove', 300, 150);
    await pointer('pointerMove', 700, 400); // outside the box, the pointer captured: clamped to the edge
    await pointer('pointerUp', 700, 400);
    await pointer('pointerDown', 200, 100, { pointerType: 'pen', pressure: 0.8 });
    await pointer('pointerUp', 200, 100, { pointerType: 'pen', pressure: 0 });
    const points = (stroke: number) => sent.filter((e) => e.stroke === stroke).flatMap((e) => e.points.map(({ x, y, p }) => ({ x, y, p })));
    expect(sent.every((e) => e.session === 'abc')).toBe(true);
    expect(points(0)).toEqual([
      { x: 0, y: 0, p: null },
      { x: 0.5, y: 0.5, p: null },
      { x: 1, y: 1, p: null },
    ]);
    expect(points(1)).toEqual([{ x: 0.25, y: 0.25, p: 0.8 }]);
    // Drawn at once on the citizen's own box.
    expect(byId('signing-box-canvas').dataset.points).toBe('4');
  });

  it('重签 and 确认 call the service', async () => {
    const { api } = await citizenSigning(sampleSigning({ source: 'screen' }));
    expect((byId('signing-confirm') as HTMLButtonElement).disabled).toBe(true);
    await pointer('pointerDown', 150, 60);
    await pointer('pointerUp', 160, 70);
    await act(async () => {
      fireEvent.click(byId('signing-reset'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await act(async () => {
      fireEvent.click(byId('signing-confirm'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(api.callsOf('resetSignature')).toBe(1);
    expect(api.callsOf('confirmSignature')).toBe(1);
  });

  it('shows the pad’s live ink and takes no pointer ink when the applicant signs on the pad', async () => {
    const { api, sent } = await citizenSigning(sampleSigning({ source: 'pad', session: 'p1' }));
    await act(() => api.emit('signature.ink', { session: 'p1', stroke: 0, points: [inkPoint(0.1, 0.1, 0), inkPoint(0.2, 0.2, 5)] }));
    await act(() => api.emit('signature.ink', { session: 'old', stroke: 0, points: [inkPoint(0.5, 0.5, 9)] }));
    expect(byId('signing-box-canvas').dataset.points).toBe('2');
    await pointer('pointerDown', 150, 60);
    await pointer('pointerUp', 160, 70);
    expect(sent).toEqual([]);
    expect(byId('signing-instruction').textContent).toBe(s.onPad);
  });

  it('takes no pointer ink when the on-screen pad is the clerk’s (a counter with one screen), and says where to sign', async () => {
    const { sent } = await citizenSigning(sampleSigning({ source: 'screen', screenPad: 'clerk', session: 'c1' }));
    await pointer('pointerDown', 150, 60);
    await pointer('pointerMove', 300, 150);
    await pointer('pointerUp', 300, 150);
    expect(sent).toEqual([]);
    expect(byId('signing-box-canvas').dataset.points).toBe('0');
    expect(byId('signing-instruction').textContent).toBe(s.onClerkScreen);
  });

  it('goes back to the welcome card once the step is gone', async () => {
    const { api } = await citizenSigning(sampleSigning({ source: 'screen' }));
    await act(() => api.emit('signature.changed', null));
    expect(byId('citizen-screen').dataset.state).toBe('welcome');
  });
});
