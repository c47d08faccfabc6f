import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryRowView, SlipSignatureView } from '../../../shared/contract';
import { strings } from '../../../shared/i18n';
import { FakeCounterApi, sampleSnapshot } from '../../test-support/fake-api';
import { CaseHistoryDialog } from './CaseHistoryDialog';

const g = strings.signatureScreen.history;
afterEach(cleanup);

const row: HistoryRowView = {
  id: '08-20261123-0002',
  openedAt: '2026-11-23T01:00:00.000Z',
  closedAt: null,
  phase: 'slipPrinted',
  status: 'open',
  outcome: 'accept',
  applicantName: '张晓明',
  applicantIdMasked: '110101********3511',
  itemName: '食品经营许可（新办）',
  itemCode: '0100230001-419900-001',
  slips: [
    { id: 4, kind: 'receipt', number: '政务服务〔2026〕受字第000001号', copy: 1, signature: 'signed' },
    { id: 5, kind: 'receipt', number: '政务服务〔2026〕受字第000002号', copy: 1, signature: 'waived' },
    { id: 6, kind: 'receipt', number: '政务服务〔2026〕受字第000003号', copy: 1, signature: 'none' },
  ],
};

const signed: SlipSignatureView = {
  state: 'signed',
  signedAt: '2026-11-23T01:05:00.000Z',
  verificationCode: 'K7Q2-9XF4',
  waivedReason: null,
  image: 'data:image/png;base64,iVBORw0KGgo=',
  device: '模拟签名板 (0000:0000)',
  points: 312,
  verified: false,
  problem: '签名记录已被改动',
};

async function open() {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const api = new FakeCounterApi(sampleSnapshot(), {
    searchCases: () => [row],
    getSlipSignature: ({ slipId }) => ({
      ok: true,
      message: '',
      signature: slipId === 4 ? signed : { ...signed, state: 'waived', image: null, signedAt: null, verificationCode: null, waivedReason: '申请人拒签', points: 0, verified: true, problem: '' },
    }),
  });
  render(<CaseHistoryDialog api={api} onClose={() => undefined} pdfLinks={false} />);
  await act(async () => {
    await vi.advanceTimersByTimeAsync(200);
  });
  vi.useRealTimers();
  return api;
}

describe('a slip’s signature in 办件记录', () => {
  it('says whether each slip was signed and opens the signature, verified now', async () => {
    const api = await open();
    expect(['4', '5', '6'].map((id) => screen.getByTestId(`history-slip-${id}`).dataset.signature)).toEqual(['signed', 'waived', 'none']);
    expect(screen.getByTestId('history-slip-6').textContent).toContain(g.none);
    await act(async () => {
      fireEvent.click(screen.getByTestId('history-slip-4').querySelector('button')!);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(api.calls.filter((c) => c.method === 'getSlipSignature').map((c) => c.params)).toEqual([{ slipId: 4 }]);
    expect((screen.getByTestId('history-signature-image') as HTMLImageElement).src).toBe(signed.image);
    expect(screen.getByTestId('history-signature-code').textContent).toBe('K7Q2-9XF4');
    expect(screen.getByTestId('history-signature-verified').textContent).toBe(`${g.failed}：签名记录已被改动`);

    await act(async () => {
      fireEvent.click(screen.getByTestId('history-slip-5').querySelector('button')!);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getByTestId('history-signature-reason').textContent).toBe(g.unsigned('申请人拒签'));
    expect(screen.getByTestId('history-signature-verified').dataset.verified).toBe('true');
  });
});
