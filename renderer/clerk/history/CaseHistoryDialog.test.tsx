import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryRowView } from '../../../shared/contract';
import { FakeCounterApi, sampleSnapshot } from '../../test-support/fake-api';
import { CaseHistoryDialog } from './CaseHistoryDialog';

afterEach(cleanup);

const row: HistoryRowView = {
  id: '08-20261123-0002',
  openedAt: '2026-11-23T01:00:00.000Z',
  closedAt: null,
  phase: 'slipPrinted',
  status: 'open',
  outcome: 'notify',
  applicantName: '张晓明',
  applicantIdMasked: '110101********3511',
  itemName: '食品经营许可（新办）',
  itemCode: '0100230001-419900-001',
  slips: [{ id: 4, kind: 'oneTimeNotice', number: '政务服务〔2026〕补字第000001号', copy: 1, signature: 'none' }],
};

async function open(pdfLinks: boolean) {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const api = new FakeCounterApi(sampleSnapshot(), {
    searchCases: (q) => (q.text === '无此人' ? [] : [row]),
    caseDayCounts: ({ date }) => ({ date, total: 3, accept: 1, tolerate: 0, notify: 1, reject: 0, abandoned: 0, open: 1 }),
  });
  const onClose = vi.fn();
  render(<CaseHistoryDialog api={api} onClose={onClose} pdfLinks={pdfLinks} />);
  await act(async () => {
    await vi.advanceTimersByTimeAsync(200);
  });
  vi.useRealTimers();
  return { api, onClose };
}

describe('CaseHistoryDialog', () => {
  it('lists matching cases with masked numbers, the outcome, and today counts', async () => {
    const { api } = await open(true);
    expect(screen.getByTestId(`history-row-${row.id}`).textContent).toContain('110101********3511');
    expect(screen.getByTestId(`history-row-${row.id}`).textContent).toContain('一次性告知');
    expect(screen.getByTestId('history-counts').textContent).toContain('合计 3');
    const link = screen.getByRole('link', { name: '政务服务〔2026〕补字第000001号' });
    expect(link.getAttribute('href')).toBe('/slips/4.pdf');
    const search = api.calls.find((c) => c.method === 'searchCases')!.params as { from: string; to: string };
    expect(search.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(search.to).toBe(search.from);
  });

  it('shows slip numbers without links inside Electron', async () => {
    await open(false);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('政务服务〔2026〕补字第000001号')).toBeTruthy();
  });

  it('searches as the clerk types and says when nothing matches', async () => {
    await open(true);
    vi.useFakeTimers({ shouldAdvanceTime: true });
    fireEvent.change(screen.getByTestId('history-search'), { target: { value: '无此人' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(200);
    });
    vi.useRealTimers();
    expect(screen.getByTestId('history-empty').textContent).toBe('没有符合条件的办件。');
  });

  it('closes on Esc without letting the key reach the case behind it', async () => {
    const { onClose } = await open(true);
    const seen = vi.fn();
    window.addEventListener('keydown', seen);
    fireEvent.keyDown(screen.getByTestId('history-search'), { key: 'Escape' });
    window.removeEventListener('keydown', seen);
    expect(onClose).toHaveBeenCalled();
    expect(seen).not.toHaveBeenCalled();
  });
});
