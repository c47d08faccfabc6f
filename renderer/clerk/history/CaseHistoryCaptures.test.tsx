import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryRowView } from '../../../shared/contract';
import { FakeCounterApi, sampleSnapshot } from '../../test-support/fake-api';
import { CaseHistoryDialog } from './CaseHistoryDialog';

afterEach(cleanup);

const row: HistoryRowView = {
  id: '08-20261123-0002',
  openedAt: '2026-11-23T01:00:00.000Z',
  closedAt: null,
  phase: 'materialCheck',
  status: 'open',
  outcome: null,
  applicantName: '张晓明',
  applicantIdMasked: '110101********3511',
  itemName: '食品经营许可（新办）',
  itemCode: '0100230001-419900-001',
  slips: [],
  captures: [
    { materialId: 'licence-form', materialName: '申请书', pages: 3, capturedAt: '2026-11-23T01:05:00.000Z', purged: false },
    { materialId: 'id-proof', materialName: '身份证明', pages: 1, capturedAt: '2026-11-23T01:06:00.000Z', purged: true },
  ],
};

async function open(pdfLinks: boolean) {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const api = new FakeCounterApi(sampleSnapshot(), {
    searchCases: () => [row],
    caseDayCounts: ({ date }) => ({ date, total: 1, accept: 0, tolerate: 0, notify: 0, reject: 0, abandoned: 0, open: 1 }),
  });
  render(<CaseHistoryDialog api={api} onClose={() => undefined} pdfLinks={pdfLinks} />);
  await act(async () => {
    await vi.advanceTimersByTimeAsync(200);
  });
  vi.useRealTimers();
}

describe('CaseHistoryDialog: captured materials', () => {
  it('lists each captured material with its pages and time, and opens its PDF in the web shell', async () => {
    await open(true);
    const kept = screen.getByTestId(`history-capture-${row.id}-licence-form`);
    expect(kept.textContent).toMatch(/^申请书（3 页，11月23日 \d\d:05）$/);
    expect(kept.querySelector('a')!.getAttribute('href')).toBe(`/captures/${row.id}/licence-form.pdf`);
    // Purged images: still said, never linked.
    const purged = screen.getByTestId(`history-capture-${row.id}-id-proof`);
    expect(purged.textContent).toContain('身份证明（1 页');
    expect(purged.textContent).toContain('图像已按期删除');
    expect(purged.querySelector('a')).toBeNull();
  });

  it('shows the materials without links inside Electron', async () => {
    await open(false);
    expect(screen.getByTestId(`history-capture-${row.id}-licence-form`).querySelector('a')).toBeNull();
  });
});
